"""Time the identity scan of a full sample pack, as the build's gate runs it: extraction of
all 24 written documents (text, metadata, alt text, file names) and every detector, with a
protected register of 30 entries.

    .venv/bin/python bench/bench_scan.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from summarygen import build_pack, load_record
from summarygen.identity.gate import allowed_by, scan_files
from summarygen.identity.register import ProtectedEntry

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    record = load_record(ROOT / "samples" / "child-m.yaml")
    register = [
        ProtectedEntry("name", f"Invented{n} Surname{n}", n + 1, ("surname",)) for n in range(20)
    ] + [ProtectedEntry("school", f"Nowhere{n} Academy", n + 1) for n in range(10)]
    with tempfile.TemporaryDirectory() as out:
        pack = build_pack(record, Path(out))
        files = sorted(f.path for built in pack.documents for f in built.files)  # as the gate
        allowed = allowed_by(record)
        scan_files(files[:1], register, allowed)  # load the rules once, as a build has
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            findings = scan_files(files, register, allowed)
            times.append(time.perf_counter() - start)
    print(f"{len(files)} files, {len(register)} register entries, {len(findings)} findings")
    print(
        f"identity scan of the full pack, {args.runs} runs: median "
        f"{statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s"
    )


if __name__ == "__main__":
    main()
