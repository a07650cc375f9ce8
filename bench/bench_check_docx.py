"""Time `summarygen check` on a 20-page DOCX written by hand (cold process, as a user runs it):
readability and plain language, the identity scan and the accessibility rules together.

The DOCX is the sample overview report (14 pages: headings, paragraphs, lists, tables) with its
body repeated to about 20 pages and a picture with alt text added every ten paragraphs,
re-saved with python-docx so it reads like any Word file. Issue 12's bound: under 1 s.
Also printed: the accessibility rules alone on the same file, in a warm process.

    .venv/bin/python bench/bench_check_docx.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
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
    picture = ROOT / "templates" / "pictures" / "school.png"
    paragraphs = [e for e in body if e.tag.endswith("}p")]
    for anchor in paragraphs[10::10]:
        shape = word.add_picture(str(picture), width=docx.shared.Cm(4))
        shape._inline.docPr.set("descr", "A school building")
        anchor.addnext(word.paragraphs[-1]._p)
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
        # As installed (pip writes .pyc files): a fresh process, but not one that compiles every
        # module first, which it would with PYTHONDONTWRITEBYTECODE set. One run writes them.
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [
            sys.executable,
            "-m",
            "summarygen",
            "check",
            str(path),
            "--audience",
            "professional",
            "--format",
            "json",
        ]
        subprocess.run(command, capture_output=True, check=False, env=environment)
        times, cpu = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, capture_output=True, check=False, env=environment)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        from summarygen.accessibility import accessibility_findings

        accessibility_findings(path)  # imports and rules read once, as in the cold run
        warm = []
        for _ in range(args.runs):
            start = time.process_time()
            accessibility_findings(path)
            warm.append(time.process_time() - start)
        pictures = len(docx.Document(str(path)).inline_shapes)
    print(f"DOCX of about {pages} pages, {words} words in paragraphs, {pictures} pictures")
    print(f"accessibility rules alone (warm, CPU time): {statistics.median(warm) * 1000:.0f} ms")
    print(
        f"cold `summarygen check FILE.docx`, {args.runs} runs: median "
        f"{statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
    )
    print(
        f"CPU time of the same runs (user + system; steadier on a busy machine): median "
        f"{statistics.median(cpu):.2f} s, min {min(cpu):.2f} s"
    )


if __name__ == "__main__":
    main()
