"""The daily run with no one there: a folder of the day's PDFs in, the units that start it,
and the web server in front of it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from . import feedcheck, newspaper
from .conftest import ROOT, XCAUDIO, run_xcaudio
from .test_faults import copy_feed, hashes, one_line_error
from .test_golive import free_port, gpodder_downloads, mp3s, set_settings

DEPLOY = ROOT / "deploy"
UNITS = ("xcaudio-render.service", "xcaudio-render.timer")
INSTALLED = "/opt/xcaudio/.venv/bin/xcaudio"


def one_story_page(number: int, title: str, body: list[str]) -> newspaper.PageSpec:
    story = newspaper.Story(title=title, body=body, dateline="本报讯", byline="记者 王芳",
                            people=["王芳"])
    return newspaper.PageSpec(number=number, label="要闻", blocks=[newspaper.Block(story, 0, 5)])


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the desk leaves for the morning: two pages named with the day, and a stray note."""
    if not newspaper.font_available():
        pytest.skip("no CJK font to set pages")
    folder = tmp_path_factory.mktemp("inbox")
    newspaper.build_pdf([one_story_page(2, "我市春季植树工作完成", [
        "今年春季，全市共完成植树造林一万二千亩，新建村庄绿化示范点三十个。",
        "林业部门表示，下一步将抓好新栽苗木的管护。"])], folder / "2020-04-19_A02.pdf")
    newspaper.build_pdf([one_story_page(1, "许昌市召开防汛工作会议", [
        "4月18日，许昌市召开防汛工作会议，部署今年的防汛准备工作，要求各地在汛期到来之前完成"
        "隐患排查。", "会议强调，各级各部门要压实责任，确保安全度汛。"])],
        folder / "2020-04-19_A01.pdf")
    (folder / "readme.txt").write_text("版面已传。\n", encoding="utf-8")
    return folder


