"""The one way tmtool writes an output file or folder: all of it, or nothing.

Every output (bead files, TMX, XLIFF, summaries, model folders) is written under a temporary name
in the destination folder, flushed and fsync'ed, renamed over the destination, and the folder is
fsync'ed so the rename itself survives a power cut. A crash or an error at any point leaves either
the old file or the new one, never a half-written one; the temporary file is removed on error.
A command that writes several files writes them as one ``OutputGroup``: all of them or none.

Permissions: the temporary file is created with mode 0o666 (folders 0o777) and the kernel applies
the process umask, exactly as a plain ``open()``/``mkdir`` would; an explicit ``mode`` is set with
``fchmod``. The process umask is never read or changed (changing it races with other threads).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from tmtool.errors import InputError, TmtoolError

_TEMP_SUFFIX = ".tmp"


def temp_name(path: Path) -> Path:
    """A hidden name next to ``path``, random so that it is almost surely free (callers still
    create it exclusively), for the file that becomes ``path`` later."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}")


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename or creation inside ``folder`` durable (no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


class AtomicFile:
    """``with AtomicFile(path) as handle: handle.write(...)`` — ``path`` appears only on success.

    ``binary`` opens the handle in bytes mode; ``mode`` sets explicit permission bits (default:
    0o666 less the umask, like ``open()``); ``make_folder`` creates the file's missing folders
    first (``prepare_output_folder``) and removes them again when the file is not written, so
    that an error or a discarded file (an export with no unit) leaves no empty folder either.
    ``discard()`` drops the file instead: on leaving the ``with`` the temporary file is removed as
    on an error, and ``path`` stays as it was. A file of an ``OutputGroup`` (``group.file``) is
    written and fsync'ed on leaving the ``with`` but renamed only when its group ends.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        binary: bool = False,
        encoding: str = "utf-8",
        mode: int | None = None,
        make_folder: bool = False,
        group: OutputGroup | None = None,
    ) -> None:
        self.path = Path(path)
        self.group = group
        self.binary = binary
        self.encoding = encoding
        self.mode = mode
        self.make_folder = make_folder
        self.temp: Path | None = None
        self._handle: IO[Any] | None = None
        self._made: list[Path] = []  # folders made for this file, removed again if it is not
        self._discarded = False

    def __enter__(self) -> IO[Any]:
        if self.make_folder:
            self._made = prepare_output_folder(self.path)
        try:
            return self._open_temp()
        except BaseException:
            _remove_made(self._made)
            raise

    def _open_temp(self) -> IO[Any]:
        while True:
            temp = temp_name(self.path)
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                break
            except FileExistsError:
                continue
        self.temp = temp
        try:
            if self.mode is not None:
                os.fchmod(fd, self.mode)
            if self.binary:
                self._handle = os.fdopen(fd, "wb")
            else:
                self._handle = os.fdopen(fd, "w", encoding=self.encoding, newline="")
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        return self._handle

    def discard(self) -> None:
        """Do not write the file after all (one nothing would go into, see
        ``empty_output_warning``): leaving the ``with`` removes the temporary file and the folders
        made for it, as an error does, and ``path`` stays as it was."""
        self._discarded = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.temp is not None and self._handle is not None
        commit = exc_type is None and not self._discarded
        # renamed into place, or left for its group to rename (or remove); otherwise the file is
        # not written, whether it was to be (a flush, fsync or rename failing: a full disk) or
        # not, and its temporary file and the folders made for it go
        placed = False
        try:
            if commit:
                self._handle.flush()
                os.fsync(self._handle.fileno())
            self._handle.close()
            if commit and self.group is not None:
                self.group._stage(self)
                placed = True
            elif commit:
                os.replace(self.temp, self.path)
                placed = True
                fsync_folder(self.path.parent)
        finally:
            if not self._handle.closed:
                self._handle.close()
            if not placed:
                self._remove()

    def _remove(self) -> None:
        """Remove the temporary file of a file not written (by itself or its group), and the
        folders made for it."""
        assert self.temp is not None
        self.temp.unlink(missing_ok=True)
        _remove_made(self._made)


def _remove_made(folders: list[Path]) -> None:
    """Remove the folders ``prepare_output_folder`` made, deepest first, as far as they are
    still empty (another file may have been written into one meanwhile)."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return


def write_text_atomically(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    make_folder: bool = False,
) -> None:
    """Write ``text`` to ``path`` all at once (see the module docstring); ``make_folder`` first
    creates ``path``'s folder (and its parents) when missing, as an output option's folder, and
    removes it again when the file is not written (``AtomicFile``)."""
    with AtomicFile(path, encoding=encoding, make_folder=make_folder) as handle:
        handle.write(text)


def _missing_folders(folder: Path) -> tuple[list[Path], Path]:
    """The folders above and including ``folder`` that do not exist yet, outermost first, and
    the nearest one that does (which may be a file: then no folder can be made there)."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing[::-1], folder


def check_output_folder(path: str | os.PathLike[str]) -> None:
    """Fail with one ``InputError`` line when the folder of an output file the user named cannot
    be made or written to, without making it: commands check before their work, and the file's
    writer makes the folder only when the file is written (a file not written leaves no folder)."""
    folder = Path(path).parent
    missing, existing = _missing_folders(folder)
    if not existing.is_dir():
        raise InputError(f"cannot create folder {folder}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        if missing:
            raise InputError(f"cannot create folder {folder}: Permission denied")
        raise InputError(f"cannot write to folder {folder}")


def prepare_output_folder(path: str | os.PathLike[str]) -> list[Path]:
    """Create the folder of an output file the user named (with its parents), or fail with one
    ``InputError`` line; returns the folders it made, outermost first (``AtomicFile`` removes
    them again when its file is not written). A folder that cannot be made fails in
    ``check_output_folder``'s words (``x is not a folder``, not the OS's ``File exists``)."""
    check_output_folder(path)
    folder = Path(path).parent
    missing, _ = _missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise InputError(f"cannot write to folder {folder}")
    return missing


def prepare_output_files(paths: Iterable[str | os.PathLike[str]]) -> None:
    """``check_output_folder`` for every file a command will write, and an ``InputError`` for
    one that is a folder: checked before the first is written, so a command writing several
    files (``out.nl-fr.tmx``, ``out.nl-en.tmx``) leaves none when one of them cannot be. No
    folder is made here: the writer makes it with the file (``output_file``)."""
    for path in paths:
        check_output_folder(path)
        if Path(path).is_dir():
            raise InputError(f"cannot write {path}: Is a directory")  # as the OS says it


def empty_output_warning(nothing: str, empty_form: str) -> str:
    """The one wording of the rule for an output file nothing would go into (``export``,
    ``lookup --tmx``, ``terms --csv/--tbx/--omegat``): it is not written, a file already at
    its path stays as it was, and ``--allow-empty`` writes it anyway. ``nothing`` names the file
    and says why (``no unit to export to out.tmx (nl-BE → fr-BE)``), ``empty_form`` what the
    file would then be (``without units``)."""
    return f"{nothing}, so it was not written (--allow-empty writes it {empty_form})"


def output_file(path: str | os.PathLike[str], *, binary: bool = False) -> AtomicFile:
    """An output file the user named, for writers that stream it (TMX): its folder made
    (``prepare_output_folder``) when it is opened, then written all or nothing (``AtomicFile``;
    a folder it made is removed again when the file is not written)."""
    return AtomicFile(path, binary=binary, make_folder=True)


def write_output(
    path: str | os.PathLike[str], text: str, *, group: OutputGroup | None = None
) -> None:
    """Write an output file the user named at once (``output_file``, or ``group.file``: renamed
    with the rest of its group), with a failure as one user-facing ``InputError`` line instead of
    a traceback."""
    try:
        with group.file(path) if group is not None else output_file(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


class OutputGroup:
    """The files one command writes, all of them or none::

        with OutputGroup() as group:
            write_output("a.csv", text, group=group)
            with group.file("b.tmx", binary=True) as handle: ...

    Each file is written whole under a temporary name (``AtomicFile``), and every one is renamed
    into place only when the ``with`` ends without an error, after all were written. An error in
    any file, or in the work between them, removes every temporary file and the folders made for
    them: no new file appears, and a file already at one of the paths stays as it was. A rename
    that fails at the end (the disk gone read-only) undoes the renames before it.
    """

    def __init__(self) -> None:
        self._staged: list[AtomicFile] = []  # written and fsync'ed, waiting to be renamed
        self._errors: dict[Path, type[TmtoolError]] = {}

    def file(
        self,
        path: str | os.PathLike[str],
        *,
        binary: bool = False,
        error: type[TmtoolError] = InputError,
    ) -> AtomicFile:
        """An output file the user named (as ``output_file``: its folder made when it is opened)
        that appears only with the rest of the group; ``error`` is what a rename failing at the
        end raises for it (``TmxError`` for a TMX, as its writer raises)."""
        self._errors[Path(path)] = error
        return AtomicFile(path, binary=binary, make_folder=True, group=self)

    def _stage(self, written: AtomicFile) -> None:
        self._staged.append(written)

    def __enter__(self) -> OutputGroup:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        staged, self._staged = self._staged, []
        if exc_type is not None:
            _remove_staged(staged)
            return
        existed = {written.path for written in staged if os.path.lexists(written.path)}
        copies = {path: copy for path in existed if (copy := _kept_copy(path)) is not None}
        done: list[AtomicFile] = []
        try:
            for written in staged:
                assert written.temp is not None
                os.replace(written.temp, written.path)
                done.append(written)
        except BaseException as error:
            _undo_renames(done, existed, copies)
            _remove_staged(staged)
            if isinstance(error, OSError):
                failed = staged[len(done)].path
                message = f"cannot write {failed}: {error.strerror or error}"
                raise self._errors.get(failed, InputError)(message) from None
            raise
        finally:
            for copy in copies.values():
                copy.unlink(missing_ok=True)
        for folder in dict.fromkeys(written.path.parent for written in staged):
            fsync_folder(folder)


def _kept_copy(path: Path) -> Path | None:
    """A hard link to the file at ``path`` (None where links are not possible), so that
    ``OutputGroup`` can put it back if a later rename of the group fails."""
    copy = temp_name(path).with_suffix(".old")
    try:
        os.link(path, copy, follow_symlinks=False)
    except (OSError, NotImplementedError):
        return None
    return copy


def _undo_renames(done: list[AtomicFile], existed: set[Path], copies: dict[Path, Path]) -> None:
    """Put back the files the renames in ``done`` replaced and remove the new ones where there
    was none, as far as the filesystem still allows (a file that could not be kept stays new)."""
    for written in reversed(done):
        try:
            if written.path in copies:
                os.replace(copies[written.path], written.path)
            elif written.path not in existed:
                written.path.unlink(missing_ok=True)
        except OSError:
            pass


def _remove_staged(staged: list[AtomicFile]) -> None:
    """Remove the temporary files (and the folders made for them) of a group not written, the
    last first, so that a folder two files share goes with the first that made it."""
    for written in reversed(staged):
        written._remove()


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    with AtomicFile(path, binary=True) as handle:
        handle.write(data)


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path`` for a library that writes a file by name (an index
    ``save(filename)``); on success it is fsync'ed and renamed over ``path``, on error removed."""
    path = Path(path)
    temp = temp_name(path)
    try:
        yield temp
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
        fsync_folder(path.parent)
    finally:
        temp.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            fsync_folder(path)
    fsync_folder(folder)


