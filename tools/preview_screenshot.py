"""Take the README's screenshot of the live preview: docs/preview.png.

The children's version of a copy of samples/child-m.yaml, a hard sentence's note open, as
Chromium shows it (the system Chromium, as the client tests use it), reduced to 128 colours
so that the file stays small.

    .venv/bin/python tools/preview_screenshot.py
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarygen.preview import PreviewSession, listening_socket, run_in_thread  # noqa: E402
from tests.clients.browser import chromium  # noqa: E402

OUT = ROOT / "docs" / "preview.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "child-m.yaml"
        shutil.copy(ROOT / "samples" / "child-m.yaml", record)
        sock = listening_socket(0)
        stop = run_in_thread(PreviewSession(record), sock)
        try:
            with chromium() as browser:
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/?doc=children")
                page.wait_for_function("() => window.__previewListening === true")
                page.evaluate(
                    """() => document.querySelector("mark.hl.k-long[data-note]")
                        .focus({preventScroll: true})"""
                )
                page.evaluate("() => window.scrollTo(0, 0)")
                page.wait_for_timeout(300)
                shot = page.screenshot()
        finally:
            stop()
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(OUT, optimize=True)
    print(f"{OUT}: {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
