"""Time `summarygen check` on the child-m sample's overview PDF against its DOCX (cold
processes, as a user runs them; median of N). The PDF is read by its structure tree (pikepdf)
with PDFium's text; the DOCX with python-docx and lxml. Aim: the PDF no slower than the DOCX
by more than 30%.

    .venv/bin/python bench/bench_check_pdf.py [--runs N]
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


def cold(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "summarygen", "check", str(path), "--audience", "overview"],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"check failed (exit {result.returncode}):\n{result.stderr}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from summarygen import build_pack, load_record

    with tempfile.TemporaryDirectory() as folder:
        pack = build_pack(
            load_record(ROOT / "samples" / "child-m.yaml"),
            Path(folder),
            documents=["overview"],
            formats=["docx", "pdf"],
        )
        medians = {}
        for fmt in ("docx", "pdf"):
            path = pack.folder / f"child-m-overview.{fmt}"
            times = cold(path, args.runs)
            medians[fmt] = statistics.median(times)
            print(
                f"check {path.name:<24} {path.stat().st_size / 1024:7.0f} KB   "
                f"median {medians[fmt]:.2f} s of {args.runs} "
                f"(min {min(times):.2f}, max {max(times):.2f})"
            )
        ratio = medians["pdf"] / medians["docx"]
        verdict = "within" if ratio <= 1.3 else "OVER"
        print(f"PDF / DOCX: {ratio:.2f} ({verdict} the 1.30 aim)")


if __name__ == "__main__":
    main()
