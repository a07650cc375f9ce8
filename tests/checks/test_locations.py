"""Where a finding is, for a person: the section heading and paragraph (and page, for a PDF)
in any document; in a built document, the record file, line and field to change as well.

Files are made with the tools people use (python-docx, our own writers, hand-written HTML)
and read back by summarygen's readers; never ``word/document.xml`` or ``<p>`` in ``where``."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from summarygen._templates import TemplateFolder
from summarygen.checks.engine import check_document
from summarygen.checks.finding import Finding
from summarygen.checks.profiles import load_profiles
from summarygen.checks.units import located_in_text
from summarygen.composer import compose
from summarygen.document import Document, Heading, Paragraph
from summarygen.identity.detect import Allowed
from summarygen.identity.gate import advice_without_record, scan_files
from summarygen.readers.files import read_file
from summarygen.record import load_record
from summarygen.writers.pdf import write as write_pdf

from ..conftest import MINIMAL
from ..documents import meta, runs

LONG = (
    "The school, the health visitor and the police each held a part of what was known about "
    "the family, but because nobody brought those parts together in one place at one time, "
    "no single professional could see how much danger the children were in that winter."
)
"""A sentence over every audience's longest-sentence target (49 words)."""
SHORT = "The review met the family twice."
PARTS = ("word/document.xml", "docProps", "<p>", ".xml")


def findings_about(document: Document, sentence: str, audience: str = "public") -> list[Finding]:
    result = check_document(document, load_profiles()[audience])
    found = [f for f in result.findings if f.text == sentence]
    assert found, [f.text for f in result.findings]
    for finding in result.findings:
        assert not any(part in finding.where for part in PARTS), finding.where
    return found


def test_a_docx_finding_names_its_section_and_paragraph(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Background", level=1)
    word.add_paragraph(SHORT)
    word.add_heading("Findings", level=1)
    word.add_paragraph(SHORT)
    word.add_paragraph("Another short one.")
    word.add_paragraph(LONG)
    path = tmp_path / "statement.docx"
    word.save(str(path))
    for finding in findings_about(read_file(path, "public"), LONG):
        assert finding.where == "section 'Findings', paragraph 3"
        assert finding.source == ""


def test_an_html_finding_names_its_section_and_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "statement.html"
    path.write_text(
        "<!doctype html><html lang='en'><head><title>Statement</title></head><body>"
        f"<h1>Statement</h1><p>{SHORT}</p><h2>What happened</h2><p>{SHORT}</p>"
        f"<ul><li>One.</li><li>{LONG}</li></ul></body></html>",
        encoding="utf-8",
    )
    for finding in findings_about(read_file(path, "public"), LONG):
        assert finding.where == "section 'What happened', list item 2"


def test_a_finding_before_any_heading_names_the_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"{SHORT}\n\n{LONG}\n", encoding="utf-8")
    for finding in findings_about(read_file(path, "public"), LONG):
        assert finding.where == "paragraph 2"


def test_our_pdf_finding_names_its_page_section_and_paragraph(tmp_path: Path) -> None:
    """Enough paragraphs to fill the first page: the long sentence stands on page 2 or 3."""
    filler = tuple(Paragraph(runs(f"{SHORT} This is paragraph {n}.")) for n in range(1, 31))
    blocks = (Heading(1, runs("Background")), *filler, Heading(1, runs("Findings")))
    blocks += (Paragraph(runs(SHORT)), Paragraph(runs(LONG)))
    path = tmp_path / "overview.pdf"
    path.write_bytes(write_pdf(Document(meta(), blocks), TemplateFolder()))
    document = read_file(path, "public")
    page = next(b.page for b in document.blocks if isinstance(b, Paragraph) and b.text == LONG)
    assert page is not None and page >= 2
    for finding in findings_about(document, LONG):
        assert finding.where == f"page {page}, section 'Findings', paragraph 2"
    from ..pdf_tools import run

    shown = run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-").stdout
    assert "no single professional" in " ".join(shown.split())


RECORD_LINE = 52
"""The line where the long sentence starts: inside its paragraph, which starts a line above."""


