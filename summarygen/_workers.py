"""Worker processes, so a build uses every core.

Most of a build is Python (writing DOCX, the checks, the identity scan), which one process
runs on one core. Workers are forked: they start at once with everything already imported,
where a spawned worker would spend longer importing than it saves. Fork is only used on
Linux, where it is safe and cheap; elsewhere, or on one core, the work runs in this process.

Typst is never run in a worker: its thread pool does not survive a fork, and a child that
inherited a pool the parent had started would wait for threads that are not there.
"""

from __future__ import annotations

import multiprocessing
import os
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
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
