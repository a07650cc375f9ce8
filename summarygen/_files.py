"""Reading an author's text file (a record, a protected register) with messages they can act on."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem, RecordError

MAX_BYTES = 5_000_000
"""A record or register larger than this is refused: it is surely the wrong file. The bytes
are counted as they are read, so a file whose size is not known in advance (a pipe, a file
still growing) is held to the same limit."""

_CHUNK = 1 << 16


MAX_UNPACKED_BYTES = 200_000_000
"""A Word document (a zip package) whose parts add up to more than this once unpacked is
refused before it is parsed: a report of text is a few MB; more is a "zip bomb" (a small
file that unpacks to gigabytes) or surely the wrong file."""


def unpacked_too_big(data: bytes | Path) -> str | None:
    """Why the zip package (a DOCX) in ``data`` (its bytes, or its path) is too big once
    unpacked, as a message; None when it is not, or is not a zip (its reader says so)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if unpacked <= MAX_UNPACKED_BYTES:
        return None
    return (
        f"unpacks to {unpacked // 1_000_000:,} MB, more than a document of text ever holds "
        f"({MAX_UNPACKED_BYTES // 1_000_000} MB at most): it may be damaged or made to harm; "
        "is this the right file?"
    )


def whole_file_problem(name: str, message: str) -> RecordError:
    return RecordError([Problem(name, None, None, "", message)])


def read_author_file(file: Path, kind: str) -> str:
    """The text of ``file`` (UTF-8), or a RecordError that names the file and says what to do.

    ``kind`` is what the file should be, for messages: "record", "protected register".
    Devices (``/dev/zero``), sockets and named pipes (FIFOs) are refused before a byte is
    read: they may never end, or never begin. An anonymous pipe (``<(cat record.yaml)``) is
    read, up to :data:`MAX_BYTES`."""
    name = str(file)
    too_big = whole_file_problem(
        name,
        f"is more than {MAX_BYTES // 1_000_000} MB; a {kind} may be at most "
        f"{MAX_BYTES // 1_000_000} MB. Is this the right file?",
    )
    try:
        if file.is_dir():
            raise whole_file_problem(name, f"is a folder, not a {kind} file")
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        nonblocking = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs
        descriptor = os.open(file, os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(descriptor)
            mode = status.st_mode
            if stat.S_ISFIFO(mode) and _is_named(file):
                raise whole_file_problem(
                    name, f"is a named pipe (FIFO), not a {kind} file: give the file itself"
                )
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise whole_file_problem(
                    name, f"is a device, not a {kind} file: give the file itself"
                )
            if status.st_size > MAX_BYTES:
                raise whole_file_problem(
                    name,
                    f"is {status.st_size / 1e6:.1f} MB; a {kind} may be at most "
                    f"{MAX_BYTES // 1_000_000} MB. Is this the right file?",
                )
            if nonblocking:
                os.set_blocking(descriptor, True)
            data = _read_at_most(descriptor, MAX_BYTES)
            if data is None:
                raise too_big
        finally:
            os.close(descriptor)
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise whole_file_problem(name, "no such file") from None
    except UnicodeDecodeError as error:
        raise whole_file_problem(
            name, f"is not UTF-8 text (byte {error.start}): save it as UTF-8"
        ) from None
    except OSError as error:
        raise whole_file_problem(name, f"cannot be read: {error.strerror}") from None


def _read_at_most(descriptor: int, limit: int) -> bytes | None:
    """Up to ``limit`` bytes from ``descriptor``, or None if it holds more."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def _is_named(file: Path) -> bool:
    """Whether ``file`` names a FIFO in a folder (not a shell's anonymous pipe, /dev/fd/N)."""
    try:
        return stat.S_ISFIFO(os.lstat(os.path.realpath(file)).st_mode)
    except OSError:
        return False
