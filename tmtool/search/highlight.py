"""Where a query's needles occur in an original (unfolded) text, and marking them up."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tmtool.fold import fold_with_offsets

Span = tuple[int, int]  # [start, end) character offsets into the original text


def find_spans(text: str, needles: Sequence[str]) -> list[Span]:
    """Merged, sorted spans of ``text`` whose folded form matches one of the folded ``needles``."""
    folded, offsets = fold_with_offsets(text)
    spans: list[Span] = []
    for needle in needles:
        core = needle.strip()
        if not core:
            continue
        skip = len(needle) - len(needle.lstrip(" "))  # a prefix needle's anchoring space
        start = folded.find(needle)
        while start != -1:
            first = start + skip
            last = first + len(core) - 1
            spans.append((offsets[first], offsets[last] + 1))
            start = folded.find(needle, start + 1)
    return merge_spans(spans)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping and touching ones joined, so marking never nests."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: Sequence[Span], style: Callable[[str], str]) -> str:
    """``text`` with each span passed through ``style`` (colour codes or plain markers)."""
    out, position = [], 0
    for start, end in spans:
        out.append(text[position:start])
        out.append(style(text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)
