"""Terminology benchmark: quality against hand-made gold term pairs, and speed on a big memory.

    python bench/terms_bench.py quality   # precision of the top 50/100 pairs, recall of gold pairs
    python bench/terms_bench.py speed     # `tmtool terms` over a 100,000-unit memory

Quality. Sets (``--sets``): ``dev`` is the Europarl session ep-00-12-15 (nl, fr, en) aligned by
tmtool itself (``--presegmented``, default USE encoder) from ``../shared/eval``; ``held-out`` is
the DPC document (nl, fr, en) plus the three DCEP press releases (nl, en), aligned the same way;
``textberg-dev`` (tuning side) and ``textberg-test`` (held-out, not run by default) are the
Text+Berg German-French dev document and seven test documents, and ``orwell-test`` (a second
held-out, not run by default) is Orwell's 1984 in English and Romanian from hunalign's hand
alignments, one unit per gold bead; ``steinbeck-test`` (a third held-out, not run by default)
is Steinbeck's Cup of Gold in English and Hungarian from the same hand alignments;
``dtm-test`` (fourth held-out) is their news magazine dtm in English and Hungarian, and
``parice-test`` (fifth held-out) nine ParIce English-Icelandic documents (u_1, whose gold
beads do not fit its English file, left out); ``orwell-hu-test`` (sixth held-out, semi-blind:
the English side is the novel of ``orwell-test``) is Orwell's 1984 in English and Hungarian from
hunalign's hand alignments; none of these held-out sets is run by default.
Gold pairs are in ``bench/terms_gold/`` (see its README). A system pair (term, main rendering)
is correct when both match a gold pair by lemmas ("gold-only" precision, a lower bound: the gold
list is not exhaustive) or when it is judged correct by hand in ``judged-*.tsv`` ("judged"
precision; a pair neither in the gold list nor judged counts as wrong and is listed). Recall
counts the gold pairs whose term and rendering occur together in at least two units of the
memory, found if the system lists that rendering (main or variant) for the term.

Speed. A synthetic memory of ``--units`` units is imported through the store: Europarl units
drawn at random, each content word changed with probability ``--mutate`` (0.15) into a new word
(so the vocabulary and the number of candidates keep growing as in a real memory). Then
``tmtool terms`` runs as a subprocess writing CSV and TBX; wall time, CPU time and peak RSS are
printed.

The evaluation
data is read in place (never copied) from ``$TMTOOL_EVAL_DIR`` or ``../shared/eval``; without it
the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tmtool.pipeline import align_documents, load_documents, store_alignment  # noqa: E402
from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store  # noqa: E402
from tmtool.terms import TermOptions, extract_terms  # noqa: E402
from tmtool.terms.text import language  # noqa: E402

GOLD = ROOT / "bench" / "terms_gold"
EUROPARL = ("silver_opus_xces_europarl/plain/ep-00-12-15", ("nl", "fr", "en"))
HELD_OUT = [
    ("dpc_nl_fr_en/plain/dpc-bmm-001071", ("nl", "fr", "en")),
    ("silver_opus_xces_dcep/plain/20060131-IPR-04891", ("nl", "en")),
    ("silver_opus_xces_dcep/plain/20060905-STO-10339", ("nl", "en")),
    ("silver_opus_xces_dcep/plain/20081211-STO-44307", ("nl", "en")),
]
TEXTBERG = "textberg_defr/bleualign_data"
HUNALIGN = "hunalign_handaligns_hu_en_ro_en/plain"
PARICE = "parice_en_is/plain"
#: ParIce documents with usable gold; u_1's beads point past the end of its English file
PARICE_DOCUMENTS = ("es_1", "n_1", "n_2", "n_3", "s_1", "s_2", "s_3", "t_1", "t_2")


@dataclass(frozen=True)
class BeadDocument:
    """A gold-aligned document: ``{stem}.{lang}`` text files, one sentence a line, and the beads
    ``{stem}.{gold}`` as ``[left indices]:[right indices]`` over ``langs`` = (left, right)."""

    stem: str
    langs: tuple[str, str]
    gold: str


def textberg(document: str) -> BeadDocument:
    return BeadDocument(f"{TEXTBERG}/{document}", ("de", "fr"), "defr")


def hunalign(stem: str, lang: str) -> BeadDocument:
    """A text of hunalign's hand alignments: ``{stem}.{lang}`` against ``{stem}.en``."""
    return BeadDocument(f"{HUNALIGN}/{stem}", (lang, "en"), f"{lang}-en.gold")


