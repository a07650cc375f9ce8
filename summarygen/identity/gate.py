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
from ..record import Record
from .detect import Allowed, find_identifiers, mask_identifiers
from .extract import extract_parts
from .register import ProtectedEntry


def allowed_by(record: Record) -> Allowed:
    """What this record says may be published although it looks like an identifier."""
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
        organisations=tuple(
            [agency.name for agency in record.agencies]
            + [review.partnership]
            + ([review.area] if review.area else [])
        ),
    )


def scan_files(
    files: Sequence[Path], register: Sequence[ProtectedEntry], allowed: Allowed
) -> list[Finding]:
    """Every identifier in the written files (their text, metadata and names)."""
    parts = [part for file in files for part in extract_parts(file)]
    return find_identifiers(parts, register, allowed)


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
