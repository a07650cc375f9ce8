"""Time and memory of reading hostile records (issue 11): each must be refused quickly.

Reads each input with the record reader (``load_record``) in a fresh process and prints the
median wall time and the process's peak resident memory. The issue's bound: 2 s and 500 MB
for a record under 1 MB.

    .venv/bin/python bench/bench_hostile_records.py [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from summarygen import RecordError, load_record
start = time.perf_counter()
try:
    load_record(sys.argv[1])
    verdict = "accepted"
except RecordError as error:
    verdict = str(error.problems[0]).split(": ", 1)[1][:60]
print(json.dumps({"seconds": time.perf_counter() - start, "verdict": verdict,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _bomb(levels: int) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    names = "abcdefghijklmnop"[:levels]
    for before, name in itertools.pairwise(names):
        text += f"{name}: &{name} [{','.join(['*' + before] * 9)}]\n"
    return text


INPUTS = {
    "alias bomb, 9 levels": _bomb(9),
    "alias bomb, 10 levels": _bomb(10),
    "500 nested [": "review: " + "[" * 500 + "]" * 500 + "\n",
    "400,000 brackets": "review: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "500 nested block mappings": "".join("  " * i + f"k{i}:\n" for i in range(500)),
    "self-referencing alias": "a: &a [*a]\n",
    "the sample child-m": (ROOT / "samples" / "child-m.yaml").read_text(encoding="utf-8"),
}
INPUTS["child-m, 6,000 more glossary entries"] = INPUTS["the sample child-m"].replace(
    "glossary:\n",
    "glossary:\n"
    + "".join(
        f"  - term: Term number {n} in the glossary list\n    meaning: A meaning for the term "
        f"that is long enough to be like a real glossary entry, number {n}.\n"
        for n in range(6000)
    ),
    1,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, text in INPUTS.items():
            path = Path(folder) / "record.yaml"
            path.write_text(text, encoding="utf-8")
            results = [
                json.loads(
                    subprocess.run(
                        [sys.executable, "-c", CHILD, str(path)],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                for _ in range(args.runs)
            ]
            seconds = statistics.median(r["seconds"] for r in results)
            peak = max(r["peak_mb"] for r in results)
            print(
                f"{name:28} {len(text.encode()):>9,} B  {seconds * 1000:8.1f} ms  "
                f"{peak:6.0f} MB peak  {results[0]['verdict']}"
            )


if __name__ == "__main__":
    main()
