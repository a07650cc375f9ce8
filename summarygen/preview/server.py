"""The preview's local web server: Starlette on uvicorn, on 127.0.0.1 only.

Routes:

- ``/?doc=<id>``: the page, with one document chosen (the overview by default);
- ``/part?doc=<id>``: the side list and the main area alone, as JSON, for the script to swap
  in after a save;
- ``/events``: server-sent events, one ``update`` per save of the record (its version and
  what changed), through sse-starlette;
- ``/static/...``: the page's own script and styles (``document.css`` is the templates'
  ``style.css``, as the published HTML uses it); ``/picture/<name>``: an easy read picture.

Every response carries a strict Content-Security-Policy (scripts, styles and pictures from
this server only; no inline script or style; no frames, forms or other hosts), and a request
naming another host (a DNS-rebinding page) is refused. The record folder is watched with
watchfiles; nothing is written anywhere.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import webbrowser
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any

import anyio
import jinja2
import uvicorn
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from watchfiles import Change, awatch

from ..checks.engine import DocumentCheck
from ..documents import DOCUMENT_TYPES
from ..errors import SummarygenError
from ..findings import Finding
from .highlight import Rendered, legend, render_document
from .identity import SCANNED_TEXT_NOTE
from .session import METRIC_SHORT, PreviewSession, Snapshot, changes

HOST = "127.0.0.1"
STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"preview.js": "text/javascript", "preview.css": "text/css"}
DEFAULT_DOCUMENT = "overview"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

LABELS = {name: doc.label for name, doc in DOCUMENT_TYPES.items()}


class Preview:
    """The session's latest snapshot, what changed at the last save, and who is listening."""

    def __init__(self, session: PreviewSession) -> None:
        self.session = session
        self.snapshot: Snapshot = session.snapshot
        self.changes: list[str] = []
        self._listeners: set[asyncio.Queue[dict[str, Any]]] = set()
        self._lock = asyncio.Lock()
        self._rendered: dict[tuple[str, int], Rendered] = {}
        self._wanted: set[str] = set()
        """The documents a page has shown: rendered ahead after a save."""

    async def reload(self) -> None:
        """Read the record again (in a worker thread) and tell every open page."""
        async with self._lock:
            before = self.snapshot
            after = await anyio.to_thread.run_sync(self.session.refresh)
            self.snapshot = after
            self.changes = changes(before, after)
            if after.ok:
                for name, state in after.documents.items():  # warm the cache
                    if name in self._wanted and (name, state.version) not in self._rendered:
                        self.rendered(name)
            event = {"version": after.version, "changes": self.changes, "ok": after.ok}
            for queue in list(self._listeners):
                queue.put_nowait(event)

    def rendered(self, name: str) -> Rendered:
        state = self.snapshot.documents[name]
        key = (name, state.version)
        if key not in self._rendered:
            self._rendered = {k: v for k, v in self._rendered.items() if k[0] != name}
            self._rendered[key] = render_document(state)
        self._wanted.add(name)
        return self._rendered[key]

    async def events(self) -> AsyncIterator[dict[str, str]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._listeners.add(queue)
        try:
            yield {"event": "hello", "data": json.dumps({"version": self.snapshot.version})}
            while True:
                event = await queue.get()
                yield {"event": "update", "data": json.dumps(event, ensure_ascii=False)}
        finally:
            self._listeners.discard(queue)

    async def watch(self, stop: anyio.Event) -> None:
        """Reload whenever the record file is written, moved into place or removed."""
        record = self.session.path.resolve()

        def is_record(change: Change, path: str) -> bool:
            return Path(path).name == record.name

        async for _ in awatch(
            record.parent,
            watch_filter=is_record,
            debounce=40,
            step=10,
            stop_event=stop,
            recursive=False,
        ):
            await self.reload()


def create_app(session: PreviewSession) -> Starlette:
    """The preview as an ASGI app (the record is read once before the first request)."""
    preview = Preview(session)
    environment = _environment()

    def page_context(chosen: str) -> dict[str, Any]:
        snapshot = preview.snapshot
        return {
            "snapshot": snapshot,
            "chosen": chosen,
            "rendered": preview.rendered(chosen) if snapshot.ok else None,
            "pack_findings": _pack_findings(snapshot),
        }

    def chosen_document(request: Request) -> str | None:
        """The document asked for: one the record makes (the first, when it makes not the
        one asked for: a record without updates has no progress report), or None."""
        chosen = request.query_params.get("doc", DEFAULT_DOCUMENT)
        if chosen not in DOCUMENT_TYPES:
            return None
        made = preview.snapshot.documents
        if preview.snapshot.ok and chosen not in made:
            return next(iter(made), None)
        return chosen

    async def page(request: Request) -> Response:
        chosen = chosen_document(request)
        if chosen is None:
            return HTMLResponse("No such document.", status_code=404, headers=HEADERS)
        html = environment.get_template("page.html.j2").render(**page_context(chosen))
        return HTMLResponse(html, headers=HEADERS)

    async def part(request: Request) -> Response:
        chosen = chosen_document(request)
        if chosen is None:
            return JSONResponse({"error": "no such document"}, status_code=404, headers=HEADERS)
        template = environment.get_template("page.html.j2")
        context = page_context(chosen)
        return JSONResponse(
            {
                "version": preview.snapshot.version,
                "ok": preview.snapshot.ok,
                "changes": preview.changes,
                "side": template.render(part="side", **context),
                "main": template.render(part="main", **context),
            },
            headers=HEADERS,
        )

    async def events(request: Request) -> Response:
        return EventSourceResponse(preview.events(), ping=15, headers=HEADERS)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "document.css":
            css = session.templates.read("style.css")
            return Response(css, media_type="text/css", headers=HEADERS)
        if name not in STATIC_FILES:
            return Response("Not found", status_code=404, headers=HEADERS)
        return FileResponse(STATIC / name, media_type=STATIC_FILES[name], headers=HEADERS)

    async def picture(request: Request) -> Response:
        try:
            found = session.templates.picture(request.path_params["name"])
        except SummarygenError:
            return Response("Not found", status_code=404, headers=HEADERS)
        return FileResponse(found.path, media_type="image/png", headers=HEADERS)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await preview.reload()
        stop = anyio.Event()
        watcher = asyncio.create_task(preview.watch(stop))
        try:
            yield
        finally:
            stop.set()
            watcher.cancel()
            with suppress(asyncio.CancelledError):
                await watcher

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/part", part),
            Route("/events", events),
            Route("/static/{name}", static),
            Route("/picture/{name}", picture),
            Route("/favicon.ico", lambda request: Response(status_code=204, headers=HEADERS)),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=[HOST, "localhost"])],
        lifespan=lifespan,
    )
    app.state.preview = preview
    return app


