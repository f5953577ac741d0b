"""Reading and writing alignments in the gold bead format: one ``[i,..]:[j,..]`` bead a line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tmtool.document import Bead
from tmtool.errors import InputError
from tmtool.files import OutputGroup, write_output

_BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def _indices(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.replace(",", " ").split())


def parse_beads(text: str, source: str = "<text>") -> list[Bead]:
    """Parse bead lines; blank lines are skipped, anything else malformed is an InputError."""
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _BEAD.match(line)
        if not match:
            raise InputError(
                f"{source}:{number}: not a bead line ('[i,..]:[j,..]'): {line.strip()!r}"
            )
        beads.append(Bead(_indices(match[1]), _indices(match[2])))
    return beads


def read_beads(path: str | Path) -> list[Bead]:
    """The beads of a bead file; InputError (one line) for a file that cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read bead file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"bead file {path} is not UTF-8 text") from None
    return parse_beads(text, str(path))


def format_beads(beads: Iterable[Bead]) -> str:
    return "".join(bead.to_gold() + "\n" for bead in beads)


def write_beads(
    path: str | Path, beads: Iterable[Bead], *, group: OutputGroup | None = None
) -> None:
    """Write a bead file atomically (``files.write_output``): ``align --beads`` and the benchmarks
    leave a whole file or none, and a failed write is one error line; with ``group`` the file
    appears only with the rest of that ``OutputGroup``."""
    write_output(path, format_beads(beads), group=group)


def read_manifest(path: str | Path) -> list[tuple[Path, Path]]:
    """``GOLD<TAB>SYSTEM`` lines (``#`` comments allowed), paths relative to the manifest."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read manifest {path}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    pairs = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise InputError(f"{path}:{number}: expected GOLD<TAB>SYSTEM")
        pairs.append((path.parent / fields[0].strip(), path.parent / fields[1].strip()))
    if not pairs:
        raise InputError(f"manifest {path} lists no bead files")
    return pairs
