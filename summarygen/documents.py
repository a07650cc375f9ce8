"""The documents of a pack: their ids (the CLI names), what they are called, who reads them,
and the register their prose is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import SummarygenError
from .record.schema import Record, Register


@dataclass(frozen=True)
class DocumentType:
    id: str
    label: str
    audience: str
    register: Register

    @property
    def template(self) -> str:
        return f"{self.id}.md.j2"


DOCUMENT_TYPES: dict[str, DocumentType] = {
    doc.id: doc
    for doc in (
        DocumentType("overview", "Overview report", "professional", Register.PROFESSIONAL),
        DocumentType("executive-summary", "Executive summary", "general", Register.PLAIN),
        DocumentType("easy-read", "Easy read summary", "easy-read", Register.CHILD),
        DocumentType("children", "For children and young people", "children", Register.CHILD),
        DocumentType("press-statement", "Press statement", "public", Register.PLAIN),
        DocumentType(
            "recommendations",
            "Recommendations and response",
            "professional",
            Register.PROFESSIONAL,
        ),
        DocumentType("action-plan", "Action plan", "professional", Register.PROFESSIONAL),
        DocumentType(
            "learning-briefing", "7-minute learning briefing", "general", Register.PROFESSIONAL
        ),
        DocumentType("progress-report", "Progress report", "professional", Register.PROFESSIONAL),
        DocumentType("agency-responses", "Agency responses", "general", Register.PLAIN),
        DocumentType("opening-statement", "Opening statement", "public", Register.PLAIN),
    )
}


class NotInRecord(SummarygenError):
    """A document was asked for that the record has nothing to make from (a progress report
    of a record without action plan updates)."""


NEEDS: dict[str, tuple[Callable[[Record], object], str]] = {
    "progress-report": (
        lambda record: record.action_plan_updates,
        "the record has no action plan updates yet (action_plan_updates:)",
    ),
    "agency-responses": (
        lambda record: record.agency_responses,
        "the record has no agency responses (agency_responses:)",
    ),
    "opening-statement": (
        lambda record: record.comms and record.comms.opening_statement,
        "the record has no opening statement (comms: opening_statement:)",
    ),
}
"""The documents made only when the record holds what they are made from, and why not."""


def why_not(record: Record, document: str) -> str | None:
    """Why ``record`` has no ``document`` (a sentence), or None when it has one."""
    needed = NEEDS.get(document)
    if needed is None or needed[0](record):
        return None
    return needed[1]


def documents_for(record: Record) -> list[str]:
    """The ids of the documents ``record`` makes, in the pack's order."""
    return [document for document in DOCUMENT_TYPES if why_not(record, document) is None]
