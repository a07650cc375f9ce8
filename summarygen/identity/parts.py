"""A piece of text found in a written file, and where it was found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .._resources import read_rules_yaml

Span = tuple[int, int]
"""Start and end offsets of characters in a text, end exclusive."""


@dataclass(frozen=True)
class TextPart:
    file: str
    """The file's name (not its path): ``child-m-overview.pdf``."""
    location: str
    """Where in the file, for a person: ``word/footer1.xml``, ``page 3``, ``metadata: Title``,
    ``<img alt>``, ``file name``."""
    text: str
    only: tuple[Span, ...] = ()
    """When not empty, the spans of ``text`` this part stands for, and the rest of ``text``
    is only their context: a paragraph as it was before its tracked changes, whose deleted
    text is in ``only``. What lies outside ``only`` is read, and reported, through the part
    holding the text as it shows."""

    def location_of(self, span: Span) -> str | None:
        """Where an identifier found at ``span`` of ``text`` is, for a person; ``None`` when it
        lies wholly outside ``only`` (another part reports it)."""
        if not self.only:
            return self.location
        start, end = span
        if any(start < only_end and only_start < end for only_start, only_end in self.only):
            return self.location
        return None


class Carried(NamedTuple):
    """Text a file carries that does not show (deleted text in tracked changes), read in its
    context: ``text`` with the carried text at ``spans``."""

    location: str
    text: str
    spans: tuple[Span, ...]


Found = Iterator[tuple[str, str] | Carried]
"""What a format's reader finds: (location, text) pairs, and carried text in its context."""


def prefixed(prefix: str, found: Found) -> Found:
    """``found`` with each location after ``prefix``: where a file inside a file (an embedded
    document, an attachment) had its text."""
    for piece in found:
        if isinstance(piece, Carried):
            yield piece._replace(location=f"{prefix} › {piece.location}")
        else:
            yield f"{prefix} › {piece[0]}", piece[1]


@cache
def _places() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(str(entry["match"])), str(entry["say"]))
        for entry in read_rules_yaml("places.yaml")["places"]
    )


def where_for_person(location: str) -> str:
    """A scan's location (``word/footer1.xml``, ``docProps/core.xml``, ``<img alt>``) in the
    terms of the program a person opens the file with (``rules/places.yaml``); what follows
    the part name (a tracked deletion's note) is kept. A file inside a file (``a.docx ›
    word/document.xml``) keeps its own name."""
    *outer, inner = location.split(" › ")
    said = inner
    for pattern, say in _places():
        match = pattern.match(inner)
        if match:
            said = say.replace("{1}", match.group(1) if pattern.groups else "")
            rest = inner[match.end() :]
            note = rest.split(": ", 1)[1] if ": " in rest else ""
            if note and note not in said:
                said = f"{said}, {note}"
            break
    return " › ".join([*outer, said])


@cache
def carried_note(kind: str) -> str:
    """What a location adds when the text is carried but does not show (``tracked_deletion``,
    ``earlier_version``): the notes are data, in ``rules/carried.yaml``."""
    notes = read_rules_yaml("carried.yaml")
    return str(notes[kind])
