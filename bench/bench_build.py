"""Time building the full sample pack (8 documents × 3 formats).

Prints the median of several cold processes (`summarygen build`, as a user runs it), then,
in one warm process, the time per format summed over the eight documents.

    .venv/bin/python bench/bench_build.py [RECORD] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_runs(record: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "summarygen", "build", str(record), "-o", out],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise SystemExit(f"the build failed (exit {result.returncode}):\n{result.stderr}")
            times.append(time.perf_counter() - start)
    return times


def warm_per_format(record_path: Path) -> dict[str, float]:
    from summarygen import load_record
    from summarygen._templates import TemplateFolder
    from summarygen.composer import compose
    from summarygen.documents import DOCUMENT_TYPES
    from summarygen.writers import FORMATS, writer_for

    record = load_record(record_path)
    templates = TemplateFolder()
    start = time.perf_counter()
    documents = [compose(record, doc, templates) for doc in DOCUMENT_TYPES]
    totals = {"compose": time.perf_counter() - start}
    for fmt in FORMATS:
        write = writer_for(fmt)
        write(documents[0], templates)  # load the writer's libraries first
        start = time.perf_counter()
        for document in documents:
            write(document, templates)
        totals[fmt] = time.perf_counter() - start
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("record", nargs="?", type=Path, default=ROOT / "samples" / "child-m.yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = cold_runs(args.record, args.runs)
    print(f"record: {args.record.name}")
    print(
        f"cold `summarygen build` (8 documents x 3 formats), {args.runs} runs: "
        f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
    )
    for step, seconds in warm_per_format(args.record).items():
        print(f"  warm, 8 documents, {step:>7}: {seconds:.3f} s")


if __name__ == "__main__":
    main()
