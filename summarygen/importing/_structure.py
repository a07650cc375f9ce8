"""Which units of a report are headings, which part of the record each heading names, and
which units start a numbered thing ("Recommendation 3:", "KPE 2 -", "Finding 1.").

Headings are read by meaning, from the synonyms in ``rules/import-headings.yaml``: a heading
in a "Heading N" style, a short paragraph that is all bold, or a short paragraph numbered by
hand ("3.1 Background") whose words name a part of the record.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from ._units import Unit
from ._values import normalised, rules

_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|chapter|appendix)\s+)?(?P<number>\d+(?:\.\d+)*|[ivxlc]+|[a-z])"
    r"(?:[.):]|\s*[-–—])?\s+(?=\S)",
    re.I,
)
_MAX_HEADING_WORDS = 14


@dataclass(frozen=True)
class Marker:
    """A unit that starts a numbered recommendation, finding or key practice episode."""

    section: str
    number: str
    rest: str


@dataclass(frozen=True)
class HeadingInfo:
    level: int
    text: str
    """The heading without its numbering."""
    section: str | None
    prefix_only: bool = False
    """Matched only because it starts with a part's name ("Background to the review")."""


def strip_numbering(text: str) -> tuple[str, int | None]:
    """``text`` without leading numbering, and the numbering's depth ("3.1" → 2)."""
    match = _NUMBERING.match(text)
    if not match or len(text.split()) < 2:
        return text.strip(), None
    number = match["number"]
    depth = number.count(".") + 1 if number[0].isdigit() else None
    return text[match.end() :].strip(), depth


@cache
def _phrases() -> list[tuple[str, str]]:
    return [
        (normalised(str(phrase)), str(section))
        for section, phrases in rules()["sections"].items()
        for phrase in phrases
    ]


def section_of(heading: str, *, allow_prefix: bool = True) -> tuple[str | None, bool]:
    """The part of the record a heading (numbering already off) names, or None; and whether
    it matched only by its start."""
    wanted = normalised(heading)
    if not wanted:
        return None, False
    phrases = _phrases()
    for phrase, section in phrases:
        if wanted == phrase:
            return section, False
    if allow_prefix:
        best: tuple[int, str] | None = None
        for phrase, section in phrases:
            if wanted.startswith(phrase + " ") and (best is None or len(phrase) > best[0]):
                best = (len(phrase), section)
        if best:
            return best[1], True
        # a misspelled start: "Backround to the family"
        cutoff = float(rules()["fuzzy_cutoff"])
        words = wanted.split()
        for phrase, section in phrases:
            size = len(phrase.split())
            if len(words) > size:
                start = " ".join(words[:size])
                if difflib.SequenceMatcher(None, start, phrase).ratio() >= cutoff:
                    return section, True
    cutoff = float(rules()["fuzzy_cutoff"])
    close = difflib.get_close_matches(wanted, [p for p, _ in phrases], n=1, cutoff=cutoff)
    if close:
        return dict(phrases)[close[0]], False
    return None, False


@cache
def _marker_pattern() -> re.Pattern[str]:
    words = sorted(
        (
            (re.escape(str(word)), str(section))
            for section, spec in rules()["markers"].items()
            for word in spec["words"]
        ),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    alternatives = "|".join(f"(?P<s{i}>{word})" for i, (word, _) in enumerate(words))
    return re.compile(
        rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{alternatives})s?\s*(?P<number>\d+(?:\.\d+)?|(?-i:[A-Z]))\b"
        r"(?P<separator>\s*(?:[:.)\-–—]|$)|\s+)\s*(?P<rest>.*)$",
        re.I | re.S,
    )


@cache
def _marker_sections() -> list[str]:
    words = sorted(
        (
            (re.escape(str(word)), str(section))
            for section, spec in rules()["markers"].items()
            for word in spec["words"]
        ),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    return [section for _, section in words]


def marker_of(unit: Unit) -> Marker | None:
    """The numbered thing ``unit`` starts, if it starts one: a heading or bold paragraph
    naming it, or a paragraph beginning "Recommendation 2:" (a number and a separator)."""
    if unit.kind == "table":
        return None
    match = _marker_pattern().match(unit.text)
    if not match:
        return None
    section = next(
        _marker_sections()[i]
        for i in range(len(_marker_sections()))
        if match.group(f"s{i}") is not None
    )
    separator = match["separator"].strip()
    if not separator and match["rest"] and unit.kind != "heading" and not unit.bold:
        return None  # "Finding 2 showed that..." is a sentence, not a marker
    return Marker(section, match["number"].upper(), match["rest"].strip())


def heading_of(unit: Unit, *, top_level: int | None) -> HeadingInfo | None:
    """``unit`` as a heading, or None if it is text.

    ``top_level`` is the level of the heading whose part the reader is in (None before the
    first one): a heading deeper than it matches a part only by its whole name."""
    if unit.kind == "table":
        return None
    text, depth = strip_numbering(unit.text)
    words = len(text.split())
    styled = unit.kind == "heading" or unit.title
    if not styled:
        if words == 0 or words > _MAX_HEADING_WORDS or text.rstrip().endswith((".", ",", ";")):
            return None
        if not unit.bold:
            # a hand-numbered short line is a heading only when it names a part
            if depth is None:
                return None
            section, prefix = section_of(text, allow_prefix=True)
            if section is None:
                return None
            return HeadingInfo(depth, text, section, prefix)
    text = text.rstrip(":").strip()
    level = unit.level if unit.kind == "heading" else depth
    allow_prefix = top_level is None or level is None or level <= top_level
    section, prefix = section_of(text, allow_prefix=allow_prefix)
    if level is None:
        level = 1 if section is not None else 9  # an unnumbered bold line: a sub-heading
    return HeadingInfo(level, text, section, prefix)