def test_a_folder_of_pdfs_is_the_day_named_in_its_files(inbox: Path, two_briefs_day: Path,
                                                        speech_cache: Path,
                                                        tmp_path: Path) -> None:
    out = copy_feed(two_briefs_day, tmp_path / "feed")
    run_xcaudio("render", inbox, "--out", out, "--jobs", "2", cache=speech_cache)
    manifest = json.loads((out / "2020-04-19" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sources"] == ["2020-04-19_A01.pdf", "2020-04-19_A02.pdf"]
    assert [story["title"] for story in manifest["stories"]] == [
        "许昌市召开防汛工作会议", "我市春季植树工作完成"]
    assert (out / "2020-04-17" / "manifest.json").is_file(), "the earlier day stays"


@pytest.mark.parametrize(("case", "message"), [
    ("no pdfs", "no page PDFs in this folder"),
    ("two days", "the page files are of different days: 2020-04-18, 2020-04-19"),
    ("yesterday's pages", "the page files are of 2020-04-19, not 2020-04-20"),
    ("today's run on old pages", "the page files are of 2020-04-19, not "),
])
def test_a_day_that_cannot_be_published_is_one_line_and_the_feed_stays(
        case: str, message: str, inbox: Path, two_briefs_day: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    shutil.copytree(inbox, folder)
    arguments: list[str | Path] = [folder]
    if case == "no pdfs":
        for pdf in folder.glob("*.pdf"):
            pdf.unlink()
    elif case == "two days":
        (folder / "2020-04-19_A02.pdf").rename(folder / "2020-04-18_A02.pdf")
    elif case == "yesterday's pages":
        arguments += ["--date", "2020-04-20"]
    else:
        arguments += ["--date", "today"]
    out = copy_feed(two_briefs_day, tmp_path / "feed")
    before = hashes(out)
    result = run_xcaudio("render", *arguments, "--out", out, check=False)
    assert message in one_line_error(result)
    assert hashes(out) == before


def unit_command(unit: str) -> list[str]:
    line = next(line for line in (DEPLOY / unit).read_text().splitlines()
                if line.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def test_the_timer_and_service_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is missing (apt-get install systemd)")
    for unit in UNITS:  # as installed, with the real program where the units expect it
        text = (DEPLOY / unit).read_text(encoding="utf-8").replace(INSTALLED, str(XCAUDIO))
        (tmp_path / unit).write_text(text, encoding="utf-8")
    result = subprocess.run([analyze, "verify", *(str(tmp_path / unit) for unit in UNITS)],
                            capture_output=True, text=True, timeout=60)
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "xcaudio" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
    timer = (DEPLOY / UNITS[1]).read_text(encoding="utf-8")
    calendar = re.search(r"^OnCalendar=(.+)$", timer, re.MULTILINE).group(1)
    when = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True)
    assert when.returncode == 0 and "Asia/Shanghai" in when.stdout, when.stderr


def test_the_service_and_cron_run_the_same_documented_command() -> None:
    command = unit_command(UNITS[0])
    assert command[:3] == [INSTALLED, "render", "/srv/xcaudio/inbox"]
    assert command[3:] == ["--date", "today", "--out", "/srv/xcaudio/feed"]
    service = (DEPLOY / UNITS[0]).read_text(encoding="utf-8")
    assert "Environment=TZ=Asia/Shanghai" in service and "StandardError=journal" in service
    cron = [line for line in (DEPLOY / "xcaudio.cron").read_text().splitlines()
            if line and not line.startswith("#") and "=" not in line.split()[0]]
    (entry,) = cron
    fields = entry.split()
    assert fields[:5] == ["30", "5", "*", "*", "*"] and fields[5] == "xcaudio"
    assert fields[-len(command):] == command


def test_nginx_serves_the_feed_as_the_validator_and_gpodder_want_it(
        two_briefs_day: Path, tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    out = copy_feed(two_briefs_day, tmp_path / "feed")
    set_settings(out, base_url=f"http://127.0.0.1:{port}/", owner_email="audio@xcrb.example")
    run_xcaudio("render", ROOT / "tests" / "data" / "two_briefs.txt", "--date", "2020-04-17",
                "--out", out)  # published at the new address, from the cache
    snippet = (DEPLOY / "nginx-xcaudio.conf").read_text(encoding="utf-8")
    (tmp_path / "xcaudio.conf").write_text(snippet.replace("/srv/xcaudio/feed", str(out)))
    logs = tmp_path / "logs"
    logs.mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(f"""daemon off; master_process off; pid {logs}/nginx.pid;
error_log {logs}/error.log;
events {{}}
http {{
  access_log off; client_body_temp_path {logs}; proxy_temp_path {logs};
  fastcgi_temp_path {logs}; uwsgi_temp_path {logs}; scgi_temp_path {logs};
  server {{ listen 127.0.0.1:{port}; include {tmp_path}/xcaudio.conf; }}
}}
""")
    checked = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(tmp_path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([nginx, "-c", str(config), "-p", str(tmp_path)],
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(50):
            if feedcheck.fetch(base).status:
                break
            time.sleep(0.1)
        assert feedcheck.problems(base + "feed.xml") == []
        assert feedcheck.problems(base + "articles.xml") == []
        assert feedcheck.fetch(base + "show.toml").status == 404
        assert feedcheck.fetch(base + ".render.lock").status == 404
        feed = feedcheck.fetch(base + "feed.xml")
        assert feed.headers["cache-control"] == "no-cache"
        for name, kind in (("sw.js", "text/javascript"), ("listen.css", "text/css"),
                           ("app.webmanifest", "application/manifest+json")):
            assert feedcheck.fetch(base + name).headers["content-type"] == (
                f"{kind}; charset=utf-8"), name
        assert gpodder_downloads([base + "feed.xml"], tmp_path / "gpo") == {
            "bulletin.mp3": mp3s(out)["bulletin.mp3"]}
    finally:
        server.send_signal(signal.SIGQUIT)
        server.communicate(timeout=10)
