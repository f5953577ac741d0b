"""The one atomic-write helper: whole files or none, umask-respecting permissions, no leftovers."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tmtool.errors import InputError
from tmtool.files import (
    AtomicFile,
    OutputGroup,
    atomic_folder,
    atomic_path,
    write_bytes_atomically,
    write_output,
    write_text_atomically,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "beads"
    write_text_atomically(path, "old\n")
    with pytest.raises(TypeError):  # fails while writing: the temporary file goes, the old stays
        write_text_atomically(path, 42)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old\n"
    with pytest.raises(RuntimeError), AtomicFile(path) as handle:
        handle.write("half of the new text")
        raise RuntimeError("stop")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beads"]


def test_a_discarded_file_is_not_written(tmp_path: Path) -> None:
    """``AtomicFile.discard``: the old file stays, the temporary file and the folder made for the
    new one go, with no exception needed to say so."""
    (tmp_path / "old.txt").write_text("old\n")
    discarded = AtomicFile(tmp_path / "old.txt")
    with discarded as handle:
        handle.write("newer\n")
        discarded.discard()
    made = AtomicFile(tmp_path / "a" / "b" / "x.txt", make_folder=True)
    with made as handle:
        assert (tmp_path / "a" / "b").is_dir()
        made.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    assert (tmp_path / "old.txt").read_text() == "old\n"


def test_a_file_failing_at_its_flush_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk full at the last flush or fsync (the usual place it shows) is a file not written:
    the folders made for it go, alone or in a group, as on an error inside the ``with``."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="No space left on device"):
        write_output(tmp_path / "a" / "b" / "x.txt", "x\n")
    with pytest.raises(InputError, match="No space left on device"), OutputGroup() as group:
        write_output(tmp_path / "c" / "y.txt", "y\n", group=group)
    assert list(tmp_path.iterdir()) == []


def test_text_is_written_byte_exact(tmp_path: Path) -> None:
    write_text_atomically(tmp_path / "a.txt", "één\r\ntwee\n")
    assert (tmp_path / "a.txt").read_bytes() == "één\r\ntwee\n".encode()
    write_bytes_atomically(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


def _umask_run(umask: int, code: str) -> None:
    """Run ``code`` in a child process with ``umask`` so this process's umask is never touched."""
    script = f"import os; os.umask({umask:#o}); {code}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", script], check=True, env=env)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_permissions_follow_the_umask_like_open(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "out.tmx"
    _umask_run(
        umask,
        "from tmtool.files import write_text_atomically, atomic_folder\n"
        f"write_text_atomically({str(target)!r}, 'x')\n"
        f"with atomic_folder({str(tmp_path / 'model')!r}) as d:\n"
        "    (d / 'w.bin').write_bytes(b'1')\n"
        "import os\n"
        "if os.umask(0) != " + f"{umask:#o}" + ": raise SystemExit('umask changed')",
    )
    assert _mode(target) == 0o666 & ~umask
    assert _mode(tmp_path / "model") == 0o777 & ~umask
    assert _mode(tmp_path / "model" / "w.bin") == 0o666 & ~umask


def test_explicit_mode(tmp_path: Path) -> None:
    with AtomicFile(tmp_path / "secret", mode=0o600) as handle:
        handle.write("x")
    assert _mode(tmp_path / "secret") == 0o600


def test_folder_replaces_only_at_the_end(tmp_path: Path) -> None:
    out = tmp_path / "model"
    with atomic_folder(out) as staging:
        (staging / "config.json").write_text("{1}")
        assert not out.exists()
    assert (out / "config.json").read_text() == "{1}"
    with pytest.raises(RuntimeError), atomic_folder(out, replace=True) as staging:
        (staging / "config.json").write_text("{2}")
        raise RuntimeError("interrupted")
    assert (out / "config.json").read_text() == "{1}"
    with pytest.raises(FileExistsError), atomic_folder(out) as staging:
        (staging / "config.json").write_text("{3}")
    with atomic_folder(out, replace=True) as staging:
        (staging / "config.json").write_text("{4}")
    assert (out / "config.json").read_text() == "{4}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_model_folder_makes_its_parents_only_when_written(tmp_path: Path) -> None:
    """`models build-e5 --out a/b/model` made `a/b/` before the build, so a failed build left it;
    ``make_folder`` removes the parents it made when the folder is not written."""
    out = tmp_path / "a" / "b" / "model"
    with pytest.raises(RuntimeError), atomic_folder(out, make_folder=True) as staging:
        (staging / "config.json").write_text("{1}")
        raise RuntimeError("the build failed")
    assert list(tmp_path.iterdir()) == []
    with atomic_folder(out, make_folder=True) as staging:
        (staging / "config.json").write_text("{2}")
    assert (out / "config.json").read_text() == "{2}"
    assert sorted(p.name for p in out.parent.iterdir()) == ["model"]


def test_unwritable_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_text_atomically(tmp_path / "missing" / "x.txt", "x")


def test_an_output_file_makes_its_folder_and_fails_in_one_line(tmp_path: Path) -> None:
    from tmtool.errors import InputError

    write_output(tmp_path / "new" / "a.txt", "a\n")
    assert (tmp_path / "new" / "a.txt").read_text() == "a\n"
    (tmp_path / "new" / "taken").mkdir()
    with pytest.raises(InputError, match=r"^cannot write .*taken: Is a directory$"):
        write_output(tmp_path / "new" / "taken", "x")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["a.txt", "taken"]


def test_a_path_written_by_a_library_appears_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "index.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the library failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.bin"]
    with atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.bin"]


