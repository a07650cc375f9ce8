"""Time ``extract_parts`` on every document file of the child-m sample pack (24 files: 8
documents in DOCX, PDF and HTML), in one process, as the identity scan runs it.

The pack is built first in a temporary folder (not timed). Each run extracts all 24 files;
the median of the runs is reported, as wall-clock time and as this process's CPU time (the
steadier figure on a busy machine), with each format's share, the 2 check reports apart,
and pypdf's own ``extract_text`` on the same PDF pages for comparison.

    .venv/bin/python bench/bench_extract.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pypdf

from summarygen import build_pack, load_record
from summarygen.identity.extract import extract_parts

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pack = build_pack(load_record(ROOT / "samples" / "child-m.yaml"), Path(folder))
        files = [file.path for built in pack.documents for file in built.files]
        pdfs = [path for path in files if path.suffix == ".pdf"]
        pages = sum(len(pypdf.PdfReader(path).pages) for path in pdfs)
        parts = sum(len(extract_parts(path)) for path in files)
        by_format: dict[str, list[float]] = defaultdict(list)
        for suffix in sorted({path.suffix for path in files}):
            of_format = [path for path in files if path.suffix == suffix]
            by_format[suffix] = _times(lambda paths=of_format: _extract_all(paths), args.runs)[1]
        wall, cpu = _times(lambda: _extract_all(files), args.runs)
        reports = _times(lambda: _extract_all(pack.reports), args.runs)[1]
        pypdf_cpu = _times(
            lambda: [page.extract_text() for p in pdfs for page in pypdf.PdfReader(p).pages],
            args.runs,
        )[1]
    print(f"{len(files)} files ({pages} PDF pages), {parts} parts, median of {args.runs} runs")
    print(
        f"extract_parts, all {len(files)} files: wall {_ms(wall)} "
        f"(min {min(wall) * 1000:.0f} ms), CPU {_ms(cpu)}"
    )
    for suffix, seconds in by_format.items():
        print(f"  {suffix[1:].upper():<5} CPU {_ms(seconds)}")
    print(f"the 2 check reports, apart: CPU {_ms(reports)}")
    print(f"pypdf extract_text alone on the same {pages} pages: CPU {_ms(pypdf_cpu)}")


def _extract_all(paths: list[Path]) -> None:
    for path in paths:
        extract_parts(path)


def _times(work: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run of ``work``."""
    wall, cpu = [], []
    for _ in range(runs):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - wall_start)
        cpu.append(time.process_time() - cpu_start)
    return wall, cpu


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f} ms"


if __name__ == "__main__":
    main()
