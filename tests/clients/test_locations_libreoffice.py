"""A finding in a PDF that LibreOffice made from a Word file names its page, section and
paragraph: tagged (read by its structure tree) and untagged (read by its layout)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from summarygen.document import Paragraph
from summarygen.readers.files import read_file

from ..checks.test_locations import LONG, SHORT, findings_about
from ..pdf_tools import run
from .libreoffice import convert_to_tagged_pdf, soffice

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def statement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lo-locations")
    word = docx.Document()
    word.add_heading("Background", level=1)
    for number in range(1, 36):
        word.add_paragraph(f"{SHORT} This is paragraph {number}.")
    word.add_heading("Findings", level=1)
    word.add_paragraph(SHORT)
    word.add_paragraph(LONG)
    path = folder / "statement.docx"
    word.save(str(path))
    return path


def untagged_pdf(docx_file: Path, out: Path) -> Path:
    subprocess.run(
        [soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_file)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return out / f"{docx_file.stem}.pdf"


@pytest.mark.parametrize("tagged", [True, False], ids=["tagged", "untagged"])
def test_a_libreoffice_pdf_finding_names_page_section_and_paragraph(
    statement: Path, tmp_path: Path, tagged: bool
) -> None:
    if tagged:
        pdf = convert_to_tagged_pdf([statement], tmp_path)[statement]
    else:
        pdf = untagged_pdf(statement, tmp_path)
    document = read_file(pdf, "public")
    page = next(b.page for b in document.blocks if isinstance(b, Paragraph) and b.text == LONG)
    assert page is not None and page >= 2
    shown = run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-").stdout
    assert LONG[:40] in " ".join(shown.split())
    for finding in findings_about(document, LONG):
        assert finding.where == f"page {page}, section 'Findings', paragraph 2"
