"""The identity scan on a Document's text, unit by unit, with where each identifier stands.

A build scans the written files (:func:`..identity.gate.scan_files`); the preview writes
none, so it runs the same detectors (register, allowances, rules) on each text unit of the
Document and keeps the spans, to highlight an identifier where it stands and to mask it there.
The detectors' scan is private to :mod:`..identity`: this module is its one other reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..checks.units import units
from ..document import Document
from ..findings import Finding
from ..identity.detect import Allowed, _context
from ..identity.detectors import _scan
from ..identity.fold import Span
from ..identity.matching import _compile_allowed, _compile_register
from ..identity.register import ProtectedEntry

SCANNED_TEXT_NOTE = (
    "Identity: the preview scans the documents' text. A build also scans the written files' "
    "metadata and file names."
)


@dataclass(frozen=True)
class Identifier:
    span: Span
    """Where in the unit's text."""
    finding: Finding


@dataclass(frozen=True)
class UnitIdentity:
    """What the identity scan found in one text unit."""

    identifiers: tuple[Identifier, ...]
    masked: tuple[Span, ...]
    """Every identifier found, reported or not: none may be shown."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(identifier.finding for identifier in self.identifiers)


NOTHING = UnitIdentity((), ())


def scan_units(
    document: Document, register: Sequence[ProtectedEntry], allowed: Allowed
) -> tuple[UnitIdentity, ...]:
    """Per text unit of ``document`` (in :func:`..checks.units.units` order), the
    identifiers in it as Findings (quotes masked, as a build reports them) with their spans."""
    protected = _compile_register(tuple(register))
    permitted = _compile_allowed(allowed)
    name = document.meta.document
    found: list[UnitIdentity] = []
    for unit in units(document):
        scan = _scan(unit.text, protected, permitted)
        if not scan.reported and not scan.masked:
            found.append(NOTHING)
            continue
        identifiers = tuple(
            Identifier(
                hit.span,
                Finding(
                    check=hit.check,
                    severity=hit.severity,
                    document=name,
                    section=unit.section,
                    text=_context(unit.text, hit.span, scan.masked, hit.shown),
                    message=hit.message,
                    suggestion=hit.suggestion,
                ),
            )
            for hit in scan.reported
        )
        masked = [*scan.masked, *(hit.span for hit in scan.reported if not hit.shown)]
        found.append(UnitIdentity(identifiers, tuple(masked)))
    return tuple(found)
