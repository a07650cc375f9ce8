"""Sentences and words, the way a reader meets them.

Each :class:`~summarygen.checks.units.Unit` (heading, paragraph, list item, table cell, easy
read point) is segmented on its own, so a bullet list without full stops is one sentence per
item and a heading never runs into the paragraph below it.

Sentences come from pysbd (a maintained rule-based segmenter that knows "Dr.", "e.g.",
"a.m." and "No. 5" do not end a sentence), with two adjustments for this domain:

* line breaks and runs of spaces inside a unit are read as one space (a soft line break in a
  paragraph is not the end of a sentence; pysbd misses a sentence end before several spaces),
  and the sentences returned are quoted from the original text;
* pysbd reads a lone capital letter with a full stop as an initial ("J. Smith"), but in a
  safeguarding review "Child A." or "Mr K." before a capitalised word ends a sentence: the
  people in a published review are only ever pseudonyms, never real names. So a sentence is
  also split after a pseudonym label (:data:`PSEUDONYM_LABELS`) followed by one capital letter
  and a full stop.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Protocol, cast

import pysbd  # type: ignore[import-untyped, unused-ignore]

PSEUDONYM_LABELS = (
    "Child",
    "Children",
    "Baby",
    "Infant",
    "Sibling",
    "Siblings",
    "Young person",
    "Person",
    "Adult",
    "Family",
    "Mother",
    "Father",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
)
"""Words that introduce a one-letter pseudonym ("Child J", "Mr K")."""

_PSEUDONYM_SENTENCE_END = re.compile(
    r"\b(?:" + "|".join(PSEUDONYM_LABELS) + r")\s+[A-Z]\.(?P<space>\s+)(?=[\"“‘'(\[]?[A-Z0-9])"
)

_END_PUNCTUATION = re.compile(r"[.!?…]")
_WHITESPACE_OR_NOT = re.compile(r"\s+|\S+")

_JOINER = r"['’\-‐‑]"
_SEGMENT = r"(?:\d+(?:[.,:/]\d+)+|[^\W_]+)"
_WORD = re.compile(
    # an abbreviation written with dots (e.g. i.e. a.m. U.K.) is one word
    r"(?:[^\W\d_]\.){2,}"
    # otherwise letters and digits, joined by apostrophes or hyphens; a number may have
    # internal . , : or / (9.30, 2,000,000, 10:30, 03/05/2024)
    rf"|{_SEGMENT}(?:{_JOINER}{_SEGMENT})*"
)


class _Segmenter(Protocol):
    def segment(self, text: str) -> list[str]: ...


@cache
def _segmenter() -> _Segmenter:
    # pysbd applies some hundreds of regular expressions by their text on every call, more
    # than the re module caches (512 in CPython 3.11), so each call compiled them all again:
    # two thirds of the time of a check. A larger cache keeps them compiled.
    if getattr(re, "_MAXCACHE", 0) < _PYSBD_PATTERNS:
        re._MAXCACHE = _PYSBD_PATTERNS  # type: ignore[attr-defined]
    return cast(_Segmenter, pysbd.Segmenter(language="en", clean=False))


_PYSBD_PATTERNS = 4096


def sentences(unit_text: str) -> list[str]:
    """The sentences of one unit, each stripped of surrounding whitespace and quoted exactly
    from ``unit_text``. A unit with no sentence-ending punctuation inside it (a heading, a list
    item without a full stop) is one sentence. A piece with no word in it (a stray quote mark,
    an ellipsis) is joined to the sentence before it."""
    return list(_sentences(unit_text))


@lru_cache(maxsize=8192)
def _sentences(unit_text: str) -> tuple[str, ...]:
    # Cached: every check reads the same units, and pysbd is the slowest step.
    text = unit_text.strip()
    if not text:
        return ()
    if not _END_PUNCTUATION.search(text[:-1]):
        return (text,)
    plain = _plain_sentences(text)
    if plain is not None:
        return plain
    flat, origin = _single_spaced(text)
    pieces = _segmenter().segment(flat)
    if "".join(pieces) != flat:  # pysbd did not give back the whole text: quote what it gave
        return tuple(piece.strip() for piece in pieces if _WORD.search(piece))
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in pieces:
        end = start + len(piece)
        for match in _PSEUDONYM_SENTENCE_END.finditer(flat, start, end):
            split_at = match.end("space")
            if start < split_at < end:
                spans.append((start, split_at))
                start = split_at
        spans.append((start, end))
        start = end
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not _WORD.search(flat, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    quoted = (text[origin[start] : origin[end]].strip() for start, end in merged)
    return tuple(sentence for sentence in quoted if sentence)


_PLAIN_END = re.compile(r"[.!?]+\s+(?=[(\[]?[A-Z0-9])")
_MAYBE_ABBREVIATED = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "no",
        "nos",
        "st",
        "eg",
        "ie",
        "etc",
        "vs",
        "approx",
        "dept",
        "govt",
        "prof",
        "sr",
        "jr",
        "inc",
        "ltd",
        "co",
        "cf",
        "al",
        "fig",
        "vol",
        "pp",
        "para",
        "paras",
        "ref",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "rev",
        "gen",
        "col",
        "sgt",
        "insp",
        "supt",
        "det",
        "cllr",
        "hon",
    ]
)
"""Words that may be abbreviations: a full stop after one sends the text to pysbd."""


def _plain_sentences(text: str) -> tuple[str, ...] | None:
    """The sentences of a text with nothing pysbd is needed for, or None.

    Most units are plain prose whose every full stop ends a sentence; splitting them here
    agrees with pysbd on every such unit of the samples and is about twenty times faster.
    Anything that could mislead a simple split (quotation marks, an ellipsis, a word with
    inner dots, a single letter or a possible abbreviation before a full stop) goes to pysbd.
    """
    if any(mark in text for mark in "\"“”‘’'…") or ".." in text:
        return None
    found: list[str] = []
    start = 0
    for match in _PLAIN_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].lstrip("([").lower() if before else ""
        if "." in last or len(last) == 1 or last in _MAYBE_ABBREVIATED:
            return None
        found.append(text[start : match.end()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return tuple(sentence for sentence in found if sentence)


def _single_spaced(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of whitespace (line breaks too) as one space, and where each
    of its characters came from in ``text`` (plus the end of ``text``)."""
    flat: list[str] = []
    origin: list[int] = []
    for match in _WHITESPACE_OR_NOT.finditer(text):
        if match.group().isspace():
            flat.append(" ")
            origin.append(match.start())
        else:
            flat.append(match.group())
            origin.extend(range(match.start(), match.end()))
    origin.append(len(text))
    return "".join(flat), origin


def words(text: str) -> list[str]:
    """The word tokens of ``text``: letters and digits with internal apostrophes and hyphens
    ("don't", "multi-agency", "Covid-19"); a number with internal separators is one word
    (9.30, 0800, 2,000,000); an abbreviation with dots is one word (e.g., a.m.); punctuation is
    not a word."""
    return _WORD.findall(text)
