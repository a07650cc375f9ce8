"""Every version of the pack tells the same facts.

Checks across the record and the composed Documents: every finding answered by a
recommendation; every recommendation in the overview, executive summary, recommendations
and action plan with its id and its wording; every recommendation with an action; counts
stated in prose ("six recommendations") matching the data; each child's pseudonym written
the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..document import Document
from ..numbers import NUMBER_WORDS
from ..record import Record, Register, text_for
from .finding import Finding, Severity
from .units import units

PACK = "pack"
"""The document name of findings about the pack as a whole."""

DOCUMENTS_WITH_RECOMMENDATIONS = ("overview", "executive-summary", "recommendations", "action-plan")
_NUMBER_WORDS = {word: value for value, word in enumerate(NUMBER_WORDS)}
_COUNTED = {
    "recommendation": "recommendations",
    "finding": "findings",
    "key practice episode": "episodes",
}
_COUNT = re.compile(
    r"(?<!of )(?<!of the )(?<!these )(?<!those )\b(?P<number>\d+|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?P<noun>recommendations?|findings?|key practice episodes?)\b",
    re.IGNORECASE,
)


def consistency_findings(record: Record, documents: Mapping[str, Document]) -> list[Finding]:
    return [
        *_findings_answered(record),
        *_recommendations_in_documents(record, documents),
        *_recommendations_with_actions(record),
        *_counts_in_prose(record, documents),
        *_pseudonyms_written_alike(record, documents),
    ]


def _finding(
    check: str,
    severity: Severity,
    document: str,
    message: str,
    suggestion: str,
    text: str = "",
    section: str = "",
) -> Finding:
    return Finding(f"consistency.{check}", severity, document, section, text, message, suggestion)


def _findings_answered(record: Record) -> Iterator[Finding]:
    answered = {finding for rec in record.recommendations for finding in rec.findings}
    for finding in record.findings:
        if finding.id not in answered:
            yield _finding(
                "finding-without-recommendation",
                Severity.ERROR,
                PACK,
                f"finding {finding.id} leads to no recommendation",
                f"Add {finding.id} to the findings of the recommendation that answers it, or "
                "add a recommendation.",
            )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _recommendations_in_documents(
    record: Record, documents: Mapping[str, Document]
) -> Iterator[Finding]:
    for document_id in DOCUMENTS_WITH_RECOMMENDATIONS:
        document = documents.get(document_id)
        if document is None:
            continue
        published = _flat(" ".join(unit.text for unit in units(document)))
        register = Register(document.meta.register)
        for rec in record.recommendations:
            wording, _ = text_for(rec.text, register)
            if not re.search(rf"\b{re.escape(rec.id)}\b", published):
                yield _finding(
                    "recommendation-missing",
                    Severity.ERROR,
                    document_id,
                    f"recommendation {rec.id} is not in the {document.meta.label.lower()}",
                    "Every recommendation must appear, with its id, in the overview, executive "
                    "summary, recommendations and action plan: check the template.",
                )
            elif _flat(wording) not in published:
                yield _finding(
                    "recommendation-wording",
                    Severity.ERROR,
                    document_id,
                    f"recommendation {rec.id} is not worded as in the record",
                    "Print the recommendation's text from the record, unchanged.",
                    text=_flat(wording),
                )


def _recommendations_with_actions(record: Record) -> Iterator[Finding]:
    with_actions = {action.recommendation for action in record.actions}
    for rec in record.recommendations:
        if rec.id not in with_actions:
            yield _finding(
                "recommendation-without-action",
                Severity.ERROR,
                PACK,
                f"recommendation {rec.id} has no action in the action plan",
                "Add at least one action with an agency, a lead role and a due date.",
            )


def _counts_in_prose(record: Record, documents: Mapping[str, Document]) -> Iterator[Finding]:
    actual = {
        "recommendations": len(record.recommendations),
        "findings": len(record.findings),
        "episodes": len(record.episodes),
    }
    for document_id, document in documents.items():
        for unit in units(document):
            for match in _COUNT.finditer(unit.text):
                word = match["number"].lower()
                stated = int(word) if word.isdigit() else _NUMBER_WORDS[word]
                noun = match["noun"].lower().removesuffix("s")
                what = _COUNTED[noun]
                if stated != actual[what]:
                    yield _finding(
                        "count",
                        Severity.WARNING,
                        document_id,
                        f"says {match.group(0)!r} but the record has {actual[what]} {what}",
                        f"Change the number to {actual[what]}, or say which ones are meant.",
                        text=unit.text,
                        section=unit.section,
                    )


def _pseudonyms_written_alike(
    record: Record, documents: Mapping[str, Document]
) -> Iterator[Finding]:
    for subject in record.subjects:
        canonical = subject.pseudonym
        parts = [re.escape(part) for part in re.split(r"[\s\-_]+", canonical) if part]
        variant = re.compile(r"\b" + r"[\s\-_]*".join(parts) + r"\b", re.IGNORECASE)
        for document_id, document in documents.items():
            seen: set[str] = set()
            for unit in units(document):
                for match in variant.finditer(unit.text):
                    written = match.group(0)
                    if written != canonical and written not in seen:
                        seen.add(written)
                        yield _finding(
                            "pseudonym",
                            Severity.WARNING,
                            document_id,
                            f"{canonical} is written {written!r}",
                            f"Write the pseudonym the same way everywhere: {canonical}.",
                            text=unit.text,
                            section=unit.section,
                        )
