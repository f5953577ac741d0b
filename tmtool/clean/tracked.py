"""A string that remembers, for every character, the span of the source text it came from."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

Replacement = str | Callable[[re.Match[str]], str | None]


class TrackedText:
    """Text plus a per-character map into the source text.

    Every edit (``edit``, ``sub``, ``concat``) keeps the map, so any stretch of the cleaned text
    can be traced back to the exact source span it was made from (``source_span``). Characters
    that an edit inserts take the span of what they replaced, or an empty span where nothing was
    replaced.
    """

    __slots__ = ("_ends", "_starts", "text")

    def __init__(
        self, text: str, starts: list[int] | None = None, ends: list[int] | None = None
    ) -> None:
        self.text = text
        if starts is None or ends is None:
            starts = list(range(len(text)))
            ends = list(range(1, len(text) + 1))
        if not len(starts) == len(ends) == len(text):
            raise ValueError("the span map must have one entry per character")
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"TrackedText({self.text!r})"

    # --- reading the map -------------------------------------------------------------------------

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """The source span of ``text[start:end]``: from its first to its last source character."""
        end = len(self.text) if end is None else end
        if start >= end:
            anchor = self._anchor(start)
            return anchor, anchor
        return min(self._starts[start:end]), max(self._ends[start:end])

    def _anchor(self, pos: int) -> int:
        """A source position for an empty stretch at ``pos`` of this text."""
        if pos > 0 and pos - 1 < len(self._ends):
            return self._ends[pos - 1]
        if pos < len(self._starts):
            return self._starts[pos]
        return 0

    # --- building new texts ----------------------------------------------------------------------

    def slice(self, start: int, end: int | None = None) -> TrackedText:
        """``text[start:end]`` with its map."""
        end = len(self.text) if end is None else end
        return TrackedText(self.text[start:end], self._starts[start:end], self._ends[start:end])

    def strip(self, chars: str | None = None) -> TrackedText:
        """Strip leading and trailing whitespace (or ``chars``)."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, max(left, right))

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> TrackedText:
        """Replace ``text[start:end]`` by each replacement; edits must not overlap.

        Only the part that really changes gets a merged span: a common prefix and suffix of the old
        and new strings keep their own character spans.
        """
        text, starts, ends = self.text, self._starts, self._ends
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos or end < start:
                raise ValueError(f"overlapping or inverted edit at {start}:{end}")
            out.append(text[pos:start])
            new_starts.extend(starts[pos:start])
            new_ends.extend(ends[pos:start])
            old = text[start:end]
            prefix = _common_prefix(old, repl)
            suffix = _common_suffix(old[prefix:], repl[prefix:])
            mid_start, mid_end = start + prefix, end - suffix
            middle = repl[prefix : len(repl) - suffix]
            out.append(repl)
            new_starts.extend(starts[start:mid_start])
            new_ends.extend(ends[start:mid_start])
            if middle:
                if mid_end > mid_start:
                    span = (min(starts[mid_start:mid_end]), max(ends[mid_start:mid_end]))
                else:
                    anchor = self._anchor(mid_start)
                    span = (anchor, anchor)
                new_starts.extend([span[0]] * len(middle))
                new_ends.extend([span[1]] * len(middle))
            new_starts.extend(starts[mid_end:end])
            new_ends.extend(ends[mid_end:end])
            pos = end
        out.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return TrackedText("".join(out), new_starts, new_ends)

    def sub(self, pattern: str | re.Pattern[str], repl: Replacement, flags: int = 0) -> TrackedText:
        """Like ``re.sub``; ``repl`` may be a string template or a function (None = keep as is)."""
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        edits = []
        for match in regex.finditer(self.text):
            new = match.expand(repl) if isinstance(repl, str) else repl(match)
            if new is not None and new != match.group(0):
                edits.append((match.start(), match.end(), new))
        return self.edit(edits) if edits else self

    @classmethod
    def concat(cls, parts: Sequence[TrackedText], separators: Sequence[str]) -> TrackedText:
        """Join ``parts``; ``separators[i]`` goes between part i and part i+1 (empty spans)."""
        if len(separators) != max(0, len(parts) - 1):
            raise ValueError("need one separator between each pair of parts")
        text: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, part in enumerate(parts):
            if i:
                sep = separators[i - 1]
                anchor = ends[-1] if ends else part._anchor(0)
                text.append(sep)
                starts.extend([anchor] * len(sep))
                ends.extend([anchor] * len(sep))
            text.append(part.text)
            starts.extend(part._starts)
            ends.extend(part._ends)
        return cls("".join(text), starts, ends)


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to leave out whitespace at both ends of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
