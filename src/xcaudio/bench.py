"""`make bench`: speed, memory and intelligibility of the whole product on these machines.

Prints a table and writes bench.json. Every figure is measured here, now; nothing is
estimated. Run with `python -m xcaudio.bench [--out bench.json]`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_3c80dd779ab6423b.txt"
BENCH_DATA = ROOT.parent / "shared" / "bench"
PAGE_PDFS = ROOT.parent / "shared" / "pages" / "rmrb"
EDITION_PDFS = 1
"""Real page PDFs in the bench's edition: each is about half an hour of speech."""
DATE = "2020-04-17"
TEST_DATA = ROOT / "tests" / "data"
HELD_OUT = [
    ("held-out news polyphones", "polyphones_test.txt", 0.97),
    ("held-out names and places", "names_places_test.txt", 0.97),
]
"""The project's own held-out reading sets (tests/test_pronounce.py says how they are kept)."""


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None


def rate(work: Callable[[], int], minimum_seconds: float = 2.0) -> float:
    """Units of work per second, repeating `work` (which returns its unit count) for a while."""
    done, began = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - began) < minimum_seconds or done == 0:
        done += work()
    return done / elapsed


def process_tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants, read from /proc. A child that still
    runs its parent's program (started, not yet turned into ffmpeg: for that instant it shows
    all of its parent's pages as its own) is not counted, or one sample in a thousand would
    report the parent's memory twice."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    command: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command[int(entry.name)] = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = re.search(r"^PPid:\s+(\d+)", status, re.M)
        resident = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        pid = int(entry.name)
        if parent:
            children.setdefault(int(parent.group(1)), []).append(pid)
        rss[pid] = int(resident.group(1)) * 1024 if resident else 0
    total, stack = rss.get(root_pid, 0), [root_pid]
    while stack:
        pid = stack.pop()
        for child in children.get(pid, []):
            if command.get(child) != command.get(pid):
                total += rss.get(child, 0)
            stack.append(child)
    return total


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (whole process tree) of a command."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, process_tree_rss(process.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{errors}")
    return time.perf_counter() - began, peak


def text_figures() -> list[Figure]:
    from xcaudio.layout import read_page
    from xcaudio.normalize import normalize
    from xcaudio.pronounce import phones
    from xcaudio.script import split_sentences

    page = read_page(SEED)
    paragraphs = [paragraph for article in page.articles for paragraph in article.body]
    characters = sum(len(paragraph) for paragraph in paragraphs)

    def normalize_page() -> int:
        for paragraph in paragraphs:
            normalize(paragraph)
        return characters

    sentences = [normalize(sentence) for paragraph in paragraphs
                 for sentence in split_sentences(paragraph)]
    phones(sentences[0])

    def pronounce_page() -> int:
        for sentence in sentences:
            phones(sentence)
        return len(sentences)

    normalize_rate = rate(normalize_page)
    pinyin_rate = rate(pronounce_page)
    return [
        Figure("normalize", normalize_rate, "chars/s", ">= 20000", normalize_rate >= 20000),
        Figure("pinyin (phones)", pinyin_rate, "sentences/s", ">= 500", pinyin_rate >= 500),
        *accuracy_figures(),
    ]


def accuracy_figures() -> list[Figure]:
    """The held-out reading sets, and the peer test suites in ../shared/bench, read where they
    lie, when they are there (targets: no regression from where issue 16 found them)."""
    from xcaudio.normalize import suite_accuracy
    from xcaudio.pronounce import marked_accuracy, polyphone_accuracy

    suites = [
        ("NeMo normalization suite", "tn_zh_nemo.tsv", suite_accuracy, 0.927),
        ("CPP polyphones", "polyphone_cpp_dev.tsv", polyphone_accuracy, 0.982),
    ]
    figures = []
    for name, file_name, target in HELD_OUT:
        share = marked_accuracy(TEST_DATA / file_name)
        figures.append(Figure(name, share, "accuracy", f">= {target:g}", share >= target))
    for name, file_name, accuracy, target in suites:
        path = BENCH_DATA / file_name
        if not path.exists():
            print(f"bench: {name} skipped ({path} is not there)", file=sys.stderr)
            continue
        share = accuracy(path)
        figures.append(Figure(name, share, "accuracy", f">= {target:g}", share >= target))
    return figures


