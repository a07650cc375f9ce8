"""What a written file still carries besides what shows (issue 10, section 3).

A DOCX keeps deleted text in its tracked changes, comments and their authors, the authors of
every revision, parts pasted in whole (``w:altChunk``: a .docx, .html, .rtf or .txt), custom
XML and embedded documents; a PDF keeps alt text, actual text and marked content however its
strings are written. Each row plants a fictional name there in a real file (python-docx and
lxml for Word XML, pikepdf or raw PDF bytes for PDFs, LibreOffice for a PDF made by another
tool), and the identity scan must find it, or, for should-pass rows, must not.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from summarygen.checks.finding import Finding
from summarygen.identity.detect import Allowed
from summarygen.identity.extract import extract_parts
from summarygen.identity.gate import scan_files
from summarygen.identity.register import ProtectedEntry

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NS = f'xmlns:w="{W}"'
NAME = "Zebulon Quartermaine"
SURNAME = "Quartermaine"
REGISTER = [ProtectedEntry("name", NAME, 1, ("surname",))]
DELETION_NOTE = "in a tracked deletion: accept or reject all changes before publishing"


def docx_with(tmp_path: Path, *paragraphs: str, name: str = "statement.docx") -> Path:
    """A real DOCX (python-docx's default template) whose body holds ``paragraphs`` (Word
    XML of ``w:p`` elements, the ``w`` prefix declared here)."""
    word = docx.Document()
    body = word.element.body
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(xml.replace("<w:p>", f"<w:p {W_NS}>", 1)))
    buffer = io.BytesIO()
    word.save(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def deleted(text: str, author: str = "Reviewer") -> str:
    return (
        f"<w:del w:id='91' w:author='{author}' w:date='2025-01-01T00:00:00Z'>"
        f"<w:r><w:delText xml:space='preserve'>{text}</w:delText></w:r></w:del>"
    )


def inserted(text: str, author: str = "Reviewer") -> str:
    return (
        f"<w:ins w:id='92' w:author='{author}' w:date='2025-01-01T00:00:00Z'>"
        f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:ins>"
    )


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def moved_from(text: str) -> str:
    return (
        "<w:moveFrom w:id='93' w:author='Reviewer' w:date='2025-01-01T00:00:00Z'>"
        f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:moveFrom>"
    )


def register_findings(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.check == "identity.register"]


# ------------------------------------------------------------------ DOCX: tracked changes


def paragraph(*pieces: str) -> str:
    return f"<w:p>{''.join(pieces)}</w:p>"


# (id, paragraph, how many register findings, how many of them say "tracked deletion")
TRACKED = [
    # the field case: a name replaced by a role; joined, "QuartermaineFather" passed
    ("replaced-by-role", paragraph(run("Read by "), deleted(NAME), inserted("Father")), 1, 1),
    ("insert-then-delete", paragraph(run("By "), inserted("Father"), deleted(NAME)), 1, 1),
    ("surname-deleted", paragraph(run("Zebulon "), deleted(SURNAME), inserted("Q")), 1, 1),
    ("paragraph-deleted", paragraph(deleted(f"{NAME} came to the meeting.")), 1, 1),
    ("between-words", paragraph(run("Met"), deleted(f" {NAME} "), run("today.")), 1, 1),
    ("moved-away", paragraph(run("We met "), moved_from(NAME), run(" there.")), 1, 1),
    # should-pass rows, and rows where the deletion is not to blame
    ("role-for-role", paragraph(run("By "), deleted("Father"), inserted("Mother")), 0, 0),
    ("name-unchanged", paragraph(run(f"{NAME} and "), deleted("Father"), inserted("Mum")), 1, 0),
    # today read "Zebulon Quartermaynemaine": a name that shows was missed
    ("fixed-in-word", paragraph(run("Zebulon Quarter"), deleted("mayne"), inserted("maine")), 1, 0),
    ("name-inserted", paragraph(run("By "), deleted("the father"), inserted(NAME)), 1, 0),
]


@pytest.mark.parametrize(
    ("xml", "found", "in_deletion"),
    [row[1:] for row in TRACKED],
    ids=[row[0] for row in TRACKED],
)
def test_docx_tracked_changes_are_read_as_shown_and_as_they_were(
    tmp_path: Path, xml: str, found: int, in_deletion: int
) -> None:
    findings = register_findings(scan_files([docx_with(tmp_path, xml)], REGISTER, Allowed()))
    assert len(findings) == found, [(f.location, f.text) for f in findings]
    assert sum(DELETION_NOTE in finding.location for finding in findings) == in_deletion
    for finding in findings:
        assert NAME not in finding.text and SURNAME not in finding.text  # masked


def test_docx_a_postcode_in_a_tracked_deletion_is_found_and_said_so(tmp_path: Path) -> None:
    xml = paragraph(run("He lived at "), deleted("SW1A 1AA"), inserted("the area"))
    findings = scan_files([docx_with(tmp_path, xml)], [], Allowed())
    postcodes = [finding for finding in findings if finding.check == "identity.postcode"]
    assert [finding.location for finding in postcodes] == [f"word/document.xml: {DELETION_NOTE}"]


def test_docx_the_shown_text_has_no_deleted_words_glued_into_it(tmp_path: Path) -> None:
    xml = paragraph(run("Read by "), deleted(NAME), inserted("Father"), run(" today."))
    parts = extract_parts(docx_with(tmp_path, xml))
    texts = {part.location: part.text for part in parts}
    assert texts["word/document.xml"] == "Read by Father today."
    assert texts[f"word/document.xml: {DELETION_NOTE}"] == f"Read by {NAME} today."
