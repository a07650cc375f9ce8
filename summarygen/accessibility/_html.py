"""Accessibility rules for HTML files (not written yet)."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding


def findings(path: Path, *, axe: bool = False) -> list[Finding]:
    """Accessibility findings for the HTML file at ``path``; ``axe`` also runs axe-core."""
    return []
