"""Staging a pack where no one else can read it, and publishing it in one step.

A build writes its files into a private folder beside the pack, ``OUT/.summarygen-staging-<uid>/``
(mode 0700, on the same filesystem as the pack, so the pack can be moved into place without
copying). Each build has its own folder in it, ``<token>/``, and holds an advisory lock on
``<token>.lock`` (``fcntl.flock``) for as long as it runs; the kernel drops the lock when the
process ends, however it ends. Whatever in the private folder no running build holds is stale:

- the next build into the same output folder removes it before it starts (a crash, a power cut);
- a small guardian process, started with each build in a session of its own, waits for the
  build's lock and then does the same at once, so a build that is killed (even with SIGKILL)
  leaves nothing in the output folder: not a half-written file, not the empty private folder.

Publishing swaps the staged folder and the earlier pack in one step with Linux's
``renameat2(RENAME_EXCHANGE)`` (Linux 3.15+, glibc 2.28+; ext4, xfs, btrfs, tmpfs and most
local filesystems), so at every instant ``OUT/<id>/`` is either the whole earlier pack or the
whole new one. Where the system or filesystem cannot exchange (another OS, some network
filesystems), it falls back to two renames: the earlier pack is moved into the private folder,
then the new one into place. An error between the two moves the earlier pack back at once; a
kill between them leaves it in the private folder, and the guardian (or the next build) moves
it back, because a stale earlier pack is restored wherever ``OUT/<id>/`` is missing.

This file uses only the standard library: the guardian runs it as a script
(``python -I _staging.py guard ...``) and must start without importing summarygen.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, no guardian; the next build cleans
    fcntl = None  # type: ignore[assignment]

OLD = "old"
"""Inside a build's folder: where the earlier pack goes while the new one is moved in."""

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def private_folder_name() -> str:
    """The private folder's name: one per user, so that people sharing an output folder (or
    the system's temporary folder) never meet each other's folder."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f".summarygen-staging-{uid}"


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):  # an older C library, or musl without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes.append(ctypes.c_uint)
    function.restype = ctypes.c_int
    renameat2: Callable[..., int] = function
    return renameat2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step: True when done, False where this system or
    filesystem cannot (then nothing was changed). Any other failure is an OSError."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in _CANNOT_EXCHANGE:
            return False
        raise OSError(code, os.strerror(code), str(first), None, str(second))
    return True


def publish(staged: Path, target: Path, old: Path) -> None:
    """Put the folder ``staged`` where ``target`` is, in one step where the system allows.

    ``old`` is a path in the private folder (on the same filesystem) for the earlier pack while
    the two-rename fallback runs; the earlier pack ends there (or at ``staged``, after an
    exchange) for the caller to remove. If the second rename fails, the earlier pack is put
    back before the error is raised."""
    if not os.path.lexists(target):
        os.rename(staged, target)
        return
    if target.is_symlink() or not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it is not a folder", str(target))
    if exchange(staged, target):
        return
    old.parent.mkdir(mode=0o700, exist_ok=True)
    os.rename(target, old)
    try:
        os.rename(staged, target)
    except BaseException:
        os.rename(old, target)  # the rollback: the earlier pack is back, unchanged
        raise


class Staging:
    """A build's private folder in ``out``: ``with Staging(out) as staging:`` write into
    ``staging.folder(id)``, then :meth:`publish`. On leaving, whatever is left is removed.

    Raises OSError when the output folder or the private folder cannot be made."""

    def __init__(self, out: Path, *, guard: bool = True) -> None:
        self.out = out.absolute()
        self.private = self.out / private_folder_name()
        self.token = secrets.token_hex(8)
        self.root = self.private / self.token
        self._guard = guard
        self._lock: IO[str] | None = None
        self._guardian: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Staging:
        self.out.mkdir(parents=True, exist_ok=True)
        for attempt in range(3):  # another build may remove the empty private folder meanwhile
            try:
                _make_private(self.private)
                clean(self.private, self.out)
                self._lock = _take_lock(self.private, self.token)
                self.root.mkdir(mode=0o700)
                break
            except FileNotFoundError:
                self.__exit__(None, None, None)
                if attempt == 2:
                    raise
        try:
            if self._guard:
                self._guardian = _start_guardian(self.private, self.token, self.out)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def folder(self, name: str) -> Path:
        """A new folder for the pack ``name``, readable by others as the umask allows (the
        private folder around it keeps it private until it is published)."""
        folder = self.root / name
        folder.mkdir(mode=0o777)
        return folder

    def scratch(self) -> Path:
        """The build's own private folder, for temporary files (the PDF writer's)."""
        return self.root

    def publish(self, name: str) -> Path:
        """Publish the staged folder ``name`` as ``out/name``; the earlier pack is removed."""
        target = self.out / name
        publish(self.root / name, target, self.root / OLD / name)
        return target

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        lock = self.private / f"{self.token}.lock"
        with contextlib.suppress(OSError):
            lock.unlink()
        if self._lock is not None:
            self._lock.close()  # the guardian wakes, finds nothing of ours, and ends
            self._lock = None
        with contextlib.suppress(OSError):
            self.private.rmdir()  # only if empty: another build may be running
        if self._guardian is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._guardian.wait(timeout=5)


def _make_private(private: Path) -> None:
    """Make (or check) the private folder: a real folder, mode 0700, and, if it was there
    already, ours (someone else's could be read by them). Filesystems that report one owner
    for every file or ignore modes (some network shares) are taken as they are."""
    try:
        private.mkdir(mode=0o700)
        return
    except FileExistsError:
        pass
    status = private.lstat()
    if not private.is_dir() or private.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(private))
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        raise PermissionError(errno.EPERM, "the folder belongs to someone else", str(private))
    if status.st_mode & 0o077:
        with contextlib.suppress(OSError):
            private.chmod(0o700)


def _take_lock(private: Path, token: str) -> IO[str] | None:
    """Hold ``<token>.lock`` for as long as the build runs. The file is made and locked under
    a name no cleaner looks at, then renamed, so no cleaner ever sees it unlocked."""
    if fcntl is None:
        return None
    making = private / f"{token}.making"
    lock = open(making, "x")  # noqa: SIM115 - held open for the whole build
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.rename(making, private / f"{token}.lock")
    return lock


def _held(lock: Path) -> bool:
    """Whether a running build holds this lock (False when no such file)."""
    if fcntl is None:
        return False
    try:
        with open(lock) as file:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            return False
    except FileNotFoundError:
        return False


def clean(private: Path, out: Path) -> None:
    """Remove everything in ``private`` that no running build holds; an earlier pack left
    there by a build killed while publishing goes back to ``out`` if its place is empty."""
    try:
        entries = list(private.iterdir())
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.suffix in (".lock", ".making"):
            continue
        if _held(private / f"{entry.name}.lock"):
            continue
        _restore_earlier_packs(entry / OLD, out)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    for lock in [*private.glob("*.lock"), *private.glob("*.making")]:
        if not (private / lock.stem).exists() and not _held(lock):
            with contextlib.suppress(OSError):
                lock.unlink()


def _restore_earlier_packs(old: Path, out: Path) -> None:
    with contextlib.suppress(OSError):
        for pack in old.iterdir():
            if not os.path.lexists(out / pack.name):
                os.rename(pack, out / pack.name)


def _start_guardian(private: Path, token: str, out: Path) -> subprocess.Popen[bytes] | None:
    """The guardian: a process of its own session that cleans up as soon as this one ends."""
    if fcntl is None:
        return None
    try:
        return subprocess.Popen(
            [
                sys.executable,
                "-I",
                str(Path(__file__).resolve()),
                "guard",
                str(private),
                token,
                str(out),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no guardian: the next build cleans instead
        return None


def guard(private: Path, token: str, out: Path) -> None:
    """Wait until the build holding ``<token>.lock`` ends, then clean the private folder."""
    assert fcntl is not None
    with contextlib.suppress(FileNotFoundError), open(private / f"{token}.lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocks until the build ends, however it ends
    clean(private, out)
    with contextlib.suppress(OSError):
        private.rmdir()


@contextlib.contextmanager
def private_scratch(parent: Path) -> Iterator[Path]:
    """A private folder in ``parent`` for a run that publishes nothing (``check`` of a record
    writes the whole pack to scan it), removed when the run ends, however it ends. Where
    ``parent`` will not take a private folder, an ordinary temporary folder instead."""
    try:
        staging = Staging(parent).__enter__()
    except OSError:
        with tempfile.TemporaryDirectory(prefix="summarygen-check-") as folder:
            yield Path(folder)
        return
    try:
        yield staging.folder("scratch")
    finally:
        staging.__exit__(None, None, None)


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "guard":
    guard(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
