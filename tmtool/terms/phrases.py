"""Finding known phrases (lemma-id keys) in word-id sequences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence


class PhraseIndex:
    """Keys indexed by their first lemma, to find every occurrence in one left-to-right scan."""

    def __init__(self, keys: Iterable[tuple[int, ...]]) -> None:
        self.by_first: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        for key in set(keys):
            self.by_first[key[0]].append(key)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(self, lemmas: Sequence[int]) -> Iterator[tuple[tuple[int, ...], int, int]]:
        """``(key, start, end)`` for every occurrence (BREAK markers never match a lemma)."""
        by_first = self.by_first
        n = len(lemmas)
        for start in range(n):
            keys = by_first.get(lemmas[start])
            if keys is None:
                continue
            for key in keys:
                end = start + len(key)
                if end <= n and tuple(lemmas[start:end]) == key:
                    yield key, start, end

    def present(self, lemmas: Sequence[int]) -> set[tuple[int, ...]]:
        return {key for key, _, _ in self.find(lemmas)}


def overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether one key is a contiguous part of the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    size = len(short)
    return any(tuple(long[i : i + size]) == tuple(short) for i in range(len(long) - size + 1))
