"""Ids that must be unique and references that must resolve.

These run on the plain data, not the validated model, so that a dangling reference
is reported in the same run as a typo or a wrong type elsewhere in the record.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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
]


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
    return problems


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
