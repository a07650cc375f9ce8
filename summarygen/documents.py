"""The documents of a pack: their ids (the CLI names), what they are called, who reads them,
and the register their prose is written in."""

from __future__ import annotations

from dataclasses import dataclass

from .record.schema import Register


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
    )
}
