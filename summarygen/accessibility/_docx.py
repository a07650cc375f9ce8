"""Accessibility rules for DOCX files (not written yet)."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding


def findings(path: Path) -> list[Finding]:
    """Accessibility findings for the DOCX file at ``path``."""
    return []
