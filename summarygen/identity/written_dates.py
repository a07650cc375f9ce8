"""Written dates: every common way a full date (or a day and month) is written, found in text
and read as a date. The forms are data (``full_date`` in ``rules/identity.yaml``)."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .fold import _folded
from .rules import _compiled, _CompiledRules, identity_rules

# --- Dates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WrittenDate:
    start: int
    end: int
    day: int
    month: int
    year: int | None


def _two_digit_year(year: int) -> int:
    this_year = _dt.date.today().year
    return 2000 + year if 2000 + year <= this_year + 1 else 1900 + year


def _date_from(match: re.Match[str], rules: _CompiledRules) -> _WrittenDate | None:
    found: dict[str, str] = {}
    for key, value in match.groupdict().items():
        if value is not None:
            found[key.rsplit("_", 1)[0]] = value
    month_text = found["month"]
    month = (
        int(month_text)
        if month_text.isdigit()
        else rules.month_numbers[month_text.lower().rstrip(".")]
    )
    if "day_word" in found:
        day = rules.day_numbers[" ".join(found["day_word"].lower().replace("-", " ").split())]
    else:
        day = int(found["day"])
    year: int | None = None
    if "year" in found:
        year = int(found["year"])
        if len(found["year"]) == 2:
            year = _two_digit_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return None
    return _WrittenDate(match.start(), match.end(), day, month, year)


_NUMBER = re.compile(r"\d+")


def _written_dates(
    text: str, rules: _CompiledRules, pattern: re.Pattern[str] | None = None
) -> Iterator[_WrittenDate]:
    """Dates written in ``text``. Every date pattern starts with a day, a month or a year, so
    they are tried only where a number starts, or at a month's name just before one (or at a
    day written as a word just before that month)."""
    not_after = identity_rules().full_date.not_after
    taken = 0
    for number in _NUMBER.finditer(text):
        if number.start() < taken:
            continue
        month = rules.month_before.search(text, max(0, number.start() - 16), number.start())
        starts = [number.start()] if month is None else [month.start(), number.start()]
        if month is not None:
            window = max(0, month.start() - 24)
            day_word = rules.day_word_before.search(text, window, month.start())
            if day_word is not None:
                starts.insert(0, day_word.start())
        for start in starts:
            if start and (text[start - 1].isalnum() or text[start - 1] in not_after):
                continue
            match = (pattern or rules.dates).match(text, start)
            found = _date_from(match, rules) if match else None
            if found is not None:
                yield found
                taken = found.end
                break


_WEEKDAY = re.compile(r"^(?i:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*),?\s+")
"""A weekday before a date ("Wednesday 14 March 2012"), which says nothing more."""


def parse_written_date(text: str) -> _dt.date | None:
    """A full date written in any common form (14 March 2012, 14/03/2012, 2012-03-14,
    March 14, 2012, 14.03.12, 14-Mar-2012, the fourteenth of March 2012), or None."""
    rules = _compiled()
    written = _WEEKDAY.sub("", " ".join(_folded(text).split()))
    match = rules.dates.fullmatch(written)
    if match is None:
        return None
    found = _date_from(match, rules)
    if found is None or found.year is None:
        return None
    return _dt.date(found.year, found.month, found.day)


def is_month_and_year(text: str) -> bool:
    """Whether ``text`` is a month and year only ("March 2012", "2012-03")."""
    return _compiled().month_and_year.fullmatch(" ".join(_folded(text).split())) is not None
