/* The listening page's player: one <audio> element for every button on the page.
 *
 * A day's story buttons play the day's bulletin from that story's chapter, so the news runs on
 * as on the radio and "previous" and "next" move between stories; "只听这一篇" plays a story's
 * own recording, and then "previous" and "next" move to the neighbouring stories' recordings.
 * The place in each day is remembered in localStorage and offered back on the next visit; the
 * lock screen and a headset's buttons work through the Media Session API; the sentence being
 * spoken is highlighted in a story's full text when it is open. Without this script every
 * button is a plain link to the recording.
 */
(function () {
  "use strict";

  var OPENING = "开场";
  var CLOSING = "结束";
  var RESTART_WITHIN = 3;     // "previous" this far into a story goes to the one before
  var SKIP_BACK = 15;
  var SAVE_EVERY = 5;         // seconds of listening between saves of the place
  var WORTH_RESUMING = 10;    // seconds: less than this into a day is not worth offering
  var USER_SCROLL_QUIET = 5000;
  var SENTENCE_END = "。！？；…";
  var CLOSERS = "”’」』）)》";
  var PLACE_KEY = "xcaudio:place:";
  var RATE_KEY = "xcaudio:rate";

  var root = document.documentElement;
  root.classList.add("js");
  var $ = function (id) { return document.getElementById(id); };
  var audio = $("audio");
  var player = $("player");
  var ui = {
    now: $("now"), elapsed: $("elapsed"), total: $("total"), seek: $("seek"),
    prev: $("prev"), back: $("back"), toggle: $("toggle"), toggleLabel: $("toggle-label"),
    next: $("next"), speed: $("speed"), rate: $("rate"), speeds: $("speeds"), more: $("more"),
    moreLabel: $("more-label")
  };
  var speedButtons = Array.prototype.slice.call(ui.speeds.querySelectorAll("button"));
  var session = "mediaSession" in navigator ? navigator.mediaSession : null;

  var track = null;          // what is loaded: {kind, day, src, transcript, chapters, index}
  var chapter = -1;          // index into track.chapters
  var pendingSeek = null;
  var dragging = false;
  var lastSaved = -Infinity;
  var lastUserScroll = 0;
  var mark = null;

  function all(selector, within) {
    return Array.prototype.slice.call((within || document).querySelectorAll(selector));
  }
  function number(text) { return parseFloat(text) || 0; }
  function clock(seconds) {
    if (!isFinite(seconds)) { return "--:--"; }
    var s = Math.floor(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor(s / 60) % 60;
    var rest = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + rest : m + ":" + rest;
  }
  function spoken(seconds) {
    var s = Math.floor(seconds || 0);
    return Math.floor(s / 60) ? Math.floor(s / 60) + "分" + (s % 60) + "秒" : s + "秒";
  }
  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); }
      else { localStorage.setItem(key, JSON.stringify(value)); }
    } catch (e) { /* private browsing: nothing is remembered */ }
  }

  /* What can be played: a day's bulletin with its chapters, or one story's recording. */
  function storyButtons(day) { return all(".play-story", day); }
  function bulletinTrack(day) {
    var stories = storyButtons(day);
    var duration = number(day.dataset.duration);
    var chapters = [{
      title: day.dataset.title + " " + OPENING, start: 0,
      end: stories.length ? number(stories[0].dataset.start) : duration, button: null
    }];
    stories.forEach(function (button) {
      chapters.push({
        title: button.dataset.title, start: number(button.dataset.start),
        end: number(button.dataset.end), button: button
      });
    });
    var last = chapters[chapters.length - 1];
    if (last.end < duration - 0.5) {
      chapters.push({
        title: day.dataset.title + " " + CLOSING, start: last.end, end: duration, button: null,
        closing: true
      });
    }
    return {
      kind: "bulletin", day: day, src: day.dataset.bulletin, transcript: day.dataset.transcript,
      chapters: chapters, index: null
    };
  }
  function storyTrack(day, index) {
    var alone = all(".play-alone", day)[index];
    return {
      kind: "story", day: day, src: alone.getAttribute("href"),
      transcript: alone.dataset.transcript,
      chapters: [{
        title: alone.dataset.title, start: 0, end: Infinity, button: storyButtons(day)[index]
      }],
      index: index
    };
  }

  function open(next, at) {
    if (!track || track.src !== next.src) {
      audio.src = next.src;
      setTranscript(next.transcript);
      chapter = -1;
    }
    track = next;
    audio.playbackRate = audio.defaultPlaybackRate = currentRate();
    seekTo(at);
    play();
    player.hidden = false;
    hideResume(next.day);
    refresh();
  }
  function play() {
    var promise = audio.play();
    if (promise) { promise.catch(refresh); }
  }
  function seekTo(seconds) {
    if (audio.readyState < 1) { pendingSeek = seconds; return; }
    var end = isFinite(audio.duration) ? audio.duration : seconds;
    audio.currentTime = Math.max(0, Math.min(seconds, end));
  }
  audio.addEventListener("loadedmetadata", function () {
    if (pendingSeek !== null) {
      var at = pendingSeek;
      pendingSeek = null;
      seekTo(at);
    }
  });

  function currentChapter() {
    if (!track) { return -1; }
    var time = pendingSeek !== null ? pendingSeek : audio.currentTime;
    var found = 0;
    track.chapters.forEach(function (item, index) {
      if (item.start <= time + 0.05) { found = index; }
    });
    return found;
  }
  function skip(direction) {
    if (!track) { return; }
    var time = audio.currentTime;
    if (track.kind === "story") {
      var target = track.index + direction;
      if (direction < 0 && time > RESTART_WITHIN) { seekTo(0); return; }
      if (target >= 0 && target < all(".play-alone", track.day).length) {
        open(storyTrack(track.day, target), 0);
      }
      return;
    }
    var index = currentChapter();
    if (direction < 0 && time - track.chapters[index].start > RESTART_WITHIN) {
      seekTo(track.chapters[index].start);
    } else if (track.chapters[index + direction]) {
      seekTo(track.chapters[index + direction].start);
    }
    if (audio.paused) { play(); }
  }

  /* The visible state, after anything happens. */
  function refresh() {
    var playing = track !== null && !audio.paused && !audio.ended;
    player.classList.toggle("playing", playing);
    ui.toggleLabel.textContent = playing ? "暂停" : "播放";
    var index = currentChapter();
    if (index !== chapter) { chapterChanged(index); }
    var duration = audio.duration;
    var time = pendingSeek !== null ? pendingSeek : audio.currentTime;
    ui.total.textContent = clock(duration);
    if (!dragging) {
      ui.elapsed.textContent = clock(time);
      ui.seek.max = isFinite(duration) ? Math.floor(duration) : 0;
      ui.seek.value = Math.floor(time);
      describeSeek(time);
    }
    var stories = track && track.kind === "story";
    ui.prev.disabled = !track ||
      (index === 0 && time <= RESTART_WITHIN && (!stories || track.index === 0));
    ui.next.disabled = !track || (stories
      ? track.index >= all(".play-alone", track.day).length - 1
      : index >= track.chapters.length - 1);
    if (session && isFinite(duration)) {
      session.playbackState = playing ? "playing" : "paused";
      try {
        session.setPositionState({ duration: duration, playbackRate: audio.playbackRate,
          position: Math.min(audio.currentTime, duration) });
      } catch (e) { /* an older browser without position state */ }
    }
  }
  function describeSeek(time) {
    var duration = audio.duration;
    var share = isFinite(duration) && duration ? 100 * time / duration : 0;
    ui.seek.style.setProperty("--played", share + "%");
    ui.seek.setAttribute("aria-valuetext", spoken(time) + "，共" + spoken(duration));
  }
  function chapterChanged(index) {
    chapter = index;
    all('.play-story[aria-current="true"]').forEach(function (button) {
      button.removeAttribute("aria-current");
    });
    clearMark();
    if (index < 0) { return; }
    var item = track.chapters[index];
    ui.now.textContent = item.title;
    if (item.button) { item.button.setAttribute("aria-current", "true"); }
    if (session && window.MediaMetadata) {
      session.metadata = new MediaMetadata({
        title: item.title, artist: document.body.dataset.show, album: track.day.dataset.title,
        artwork: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" }
        ]
      });
    }
  }

  /* Speed: three choices in a small menu, remembered. */
  function currentRate() { return number(load(RATE_KEY)) || 1; }
  function setRate(rate) {
    store(RATE_KEY, rate);
    audio.playbackRate = audio.defaultPlaybackRate = rate;
    ui.rate.textContent = rate + "×";
    speedButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(number(button.dataset.rate) === rate));
    });
  }
  function showSpeeds(show) {
    ui.speeds.hidden = !show;
    ui.speed.setAttribute("aria-expanded", String(show));
  }

  /* Where each day was left, and the offer to go on from there. */
  function remember(force) {
    if (!track || (!force && Math.abs(audio.currentTime - lastSaved) < SAVE_EVERY)) { return; }
    lastSaved = audio.currentTime;
    var key = PLACE_KEY + track.day.dataset.day;
    var finished = audio.ended || track.chapters[currentChapter()].closing;
    if (finished) { store(key, null); return; }
    store(key, { kind: track.kind, index: track.index, at: Math.floor(audio.currentTime),
      title: track.chapters[currentChapter()].title });
  }
  function offerResume(day) {
    var place = load(PLACE_KEY + day.dataset.day);
    var box = day.querySelector(".resume");
    if (!place || !box || place.at < WORTH_RESUMING) { return; }
    var button = document.createElement("a");
    button.href = place.kind === "story" ? all(".play-alone", day)[place.index].getAttribute("href")
      : day.dataset.bulletin;
    button.setAttribute("role", "button");
    button.textContent = "▶ 接着听：" + place.title;
    var where = document.createElement("span");
    where.className = "length";
    where.textContent = "从" + spoken(place.at) + "处继续";
    button.appendChild(where);
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var next = place.kind === "story" ? storyTrack(day, place.index) : bulletinTrack(day);
      open(next, place.at);
    });
    box.appendChild(button);
    box.hidden = false;
  }
  function hideResume(day) {
    var box = day.querySelector(".resume");
    if (box) { box.hidden = true; }
  }

  /* The sentence being spoken, highlighted in the story's full text when it is open. */
  function setTranscript(url) {
    all("track", audio).forEach(function (old) { old.remove(); });
    if (!url) { return; }
    var element = document.createElement("track");
    element.kind = "metadata";
    element.src = url;
    audio.appendChild(element);
    element.track.mode = "hidden";
    element.track.addEventListener("cuechange", function () {
      var cue = element.track.activeCues && element.track.activeCues[0];
      highlight(cue ? cue.text : "");
    });
  }
  function clearMark() {
    if (!mark) { return; }
    var parent = mark.parentNode;
    parent.replaceChild(document.createTextNode(mark.textContent), mark);
    parent.normalize();
    mark = null;
  }
  function sentenceAround(text, from, to) {
    function ends(at) {  // a sentence ends just before `at`, after its closing quote if any
      return SENTENCE_END.indexOf(text[at - 1]) >= 0 ||
        (CLOSERS.indexOf(text[at - 1]) >= 0 && SENTENCE_END.indexOf(text[at - 2]) >= 0);
    }
    while (from > 0 && !ends(from)) { from -= 1; }
    while (to < text.length && SENTENCE_END.indexOf(text[to - 1]) < 0) { to += 1; }
    while (to < text.length && CLOSERS.indexOf(text[to]) >= 0) { to += 1; }
    return [from, to];
  }
  function highlight(cueText) {
    clearMark();
    var item = track && track.chapters[chapter];
    var words = cueText.replace(/\s+/g, "");
    if (!words || !item || !item.button) { return; }
    var fold = item.button.closest(".story").querySelector(".fulltext");
    if (!fold.open) { return; }
    all(".paragraphs p", fold).some(function (paragraph) {
      var text = paragraph.textContent;
      var compact = "";
      var positions = [];
      for (var i = 0; i < text.length; i += 1) {
        if (!/\s/.test(text[i])) { compact += text[i]; positions.push(i); }
      }
      var at = compact.indexOf(words);
      if (at < 0) { return false; }
      var span = sentenceAround(text, positions[at], positions[at + words.length - 1] + 1);
      var range = document.createRange();
      range.setStart(paragraph.firstChild, span[0]);
      range.setEnd(paragraph.firstChild, span[1]);
      mark = document.createElement("mark");
      mark.className = "speaking";
      range.surroundContents(mark);
      var box = mark.getBoundingClientRect();
      var visible = box.top >= 0 && box.bottom <= window.innerHeight - player.offsetHeight;
      if (!visible && Date.now() - lastUserScroll > USER_SCROLL_QUIET) {
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
      }
      return true;
    });
  }
  ["wheel", "touchmove", "keydown"].forEach(function (name) {
    window.addEventListener(name, function () { lastUserScroll = Date.now(); }, { passive: true });
  });

  /* Buttons on the page: links to the recordings, played here instead. */
  all(".play-day, .play-story, .play-alone").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var day = link.closest(".day");
      if (link.classList.contains("play-alone")) {
        open(storyTrack(day, all(".play-alone", day).indexOf(link)), 0);
      } else {
        open(bulletinTrack(day), number(link.dataset.start));
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target.tagName === "A" && target.getAttribute("role") === "button") {
      event.preventDefault();
      target.click();
    }
    if (event.key === "Escape" && !ui.speeds.hidden) {
      showSpeeds(false);
      ui.speed.focus();
    }
  });

  /* The player's own controls. */
  ui.toggle.addEventListener("click", function () {
    if (!track) { return; }
    if (audio.paused || audio.ended) { play(); } else { audio.pause(); }
  });
  ui.prev.addEventListener("click", function () { skip(-1); });
  ui.next.addEventListener("click", function () { skip(1); });
  ui.back.addEventListener("click", function () { seekTo(audio.currentTime - SKIP_BACK); });
  ui.seek.addEventListener("input", function () {
    dragging = true;
    ui.elapsed.textContent = clock(number(ui.seek.value));
    describeSeek(number(ui.seek.value));
  });
  ui.seek.addEventListener("change", function () {
    dragging = false;
    seekTo(number(ui.seek.value));
  });
  ui.speed.addEventListener("click", function () { showSpeeds(ui.speeds.hidden); });
  speedButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      setRate(number(button.dataset.rate));
      showSpeeds(false);
      ui.speed.focus();
    });
  });
  document.addEventListener("click", function (event) {
    var outside = !ui.speeds.contains(event.target) && !ui.speed.contains(event.target);
    if (!ui.speeds.hidden && outside) {
      showSpeeds(false);
    }
  });
  ui.more.addEventListener("click", function () {
    var expanded = !player.classList.contains("expanded");
    player.classList.toggle("expanded", expanded);
    ui.more.setAttribute("aria-expanded", String(expanded));
    ui.moreLabel.textContent = expanded ? "收起" : "更多";
  });

  ["play", "pause", "ended", "timeupdate", "loadedmetadata", "durationchange", "ratechange",
    "seeked"].forEach(function (name) { audio.addEventListener(name, refresh); });
  audio.addEventListener("timeupdate", function () { remember(false); });
  ["pause", "ended", "seeked"].forEach(function (name) {
    audio.addEventListener(name, function () { remember(true); });
  });
  window.addEventListener("pagehide", function () { remember(true); });
  audio.addEventListener("error", function () {
    if (track) { ui.now.textContent = "无法播放，请检查网络后再试：" + track.chapters[0].title; }
  });

  if (session) {
    var actions = {
      play: play,
      pause: function () { audio.pause(); },
      previoustrack: function () { skip(-1); },
      nexttrack: function () { skip(1); },
      seekbackward: function (details) {
        seekTo(audio.currentTime - (details.seekOffset || SKIP_BACK));
      },
      seekforward: function (details) {
        seekTo(audio.currentTime + (details.seekOffset || SKIP_BACK));
      },
      seekto: function (details) { seekTo(details.seekTime); }
    };
    Object.keys(actions).forEach(function (name) {
      try { session.setActionHandler(name, actions[name]); } catch (e) { /* not supported here */ }
    });
  }

  /* The player's height, so that the end of the page is never under it. */
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      root.style.setProperty("--player-height", (player.hidden ? 0 : player.offsetHeight) + "px");
    }).observe(player);
  }

  /* A link to a story (from a podcast app) opens its full text, and the day it is in. */
  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    var fold = target.querySelector(".fulltext");
    if (fold && target.classList.contains("story")) { fold.open = true; }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", showTarget);

  /* The newest day says 今天 only while it is today. */
  var newest = document.querySelector(".day.today");
  if (newest) {
    var now = new Date();
    var today = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" +
      ("0" + now.getDate()).slice(-2);
    if (newest.dataset.day !== today) {
      all(".when", newest).forEach(function (word) { word.textContent = newest.dataset.short; });
    }
  }

  setRate(currentRate());
  all(".day").forEach(offerResume);
  showTarget();

  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js?v=" + document.body.dataset.version).catch(function () {
      /* no offline copy: the page still works online */
    });
  }
})();