def parice(document: str) -> BeadDocument:
    """A ParIce document: ``{document}.en`` and ``.is``, beads ``[en]:[is]``."""
    return BeadDocument(f"{PARICE}/{document}", ("en", "is"), "en-is.gold")


@dataclass(frozen=True)
class EvalSet:
    """A memory to extract terms from, its gold pairs and its hand judgements."""

    langs: tuple[str, ...]
    gold: str | None  # file in GOLD: source term, then renderings per other language
    judged: str  # file in GOLD: system pairs outside the gold list, judged by hand
    aligned: tuple[tuple[str, tuple[str, ...]], ...] = ()  # aligned by tmtool
    beads: tuple[BeadDocument, ...] = ()  # gold-aligned documents, a unit per bead


SETS = {
    "dev": EvalSet(
        ("nl", "fr", "en"),
        "europarl-ep-00-12-15.nl-fr-en.tsv",
        "judged-europarl-ep-00-12-15.tsv",
        aligned=(EUROPARL,),
    ),
    "held-out": EvalSet(
        ("nl", "fr", "en"),
        "heldout-dpc-dcep.nl-fr-en.tsv",
        "judged-heldout-dpc-dcep.tsv",
        aligned=tuple(HELD_OUT),
    ),
    "textberg-dev": EvalSet(
        ("de", "fr"), None, "judged-textberg-dev.tsv", beads=(textberg("dev"),)
    ),
    "textberg-test": EvalSet(
        ("de", "fr"),
        "textberg-test.de-fr.tsv",
        "judged-textberg-test.tsv",
        beads=tuple(textberg(f"test{i}") for i in range(7)),
    ),
    "orwell-test": EvalSet(
        ("en", "ro"),
        "orwell-1984.en-ro.tsv",
        "judged-orwell-1984.tsv",
        beads=(hunalign("1984.ro", "ro"),),
    ),
    "steinbeck-test": EvalSet(
        ("en", "hu"),
        "steinbeck-cup-of-gold.en-hu.tsv",
        "judged-steinbeck.tsv",
        beads=(hunalign("steinbeck", "hu"),),
    ),
    "dtm-test": EvalSet(
        ("en", "hu"),
        "dtm-news.en-hu.tsv",
        "judged-dtm-news.tsv",
        beads=(hunalign("dtm", "hu"),),
    ),
    "parice-test": EvalSet(
        ("en", "is"),
        "parice.en-is.tsv",
        "judged-parice.tsv",
        beads=tuple(parice(document) for document in PARICE_DOCUMENTS),
    ),
    "orwell-hu-test": EvalSet(
        ("en", "hu"),
        "orwell-1984.en-hu.tsv",
        "judged-orwell-1984-hu.tsv",
        beads=(hunalign("1984.hu", "hu"),),
    ),
}


def eval_dir() -> Path | None:
    folder = Path(os.environ.get("TMTOOL_EVAL_DIR", ROOT.parent / "shared" / "eval"))
    return folder if folder.is_dir() else None


def build_memory(db: str, documents, base: Path) -> None:
    """Align each document set with tmtool (one sentence a line) into the memory ``db``."""
    for stem, langs in documents:
        paths = [f"{base / stem}.{lang}" for lang in langs]
        alignment = align_documents(load_documents(paths, list(langs), presegmented=True))
        store_alignment(alignment, db)


