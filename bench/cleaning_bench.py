"""Cleaning on PDF-shaped text never seen before: renders known sentences from ``../shared/eval``
(bench/render_pdf_text.py) and checks what read → clean → segment makes of them.

    python bench/cleaning_bench.py            # all renderings, dev and held-out
    python bench/cleaning_bench.py --only dev
    python bench/cleaning_bench.py --width 60  # the same renderings wrapped at 60 characters

Per language and split it reports boundary F1 (sentence ends matched over the aligned words),
the share of known sentences reproduced exactly, segments holding header or footer text,
line-end hyphenations repaired and real hyphens wrongly joined. "plain" rows give the same
sentences as plain paragraphs (no wrapping, headers or hyphens): the segmenter's own ceiling.
Held-out renderings were not looked at while tuning the cleaner.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import default_eval_dir
from render_pdf_text import WIDTH, Rendering, load_sentences, render

from tmtool.prepare import prepare_text

TARGETS = "F1 >= 0.98, exact >= 97%, header text 0, repaired >= 97%, wrongly joined < 1%"


@dataclass(frozen=True)
class Source:
    lang: str
    split: str  # "dev" (used while tuning) or "held-out"
    name: str
    path: str  # relative to the evaluation folder
    start: int = 0
    stop: int | None = None


_EP = "silver_opus_xces_europarl/plain/ep-00-12-15"
_TB = "textberg_defr/bleualign_data"
_HU = "hunalign_handaligns_hu_en_ro_en/plain"
SOURCES = (
    Source("nl", "dev", "europarl nl 0-370", f"{_EP}.nl", 0, 370),
    Source("nl", "held-out", "europarl nl 370-", f"{_EP}.nl", 370),
    Source("nl", "held-out", "dcep nl 10339", "silver_opus_xces_dcep/plain/20060905-STO-10339.nl"),
    Source("nl", "held-out", "dcep nl 44307", "silver_opus_xces_dcep/plain/20081211-STO-44307.nl"),
    Source("fr", "dev", "europarl fr 0-370", f"{_EP}.fr", 0, 370),
    Source("fr", "held-out", "europarl fr 370-", f"{_EP}.fr", 370),
    Source("fr", "held-out", "dpc fr", "dpc_nl_fr_en/plain/dpc-bmm-001071.fr"),
    Source("fr", "text+berg", "text+berg dev", f"{_TB}/dev.fr"),
    *(Source("fr", "text+berg", f"text+berg test{k}", f"{_TB}/test{k}.fr") for k in range(7)),
    Source("en", "dev", "hunalign dtm", f"{_HU}/dtm.en"),
    Source("en", "held-out", "hunalign steinbeck 0-600", f"{_HU}/steinbeck.en", 0, 600),
    Source("en", "held-out", "europarl en 0-400", f"{_EP}.en", 0, 400),
    # blind: run once, on the final code of a stop, never tuned on. New texts where the
    # evaluation folder has any (nl, en); French has none left, so new layouts of held-out texts.
    Source("nl", "blind", "dpc nl", "dpc_nl_fr_en/plain/dpc-bmm-001071.nl"),
    Source("nl", "blind", "dcep nl 04891", "silver_opus_xces_dcep/plain/20060131-IPR-04891.nl"),
    Source("fr", "blind", "europarl fr 370- (new layouts)", f"{_EP}.fr", 370),
    Source("fr", "blind", "dpc fr (new layouts)", "dpc_nl_fr_en/plain/dpc-bmm-001071.fr"),
    Source("en", "blind", "hunalign 1984 en 0-600", f"{_HU}/1984.hu.en", 0, 600),
    Source("en", "blind", "dpc en", "dpc_nl_fr_en/plain/dpc-bmm-001071.en"),
    Source("en", "blind", "europarl en 400-", f"{_EP}.en", 400),
)  # fmt: skip
#: Splits: "dev" was looked at while tuning; "held-out" was not at first, but its failures were
#: looked at after its first run; "blind" is run once on a stop's final code. Text+Berg's lines
#: are alignment units, often two sentences or a caption fragment, so its "exact" share measures
#: the corpus as much as the cleaner; it is reported apart (and was not used for tuning).
SPLITS = ("dev", "held-out", "blind", "text+berg")
SEEDS = (1, 2, 3)  # one rendering per seed: header style and page-break marks vary with it
#: The blind split's seeds pair header styles with page-break marks differently from SEEDS.
BLIND_SEEDS = (4, 5, 6)

_WORD = re.compile(r"[^\W_]+")


@dataclass
class Score:
    ref_bounds: int = 0
    sys_bounds: int = 0
    matched_bounds: int = 0
    sentences: int = 0
    exact: int = 0
    header_segments: int = 0
    hyphenations: int = 0
    unrepaired: int = 0
    real_hyphens: int = 0
    wrongly_joined: int = 0
    furniture_lines: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def f1(self) -> float:
        p = self.matched_bounds / max(1, self.sys_bounds)
        r = self.matched_bounds / max(1, self.ref_bounds)
        return 2 * p * r / (p + r) if p + r else 0.0


def score(rendering: Rendering, segments: list[str]) -> Score:
    """Compare the segments of a rendering with its known sentences."""
    result = Score(sentences=len(rendering.sentences))
    ref_words, ref_ends = _words_and_ends(rendering.sentences)
    sys_words, sys_ends = _words_and_ends(segments)
    matcher = difflib.SequenceMatcher(a=sys_words, b=ref_words, autojunk=False)
    to_ref: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_ref[block.a + k] = block.b + k
    result.ref_bounds, result.sys_bounds = len(ref_ends), len(sys_ends)
    result.matched_bounds = sum(1 for end in sys_ends if to_ref.get(end, -1) in ref_ends)
    produced = Counter(" ".join(s.split()) for s in segments)
    for sentence in rendering.sentences:
        if produced[sentence] > 0:
            produced[sentence] -= 1
            result.exact += 1
    result.header_segments = sum(
        1 for s in segments if any(mark in s for mark in rendering.header_marks)
    )
    system = "\n".join(segments)
    reference = "\n".join(rendering.sentences)
    result.hyphenations = len(rendering.hyphenations)
    for (_word, left, right), n in Counter(rendering.hyphenations).items():
        broken = re.compile(re.escape(left) + r"- ?" + re.escape(_letters(right)))
        extra = len(broken.findall(system)) - len(broken.findall(reference))
        result.unrepaired += min(n, max(0, extra))
    result.real_hyphens = len(rendering.real_hyphens)
    for word, n in Counter(rendering.real_hyphens).items():
        core = re.match(r"[^\W\d_]+(?:-[^\W\d_]+)+", word).group()
        joined = re.compile(r"(?<![\w-])" + re.escape(core.replace("-", "")) + r"(?![\w-])")
        extra = len(joined.findall(system)) - len(joined.findall(reference))
        result.wrongly_joined += min(n, max(0, extra))
    return result


def _letters(text: str) -> str:
    return re.match(r"[^\W\d_]*", text).group()


def _words_and_ends(sentences: list[str]) -> tuple[list[str], set[int]]:
    words: list[str] = []
    ends: set[int] = set()
    for sentence in sentences:
        found = _WORD.findall(sentence.lower())
        if found:
            words.extend(found)
            ends.add(len(words) - 1)
    return words, ends


def measure(source: Source, eval_dir: Path, seed: int | None, width: int = WIDTH) -> Score:
    sentences = load_sentences(str(eval_dir / source.path), source.lang, source.start, source.stop)
    if seed is None:  # plain paragraphs: the segmenter's ceiling
        rendering = Rendering("\n\n".join(sentences) + "\n", sentences, [])
    else:
        rendering = render(sentences, source.lang, seed, width=width)
    started = time.process_time()
    document = prepare_text(rendering.text, source.lang)
    result = score(rendering, document.texts)
    result.seconds = time.process_time() - started
    result.furniture_lines = len(document.furniture)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--only", choices=SPLITS)
    parser.add_argument("--verbose", action="store_true", help="one row per source and seed")
    parser.add_argument(
        "--width", type=int, default=WIDTH, help=f"wrap width of the renderings (default {WIDTH})"
    )
    args = parser.parse_args(argv)
    if not (args.eval_dir / "MANIFEST.tsv").exists():
        print(f"evaluation data not found in {args.eval_dir}; nothing measured")
        return 0
    print(f"targets: {TARGETS}")
    header = (
        "| lang | split | render | sentences | boundary F1 | exact | header segments | "
        "hyphenations repaired | real hyphens joined | furniture lines cut | CPU s |"
    )
    print(header)
    print("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for lang in ("nl", "fr", "en"):
        for split in SPLITS:
            if args.only and split != args.only:
                continue
            chosen = [s for s in SOURCES if s.lang == lang and s.split == split]
            if not chosen:
                continue
            shaped = "pdf-shaped" if args.width == WIDTH else f"pdf-shaped, width {args.width}"
            rendered = BLIND_SEEDS if split == "blind" else SEEDS
            for label, seeds in (("plain", (None,)), (shaped, rendered)):
                total = Score()
                for source in chosen:
                    for seed in seeds:
                        one = measure(source, args.eval_dir, seed, args.width)
                        total.add(one)
                        if args.verbose:
                            print(f"  {source.name} seed {seed}: {_row(one)}", file=sys.stderr)
                print(f"| {lang} | {split} | {label} | {_row(total)} |")
    return 0


def _row(s: Score) -> str:
    repaired = s.hyphenations - s.unrepaired
    return (
        f"{s.sentences} | {s.f1():.3f} | {100 * s.exact / max(1, s.sentences):.1f}% | "
        f"{s.header_segments} | {repaired}/{s.hyphenations} "
        f"({100 * repaired / max(1, s.hyphenations):.1f}%) | {s.wrongly_joined}/{s.real_hyphens} "
        f"({100 * s.wrongly_joined / max(1, s.real_hyphens):.1f}%) | {s.furniture_lines} | "
        f"{s.seconds:.1f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