@contextmanager
def atomic_folder(
    path: str | os.PathLike[str], *, replace: bool = False, make_folder: bool = False
) -> Iterator[Path]:
    """Yield an empty staging folder next to ``path``; on success it becomes ``path``.

    Everything written inside is fsync'ed before the rename. With ``replace`` an existing ``path``
    is swapped out only at the very end (and restored if the swap fails); without it an existing
    ``path`` makes the commit fail with FileExistsError. On error the staging folder is removed.
    ``make_folder`` first creates ``path``'s missing parents (``prepare_output_folder``) and
    removes them again on error, as ``AtomicFile`` does for a file.
    """
    path = Path(path)
    made = prepare_output_folder(path) if make_folder else []
    try:
        with _staged_folder(path, replace=replace) as staging:
            yield staging
    except BaseException:
        _remove_made(made)
        raise


@contextmanager
def _staged_folder(path: Path, *, replace: bool) -> Iterator[Path]:
    """``atomic_folder`` once ``path``'s parent exists."""
    while True:
        staging = temp_name(path)
        try:
            os.mkdir(staging, 0o777)  # the umask applies, as for a plain mkdir
            break
        except FileExistsError:
            continue
    try:
        yield staging
        _fsync_tree(staging)
        if not path.exists():
            os.rename(staging, path)
        elif not replace:
            raise FileExistsError(f"{path} already exists")
        else:
            previous = temp_name(path).with_suffix(".old")
            os.rename(path, previous)
            try:
                os.rename(staging, path)
            except OSError:
                os.rename(previous, path)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        fsync_folder(path.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
