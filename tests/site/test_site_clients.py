"""The site's pages and the digest in the programs people use: Chromium with axe-core (WCAG 2.1
A and AA, at 1280 and 320 px wide), LibreOffice (the digest's DOCX converts to a tagged PDF)
and pdfua (the digest's PDF). The packs' own documents are tested in tests/clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from summarygen.digest import Digest
from summarygen.site import Site

from ..clients.browser import axe_violations, chromium, format_violations, heading_levels_skip
from ..clients.libreoffice import convert_to_tagged_pdf, structure_elements, structure_headings
from ..pdf_tools import run

pytestmark = pytest.mark.client

WIDTHS = (1280, 320)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def axe_problems(browser: Browser, path: Path) -> list[str]:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        found = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if violations := axe_violations(page):
                found.append(f"at {width} px wide:\n{format_violations(violations)}")
        if heading_levels_skip(page):
            found.append("heading levels skip")
        return found
    finally:
        context.close()


def test_every_page_of_the_site_meets_wcag_2_1_a_and_aa(
    samples_site: Site, browser: Browser
) -> None:
    pages = sorted(samples_site.folder.rglob("index.html"))
    assert len(pages) == 1 + len(samples_site.reviews)
    problems = {str(p.relative_to(samples_site.folder)): axe_problems(browser, p) for p in pages}
    assert not any(problems.values()), problems


def test_the_digest_page_meets_wcag_2_1_a_and_aa(samples_digest: Digest, browser: Browser) -> None:
    assert axe_problems(browser, samples_digest.folder / "case-reviews-digest.html") == []


def test_the_digest_pdf_passes_pdfua(samples_digest: Digest) -> None:
    checked = run(
        "pdfua",
        "check",
        str(samples_digest.folder / "case-reviews-digest.pdf"),
        "--certain-only",
        "--min-severity",
        "error",
    )
    assert checked.returncode == 0, checked.stdout
    qpdf = run("qpdf", "--check", str(samples_digest.folder / "case-reviews-digest.pdf"))
    assert qpdf.returncode == 0, qpdf.stdout


def test_libreoffice_opens_the_digest_docx_with_its_headings(
    samples_digest: Digest, tmp_path: Path
) -> None:
    source = samples_digest.folder / "case-reviews-digest.docx"
    pdf = convert_to_tagged_pdf([source], tmp_path)[source]
    headings = [text for _, text in structure_headings(structure_elements(pdf))]
    assert "About this summary" in headings
    assert "Themes across the reviews" in headings
