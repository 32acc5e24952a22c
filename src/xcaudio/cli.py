"""The `xcaudio` command: a thin shell around the stages.

Every expected failure (bad input, unknown voice, a failing engine in strict mode) ends with
one line on stderr and a non-zero exit; tracebacks are for bugs only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from xcaudio.voices import DEFAULT_VOICE, VoiceError, preset_names, resolve_voice

log = logging.getLogger("xcaudio")

EXPECTED_ERRORS: tuple[type[Exception], ...] = (VoiceError, OSError, UnicodeError)


def expected_errors() -> tuple[type[Exception], ...]:
    """Errors that mean bad input or a failed job, not a bug: reported in one line."""
    from xcaudio.audio import AudioError
    from xcaudio.engines import EngineError
    from xcaudio.layout import LayoutError
    from xcaudio.render import RenderError
    from xcaudio.settings import SettingsError
    from xcaudio.synthesize import SynthesisError

    return (*EXPECTED_ERRORS, LayoutError, EngineError, RenderError, SynthesisError, AudioError,
            SettingsError)


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"xcaudio: error: {message}", err=True)
    sys.exit(code)


class OneLineErrors(click.Group):
    """Usage errors (a missing PAGE, --jobs 0) in one line, like every other error."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "xcaudio"
            fail(f"{error.format_message()} (see `{command} --help`)", error.exit_code)
        except click.ClickException as error:
            fail(error.format_message(), error.exit_code)
        except click.Abort:
            fail("interrupted")


def run_guarded(action) -> None:
    try:
        action()
    except OSError as error:
        # "[Errno 2] No such file or directory: 'x'" reads better as "x: No such file or directory"
        fail(f"{error.filename}: {error.strerror}" if error.filename and error.strerror
             else str(error) or error.__class__.__name__)
    except expected_errors() as error:
        fail(str(error) or error.__class__.__name__)
    except KeyboardInterrupt:
        fail("interrupted")


def text_lines(text: str | None) -> Iterator[str]:
    """The TEXT argument, or each line of stdin in order."""
    if text is not None:
        yield text
        return
    for line in sys.stdin:
        yield line.rstrip("\n")


def parse_date(value: str | None) -> dt.date | None:
    """--date: a date, `today` (for timers and cron), or None when not given."""
    if value is None:
        return None
    if value == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date {value!r} is not a date like 2020-04-17 (or today)")


voice_option = click.option(
    "--voice",
    metavar="NAME",
    help="A preset from voices/ (see `xcaudio voices`), an edge voice such as zh-CN-YunxiNeural "
    "or a Kokoro voice such as zm_yunjian. [default: the show's voice, else offline]",
)
config_option = click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="The show's settings file [OUT/show.toml; see `xcaudio init`].",
)


def warn(message: str) -> None:
    click.echo(f"xcaudio: warning: {message}", err=True)


def chosen_voice(settings, voice, rate, pitch, volume):
    """The voice asked for, else the show's, and the licence warning to print once the audio
    is made: a `VoiceError` now for a non-commercial voice in a commercial show."""
    from xcaudio.voices import licence_warning

    chosen = resolve_voice(voice or settings.voice, rate, pitch, volume)
    return chosen, licence_warning(chosen, settings.commercial)
rate_option = click.option("--rate", metavar="±N%", help="Speaking rate, e.g. -10% (slower).")
pitch_option = click.option("--pitch", metavar="±NHz",
                            help="Pitch shift, e.g. +5Hz (not for Kokoro voices).")
volume_option = click.option("--volume", metavar="±N%", help="Volume (edge voices only).")


def out_option(help_text: str):
    return click.option("--out", type=click.Path(path_type=Path), default=Path("feed"),
                        show_default=True, help=help_text)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log every step.")
