"""Run every check on a Document for its audience, and say whether it may be published."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..document import Document
from ..record import Record
from .consistency import PACK, consistency_findings
from .finding import Finding, Severity, worst_first
from .language import language_findings
from .profiles import Profile, Target
from .readability import Metrics, measure, readability_findings, section_metrics, target_note
from .units import located, units


@dataclass(frozen=True)
class TargetResult:
    target: Target
    value: float
    met: bool | None
    """None when the text is too short to score."""
    note: str = ""
    """What the target line adds ("sentences over 34 flagged")."""
    by_sentence: bool = False
    """Each sentence that misses it is its own finding (the longest-sentence target), so a
    miss is counted by those findings, not twice."""

    @property
    def missed(self) -> bool:
        return self.met is False

    @property
    def aim(self) -> str:
        """The target as the report's target line says it: "≤ 40 (error); sentences over 34
        flagged"."""
        aim = f"{self.target.bound} ({self.target.severity.value})"
        return f"{aim}; {self.note}" if self.note else aim


@dataclass(frozen=True)
class DocumentCheck:
    document: str
    audience: str
    metrics: Metrics
    sections: dict[str, Metrics]
    targets: tuple[TargetResult, ...]
    findings: tuple[Finding, ...]

    def fails(self, fail_on: Severity) -> bool:
        """Whether anything at ``fail_on`` or worse was found or missed."""
        return any(f.severity.at_least(fail_on) for f in self.findings) or any(
            result.missed and result.target.severity.at_least(fail_on) for result in self.targets
        )

    def count(self, severity: Severity) -> int:
        """Findings and missed targets at this severity (one problem counted once)."""
        missed = sum(
            1
            for r in self.targets
            if r.missed and r.target.severity is severity and not r.by_sentence
        )
        return missed + sum(1 for f in self.findings if f.severity is severity)

    @property
    def worst(self) -> Severity | None:
        for severity in Severity:
            if self.count(severity):
                return severity
        return None


def check_document(document: Document, profile: Profile) -> DocumentCheck:
    document_id = document.meta.document
    text_units = units(document)
    metrics = measure([unit.text for unit in text_units])
    longest = profile.longest
    targets = tuple(
        TargetResult(
            target,
            metrics.value(target.metric),
            None if metrics.too_short else target.met_by(metrics.value(target.metric)),
            note=target_note(profile) if target is longest else "",
            by_sentence=target is longest,
        )
        for target in profile.targets
    )
    findings = [
        *readability_findings(document_id, text_units, profile),
        *language_findings(document_id, text_units, profile),
        *(
            Finding(
                "compose.register",
                Severity.WARNING,
                document_id,
                "",
                "",
                notice,
                "Add the missing wording to the record for this reader.",
            )
            for notice in document.notices
        ),
    ]
    return DocumentCheck(
        document=document_id,
        audience=profile.id,
        metrics=metrics,
        sections=section_metrics(text_units),
        targets=targets,
        findings=tuple(worst_first(located(findings, text_units, document))),
    )


def check_pack(
    record: Record, documents: Sequence[Document], profiles: Mapping[str, Profile]
) -> list[DocumentCheck]:
    """Every document for its audience, then the pack as a whole (consistency across it)."""
    results = [check_document(doc, profiles[doc.meta.audience]) for doc in documents]
    return with_consistency(record, documents, results)


def with_consistency(
    record: Record, documents: Sequence[Document], results: Sequence[DocumentCheck]
) -> list[DocumentCheck]:
    """The documents' checks with what consistency found added to each, then the pack's
    own check (what belongs to no one document) last."""
    by_id = {doc.meta.document: doc for doc in documents}
    pack_findings = consistency_findings(record, by_id)
    by_document: dict[str, list[Finding]] = {}
    for finding in pack_findings:
        by_document.setdefault(finding.document, []).append(finding)
    for document_id, findings in by_document.items():
        if document_id in by_id:
            document = by_id[document_id]
            by_document[document_id] = located(findings, units(document), document)
    merged = [
        replace(
            result,
            findings=tuple(worst_first([*result.findings, *by_document.pop(result.document, [])])),
        )
        for result in results
    ]
    leftover = [finding for findings in by_document.values() for finding in findings]
    merged.append(
        DocumentCheck(
            document=PACK,
            audience="all",
            metrics=measure([]),
            sections={},
            targets=(),
            findings=tuple(worst_first(leftover)),
        )
    )
    return merged