def bead_units(base: Path, document: BeadDocument):
    """One unit per gold bead with text on both sides (the sentences of a 2-1 or 1-2 bead
    joined), so that sentence-alignment errors do not blur the terms."""
    left, right = (
        (base / f"{document.stem}.{lang}").read_text(encoding="utf-8").split("\n")
        for lang in document.langs
    )
    name = Path(document.stem).name
    for line in (base / f"{document.stem}.{document.gold}").read_text("utf-8").splitlines():
        first, second = (json.loads(side) for side in line.split(":"))
        if first and second:
            texts = {
                document.langs[0]: " ".join(left[i] for i in first).strip(),
                document.langs[1]: " ".join(right[i] for i in second).strip(),
            }
            if all(texts.values()):
                yield ImportedUnit(texts, tuid=f"{name}:{first[0]}")


def build_bead_memory(db: str, documents: tuple[BeadDocument, ...], base: Path) -> None:
    """A memory of gold beads, one pseudo-document per aligned document."""
    with open_store(db) as store:
        for document in documents:
            digest = hashlib.sha256(document.stem.encode()).hexdigest()
            name = Path(document.stem).name
            store.import_units(
                bead_units(base, document),
                ImportSource(digest, f"{name}.tmx", name, "terms_bench"),
                RunInfo("none", "", {}, "bench", datetime.now(timezone.utc)),
            )


def read_gold(
    path: Path, langs: tuple[str, ...]
) -> list[tuple[tuple[str, ...], dict[str, list[tuple[str, ...]]], str]]:
    """(term key, {lang: accepted rendering keys}, term text) per gold line."""
    gold = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, *targets = line.split("\t")
        renderings = {
            lang: [language(lang).key(alt) for alt in cell.split("|")]
            for lang, cell in zip(langs[1:], targets, strict=True)
            if cell.strip() != "-"
        }
        gold.append((language(langs[0]).key(term), renderings, term))
    return gold


def occurs(key: tuple[str, ...], lemmas: list[str]) -> bool:
    size = len(key)
    return any(tuple(lemmas[i : i + size]) == key for i in range(len(lemmas) - size + 1))


def read_judged(path: Path) -> dict[tuple[str, str, str], bool]:
    judged = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lang, term, rendering, verdict = line.split("\t")
                judged[(lang, term, rendering)] = verdict == "ok"
    return judged


def gold_frequencies(db: str, gold, source: str) -> dict[tuple[tuple[str, ...], str], int]:
    """Units in which a gold term and one of its gold renderings occur together."""
    counts: dict[tuple[tuple[str, ...], str], int] = {}
    with open_store(db, create=False) as store:
        for unit in store.iter_units():
            lemmas = {
                lang: [t.lemma for t in language(lang).tokens(side.text)]
                for lang, side in unit.sides.items()
            }
            for key, renderings, _ in gold:
                if not occurs(key, lemmas.get(source, [])):
                    continue
                for lang, keys in renderings.items():
                    if any(occurs(k, lemmas.get(lang, [])) for k in keys):
                        counts[(key, lang)] = counts.get((key, lang), 0) + 1
    return counts


def judged_by_lemmas(
    judged: dict[tuple[str, str, str], bool], source: str
) -> dict[tuple[str, tuple[str, ...], tuple[str, ...]], bool | None]:
    """The hand judgements keyed by lemmas, as gold pairs are matched: a pair shown in another
    form of the same words (``kantin`` for the judged ``kantinban``) keeps its judgement; None
    where two judged forms of one key disagree (judge it again)."""
    out: dict[tuple[str, tuple[str, ...], tuple[str, ...]], bool | None] = {}
    for (lang, term, rendering), verdict in judged.items():
        key = (lang, language(source).key(term), language(lang).key(rendering))
        out[key] = verdict if out.get(key, verdict) == verdict else None
    return out


def verdict_of(judged, by_lemmas, lang: str, entry, rendering) -> bool | None:
    """A pair's hand judgement: by its text, else by the lemmas of any of its forms."""
    found = judged.get((lang, entry.text, rendering.text))
    if found is not None:
        return found
    for key in (rendering.key, *rendering.other_keys):
        found = by_lemmas.get((lang, tuple(entry.key), tuple(key)))
        if found is not None:
            return found
    return None


