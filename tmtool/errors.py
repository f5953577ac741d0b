"""User-facing errors: the CLI prints their message on one line and exits non-zero.

The exit code follows one rule (README's table): a usage error, the command line wrong in itself
or naming nothing the memory holds, is ``InputError`` and exits 2, as click's own usage errors
do; a file, memory or model that cannot be read, written or used exits with its own code.
"""


class TmtoolError(Exception):
    """An error caused by the user's input or environment, reported without a traceback."""

    exit_code = 1


class InputError(TmtoolError):
    """A usage error: a bad option value or argument, options that do not go together, a value
    naming nothing the memory holds; and a document to read or a non-TMX output that cannot be
    read, decoded, used or written (missing, empty, binary, wrong language)."""

    exit_code = 2


class EncoderError(TmtoolError):
    """An encoder that cannot be loaded (missing package, unknown model, no weights offline)."""

    exit_code = 3


class EncoderNameError(EncoderError, InputError):
    """An --encoder value that names no encoder: a usage error (exit code 2), which still stops
    a batch where any encoder error does (``except EncoderError``)."""

    exit_code = 2


class StoreError(TmtoolError):
    """A database that cannot be opened or written."""

    exit_code = 4


class TmxError(TmtoolError):
    """A TMX file that is unsafe or malformed."""

    exit_code = 5


class ReviewError(TmtoolError):
    """A review action that cannot be applied (unknown unit, nothing to split or undo)."""

    exit_code = 6


class ConflictError(ReviewError):
    """A review action based on a page older than the memory (another tab changed the unit)."""


class TmtoolWarning(UserWarning):
    """Something the user should know that does not stop the work (a slower or reduced path).

    The CLI prints it as one ``tmtool: warning: ...`` line on stderr.
    """


def warn(message: str) -> None:
    """Issue a ``TmtoolWarning`` (shown once per message and place, as Python's warnings are)."""
    import warnings

    warnings.warn(message, TmtoolWarning, stacklevel=3)
