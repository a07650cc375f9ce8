"""The gate: scan the files a build wrote, before anything is published.

Detectors that need no register always run; with a protected register, every entry is
looked for too. Any error-level finding stops publication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..checks.engine import DocumentCheck
from ..checks.finding import Finding
from ..errors import Problem, RecordError
from ..record import Record
from .detect import REGISTER_CHECK, Allowed, find_identifiers, mask_identifiers
from .extract import extract_parts
from .parts import TextPart
from .register import ProtectedEntry
from .rules import identity_rules


def allowed_by(record: Record, audience: str | None = None) -> Allowed:
    """What this record says may be published although it looks like an identifier, in a
    document for ``audience`` (an audience id; None: any). In a document for children or the
    public (``named_agency.audiences`` in identity.yaml), an agency that is a school, nursery,
    GP practice or children's home is not allowed but warned about: its name shows where the
    child lived or went to school."""
    agency_rule = identity_rules().named_agency
    public = audience is not None and audience in agency_rule.audiences
    warned = [
        agency.name
        for agency in record.agencies
        if public and agency_rule.kind_of(agency.name) is not None
    ]
    review = record.review
    dates: list[dt.date] = []
    if review.dates.published is not None and review.dates.published.day is not None:
        dates.append(review.dates.published.first_day())
    contacts: list[str] = []
    if record.comms is not None:
        if record.comms.embargo is not None:
            dates.append(record.comms.embargo.date())
        contact = record.comms.contact
        contacts.extend(value for value in (contact.email, contact.phone) if value)
    return Allowed(
        names=tuple(person.name for person in (*review.reviewers, review.chair)),
        pseudonyms=tuple(
            [subject.pseudonym for subject in record.subjects]
            + [member.role for member in record.family]
        ),
        waived=tuple(waiver.text for waiver in record.waivers),
        contacts=tuple(contacts),
        dates=tuple(dates),
        warned_organisations=tuple(warned),
        organisations=tuple(
            [agency.name for agency in record.agencies if agency.name not in warned]
            + [review.partnership]
            + ([review.area] if review.area else [])
        ),
    )


def register_conflicts(record: Record, register: Sequence[ProtectedEntry]) -> list[Problem]:
    """Every field where the record allows (as a reviewer's or the chair's name, a pseudonym,
    a family role, a waiver, an agency, the partnership, the area or the contact) something the
    protected register protects. An allowance never cancels a register entry, so such a record
    cannot be published: each problem names the field and the entry, masked."""
    if not register:
        return []
    review = record.review
    fields: list[tuple[str, str]] = [
        *((f"review.reviewers[{i}].name", p.name) for i, p in enumerate(review.reviewers)),
        ("review.chair.name", review.chair.name),
        ("review.partnership", review.partnership),
        *((("review.area", review.area),) if review.area else ()),
        *((f"subjects[{i}].pseudonym", s.pseudonym) for i, s in enumerate(record.subjects)),
        *((f"family[{i}].role", member.role) for i, member in enumerate(record.family)),
        *((f"waivers[{i}].text", waiver.text) for i, waiver in enumerate(record.waivers)),
        *((f"agencies[{i}].name", agency.name) for i, agency in enumerate(record.agencies)),
    ]
    if record.comms is not None:
        contact = record.comms.contact
        fields.extend(
            (f"comms.contact.{name}", value)
            for name, value in (("email", contact.email), ("phone", contact.phone))
            if value
        )
    problems: list[Problem] = []
    for where, value in fields:
        part = TextPart("record", where, value)
        for finding in find_identifiers([part], register, Allowed()):
            if finding.check == REGISTER_CHECK:
                problems.append(
                    Problem(
                        "record",
                        None,
                        None,
                        where,
                        f"allows what the protected register protects: {finding.message} "
                        "An entry of the register is never published, whatever the record "
                        "allows: change this field, or the register entry (a name's "
                        "'alone: []' stops its surname counting on its own).",
                    )
                )
                break
    return problems


def check_register_against(record: Record, register: Sequence[ProtectedEntry]) -> None:
    """Raise :class:`RecordError` (exit 2) if the record allows a protected entry."""
    problems = register_conflicts(record, register)
    if problems:
        raise RecordError(problems)


def scan_files(
    files: Sequence[Path], register: Sequence[ProtectedEntry], allowed: Allowed
) -> list[Finding]:
    """Every identifier in the written files (their text, metadata and names)."""
    parts = [part for file in files for part in extract_parts(file)]
    return find_identifiers(parts, register, allowed)


def advice_without_record(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` from a file checked without ``--record``: advice that speaks of the
    record is replaced by the detector's ``suggestion_without_record`` (``identity.yaml``)."""
    instead = {
        detector.check: (detector.suggestion, detector.suggestion_without_record)
        for detector in identity_rules().detectors()
        if detector.suggestion_without_record
    }
    changed = []
    for finding in findings:
        said, other = instead.get(finding.check, ("", ""))
        if other and finding.suggestion == said:
            finding = replace(finding, suggestion=other)
        changed.append(finding)
    return changed


def masked_quotes(
    check: DocumentCheck, register: Sequence[ProtectedEntry], allowed: Allowed
) -> DocumentCheck:
    """The check with every identifier in its findings' quotes masked: reports and the
    terminal quote sentences, and must never repeat a name the identity check found."""

    def masked(finding: Finding) -> Finding:
        return replace(
            finding,
            text=mask_identifiers(finding.text, register, allowed),
            message=mask_identifiers(finding.message, register, allowed),
            suggestion=mask_identifiers(finding.suggestion, register, allowed),
        )

    return replace(check, findings=tuple(masked(f) for f in check.findings))
