"""``summarygen preview RECORD``: start the preview, say where it is, stop cleanly on Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .._templates import TemplateFolder
from ..identity.register import ProtectedEntry
from .server import HOST, listening_socket, serve
from .session import PreviewSession


def run_preview(
    record: Path,
    *,
    port: int,
    open_browser: bool,
    templates: TemplateFolder,
    profiles: Path | None,
    register: Sequence[ProtectedEntry],
    say: Callable[[str], None],
) -> int:
    """Serve the preview of ``record`` until Ctrl-C. Returns the exit code: 0 when stopped,
    2 when the record is not a file or the port is taken (``say`` gets the reason)."""
    if not record.is_file():
        say(f"{record}: no such record file")
        return 2
    session = PreviewSession(record, templates=templates, profiles_file=profiles, register=register)
    try:
        sock = listening_socket(port)
    except OSError as error:
        say(f"cannot listen on {HOST}:{port}: {error.strerror or error}; try another --port")
        return 2

    def started(url: str) -> None:
        say(f"Preview of {record.name}: {url}  (Ctrl-C stops it)")

    try:
        serve(session, sock, open_browser=open_browser, started=started)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    say("Preview stopped.")
    return 0
