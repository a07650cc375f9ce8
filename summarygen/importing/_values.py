"""Dates, statuses and names as reports write them, to the record's forms.

Dates: "31/03/2025" and "31.03.2025" (day first, as in the UK), "31 March 2025", "March
2025", "Mar 25", "2025-03", "Q2 2025" and "2025 Q2" (a quarter is read as its last month,
2025-06: an action due in a quarter is due by the end of it), "2025". Anything else
("Ongoing", "Immediate", "Spring 2025") is not a date, and is left for the author.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .._resources import read_rules_yaml
from ..record.dates import PartialDate

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>\d{{1,2}})(?:-(?P<day>\d{{1,2}}))?\b"), "iso"),
    (
        re.compile(rf"\b(?P<day>\d{{1,2}})[/.](?P<month>\d{{1,2}})[/.](?P<year>{_YEAR}|\d{{2}})\b"),
        "dmy",
    ),
    (re.compile(rf"\b(?P<month>\d{{1,2}})/(?P<year>{_YEAR})\b"), "my"),
    (re.compile(rf"\bQ(?P<quarter>[1-4])[ /-]*(?P<year>{_YEAR})\b", re.I), "quarter"),
    (re.compile(rf"\b(?P<year>{_YEAR})[ /-]*Q(?P<quarter>[1-4])\b", re.I), "quarter"),
    (
        re.compile(
            rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?,?\s+"
            rf"(?P<year>{_YEAR}|'?\d{{2}})\b",
            re.I,
        ),
        "named",
    ),
    (re.compile(rf"\b(?P<year>{_YEAR})\b"), "year"),
)


def _year(text: str) -> int:
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _from_match(match: re.Match[str], form: str) -> PartialDate | None:
    groups = match.groupdict()
    year = _year(groups["year"])
    if form == "quarter":
        return PartialDate(year, int(groups["quarter"]) * 3)
    if form == "year":
        return PartialDate(year)
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower().rstrip(".")]
    day = int(groups["day"]) if groups.get("day") else None
    try:
        return PartialDate.parse(
            f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        )
    except ValueError:
        return None


def find_dates(text: str) -> list[PartialDate]:
    """Every date in ``text``, in order; a month without a year ("June to September 2022")
    takes the year that follows it."""
    found: list[tuple[int, PartialDate]] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            date = _from_match(match, form)
            taken.append(span)  # an impossible date (31/02/2025) is no date, nor a part of one
            if date is not None:
                found.append((span[0], date))
    lone = re.compile(rf"\b(?P<month>{_MONTH})\b(?!\.?,?\s+(?:{_YEAR}|'?\d{{2}})\b)", re.I)
    for match in lone.finditer(text):
        span = match.span()
        if any(span[0] < end and start < span[1] for start, end in taken):
            continue
        later = [date for at, date in sorted(found) if at > span[0]]
        if later:
            month = _MONTHS[match["month"].lower()]
            found.append((span[0], PartialDate(later[0].year, month)))
    return [date for _, date in sorted(found, key=lambda pair: pair[0])]


def read_date(text: str) -> PartialDate | None:
    """The one date ``text`` gives, or None when it gives none or several that differ
    ("Ongoing", "March or June 2025")."""
    dates = find_dates(text)
    return dates[0] if len(set(dates)) == 1 else None


@cache
def rules() -> dict[str, Any]:
    """The import rules (``summarygen/rules/import-headings.yaml``)."""
    data: dict[str, Any] = read_rules_yaml("import-headings.yaml")
    return data


def normalised(text: str) -> str:
    """Lower case, letters, digits, hyphens and single spaces only ("Children’s" →
    "childrens")."""
    text = text.lower().replace("’", "").replace("'", "").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9-]+", " ", text).split())


@dataclass(frozen=True)
class StatusReading:
    status: str | None
    progress: int | None


def read_status(text: str) -> StatusReading:
    """A RAG or status cell as the record's status (rules ``statuses``) and/or a per cent
    ("75%"); parts it cannot read are None."""
    percent = re.search(r"(\d{1,3})\s*%", text)
    progress = int(percent[1]) if percent and int(percent[1]) <= 100 else None
    cell = normalised(re.sub(r"\d{1,3}\s*%", " ", text))
    best: tuple[int, str] | None = None
    for status, words in rules()["statuses"].items():
        for word in words:
            word = normalised(str(word))
            matches = cell == word or cell.startswith(word + " ")
            if matches and (best is None or len(word) > best[0]):
                best = (len(word), str(status))
    if best is None and progress == 100:
        return StatusReading("complete", progress)
    return StatusReading(best[1] if best else None, progress)


def agency_id(name: str) -> str:
    """A record id for an agency from its name: its acronym in brackets if it gives one
    ("Children's Social Care (CSC)" → "csc"), else its name in lower case with hyphens,
    at most 40 characters."""
    bracket = re.search(r"\(([A-Za-z][A-Za-z0-9&]{1,9})\)", name)
    if bracket:
        return bracket[1].lower().replace("&", "")
    words = normalised(re.sub(r"\(.*?\)", " ", name)).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 40:
            break
        slug = candidate
    if not slug or not slug[0].isalpha():
        slug = "agency-" + slug
    return slug[:40].rstrip("-")
