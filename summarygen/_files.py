"""Reading an author's text file (a record, a protected register) with messages they can act on."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, RecordError

MAX_BYTES = 5_000_000
"""A record or register larger than this is refused: it is surely the wrong file."""


def whole_file_problem(name: str, message: str) -> RecordError:
    return RecordError([Problem(name, None, None, "", message)])


def read_author_file(file: Path, kind: str) -> str:
    """The text of ``file`` (UTF-8), or a RecordError that names the file and says what to do.

    ``kind`` is what the file should be, for messages: "record", "protected register"."""
    name = str(file)
    try:
        if file.is_dir():
            raise whole_file_problem(name, f"is a folder, not a {kind} file")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise whole_file_problem(
                name,
                f"is {size / 1e6:.1f} MB; a {kind} may be at most "
                f"{MAX_BYTES // 1_000_000} MB. Is this the right file?",
            )
        return file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise whole_file_problem(name, "no such file") from None
    except UnicodeDecodeError as error:
        raise whole_file_problem(
            name, f"is not UTF-8 text (byte {error.start}): save it as UTF-8"
        ) from None
    except OSError as error:
        raise whole_file_problem(name, f"cannot be read: {error.strerror}") from None
