"""Finding known phrases (lemma-id keys) in word-id sequences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence


class PhraseIndex:
    """Keys indexed by their first lemma, to find every occurrence in one left-to-right scan."""

    def __init__(self, keys: Iterable[tuple[int, ...]]) -> None:
        self.by_first: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        self._split_positions: dict[tuple[int, ...], list[int]] | None = None
        for key in set(keys):
            self.by_first[key[0]].append(key)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(
        self, lemmas: Sequence[int], content: Sequence[int] | None = None
    ) -> Iterator[tuple[tuple[int, ...], int, int]]:
        """``(key, start, end)`` for every occurrence (BREAK markers never match a lemma).

        With ``content`` (lemma id → a content word), a key also occurs with one content word
        inserted between one of its content words and the function word after it
        (``inserted_at``: ``ministère français de la justice`` holds ``ministère de la
        justice``); ``end - start`` is then one more than the key's length."""
        by_first = self.by_first
        splits = None
        if content is not None:
            splits = self._split_positions
            if splits is None:
                splits = self._splits(content)
        n = len(lemmas)
        # only the positions of a key's first lemma are read: a set intersection finds whether
        # there are any at all (most scans find none) without a lookup per word
        firsts = by_first.keys() & set(lemmas)
        if not firsts:
            return
        for start in [i for i, lemma in enumerate(lemmas) if lemma in firsts]:
            for key in by_first[lemmas[start]]:
                end = start + len(key)
                if end <= n and tuple(lemmas[start:end]) == key:
                    yield key, start, end
                elif (
                    splits
                    and end < n
                    and lemmas[end] == key[-1]
                    and key in splits
                    and _split_at(lemmas, start, key, splits[key], content)
                ):
                    yield key, start, end + 1

    def _splits(self, content: Sequence[int]) -> dict[tuple[int, ...], list[int]]:
        """Each key's positions where a word may be inserted (a content word, then a function
        word), for keys of three or more words; computed once per index."""
        if self._split_positions is None:
            self._split_positions = {}
            for keys in self.by_first.values():
                for key in keys:
                    found = [
                        i for i in range(1, len(key)) if content[key[i - 1]] and not content[key[i]]
                    ]
                    if len(key) >= 3 and found:
                        self._split_positions[key] = found
        return self._split_positions

    def present(
        self, lemmas: Sequence[int], content: Sequence[int] | None = None
    ) -> set[tuple[int, ...]]:
        return {key for key, _, _ in self.find(lemmas, content)}


def inserted_at(lemmas: Sequence[int], position: int, content: Sequence[int]) -> bool:
    """Whether a content word stands at ``position`` between a content word and a function
    word: a postposed adjective that French, Romanian and other languages put between a noun
    and its complement (``le ministère français de la Justice``, ``un magistrat de liaison
    français en Belgique``), where another unit writes the noun and complement together."""
    if position < 1 or position + 1 >= len(lemmas):
        return False
    before, inserted, after = lemmas[position - 1], lemmas[position], lemmas[position + 1]
    return (
        before >= 0
        and inserted >= 0
        and after >= 0
        and bool(content[before] and content[inserted] and not content[after])
    )


def split_position(key: Sequence[int], lemmas: Sequence[int], start: int) -> int | None:
    """Where, counted from ``start``, the words ``lemmas[start:start + len(key) + 1]`` hold
    one inserted word that ``key`` lacks; None when they do not."""
    end = start + len(key) + 1
    if end > len(lemmas):
        return None
    for i in range(1, len(key)):
        if lemmas[start + i] != key[i]:
            tail = lemmas[start + i + 1 : end]
            return i if tuple(tail) == tuple(key[i:]) else None
    return None


def _split_at(
    lemmas: Sequence[int],
    start: int,
    key: tuple[int, ...],
    positions: list[int],
    content: Sequence[int],
) -> bool:
    """Whether ``key`` stands at ``start`` with one word inserted at one of ``positions`` where
    ``inserted_at`` allows it."""
    for i in positions:
        at = start + i
        if (
            lemmas[at] != key[i]
            and lemmas[at + 1] == key[i]
            and tuple(lemmas[start:at]) == key[:i]
            and tuple(lemmas[at + 1 : start + len(key) + 1]) == key[i:]
            and inserted_at(lemmas, at, content)
        ):
            return True
    return False


def overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether one key is a contiguous part of the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    size = len(short)
    return any(tuple(long[i : i + size]) == tuple(short) for i in range(len(long) - size + 1))
