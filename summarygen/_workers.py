"""Worker processes, so a build uses every core.

Most of a build is Python (writing DOCX, the checks, the identity scan), which one process
runs on one core. Workers are forked: they start at once with everything already imported,
where a spawned worker would spend longer importing than it saves. Fork is only used on
Linux, where it is safe and cheap; elsewhere, or on one core, the work runs in this process.

Typst is never run in a worker: its thread pool does not survive a fork, and a child that
inherited a pool the parent had started would wait for threads that are not there.

A worker ends when the build that started it ends, however it ends: each asks Linux to send
it SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``, see prctl(2)). Without that, a
killed build leaves its workers waiting for work forever, holding the build's files open.
(Linux ties the request to the thread that forked the worker: the pool forks its workers from
the thread that submits the first job, the build's own, which lives as long as the build.)
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor

WORKERS_VARIABLE = "SUMMARYGEN_WORKERS"
"""Set to 1 to run everything in one process (to profile, or to debug a worker)."""


def worker_pool(jobs: int) -> Executor | None:
    """A pool of forked workers for ``jobs`` jobs, or None to run them here."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(jobs, int(wanted) if wanted.isdigit() else (cores or 1))
    if workers < 2 or not sys.platform.startswith("linux"):
        return None
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    )


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """In a new worker: be killed when the parent process dies (Linux only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
