"""Make summarygen/rules/common-words.txt.gz: English words used at least once per million words.

From wordfreq (Robyn Speer; data CC BY-SA 4.0): every word of its large English list with a
Zipf frequency of 3.0 or more. Shipping this list (about 29,000 words, 100 KB) instead of
depending on wordfreq (56 MB and four more packages) keeps summarygen small and fast to start.

    pip install wordfreq && python tools/make_common_words.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

import wordfreq

RULES = Path(__file__).resolve().parent.parent / "summarygen" / "rules"
ZIPF = 3.0


def main() -> None:
    words = sorted(
        word
        for word in wordfreq.iter_wordlist("en", "large")
        if wordfreq.zipf_frequency(word, "en") >= ZIPF
    )
    with gzip.GzipFile(RULES / "common-words.txt.gz", "wb", mtime=0) as out:
        out.write("".join(f"{word}\n" for word in words).encode("utf-8"))
    print(f"{len(words)} words")


if __name__ == "__main__":
    main()
