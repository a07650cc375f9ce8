"""A piece of text found in a written file, and where it was found."""

from __future__ import annotations

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
def carried_note(kind: str) -> str:
    """What a location adds when the text is carried but does not show (``tracked_deletion``,
    ``earlier_version``): the notes are data, in ``rules/carried.yaml``."""
    notes = read_rules_yaml("carried.yaml")
    return str(notes[kind])