def listening_socket(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1 at ``port`` (0: a free port the system picks).
    Raises OSError when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    return sock


def serve(
    session: PreviewSession,
    sock: socket.socket,
    *,
    open_browser: bool = True,
    started: Callable[[str], None] | None = None,
) -> None:
    """Serve the preview on ``sock`` until Ctrl-C (or SIGTERM); open it in the browser."""
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    config = uvicorn.Config(
        create_app(session), log_level="warning", lifespan="on", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    if started is not None:
        started(url)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])


def run_in_thread(session: PreviewSession, sock: socket.socket) -> Callable[[], None]:
    """Serve in a background thread (for tests and the benchmark); returns a stopper."""
    config = uvicorn.Config(create_app(session), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return stop


def _pack_findings(snapshot: Snapshot) -> list[tuple[str, Finding]]:
    """The pack's own findings, then every document's consistency and identity findings."""
    found: list[tuple[str, Finding]] = []
    if snapshot.pack is not None:
        found.extend(("", finding) for finding in snapshot.pack.findings)
    for name, state in snapshot.documents.items():
        found.extend(
            (LABELS[name], finding)
            for finding in state.check.findings
            if finding.check.startswith(("consistency.", "identity."))
        )
    return found


class _Verdict:
    def __init__(self, id: str, icon: str, text: str) -> None:
        self.id, self.icon, self.text = id, icon, text


def verdict(check: DocumentCheck) -> _Verdict:
    """Whether the document passes, in the words ``check`` and ``build`` use (and the same
    symbol beside them): "Meets its targets (10 warnings)", "Needs attention: 2 errors"."""
    from ..report import verdict_parts

    symbol, words, _ = verdict_parts(check)
    kind = {"✗": "fails", "✓": "passes"}.get(symbol, "warns")
    return _Verdict(kind, symbol, words[:1].upper() + words[1:])


def _number(value: float) -> str:
    return (
        f"{value:.0f}" if abs(value - round(value)) < 0.05 or abs(value) >= 20 else f"{value:.1f}"
    )


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        labels=LABELS,
        verdict=verdict,
        number=_number,
        metric_short=METRIC_SHORT,
        legend=legend(),
        scan_note=SCANNED_TEXT_NOTE,
    )
    return environment


__all__ = ["create_app", "listening_socket", "run_in_thread", "serve"]
