"""Numbers as words, as prose writes them ("six recommendations") and the checks read them."""

from __future__ import annotations

NUMBER_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
"""Index n holds the word for n."""

WRITTEN_AS_WORDS = 12
"""Prose writes numbers up to this in words and larger ones in digits."""


def in_words(number: int) -> str:
    if number == 0:
        return "no"
    return NUMBER_WORDS[number] if number <= WRITTEN_AS_WORDS else str(number)