def evaluate(terms, gold, frequencies, judged) -> dict[str, object]:
    by_key = {key: renderings for key, renderings, _ in gold}
    by_lemmas = judged_by_lemmas(judged, terms.langs[0])
    report: dict[str, object] = {}
    for lang in terms.langs[1:]:
        pairs = terms.pairs(lang)
        marks = [
            any(k in by_key.get(e.key, {}).get(lang, []) for k in (r.key, *r.other_keys))
            for e, r in pairs
        ]
        verdicts = [
            True if mark else verdict_of(judged, by_lemmas, lang, e, r)
            for (e, r), mark in zip(pairs, marks, strict=True)
        ]
        known = [m for (e, _), m in zip(pairs, marks, strict=True) if lang in by_key.get(e.key, {})]
        wanted = [(key, text) for key, r, text in gold if frequencies.get((key, lang), 0) >= 2]
        entries = {e.key: e for e in terms.entries}
        found, missed = 0, []
        for key, text in wanted:
            entry = entries.get(key)
            found_renderings = entry.renderings.get(lang, []) if entry else []
            keys = {k for r in found_renderings for k in (r.key, *r.other_keys)}
            if keys & set(by_key[key][lang]):
                found += 1
            else:
                missed.append(text)
        report[lang] = {
            "pairs": len(pairs),
            "precision@50": _share(marks[:50]),
            "precision@100": _share(marks[:100]),
            "judged_precision@50": _share([v is True for v in verdicts[:50]]),
            "judged_precision@100": _share([v is True for v in verdicts[:100]]),
            "unjudged@100": sum(v is None for v in verdicts[:100]),
            "n@50": len(marks[:50]),
            "n@100": len(marks[:100]),
            "precision_on_gold_terms": _share(known),
            "gold_terms_listed": len(known),
            "recall_freq2": round(found / len(wanted), 3) if wanted else None,
            "gold_pairs_freq2": len(wanted),
            "missed": missed,
            "wrong_top100": [
                f"{e.text} → {r.text}"
                for (e, r), v in zip(pairs[:100], verdicts[:100], strict=True)
                if v is False
            ],
            "unjudged_top100": [
                f"{lang}\t{e.text}\t{r.text}"
                for (e, r), v in zip(pairs[:100], verdicts[:100], strict=True)
                if v is None
            ],
        }
    return report


def _share(marks: list[bool]) -> float | None:
    return round(sum(marks) / len(marks), 3) if marks else None


