"""Accessibility rules for PDF files (not written yet)."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding


def findings(path: Path) -> list[Finding]:
    """Accessibility findings for the PDF file at ``path``."""
    return []
