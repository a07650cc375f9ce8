"""How long measuring a review of about 8,000 words takes.

Run from the repository root: ``.venv/bin/python bench/bench_measure.py``.

The text is the prose of the fictional sample records (``samples/*.yaml``), one unit per
paragraph, cut at about 8,000 words. Figures printed:

* cold: the first measurement in a fresh process, so it includes loading the CMU dictionary,
  wordfreq's English list, pysbd and the passive-voice word list;
* warm: median of 5 more measurements in the same process (dictionaries loaded, and the
  per-word caches filled by the runs before);
* new text: median of 5 measurements with the per-word caches emptied first (what a second,
  different document costs in the same process);
* import + cold as a whole process (median of 3 fresh interpreters).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_WORDS = 8000


def sample_units() -> list[str]:
    import yaml

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [text for item in value.values() for text in strings(item)]
        if isinstance(value, list):
            return [text for item in value for text in strings(item)]
        return []

    units: list[str] = []
    word_count = 0
    while word_count < TARGET_WORDS:
        for path in sorted((ROOT / "samples").glob("*.yaml")):
            for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                for paragraph in text.split("\n\n"):
                    if paragraph.strip() and word_count < TARGET_WORDS:
                        units.append(paragraph)
                        word_count += len(paragraph.split())
    return units


def whole_process_seconds() -> float:
    code = (
        "import sys, time; start = time.perf_counter(); "
        f"sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'bench')!r}); "
        "from bench_measure import sample_units; units = sample_units(); "
        "t = time.perf_counter(); "
        "from summarygen.checks.readability import measure; measure(units); "
        "print(time.perf_counter() - t)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def main() -> None:
    units = sample_units()

    start = time.perf_counter()
    from summarygen.checks import readability, syllables
    from summarygen.checks.readability import measure

    metrics = measure(units)
    cold = time.perf_counter() - start

    warm: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        measure(units)
        warm.append(time.perf_counter() - start)

    new_text: list[float] = []
    for _ in range(5):
        syllables.syllables.cache_clear()
        readability._is_uncommon.cache_clear()
        start = time.perf_counter()
        measure(units)
        new_text.append(time.perf_counter() - start)

    processes = [whole_process_seconds() for _ in range(3)]

    print(f"text: {metrics.words} words, {metrics.sentences} sentences, {len(units)} units")
    print(f"cold (first measurement, loads the dictionaries): {cold:.3f} s")
    print(f"warm, median of 5:                               {statistics.median(warm):.3f} s")
    print(f"new text (word caches emptied), median of 5:     {statistics.median(new_text):.3f} s")
    print(f"fresh process, import + measure, median of 3:    {statistics.median(processes):.3f} s")


if __name__ == "__main__":
    main()
