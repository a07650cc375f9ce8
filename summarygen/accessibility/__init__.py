"""Accessibility checks of a written file (DOCX, PDF, HTML), by the rules publishers are held
to: the Public Sector Bodies Accessibility Regulations 2018 (WCAG 2.1 AA), Word's
Accessibility Checker for DOCX, PDF/UA-1 for PDF.

One entry point, :func:`accessibility_findings`; one module per format behind it. Every
finding's ``check`` starts ``accessibility.``, its ``document`` is the file's name, ``where``
says where for a person (page, section and paragraph, element) and ``location`` where for a
tool (the part or element path)."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding

SUFFIXES = (".docx", ".pdf", ".html", ".htm")
"""The files these checks read; other files get no accessibility findings."""


def accessibility_findings(path: Path, *, axe: bool = False) -> list[Finding]:
    """What keeps some readers out of the file at ``path``, by its format.

    ``axe``: for HTML, also run axe-core in Chromium where both are installed.
    Returns [] for a format these checks do not read (``.md``, ``.txt``). Raises
    :class:`summarygen.errors.SummarygenError` for a file that cannot be opened."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from . import _docx

        return _docx.findings(path)
    if suffix == ".pdf":
        from . import _pdf

        return _pdf.findings(path)
    if suffix in (".html", ".htm"):
        from . import _html

        return _html.findings(path, axe=axe)
    return []
