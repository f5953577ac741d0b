"""The analysis CAT tools print before a job: segments and words per match band.

Each segment falls in exactly one row, tried in this order: context match (101%), 100%, a
repetition (the same text, after whitespace normalisation, earlier in the file), then the fuzzy
bands of its best % (95–99, 85–94, 75–84, 50–74) and "no match". Repetitions rank below 100%
matches as in Trados and memoQ: a repeated segment that the memory already holds is counted
as a 100% match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmtool.lookup.matcher import CONTEXT, LookupResult, SegmentMatches

#: (name, lowest %, highest %) of the fuzzy bands
BANDS = (("95-99", 95, 99), ("85-94", 85, 94), ("75-84", 75, 84), ("50-74", 50, 74))
ROWS = ("context", "100", "repetition", *(name for name, _, _ in BANDS), "no match")
LABELS = {
    "context": "Context match (101%)",
    "100": "100%",
    "repetition": "Repetitions",
    "95-99": "95-99%",
    "85-94": "85-94%",
    "75-84": "75-84%",
    "50-74": "50-74%",
    "no match": "No match",
}


def band(segment: SegmentMatches, lang: str) -> str:
    """The analysis row of ``segment`` for target language ``lang``."""
    best = segment.best(lang)
    percent = best.percent if best else 0
    if percent >= CONTEXT:
        return "context"
    if percent == 100:
        return "100"
    if segment.repetition_of is not None:
        return "repetition"
    for name, low, high in BANDS:
        if low <= percent <= high:
            return name
    return "no match"


@dataclass
class Analysis:
    lang: str
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROWS, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROWS, 0))

    @property
    def total_segments(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "bands": [
                {"band": row, "segments": self.segments[row], "words": self.words[row]}
                for row in ROWS
            ],
            "total": {"segments": self.total_segments, "words": self.total_words},
        }

    def lines(self) -> list[str]:
        """A fixed-width table as CAT tools print it."""
        out = [f"{'':22} {'segments':>9} {'words':>8} {'words %':>8}"]
        for row in ROWS:
            share = 100.0 * self.words[row] / self.total_words if self.total_words else 0.0
            out.append(
                f"{LABELS[row]:22} {self.segments[row]:>9} {self.words[row]:>8} {share:>7.1f}%"
            )
        out.append(f"{'Total':22} {self.total_segments:>9} {self.total_words:>8}")
        return out


def analyse(result: LookupResult, lang: str) -> Analysis:
    """Segments and words per match band for target ``lang``, as a CAT tool's analysis."""
    analysis = Analysis(lang)
    for segment in result.segments:
        row = band(segment, lang)
        analysis.segments[row] += 1
        analysis.words[row] += segment.words
    return analysis