def main(verbose: bool) -> None:
    """xcaudio: the audio edition of 许昌日报 (Xuchang Daily).

    Turns the day's newspaper pages into spoken news: one MP3 per article, a daily
    bulletin with chapters, a podcast feed and a large-type listening page.

    \b
    Start with:
      xcaudio render seeds/000_3c80dd779ab6423b.txt --date 2020-04-17
      xcaudio serve            # then open http://127.0.0.1:8000/
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        # Logs go to stderr: stdout carries the commands' output (JSON, pinyin, spoken text).
        handlers=[RichHandler(console=Console(stderr=True), show_path=False, show_time=False)],
    )


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--date", "date_text", metavar="YYYY-MM-DD",
              help="The paper's date, or `today` [the date in the page files' names, else today].")
@voice_option
@rate_option
@pitch_option
@volume_option
@out_option("The published folder: feed.xml, index.html and one folder per day.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Parallel synthesis: threads, each with its own model (offline, kokoro), or "
    "connections (edge).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail instead of falling back to the offline voice when edge cannot speak.",
)
@click.option(
    "--base-url",
    help="Where the feed folder is served, for this run [the show's base_url; none: a "
    "local preview at http://127.0.0.1:8000/].",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    help="How many days the feeds list [the show's days_kept, 30].",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path),
    help="Sentence cache folder [$XCAUDIO_CACHE or ~/.cache/xcaudio].",
)
@config_option
def render(
    pages, date_text, voice, rate, pitch, volume, out, jobs, strict, base_url, keep, cache_dir,
    config,
) -> None:
    """Render PAGE... into a published day.

    PAGE is a page PDF (one page or a whole edition), 方正见报XML, extracted page text,
    Markdown or clean JSON, or a folder of page PDFs (in name order: the daily job's inbox);
    several PAGEs are the edition in page order, and a story that jumps pages (（下转第四版）)
    is joined and read once.

    Writes OUT/DATE/bulletin.mp3, one NN-slug.mp3 per article, transcripts, chapters and
    manifest.json, then rebuilds OUT/feed.xml, OUT/articles.xml and OUT/index.html.
    """
    asked = parse_date(date_text)

    def action() -> None:
        from xcaudio.files import default_cache_dir
        from xcaudio.render import Stage, edition_date, edition_files
        from xcaudio.render import render as render_day
        from xcaudio.settings import load_settings
        from xcaudio.synthesize import SpeechCache

        files = edition_files(list(pages))
        date = edition_date(files, asked)
        settings = load_settings(out, config)
        speaker, licence = chosen_voice(settings, voice, rate, pitch, volume)
        cache = SpeechCache(cache_dir or default_cache_dir())
        with Progress(
            TextColumn("{task.description:>10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
        ) as bar:
            current = {"task": None}

            def start(description: str, total: int) -> None:
                if current["task"] is not None:
                    bar.update(current["task"], completed=bar.tasks[current["task"]].total)
                current["task"] = bar.add_task(description, total=total)

            def advance(count: int) -> None:
                bar.advance(current["task"], count)

            rendered = render_day(
                files,
                date,
                speaker,
                out,
                settings=settings,
                cache=cache,
                jobs=jobs,
                strict=strict,
                base_url=base_url,
                keep=keep,
                stage=Stage(start, advance),
            )
        day = rendered.day
        click.echo(
            f"Rendered {len(day.stories)} stories for {day.date} with voice {day.voice} "
            f"in {rendered.seconds:.1f} s ({day.bulletin.duration / 60:.1f} min of audio)"
        )
        click.echo(f"  bulletin: {rendered.folder / day.bulletin.file}")
        click.echo(f"  articles: {rendered.folder}/NN-*.mp3 ({len(day.stories)} files)")
        click.echo(f"  feed:     {out / 'feed.xml'}  (single stories: {out / 'articles.xml'})")
        click.echo(f"  page:     {out / 'index.html'}")
        if day.fallbacks:
            click.echo(f"  note: {day.fallbacks} chunk(s) fell back to the offline voice")
        if licence:
            warn(licence)

    run_guarded(action)


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False),
                default=Path("feed"))
@click.option("--title", help="The show's name [许昌日报有声版].")
@click.option("--base-url", metavar="URL",
              help="Where FOLDER will be published, e.g. https://audio.example.cn/xc/ "
              "[none yet: a local preview].")
@click.option("--owner-name", metavar="NAME", help="Who owns the show [许昌日报社].")
@click.option("--owner-email", metavar="EMAIL",
              help="The owner's address, where Apple Podcasts sends the claim code "
              "(needed with --base-url).")
def init(folder: Path, title, base_url, owner_name, owner_email) -> None:
    """Create a show: write FOLDER/show.toml (FOLDER is the output folder, default feed).

    The file is commented; every setting of the show is in it (title, owner, public
    address, cover, voice, the bulletin's words, the AI label…), with 许昌日报's defaults
    where nothing was given, and the show's permanent podcast:guid. Every command run on
    FOLDER reads it. An existing file is never replaced.
    """

    def action() -> None:
        from xcaudio.settings import create_settings

        folder.mkdir(parents=True, exist_ok=True)
        settings = create_settings(folder, {"title": title, "base_url": base_url,
                                            "owner_name": owner_name,
                                            "owner_email": owner_email})
        show = settings.show
        click.echo(f"Wrote {settings.path} for {show.title} (podcast:guid {show.guid}).")
        if show.is_public:
            click.echo(f"  feeds will point at {show.feed_base}/feed.xml")
        else:
            click.echo("  no base_url yet: the feeds are a preview; `xcaudio serve` points "
                       "them at its own address")
        click.echo(f"Edit it, then: xcaudio render PAGE... --out {folder}")

    run_guarded(action)


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the articles as JSON (the contract).")
@click.option(
    "--preview",
    type=click.Path(path_type=Path),
    metavar="PNG",
    help="Also draw each page PDF with its articles outlined and numbered in reading order "
    "(page.png; page-1.png, page-2.png… for several pages).",
)
def clean(pages: tuple[Path, ...], as_json: bool, preview: Path | None) -> None:
    """Recover the articles of PAGE...: titles, bylines, bodies, captions and headlines.

    PAGE is a page PDF (one page or a whole edition), 方正见报XML, extracted page text,
    Markdown or clean JSON. Several PAGEs are an edition in page order: a story marked
    （下转第四版） is joined with its （上接第一版） part.
    """

    def action() -> None:
        from xcaudio.layout import merge_pages, read_edition

        result = merge_pages(read_edition(list(pages)), pages[0].stem)
        if preview is not None:
            written = draw_page_previews(list(pages), preview)
            log.info("preview: %s", ", ".join(map(str, written)))
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        for article in result.articles:
            click.echo(f"[{article.kind}] {article.title}  ({len(''.join(article.body))} 字)")
        for headline in result.headlines:
            click.echo(f"[headline] {headline}")
        if preview is not None:
            click.echo(f"preview: {preview}")

    run_guarded(action)


def draw_page_previews(pages: list[Path], target: Path) -> list[Path]:
    """Previews of the PDFs among `pages`; several PDFs number their images in turn."""
    from xcaudio.layout import LayoutError
    from xcaudio.layout.pdf.preview import draw_previews
    from xcaudio.layout.sources import is_pdf

    pdfs = [page for page in pages if page.is_file() and is_pdf(page.read_bytes())]
    if not pdfs:
        raise LayoutError("--preview draws page PDFs; none was given")
    if len(pdfs) == 1:
        return draw_previews(pdfs[0], target)
    written: list[Path] = []
    for number, pdf in enumerate(pdfs, start=1):
        written += draw_previews(pdf, target.with_name(f"{target.stem}-{number}{target.suffix}"))
    return written


@main.command()
@click.argument("text", required=False)
def normalize(text: str | None) -> None:
    """Print the spoken form of TEXT (numbers, dates, units read aloud).

    With no TEXT, reads stdin and prints one output line per input line.
    """
    from xcaudio.normalize import normalize as to_spoken

    for line in text_lines(text):
        click.echo(to_spoken(line))


@main.command()
@click.argument("text", required=False)
@click.option(
    "--per-char",
    is_flag=True,
    help="One token per input character: its reading (a rewritten span's whole reading on its "
    "first character, `~` on the others), or the character itself where nothing is said.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Per word, its reading and which source decided it, and the data file to fix it in.",
)
def pinyin(text: str | None, per_char: bool, explain: bool) -> None:
    """Print what the offline voice will say for TEXT, as pinyin with tone numbers.

    TEXT is read as printed: numbers, dates and symbols are spoken the way the voice says them.
    With no TEXT, reads stdin and prints one output line per input line.
    """
    from xcaudio.normalize import normalize as to_spoken
    from xcaudio.pronounce import per_char as char_readings
    from xcaudio.pronounce import pinyin as readings

    for line in text_lines(text):
        spoken = to_spoken(line)
        if explain:
            click.echo(explanation(line, spoken))
            continue
        tokens = char_readings(line, spoken) if per_char else readings(spoken)
        click.echo(" ".join(tokens))


SOURCE_FIXES = {
    "gazetteer": ("gazetteer", "pronounce/data/gazetteer.tsv"),
    "surname": ("surname", "pronounce/data/surnames.tsv (names: person_titles.tsv)"),
    "project": ("house dictionary", "pronounce/data/news_readings.tsv"),
    "phrase": ("pypinyin phrase", "add the word to pronounce/data/news_readings.tsv"),
    "rule": ("context rule", "pronounce/data/context_words.tsv (pronounce/rules.py)"),
    "model": ("polyphone model", "add the word to pronounce/data/news_readings.tsv"),
    "char": ("only reading", ""),
    "spelled": ("spelled", "pronounce/letters.py"),
    "sandhi": ("tone sandhi", "pronounce/sandhi.py"),
}


def explanation(printed: str, spoken: str) -> str:
    """Per word of the spoken text: its reading, the sources that decided it, where to fix."""
    from xcaudio.pronounce import written

    lines = [f"spoken: {spoken}" if spoken != printed else f"text: {printed}"]
    for word in written(spoken):
        if not word.spoken:
            continue
        sources = list(dict.fromkeys(word.sources))
        names = ", ".join(SOURCE_FIXES[source][0] for source in sources)
        fixes = "; ".join(fix for source in sources if (fix := SOURCE_FIXES[source][1]))
        lines.append(f"{word.text}\t{' '.join(word.syllables)}\t{names}"
                     + (f"\t{fixes}" if fixes else ""))
    return "\n".join(lines)


@main.command()
@click.argument("text")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The MP3 to write."
)
@voice_option
@rate_option
@pitch_option
@volume_option
@config_option
def say(text: str, output: Path, voice, rate, pitch, volume, config) -> None:
    """Speak TEXT into one loudness-normalized MP3 (a quick way to hear a voice).

    The show's settings (--config, else feed/show.toml) give the default voice and the
    names in the MP3's tags.
    """

    def action() -> None:
        from xcaudio.assemble import (
            Credits,
            Voicing,
            build_story,
            encode_track,
            join,
            loudness_of,
            write_audio,
        )
        from xcaudio.files import default_cache_dir
        from xcaudio.script import Section, paragraph_sentences
        from xcaudio.settings import load_settings
        from xcaudio.synthesize import SpeechCache, synthesize

        show_settings = load_settings(Path("feed"), config)
        settings, licence = chosen_voice(show_settings, voice, rate, pitch, volume)
        section = Section(
            id="say", title=text[:30], sentences=paragraph_sentences(text, "sentence")
        )
        if not section.sentences:
            raise VoiceError("nothing to say: TEXT has no speakable characters")
        texts = [chunk.spoken for sentence in section.sentences for chunk in sentence.chunks]
        synthesis = synthesize(texts, settings, cache=SpeechCache(default_cache_dir()))
        pieces = [encode_track(track, clips=None)
                  for track in build_story(section, Voicing(synthesis, synthesis), settings)]
        audio = write_audio(
            join(pieces),
            loudness_of(pieces),
            output,
            section.title,
            dt.date.today(),
            Credits(show_settings.show.title, show_settings.show.author, settings),
            cover=None,
        )
        click.echo(f"{output}: {audio.duration:.1f} s, {audio.loudness.integrated_lufs:.1f} LUFS")
        if licence:
            warn(licence)

    run_guarded(action)


@main.command()
def voices() -> None:
    """List the voice presets in voices/ and what each engine offers."""
    from xcaudio.engines.edge import MANDARIN_VOICES
    from xcaudio.engines.kokoro import LICENSE_NOTE as KOKORO_LICENSE
    from xcaudio.engines.kokoro.model import missing
    from xcaudio.voices import kokoro_voice_names

    click.echo("Presets (use with --voice NAME):")
    for name in preset_names():
        settings = resolve_voice(name)
        marker = " (default)" if name == DEFAULT_VOICE else ""
        speakers = [settings, *filter(None, [settings.presenter])]
        licence = ("" if all(speaker.commercial_use for speaker in speakers)
                   else " [non-commercial use only]")
        spoken_by = " + ".join(speaker.voice for speaker in reversed(speakers))
        click.echo(
            f"  {name:<14} {settings.engine:<8} {spoken_by:<22} rate {settings.rate:<5}"
            f" {settings.description}{marker}{licence}"
        )
    click.echo("\nEngine offline: one female Mandarin voice (baker), no network needed;")
    click.echo(f"  {resolve_voice(DEFAULT_VOICE).licence}. To publish commercially, use an "
               f"edge voice, a Kokoro voice or a voice you license.")
    click.echo("\nEngine kokoro: Kokoro-82M's Mandarin voices, no network needed; any of these "
               "works with --voice:")
    click.echo(f"  {' '.join(kokoro_voice_names())}")
    reason = missing()
    click.echo(f"  Installed: {'yes' if reason is None else f'no; {reason}'}")
    click.echo(f"  {KOKORO_LICENSE}")
    click.echo("\nEngine edge (needs the network; any of these works with --voice):")
    for name in MANDARIN_VOICES:
        click.echo(f"  {name}")


@main.command()
@out_option("The folder to serve.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 shares it on the local network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@config_option
def serve(out: Path, host: str, port: int, config: Path | None) -> None:
    """Serve the feed folder over HTTP (with Range requests, as podcast apps need).

    Until the show has a public base_url, the feeds are a preview whose links point at the
    address each app used, so phones on the local network can subscribe (--host 0.0.0.0).
    """

    def action() -> None:
        from xcaudio.publish import make_server
        from xcaudio.publish import serve as serve_forever
        from xcaudio.publish.serve import addresses_to_open
        from xcaudio.settings import load_settings

        if not out.is_dir():
            raise OSError(f"{out} is not a folder; render a day first")
        show = load_settings(out, config).show
        try:
            server = make_server(out, host, port, show)
        except OSError as error:
            raise OSError(f"cannot listen on {host} port {port}: "
                          f"{error.strerror or error}") from None
        addresses = addresses_to_open(server)
        click.echo(f"Serving {out} at {addresses[0]}  (Ctrl+C to stop)")
        for address in addresses[1:]:
            click.echo(f"  also at {address}")
        if show.is_public:
            click.echo(f"  the feeds link to the public address {show.feed_base}/")
        else:
            click.echo(f"  podcast apps subscribe to {addresses[0]}feed.xml (a preview: no "
                       f"base_url in the show's settings)")
        serve_forever(server)

    run_guarded(action)
