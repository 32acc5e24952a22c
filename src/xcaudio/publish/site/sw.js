/* The listening page's service worker: the page and what a listener has played keep working
 * when the phone loses its connection.
 *
 * - The page (index.html) comes from the network when it answers within a few seconds, so a
 *   new morning's news shows at once; otherwise, and offline, from the copy kept last time.
 * - The page's style, script, manifest and icons are kept when this worker is installed; their
 *   addresses carry the site's version (?v=…), the same as this worker's, so a new version of
 *   the site replaces them all together.
 * - A recording is kept whole the first time it is played (a player always reads a file's
 *   start first), and the player's byte ranges are then answered from the copy, so it plays
 *   and seeks offline as before. Only the few recordings played last are kept (each up to
 *   10 MB): the day's bulletin holds every story.
 * - Transcripts and chapters are answered from the copy when there is one, and refreshed.
 */
"use strict";

var VERSION = new URL(self.location.href).searchParams.get("v") || "0";
var SITE_CACHE = "xcaudio-site-" + VERSION;
var PAGE_CACHE = "xcaudio-page";
var AUDIO_CACHE = "xcaudio-audio";
var AUDIO_KEPT = 4;
var PAGE_WAIT = 4000;
var downloading = {};       // recordings being fetched whole, by address
var SCOPE = new URL(self.registration.scope);
var PAGE_URL = new URL("./", SCOPE).href;
var SITE_FILES = [
  "listen.css?v=" + VERSION,
  "player.js?v=" + VERSION,
  "app.webmanifest?v=" + VERSION,
  "icon-192.png",
  "icon-512.png",
  "icon-maskable-512.png",
  "apple-touch-icon.png"
];

function fresh(url) { return new Request(new URL(url, SCOPE).href, { cache: "reload" }); }

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all([
    caches.open(SITE_CACHE).then(function (cache) { return cache.addAll(SITE_FILES.map(fresh)); }),
    caches.open(PAGE_CACHE).then(function (cache) { return cache.add(fresh(PAGE_URL)); })
  ]).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("xcaudio-site-") === 0 && name !== SITE_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  var inScope = url.origin === SCOPE.origin && url.pathname.indexOf(SCOPE.pathname) === 0;
  if (request.method !== "GET" || !inScope) {
    return;
  }
  var path = url.pathname.slice(SCOPE.pathname.length);
  if (path === "" || path === "index.html") {
    event.respondWith(page(event));
  } else if (/\.mp3$/.test(path)) {
    event.respondWith(recording(event, url.origin + url.pathname));
  } else if (url.searchParams.has("v") || /\.png$/.test(path)) {
    event.respondWith(caches.match(request).then(function (kept) {
      return kept || fetch(request);
    }));
  } else if (/\.(vtt|json)$/.test(path)) {
    event.respondWith(keptThenRefreshed(event));
  }
});

function page(event) {
  var network = fetch(event.request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) {
        return cache.put(PAGE_URL, copy);
      }));
    }
    return response;
  });
  return caches.match(PAGE_URL, { cacheName: PAGE_CACHE }).then(function (kept) {
    if (!kept) { return network; }
    var slow = new Promise(function (resolve) {
      setTimeout(function () { resolve(kept); }, PAGE_WAIT);
    });
    return Promise.race([network.catch(function () { return kept; }), slow]);
  });
}

function keptThenRefreshed(event) {
  var request = event.request;
  var refreshed = fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) {
        return cache.put(request, copy);
      }));
    }
    return response;
  });
  return caches.match(request, { cacheName: PAGE_CACHE }).then(function (kept) {
    if (kept) {
      event.waitUntil(refreshed.catch(function () { /* offline: the copy stays */ }));
      return kept;
    }
    return refreshed;
  });
}

function recording(event, url) {
  var range = (event.request.headers.get("range") || "").trim();
  return caches.open(AUDIO_CACHE).then(function (cache) {
    return cache.match(url).then(function (kept) {
      if (kept) { return range ? part(kept, range) : kept; }
      if ((range && !/^bytes=0-/.test(range)) || downloading[url]) { return fetch(event.request); }
      // Played from its start: fetched whole, once, and kept. A player that asked for all of
      // it (Chrome: bytes=0-) reads this same download; one that asked for a few bytes first
      // (Safari: bytes=0-1) is answered from the network meanwhile.
      downloading[url] = true;
      var whole = fetch(url).then(function (response) {
        if (response.status === 200) { event.waitUntil(keep(cache, url, response.clone())); }
        else { delete downloading[url]; }
        return response;
      }, function (error) {
        delete downloading[url];
        throw error;
      });
      return !range || range === "bytes=0-" ? whole : fetch(event.request);
    });
  });
}

function keep(cache, url, response) {
  return cache.put(url, response).then(function () {
    return cache.keys();
  }).then(function (requests) {
    var extra = requests.slice(0, Math.max(0, requests.length - AUDIO_KEPT));
    return Promise.all(extra.map(function (request) { return cache.delete(request); }));
  }).catch(function () {
    /* the download broke off: it is fetched again the next time it is played */
  }).then(function () { delete downloading[url]; });
}

function part(response, range) {
  return response.blob().then(function (blob) {
    var match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!match || (match[1] === "" && match[2] === "")) {
      return new Response(blob, { headers: headers(blob.size) });
    }
    var start = match[1] === "" ? Math.max(0, blob.size - Number(match[2])) : Number(match[1]);
    var last = blob.size - 1;
    var end = match[1] !== "" && match[2] !== "" ? Math.min(Number(match[2]), last) : last;
    if (start >= blob.size || end < start) {
      return new Response(null, {
        status: 416, headers: { "Content-Range": "bytes */" + blob.size }
      });
    }
    var answer = headers(end - start + 1);
    answer["Content-Range"] = "bytes " + start + "-" + end + "/" + blob.size;
    return new Response(blob.slice(start, end + 1), { status: 206, headers: answer });
  });
}

function headers(length) {
  return {
    "Content-Type": "audio/mpeg", "Content-Length": String(length), "Accept-Ranges": "bytes"
  };
}
