"""Build a SentencePiece ``precompiled_charsmap`` from a code-point normalisation table.

A charsmap is what the ``Precompiled`` normaliser of the ``tokenizers`` library (and
SentencePiece itself) reads: a little-endian u32 giving the byte size of a double-array trie,
the trie's u32 units, then NUL-terminated replacement strings. The trie maps the UTF-8 bytes of
a source string to the byte offset of its replacement.

Unit encoding (darts-clone): an inner unit keeps its label byte in bits 0-7, a "has a value"
flag in bit 8 and the XOR offset to its children in bits 10-31 (bit 9 set means the stored
offset is shifted left by 8). A value unit has bit 31 set and the value in bits 0-30; it sits at
the node's child slot for label 0. A child with label ``c`` of a node whose children start at
``base`` lives at ``base ^ c``; every base is used by one node only, so a label check alone
tells whether a slot belongs to the node being searched.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

_OFFSET_LIMIT = 1 << 21
_VALUE_FLAG = 1 << 31
_HAS_LEAF = 1 << 8
_WIDE_OFFSET = 1 << 9


def _encode_offset(offset: int) -> int:
    if offset < _OFFSET_LIMIT:
        return offset << 10
    if offset % 256 == 0 and (offset >> 8) < _OFFSET_LIMIT:
        return ((offset >> 8) << 10) | _WIDE_OFFSET
    raise ValueError(f"double-array offset {offset} cannot be encoded")


class _Node:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _Node] = {}
        self.value: int | None = None


def build_charsmap(replacements: Mapping[str, str]) -> bytes:
    """Return a precompiled charsmap that rewrites each key of ``replacements`` to its value.

    Keys must be non-empty and contain no NUL character; values may be empty (deletion).
    """
    blob = bytearray()
    offsets: dict[str, int] = {}
    root = _Node()
    for source, target in sorted(replacements.items()):
        if not source or "\0" in source or "\0" in target:
            raise ValueError(f"invalid charsmap entry {source!r} -> {target!r}")
        if target not in offsets:
            offsets[target] = len(blob)
            blob += target.encode("utf-8") + b"\0"
        node = root
        for byte in source.encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = offsets[target]
    units = _place(root)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _place(root: _Node) -> list[int]:
    """Lay the trie out as a double array; returns the units (length a multiple of 256)."""
    units: list[int] = [0] * 256
    used = bytearray(256)
    used[0] = 1  # the root unit
    used_bases: set[int] = set()
    first_free = 1
    queue: list[tuple[_Node, int]] = [(root, 0)]
    while queue:
        node, pos = queue.pop()
        labels = sorted(node.children)
        if node.value is not None:
            labels.insert(0, 0)
        if not labels:
            continue
        while used[first_free]:
            first_free += 1
            if first_free >= len(used):
                used.extend(bytes(256))
                units.extend([0] * 256)
        base = _find_base(labels, used, used_bases, first_free, pos)
        while (base | 0xFF) >= len(used):
            used.extend(bytes(256))
            units.extend([0] * 256)
        used_bases.add(base)
        units[pos] |= _encode_offset(pos ^ base) | (_HAS_LEAF if node.value is not None else 0)
        for label in labels:
            slot = base ^ label
            used[slot] = 1
            if label == 0:
                units[slot] = _VALUE_FLAG | node.value  # type: ignore[operator]
            else:
                units[slot] = label
                queue.append((node.children[label], slot))
    return units


def _find_base(
    labels: list[int], used: bytearray, used_bases: set[int], start: int, pos: int
) -> int:
    """The first base at or after ``start`` whose slots for ``labels`` are all free."""
    candidate = start
    size = len(used)
    while True:
        if candidate >= size or not used[candidate]:
            base = candidate ^ labels[0]
            if (
                base != pos
                and base not in used_bases
                and all(base ^ lab >= size or not used[base ^ lab] for lab in labels)
            ):
                return base
        candidate += 1


def lookup(charsmap: bytes, text: str) -> str | None:
    """The replacement for the shortest prefix of ``text`` found in ``charsmap`` (for checks)."""
    (trie_size,) = struct.unpack_from("<I", charsmap, 0)
    units = struct.unpack_from(f"<{trie_size // 4}I", charsmap, 4)
    normalized = charsmap[4 + trie_size :]
    node = units[0] >> 10 << ((units[0] & _WIDE_OFFSET) >> 6)
    for byte in text.encode("utf-8"):
        node ^= byte
        unit = units[node]
        if unit & (_VALUE_FLAG | 0xFF) != byte:
            return None
        node ^= unit >> 10 << ((unit & _WIDE_OFFSET) >> 6)
        if unit & _HAS_LEAF:
            start = units[node] & (_VALUE_FLAG - 1)
            end = normalized.index(b"\0", start)
            return normalized[start:end].decode("utf-8")
    return None
