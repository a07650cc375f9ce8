"""Time `summarygen check` on a 20-page DOCX written by hand (cold process, as a user runs it).

The DOCX is the sample overview report (14 pages) with its body repeated to about 20 pages,
re-saved with python-docx so it reads like any Word file.

    .venv/bin/python bench/bench_check_docx.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pypdf

ROOT = Path(__file__).resolve().parent.parent


def make_docx(folder: Path) -> tuple[Path, int]:
    from summarygen import build_pack, load_record

    pack = build_pack(
        load_record(ROOT / "samples" / "child-m.yaml"),
        folder,
        documents=["overview"],
        formats=["docx", "pdf"],
    )
    source = pack.folder / "child-m-overview.docx"
    pages = len(pypdf.PdfReader(pack.folder / "child-m-overview.pdf").pages)
    word = docx.Document(str(source))
    body = word.element.body
    elements = [e for e in body if not e.tag.endswith("sectPr")]
    extra = elements[: int(len(elements) * (20 / pages - 1))]
    for element in extra:
        body.insert(len(body) - 1, copy.deepcopy(element))
    target = folder / "overview-20-pages.docx"
    word.save(str(target))
    return target, round(pages * (len(elements) + len(extra)) / len(elements))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, pages = make_docx(Path(folder))
        words = len(" ".join(p.text for p in docx.Document(str(path)).paragraphs).split())
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "summarygen",
                    "check",
                    str(path),
                    "--audience",
                    "professional",
                    "--format",
                    "json",
                ],
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
    print(f"DOCX of about {pages} pages, {words} words in paragraphs")
    print(
        f"cold `summarygen check FILE.docx`, {args.runs} runs: median "
        f"{statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()
