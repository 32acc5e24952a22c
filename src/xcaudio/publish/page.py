"""`index.html`: the listening page for elderly readers — open it, press one big button.

Everything is inline (no framework, no fonts or scripts from elsewhere), links are relative so
the page works from any host or straight from disk, and without JavaScript every recording is
still a plain link the phone can play.
"""

from __future__ import annotations

from html import escape

from xcaudio.manifest import AudioFile, Story
from xcaudio.publish.days import Edition, chinese_date
from xcaudio.publish.feed import ARTICLES_NAME, FEED_NAME, ai_label, story_anchor
from xcaudio.publish.show import Show

SPEEDS = (0.75, 1.0, 1.25)

STYLE = """
:root { color-scheme: light; --ink: #111; --paper: #fff; --brand: #8f1116; --button: #0b3d91;
  --focus: #ffbf00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font-size: 24px; line-height: 1.7;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; padding-bottom: 13rem; }
header { background: var(--brand); color: #fff; padding: 1rem 1rem 1.2rem; }
header h1 { margin: 0; font-size: 1.6em; line-height: 1.3; }
header p { margin: .4rem 0 0; }
main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
h2 { font-size: 1.3em; margin: 1.6rem 0 .6rem; border-bottom: 4px solid var(--brand); }
h3 { font-size: 1.2em; line-height: 1.45; margin: .2rem 0 .6rem; }
.kicker, .subtitle, .length { margin: 0; color: #333; }
.stories { list-style: none; padding: 0; margin: 0; }
.story { border-top: 2px solid #999; padding: 1.2rem 0; }
.text p { margin: .8rem 0; text-indent: 2em; }
.track { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .6rem 0; }
button, .file { font: inherit; font-weight: bold; border-radius: .5rem; cursor: pointer; }
.play { min-height: 3.2rem; min-width: 10rem; padding: .4rem 1.2rem;
  border: 3px solid var(--button); background: var(--button); color: #fff; font-size: 1.15em; }
.play.playing { background: #fff; color: var(--button); }
.file { color: var(--button); }
.js .file { display: none; }
a { color: var(--button); }
:focus-visible { outline: 4px solid var(--ink); outline-offset: 3px;
  box-shadow: 0 0 0 8px var(--focus); }
details.older { border-top: 4px solid var(--brand); margin-top: 1.6rem; }
details.older > summary { font-size: 1.2em; font-weight: bold; padding: .8rem 0; cursor: pointer; }
.player { display: none; }
.js .player { display: block; position: fixed; left: 0; right: 0; bottom: 0;
  background: #111; color: #fff; border-top: 4px solid var(--focus);
  padding: .6rem 1rem calc(.6rem + env(safe-area-inset-bottom)); }
.player p { margin: 0 0 .4rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem; }
.controls [role="group"] { display: flex; gap: .5rem; }
.controls button { min-height: 3rem; min-width: 4.2rem; padding: .2rem .7rem;
  border: 3px solid #fff; background: #111; color: #fff; }
.controls button[aria-pressed="true"] { background: #fff; color: #111; }
.controls button:disabled { opacity: .45; cursor: default; }
footer { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
"""

SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var audio = document.getElementById("audio");
  var now = document.getElementById("now");
  var toggle = document.getElementById("toggle");
  var back = document.getElementById("back");
  var speeds = Array.prototype.slice.call(document.querySelectorAll(".speed"));
  var plays = Array.prototype.slice.call(document.querySelectorAll(".play"));
  var current = null;
  var rate = 1;
  try { rate = parseFloat(localStorage.getItem("xcaudio-rate")) || 1; } catch (e) {}

  function clock(seconds) {
    if (!isFinite(seconds)) { return "--:--"; }
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function label(button, playing) {
    button.textContent = playing ? "❚❚ 暂停" : "▶ " + button.dataset.label;
    button.setAttribute("aria-label",
      (playing ? "暂停" : button.dataset.label) + "：" + button.dataset.title);
    button.classList.toggle("playing", playing);
  }
  function refresh() {
    var playing = current !== null && !audio.paused;
    plays.forEach(function (button) { label(button, playing && button === current); });
    toggle.textContent = playing ? "❚❚ 暂停" : "▶ 继续";
    toggle.disabled = back.disabled = current === null;
    if (current !== null) {
      var state = playing ? "正在播放：" : audio.ended ? "播放完毕：" : "已暂停：";
      now.textContent = state + current.dataset.title +
        "  " + clock(audio.currentTime) + " / " + clock(audio.duration);
    }
  }
  function setRate(value) {
    rate = value;
    audio.defaultPlaybackRate = audio.playbackRate = value;
    speeds.forEach(function (button) {
      button.setAttribute("aria-pressed", String(parseFloat(button.dataset.rate) === value));
    });
    try { localStorage.setItem("xcaudio-rate", String(value)); } catch (e) {}
  }
  function play() {
    var promise = audio.play();
    if (promise) { promise.catch(refresh); }
  }
  function start(button) {
    if (button === current) {
      if (audio.paused) { play(); } else { audio.pause(); }
      return;
    }
    current = button;
    audio.src = button.dataset.src;
    setRate(rate);
    play();
    refresh();
  }

  plays.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { start(button); });
  });
  speeds.forEach(function (button) {
    button.addEventListener("click", function () { setRate(parseFloat(button.dataset.rate)); });
  });
  toggle.addEventListener("click", function () { if (current) { start(current); } });
  back.addEventListener("click", function () {
    audio.currentTime = Math.max(0, audio.currentTime - 15);
  });
  ["play", "pause", "ended", "timeupdate", "loadedmetadata"].forEach(function (name) {
    audio.addEventListener(name, refresh);
  });
  audio.addEventListener("error", function () {
    if (current) { now.textContent = "无法播放：" + current.dataset.title; }
  });
  setRate(rate);
  refresh();
})();
"""


def spoken_length(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    return f"{minutes}分{second:02d}秒" if minutes else f"{second}秒"


def track(edition: Edition, audio: AudioFile, title: str, label: str) -> str:
    """A play button (shown by the script) and the plain link it replaces."""
    src = escape(edition.relative_url(audio.file))
    return (
        f'<div class="track">'
        f'<button type="button" class="play" hidden data-src="{src}" '
        f'data-title="{escape(title)}" data-label="{escape(label)}" '
        f'aria-label="{escape(label)}：{escape(title)}">▶ {escape(label)}</button>'
        f'<span class="length">时长 {spoken_length(audio.duration)}</span>'
        f'<a class="file" href="{src}">▶ 收听：{escape(title)}</a>'
        f"</div>"
    )


def optional_line(css_class: str, text: str | None) -> str:
    return f'<p class="{css_class}">{escape(text)}</p>' if text else ""


def story_block(edition: Edition, story: Story) -> str:
    paragraphs = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
    return (
        f'<li class="story" id="{story_anchor(edition, story)}"><article>'
        f"{optional_line('kicker', story.kicker)}"
        f"<h3>{escape(story.title)}</h3>"
        f"{optional_line('subtitle', story.subtitle)}"
        f"{track(edition, story.audio, story.title, '播放这篇')}"
        f'<div class="text">{paragraphs}</div>'
        f"</article></li>"
    )


def day_block(edition: Edition) -> str:
    heading = chinese_date(edition.date)
    stories = "".join(story_block(edition, story) for story in edition.stories)
    return (
        f'<section class="day" id="{edition.folder.name}" aria-label="{heading}">'
        f"<h2>{heading}</h2>"
        f"{track(edition, edition.day.bulletin, f'{heading} 全部新闻', '播放全部新闻')}"
        f'<ol class="stories">{stories}</ol>'
        f"</section>"
    )


def older_days(editions: list[Edition]) -> str:
    """Earlier days fold away so the newest paper is what the page opens on."""
    return "".join(
        f'<details class="older"><summary>往期：{chinese_date(edition.date)}</summary>'
        f"{day_block(edition)}</details>"
        for edition in editions
    )


def speed_buttons() -> str:
    return "".join(
        f'<button type="button" class="speed" data-rate="{speed}" aria-pressed="false">'
        f"{speed:g}×</button>"
        for speed in SPEEDS
    )


def render_page(editions: list[Edition], show: Show) -> str:
    if editions:
        body = day_block(editions[0]) + older_days(editions[1:])
        label = ai_label(editions[0], show)
    else:
        body = "<p>今天的有声版还没有做好，请稍后再来。</p>"
        label = show.ai_label
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{escape(show.title)}</title>
<link rel="alternate" type="application/rss+xml" title="{escape(show.title)}" href="{FEED_NAME}">
<style>{STYLE}</style>
</head>
<body>
<header><h1>{escape(show.title)}</h1><p>每天的《许昌日报》，读给您听。按蓝色按钮就能收听。</p>
<p class="ai-label">{escape(label)}</p></header>
<main>{body}</main>
<footer><p>在播客应用里订阅：<a href="{FEED_NAME}">每日合辑</a>
<a href="{ARTICLES_NAME}">单篇新闻</a></p>
<p>{escape(show.subtitle)} · {escape(show.author)}</p></footer>
<div class="player" role="region" aria-label="播放器">
<p id="now">请按上面的“▶ 播放”按钮</p>
<div class="controls">
<button type="button" id="toggle" disabled>▶ 继续</button>
<button type="button" id="back" disabled>后退15秒</button>
<span role="group" aria-label="语速">{speed_buttons()}</span>
</div>
<audio id="audio" preload="none"></audio>
</div>
<script>{SCRIPT}</script>
</body>
</html>
"""