def _names(folder: Path) -> list[str]:
    """Every file and folder under ``folder`` (temporary files too), relative, sorted."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_group_renames_its_files_only_when_every_one_was_written(tmp_path: Path) -> None:
    """``OutputGroup``: each file written whole and kept under its temporary name until the
    last is written; then all are in place, with no temporary file left."""
    old = tmp_path / "a.csv"
    old.write_text("old\n", encoding="utf-8")
    with OutputGroup() as group:
        write_output(old, "new\n", group=group)
        with group.file(tmp_path / "sub" / "b.tmx", binary=True) as handle:
            handle.write(b"<tmx/>")
        assert old.read_text(encoding="utf-8") == "old\n"
        assert not (tmp_path / "sub" / "b.tmx").exists()
    assert old.read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "sub" / "b.tmx").read_bytes() == b"<tmx/>"
    assert _names(tmp_path) == ["a.csv", "sub", "sub/b.tmx"]


def test_a_failure_in_a_later_file_leaves_none_of_the_group(tmp_path: Path) -> None:
    """The last file cannot be written: the ones before it do not appear either, their
    temporary files and the folders made for them go, and an older file stays as it was."""
    from tmtool.errors import InputError

    old = tmp_path / "a.csv"
    old.write_text("old\n", encoding="utf-8")
    (tmp_path / "taken").mkdir()
    refused = pytest.raises(InputError, match=r"^cannot write .*taken: Is a directory$")
    with refused, OutputGroup() as group:
        write_output(old, "new\n", group=group)
        write_output(tmp_path / "new" / "deeper" / "b.tbx", "b\n", group=group)
        write_output(tmp_path / "taken", "x\n", group=group)
    assert old.read_text(encoding="utf-8") == "old\n"
    assert _names(tmp_path) == ["a.csv", "taken"]


def test_an_error_between_the_files_leaves_none_and_a_discarded_one_is_skipped(
    tmp_path: Path,
) -> None:
    """An error in the work between two files of a group (not in a file) drops them all; a
    discarded file (nothing to go into it) is left out and the others are still written."""
    with pytest.raises(RuntimeError), OutputGroup() as group:
        write_output(tmp_path / "out" / "a.txt", "a\n", group=group)
        raise RuntimeError("the work after the first file failed")
    assert _names(tmp_path) == []
    with OutputGroup() as group:
        empty = group.file(tmp_path / "empty" / "e.tmx")
        with empty:
            empty.discard()
        write_output(tmp_path / "out" / "a.txt", "a\n", group=group)
    assert _names(tmp_path) == ["out", "out/a.txt"]


def test_a_rename_failing_at_the_end_puts_back_the_ones_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renames are the last step and may still fail (a disk gone read-only): the files renamed
    before come back as they were (an older file restored, a new one removed), and the error
    is the failing file's own (``TmxError`` for a TMX)."""
    from tmtool.errors import TmxError

    old = tmp_path / "a.csv"
    old.write_text("old\n", encoding="utf-8")
    real_replace = os.replace

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target).name == "c.tmx":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    refused = pytest.raises(TmxError, match=r"^cannot write .*c\.tmx: Read-only file system$")
    with refused, OutputGroup() as group:
        write_output(old, "new\n", group=group)
        write_output(tmp_path / "b.txt", "b\n", group=group)
        with group.file(tmp_path / "c.tmx", binary=True, error=TmxError) as handle:
            handle.write(b"<tmx/>")
    assert old.read_text(encoding="utf-8") == "old\n"
    assert _names(tmp_path) == ["a.csv"]
