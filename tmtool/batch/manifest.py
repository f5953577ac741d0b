"""Manifest files: one document set per line for ``tmtool align --manifest``.

Format (tab-separated, UTF-8)::

    # comment lines and blank lines are skipped
    nl/decl-001.pdf<TAB>fr/decl-001.docx<TAB>en/decl-001.html<TAB>Declaration 1<TAB>2026-03-01

One file path per language, in ``--langs`` order, then optionally a title and a date
(``YYYY-MM-DD``). Relative paths are taken from the manifest's folder. Problems with the manifest
itself (wrong column count, bad date, a set listed twice) stop the run before any work; problems
with a listed file fail only its own set later.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tmtool.errors import InputError


@dataclass(frozen=True)
class DocumentSet:
    """One manifest line: the files of one document in each language."""

    line: int
    paths: tuple[str, ...]  # absolute or as resolved from the manifest folder, in --langs order
    title: str | None = None
    date: str | None = None  # ISO day

    @property
    def name(self) -> str:
        return self.title or Path(self.paths[0]).name


def read_manifest(path: str | os.PathLike[str], n_langs: int) -> list[DocumentSet]:
    """The document sets of the manifest at ``path``; InputError (with the line) when malformed."""
    manifest = Path(path)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"manifest {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"manifest {path} is a directory") from None
    except UnicodeDecodeError:
        raise InputError(f"manifest {path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    folder = manifest.resolve().parent
    sets: list[DocumentSet] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        columns = [column.strip() for column in raw.split("\t")]
        where = f"manifest {path}, line {number}"
        if not n_langs <= len(columns) <= n_langs + 2:
            raise InputError(
                f"{where}: {len(columns)} tab-separated columns, expected {n_langs} file paths "
                "then an optional title and date"
            )
        files = columns[:n_langs]
        if not all(files):
            raise InputError(f"{where}: empty file path")
        paths = tuple(str(folder / name) for name in files)  # an absolute name stays as it is
        title = columns[n_langs] if len(columns) > n_langs and columns[n_langs] else None
        day = columns[n_langs + 1] if len(columns) > n_langs + 1 and columns[n_langs + 1] else None
        if day is not None:
            try:
                day = date.fromisoformat(day).isoformat()
            except ValueError:
                raise InputError(f"{where}: date {day!r} is not YYYY-MM-DD") from None
        if paths in seen:
            raise InputError(f"{where}: the same files as line {seen[paths]}")
        seen[paths] = number
        sets.append(DocumentSet(number, paths, title, day))
    if not sets:
        raise InputError(f"manifest {path} lists no document sets")
    return sets