def layout_figures() -> list[Figure]:
    """Seconds of one core per page PDF read (characters to articles), over the real pages
    in ../shared/pages when they are there: the slowest page, after one page has loaded
    the word dictionary that title joining uses."""
    from xcaudio.layout.pdf import read_pdf

    pdfs = sorted(PAGE_PDFS.glob("*.pdf"))
    if not pdfs:
        print(f"bench: page PDF layout skipped ({PAGE_PDFS} is not there)", file=sys.stderr)
        return []
    began = time.process_time()
    read_pdf(pdfs[0])
    first = time.process_time() - began
    seconds = []
    for pdf in pdfs:
        began = time.process_time()
        read_pdf(pdf)
        seconds.append(time.process_time() - began)
    slowest = max(seconds)
    return [
        Figure("page PDF layout, first page", first, "s (one core)"),
        Figure("page PDF layout, slowest page", slowest, "s (one core)", "<= 1.0", slowest <= 1.0),
    ]


def engine_presets() -> list[str]:
    """The default voice, and Kokoro's two when `make kokoro` has installed them."""
    from xcaudio.engines.kokoro.model import missing

    return ["offline"] + (["kokoro-female", "kokoro-male"] if missing() is None else [])


def engine_figure(preset: str) -> Figure:
    """One engine's real-time factor on one thread, over news sentences, after a warm-up."""
    from xcaudio.synthesize import local_engine
    from xcaudio.voices import resolve_voice

    voice = resolve_voice(preset)
    engine = local_engine(voice.engine)
    engine.synthesize("预热。", voice)
    texts = ["许昌市人民政府与省市场监督管理局签署战略合作框架协议。",
             "今年六月底前，我市将有四百三十四个老旧小区完成改造。",
             "员工正在生产口罩。", "市政协主席刘保新前往襄城县调研。"] * 3
    began, audio = time.perf_counter(), 0.0
    for text in texts:
        audio += engine.synthesize(text, voice).seconds
    return Figure(f"{preset} engine RTF", (time.perf_counter() - began) / audio, "x real time")


def render_figures(work: Path) -> tuple[list[Figure], Path, dict]:
    env = {**os.environ, "XCAUDIO_CACHE": str(work / "cache")}
    xcaudio = str(Path(sys.executable).with_name("xcaudio"))
    out = work / "feed"
    command = [xcaudio, "render", str(SEED), "--date", DATE, "--out", str(out)]
    cold_seconds, cold_peak = run_measured(command, env)
    manifest = json.loads((out / DATE / "manifest.json").read_text(encoding="utf-8"))
    audio_seconds = manifest["bulletin"]["duration"]

    changed = work / "changed.txt"
    text = SEED.read_text(encoding="utf-8")
    edit = ("首山化工年产 20 万吨环己酮项", "首山化工年产 30 万吨环己酮项")
    if edit[0] not in text:
        raise SystemExit("bench: the seed no longer holds the sentence the warm render changes")
    changed.write_text(text.replace(*edit), encoding="utf-8")
    warm_command = [xcaudio, "render", str(changed), "--date", DATE, "--out", str(out)]
    warm_seconds, warm_peak = run_measured(warm_command, env)
    pipeline_rtf = cold_seconds / audio_seconds
    peak_gb = max(cold_peak, warm_peak) / 1e9
    share = warm_seconds / cold_seconds
    figures = [
        Figure("cold render", cold_seconds, "s"),
        Figure("bulletin audio", audio_seconds, "s"),
        Figure("pipeline RTF (cold)", pipeline_rtf, "x real time", "<= 0.05", pipeline_rtf <= 0.05),
        Figure("warm re-render (1 story changed)", warm_seconds, "s"),
        Figure("warm / cold", share, "share", "<= 0.05", share <= 0.05),
        Figure("peak memory", peak_gb, "GB", "<= 1.0", peak_gb <= 1.0),
    ]
    return figures, out / DATE, manifest


