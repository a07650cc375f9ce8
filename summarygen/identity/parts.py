"""A piece of text found in a written file, and where it was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextPart:
    file: str
    """The file's name (not its path): ``child-m-overview.pdf``."""
    location: str
    """Where in the file, for a person: ``word/footer1.xml``, ``page 3``, ``metadata: Title``,
    ``<img alt>``, ``file name``."""
    text: str