def built_record(tmp_path: Path) -> Path:
    path = tmp_path / "child-t.yaml"
    background = (
        "background:\n"
        "  professional: |\n"
        f"    {SHORT}\n"
        "\n"
        "    Child T lived with his mother.\n"
        f"    {LONG}\n"
        "  plain: Child T lived with his mother.\n"
    )
    path.write_text(MINIMAL + background, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[RECORD_LINE - 1].strip().startswith(LONG[:20])
    return path


def test_a_built_documents_finding_names_the_record_line_field_and_register(
    tmp_path: Path,
) -> None:
    path = built_record(tmp_path)
    overview = compose(load_record(path), "overview")
    for finding in findings_about(overview, LONG, "professional"):
        assert finding.source == f"{path}:{RECORD_LINE} background (professional)"
        assert finding.where == "section 'Background', paragraph 2"


def test_a_sentence_of_template_words_has_no_source(tmp_path: Path) -> None:
    """'This review concerns Child T. It was carried out by ...' mixes template words and
    fields: it has no single place in the record, so no source is guessed."""
    overview = compose(load_record(built_record(tmp_path)), "overview")
    result = check_document(overview, load_profiles()["professional"])
    mixed = [f for f in result.findings if f.text.startswith("It was carried out by")]
    assert mixed, "the template's passive sentence is flagged"
    assert all(finding.source == "" for finding in mixed)
    assert all(finding.where == "section 'Introduction', paragraph 1" for finding in mixed)


def test_a_record_made_in_code_gives_no_source() -> None:
    from summarygen.record.loading import validate_source
    from summarygen.record.yaml_source import parse

    record = validate_source(parse(MINIMAL + f"background: {LONG}\n"), "x.yaml")
    overview = compose(record, "overview")
    assert overview.sources == ()
    assert all(not f.source for f in findings_about(overview, LONG, "professional"))


# --- identity findings: where, in the terms of Word ----------------------------------------


@pytest.fixture()
def statement(tmp_path: Path) -> Path:
    word = docx.Document()
    word.add_heading("Background", level=1)
    word.add_paragraph("The family moved to the area in 2019.")
    word.add_paragraph("Her mobile was 07700 900123 and she rang the school often about it.")
    word.add_heading("Contact", level=1)
    word.add_paragraph("Journalists can email press@example.org for comment on this.")
    word.sections[0].footer.paragraphs[0].text = "Call 07700 900456 for copies."
    path = tmp_path / "statement.docx"
    word.save(str(path))
    return path


def test_identity_findings_say_where_in_words_not_part_names(statement: Path) -> None:
    document = read_file(statement, "public")
    found = located_in_text(scan_files([statement], [], Allowed()), document)
    where = {f.text.split(" ")[0]: f for f in found}
    assert where["Her"].where == "section 'Background', paragraph 2"
    assert where["Her"].location == "word/document.xml"  # kept for tools
    assert where["Journalists"].where == "section 'Contact', paragraph 1"
    assert where["Call"].where == "a page footer"
    for finding in found:
        assert not any(part in finding.where for part in PARTS), finding.where


def test_advice_for_a_file_without_a_record_does_not_send_the_author_to_one(
    statement: Path,
) -> None:
    found = scan_files([statement], [], Allowed())
    assert any("in the record" in f.suggestion for f in found)
    for finding in advice_without_record(found):
        assert "in the record" not in finding.suggestion
        if finding.check in ("identity.phone", "identity.email"):
            assert "--record RECORD" in finding.suggestion


def test_an_identifier_in_a_built_file_names_its_paragraph_and_record_line(
    tmp_path: Path,
) -> None:
    from summarygen.pack import render_and_check

    path = tmp_path / "child-t.yaml"
    path.write_text(
        MINIMAL + "background: >\n  The family moved here in 2019.\n"
        "  Her mobile was 07700 900123 and she rang the school often.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    _, checks = render_and_check(
        load_record(path), out, documents=["overview"], formats=["docx", "html"]
    )
    found = [f for c in checks for f in c.findings if f.check == "identity.phone"]
    assert {f.location for f in found} == {"word/document.xml", "<p>"}
    for finding in found:
        assert finding.where == "section 'Background', paragraph 1"
        assert finding.source == f"{path}:49 background"