def typeset_pages(folder: Path) -> list[Path]:
    """The test suite's typeset pages of 许昌日报 (tests/newspaper.py), when its typesetter can
    run here (the test extra's reportlab and the CJK font)."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.newspaper import briefs_page, build_pdf, font_available, front_page, page_four
    except ImportError as error:
        print(f"bench: typeset pages skipped ({error}); install the test extra", file=sys.stderr)
        return []
    finally:
        sys.path.remove(str(ROOT))
    if not font_available():
        print("bench: typeset pages skipped (no CJK font)", file=sys.stderr)
        return []
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for page in (front_page(), briefs_page(), page_four()):
        path = folder / f"{page.number:02d}.pdf"
        build_pdf([page], path)
        paths.append(path)
    return paths


def edition_figures(work: Path) -> list[Figure]:
    """A cold render of a multi-page edition in this process, timed stage by stage: the seed,
    the typeset pages and the first real page PDFs in ../shared/pages. Layout is also timed on
    its own, over every page at hand."""
    import datetime as dt

    from xcaudio.layout import read_edition
    from xcaudio.render import Stage, render
    from xcaudio.settings import load_settings
    from xcaudio.synthesize import SpeechCache
    from xcaudio.voices import resolve_voice

    pdfs = sorted(PAGE_PDFS.glob("*.pdf"))
    pages = [SEED, *typeset_pages(work / "pages"), *pdfs[:EDITION_PDFS]]
    read_edition(pages[:1])  # the dictionaries, as any render has them first
    layout_seconds = []
    for page in [*pages, *pdfs[EDITION_PDFS:]]:
        began = time.perf_counter()
        read_edition([page])
        layout_seconds.append(time.perf_counter() - began)

    marks = {"layout and script": time.perf_counter()}
    stage = Stage(start=lambda name, _: marks.setdefault(name, time.perf_counter()))
    out = work / "edition"
    rendered = render(pages, dt.date.fromisoformat(DATE), resolve_voice("offline"), out,
                      settings=load_settings(out, None), cache=SpeechCache(work / "edition-cache"),
                      jobs=os.cpu_count() or 1, stage=stage)
    ended = time.perf_counter()
    times = list(marks.values()) + [ended]
    spans = {name: times[index + 1] - times[index] for index, name in enumerate(marks)}
    total = ended - times[0]
    minutes = rendered.day.bulletin.duration / 60
    figures = [
        Figure(f"edition: {len(pages)} pages, audio", minutes, "min"),
        Figure("edition: cold render", total, "s"),
        Figure("layout per page (mean)", sum(layout_seconds) / len(layout_seconds), "s",
               f"over {len(layout_seconds)} pages"),
        Figure("synthesis per minute of audio", spans["speaking"] / minutes, "s"),
        Figure("encoding per minute of audio", spans["assembling"] / minutes, "s",
               "assembling and publishing"),
    ]
    stages = {"layout and script": "layout and script", "speaking": "synthesis",
              "assembling": "encoding and publishing"}
    figures += [Figure(f"share: {stages[name]}", span / total, "of the edition")
                for name, span in spans.items()]
    return figures


def intelligibility_figures(day: Path, manifest: dict) -> list[Figure]:
    from xcaudio.intelligibility import (
        IntelligibilityError,
        character_error_rate,
        syllable_error_rate,
        transcribe,
    )
    # The rates put both sides in spoken form themselves.
    spoken = "".join(cue["text"] for cue in manifest["cues"])
    try:
        hypothesis = transcribe(day / "bulletin.mp3")
    except IntelligibilityError as error:
        print(f"bench: intelligibility skipped ({error}); install the bench extra", file=sys.stderr)
        return []
    cer = character_error_rate(spoken, hypothesis)
    ser = syllable_error_rate(spoken, hypothesis)
    return [
        Figure("Whisper-base CER", cer, "ratio"),
        Figure("toneless-pinyin SER", ser, "ratio", "<= 0.05", ser <= 0.05),
    ]


def machine() -> dict[str, object]:
    """What the figures were measured on: the cores, and how busy they were (load average over
    1, 5 and 15 minutes) as the bench began and as it ended."""
    return {"cores": os.cpu_count(), "load_at_start": os.getloadavg()}


def print_table(figures: list[Figure], measured_on: dict[str, object]) -> None:
    width = max(len(figure.name) for figure in figures)
    loads = {key: " ".join(f"{value:.2f}" for value in measured_on[key])
             for key in ("load_at_start", "load_at_end")}
    print(f"{measured_on['cores']} cores; load average (1, 5, 15 min) {loads['load_at_start']} "
          f"at start, {loads['load_at_end']} at end")
    for figure in figures:
        verdict = "" if figure.ok is None else ("  ok" if figure.ok else "  MISSED")
        target = f"  ({'target ' if figure.ok is not None else ''}{figure.target})" \
            if figure.target else ""
        print(f"{figure.name:<{width}}  {figure.value:>12.3f} {figure.unit}{target}{verdict}")


@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench.json"),
              show_default=True, help="Where to write the figures as JSON.")
@click.option("--keep-work", is_flag=True, help="Keep the rendered feed and cache for a look.")
def main(out: Path, keep_work: bool) -> None:
    """Measure text speed, engine and pipeline real-time factors, memory and intelligibility."""
    # The peer suites hold symbols the voice does not say; those warnings are not figures.
    logging.basicConfig(level=logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="xcaudio-bench-"))
    measured_on = machine()
    try:
        figures = text_figures() + layout_figures()
        figures += [engine_figure(preset) for preset in engine_presets()]
        render, day, manifest = render_figures(work)
        figures += render + intelligibility_figures(day, manifest)
        figures += edition_figures(work)
    finally:
        if not keep_work:
            shutil.rmtree(work, ignore_errors=True)
    measured_on["load_at_end"] = os.getloadavg()
    print_table(figures, measured_on)
    out.write_text(json.dumps({"machine": measured_on,
                               "figures": [figure.__dict__ for figure in figures]},
                              ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}" + (f"; work kept in {work}" if keep_work else ""))


if __name__ == "__main__":
    main()
