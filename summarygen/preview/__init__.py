"""The live preview: ``summarygen preview RECORD`` (issue 15).

Every version of the pack beside its findings, highlighted in the text, on a local web page
that updates itself when the record is saved. See :mod:`.session` for what is worked out
again on a save (and what is kept), :mod:`.highlight` for the marks, :mod:`.server` for the
web side.
"""

from __future__ import annotations

from .server import create_app, listening_socket, run_in_thread, serve
from .session import PreviewSession, Snapshot, changes

__all__ = [
    "PreviewSession",
    "Snapshot",
    "changes",
    "create_app",
    "listening_socket",
    "run_in_thread",
    "serve",
]
