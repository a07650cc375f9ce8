"""Ids that must be unique and references that must resolve.

These run on the plain data, not the validated model, so that a dangling reference
is reported in the same run as a typo or a wrong type elsewhere in the record.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .dates import PartialDate
from .yaml_source import Path

# (list holding the ids, human name of one item)
ID_LISTS: dict[str, str] = {
    "agencies": "agency",
    "episodes": "episode",
    "findings": "finding",
    "recommendations": "recommendation",
    "actions": "action",
}

# (path pattern with "*" for every list item, target list)
REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("episodes", "*", "agencies", "*"), "agencies"),
    (("findings", "*", "episodes", "*"), "episodes"),
    (("recommendations", "*", "findings", "*"), "findings"),
    (("actions", "*", "recommendation"), "recommendations"),
    (("actions", "*", "agency"), "agencies"),
    (("comms", "agency_quotes", "*", "agency"), "agencies"),
    (("action_plan_updates", "*", "actions", "*", "action"), "actions"),
    (("agency_responses", "*", "agency"), "agencies"),
    (("agency_responses", "*", "recommendations", "*", "recommendation"), "recommendations"),
]

# (list, key of each item, what a second item with the same key means): an item of the list
# may not repeat another's key, e.g. one agency answering twice.
ONCE_EACH: list[tuple[tuple[str, ...], str, str]] = [
    (("action_plan_updates", "*", "actions"), "action", "this update already gives action"),
    (("agency_responses",), "agency", "there is already a response from agency"),
    (
        ("agency_responses", "*", "recommendations"),
        "recommendation",
        "this agency already answers recommendation",
    ),
]

AVAILABLE_FOR_YEARS = 1
"""How long a published review stays on the partnership's website, at least. Source: Working
Together to Safeguard Children 2023, ch. 5: reports are published and remain "publicly
available for at least one year" (the national Panel asks for the same)."""


@dataclass(frozen=True)
class ReferenceProblem:
    path: Path
    message: str


def check(data: Any) -> list[ReferenceProblem]:
    if not isinstance(data, dict):
        return []
    problems: list[ReferenceProblem] = []
    known: dict[str, set[str]] = {}
    for list_name, noun in ID_LISTS.items():
        seen: dict[str, int] = {}
        for index, item in enumerate(_list(data.get(list_name))):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                problems.append(
                    ReferenceProblem(
                        (list_name, index, "id"),
                        f"duplicate {noun} id '{item_id}' (first used by "
                        f"{list_name}[{seen[item_id]}])",
                    )
                )
            else:
                seen[item_id] = index
        known[list_name] = set(seen)
    for pattern, target in REFERENCES:
        if target not in data and difflib.get_close_matches(target, list(data), n=1):
            continue  # a misspelt list name is reported once, as an unknown field
        for path, value in _expand(data, pattern, ()):
            if isinstance(value, str) and value not in known[target]:
                problems.append(
                    ReferenceProblem(
                        path,
                        f"refers to {ID_LISTS[target]} '{value}', which is not in {target}"
                        + _hint(value, known[target]),
                    )
                )
    problems.extend(_duplicate_pseudonyms(data))
    problems.extend(_repeated_keys(data))
    problems.extend(_update_dates(data))
    problems.extend(_available_until(data))
    return problems


def _repeated_keys(data: dict[str, Any]) -> Iterator[ReferenceProblem]:
    for pattern, key, message in ONCE_EACH:
        for path, items in _expand(data, pattern, ()):
            seen: dict[str, int] = {}
            for index, item in enumerate(_list(items)):
                value = item.get(key) if isinstance(item, dict) else None
                if not isinstance(value, str):
                    continue
                if value in seen:
                    yield ReferenceProblem(
                        (*path, index, key),
                        f"{message} '{value}' (at item {seen[value] + 1}): give it once",
                    )
                else:
                    seen[value] = index


def _date(value: Any) -> PartialDate | None:
    try:
        return PartialDate._validate(value)
    except ValueError:
        return None  # the schema reports it


def _update_dates(data: dict[str, Any]) -> Iterator[ReferenceProblem]:
    """Action plan updates come oldest first, one to a date."""
    previous: PartialDate | None = None
    for index, update in enumerate(_list(data.get("action_plan_updates"))):
        date = _date(update.get("date")) if isinstance(update, dict) else None
        if date is None:
            continue
        if previous is not None and date.first_day() <= previous.first_day():
            yield ReferenceProblem(
                ("action_plan_updates", index, "date"),
                f"{date.iso()} is not after the update before it ({previous.iso()}): list the "
                "updates oldest first, one to a date",
            )
        previous = date


def _available_until(data: dict[str, Any]) -> Iterator[ReferenceProblem]:
    """A review stays public for at least :data:`AVAILABLE_FOR_YEARS` after it is published."""
    review = data.get("review")
    if not isinstance(review, dict):
        return
    publication, dates = review.get("publication"), review.get("dates")
    if not isinstance(publication, dict) or not isinstance(dates, dict):
        return
    until, published = _date(publication.get("available_until")), _date(dates.get("published"))
    if until is None or published is None:
        return
    first = published.first_day()
    earliest = first.replace(year=first.year + AVAILABLE_FOR_YEARS, day=min(first.day, 28))
    # (28: a year after 29 February is 28 February at the latest)
    if until.last_day() < earliest:
        yield ReferenceProblem(
            ("review", "publication", "available_until"),
            f"{until.iso()} is less than a year after the review was published "
            f"({published.iso()}): a review stays public for at least a year, so write "
            f"{PartialDate(earliest.year, earliest.month).iso()} or later",
        )


def _duplicate_pseudonyms(data: dict[str, Any]) -> Iterator[ReferenceProblem]:
    seen: set[str] = set()
    for index, subject in enumerate(_list(data.get("subjects"))):
        name = subject.get("pseudonym") if isinstance(subject, dict) else None
        if isinstance(name, str):
            if name.casefold() in seen:
                yield ReferenceProblem(
                    ("subjects", index, "pseudonym"),
                    f"pseudonym '{name}' is used for two children: give each child their own",
                )
            seen.add(name.casefold())


def _hint(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.75)
    if close:
        return f": did you mean '{close[0]}'?"
    if not known:
        return " (there are none)"
    listed = sorted(known)
    more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
    return f" (known: {', '.join(listed[:8])}{more})"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _expand(value: Any, pattern: tuple[str, ...], path: Path) -> Iterator[tuple[Path, Any]]:
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(_list(value)):
            yield from _expand(item, rest, (*path, index))
    elif isinstance(value, dict) and head in value:
        yield from _expand(value[head], rest, (*path, head))