def quality(args: argparse.Namespace) -> None:
    base = eval_dir()
    if base is None:
        print("no evaluation data (../shared/eval or $TMTOOL_EVAL_DIR): nothing to measure")
        return
    from tmtool.embed import get_encoder

    embed = get_encoder("use").encode
    folder = Path(args.keep or tempfile.mkdtemp(prefix="terms-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.sets.split(","):
        spec = SETS[name]
        db = str(folder / f"{name}.db")
        if not Path(db).exists():
            if spec.beads:
                build_bead_memory(db, spec.beads, base)
            else:
                build_memory(db, spec.aligned, base)
        gold = read_gold(GOLD / spec.gold, spec.langs) if spec.gold else []
        started = time.perf_counter()
        with open_store(db, create=False) as store:
            terms = extract_terms(store, TermOptions(langs=spec.langs, limit=args.limit), embed)
        seconds = time.perf_counter() - started
        frequencies = gold_frequencies(db, gold, spec.langs[0]) if gold else {}
        results[name] = {
            "units": terms.units,
            "terms": len(terms.entries),
            "inconsistent": sum(e.status == "inconsistent" for e in terms.entries),
            "seconds": round(seconds, 1),
            **evaluate(terms, gold, frequencies, read_judged(GOLD / spec.judged)),
        }
    print(json.dumps(results, ensure_ascii=False, indent=1))
    for name, result in results.items():
        for lang in SETS[name].langs[1:]:
            r = result[lang]
            print(
                f"{name} {SETS[name].langs[0]}-{lang}: judged P@50 {r['judged_precision@50']} "
                f"(of {r['n@50']}), P@100 {r['judged_precision@100']} (of {r['n@100']}, "
                f"{r['unjudged@100']} unjudged); gold-only P@50 {r['precision@50']}, "
                f"P@100 {r['precision@100']}; "
                f"precision on gold terms {r['precision_on_gold_terms']} "
                f"({r['gold_terms_listed']}), recall(freq>=2) {r['recall_freq2']} "
                f"(of {r['gold_pairs_freq2']})"
            )


def synthetic_units(source_db: str, count: int, mutate: float = 0.15, seed: int = 0):
    """``count`` units: random memory units whose content words mutate with probability
    ``mutate`` into new words."""
    with open_store(source_db, create=False) as store:
        base = [
            {lang: side.text for lang, side in unit.sides.items() if side.text}
            for unit in store.iter_units()
        ]
    rng = random.Random(seed)
    syllables = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"]
    for number in range(count):
        texts = {}
        for lang, text in rng.choice(base).items():
            words = text.split()
            for i, word in enumerate(words):
                if len(word) > 4 and word.isalpha() and rng.random() < mutate:
                    words[i] = word + rng.choice(syllables) + rng.choice(syllables)
            texts[lang] = " ".join(words) + f" ({number})"
        yield ImportedUnit(texts)


def speed(args: argparse.Namespace) -> None:
    base = eval_dir()
    if base is None:
        print("no evaluation data (../shared/eval or $TMTOOL_EVAL_DIR): nothing to measure")
        return
    folder = Path(args.keep or tempfile.mkdtemp(prefix="terms-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    dev = str(folder / "dev.db")
    if not Path(dev).exists():
        build_memory(dev, [EUROPARL], base)
    suffix = "" if args.mutate == 0.15 else f"-m{args.mutate}"
    big = folder / f"synthetic-{args.units}{suffix}.db"
    if not big.exists():
        started = time.perf_counter()
        with open_store(str(big)) as store:
            store.import_units(
                synthetic_units(dev, args.units, args.mutate),
                ImportSource("cd" * 32, "synthetic.tmx", "synthetic", "terms_bench"),
                RunInfo("none", "", {}, "bench", datetime.now(timezone.utc)),
            )
        print(f"built {big} in {time.perf_counter() - started:.0f} s")
    command = [
        sys.executable, "-m", "tmtool", "terms", "--db", str(big),
        "--csv", str(folder / "big.csv"), "--tbx", str(folder / "big.tbx"),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(result.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(result.stdout.strip())
    print(
        f"tmtool terms over {args.units} units (mutate {args.mutate}): wall {wall:.1f} s, "
        f"CPU {cpu:.1f} s, peak RSS {after.ru_maxrss / 1024:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    q = sub.add_parser("quality")
    q.add_argument(
        "--limit", type=int, default=0, help="terms extracted (default 0: all, as tmtool terms)"
    )
    q.add_argument("--keep", help="folder for the memories (reused when present)")
    q.add_argument(
        "--sets",
        default="dev,held-out,textberg-dev",
        help=f"comma-separated sets among {', '.join(SETS)} (default: all but the held-out "
        "textberg-test, orwell-test, steinbeck-test, dtm-test, parice-test and orwell-hu-test)",
    )
    s = sub.add_parser("speed")
    s.add_argument("--units", type=int, default=100_000)
    s.add_argument(
        "--mutate",
        type=float,
        default=0.15,
        help="chance that a content word becomes a new word (vocabulary growth; default 0.15)",
    )
    s.add_argument("--keep", help="folder for the memories (reused when present)")
    args = parser.parse_args()
    quality(args) if args.mode == "quality" else speed(args)


if __name__ == "__main__":
    main()
