"""The one thing every check reports: a Finding, with a severity and a location."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters. ``error`` stops publication; the others inform."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        """0 for the worst."""
        return list(Severity).index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank <= other.rank


@dataclass(frozen=True)
class Finding:
    check: str
    """Which rule found it, e.g. ``readability.hard-sentence``, ``language.jargon``."""
    severity: Severity
    document: str
    """The document id (``easy-read``) or, for a hand-written file, its name."""
    section: str
    """The heading the text stands under ("" before the first heading)."""
    text: str
    """The sentence (or cell, or item) the finding is about, quoted exactly."""
    message: str
    suggestion: str = ""
    location: str = ""
    """Where in a written file, for tools (``docx: word/footer1.xml``, an element path)."""
    where: str = ""
    """Where, for a person, in the terms of the program they use: "page 3", "section
    'Background', paragraph 3", "the picture 'boy.png'". Empty when ``section`` says enough."""
    source: str = ""
    """For a document built from a record: where to change the text in the record, as
    ``child-m.yaml:57 background (professional)``. Empty for a hand-written file."""

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def worst_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, f.document, f.check))
