"""The DOCX reader: text as it reads with tracked changes accepted. The Word XML is built
with python-docx and lxml, as Word writes it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph as WordParagraph

from summarygen.checks.engine import check_document
from summarygen.checks.finding import Severity
from summarygen.checks.profiles import load_profiles
from summarygen.document import Document, Heading, ListBlock, Paragraph, Table
from summarygen.readers.docx import read_docx
from summarygen.readers.files import read_file

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CHANGE = 'w:author="Comms Officer" w:date="2025-05-01T09:00:00Z"'

FIRST_HALF = (
    "The partnership has published its review. The review looked at how agencies helped a "
    "boy. He was hurt in 2024. He is getting better now."
)
INSERTED = [
    "Many people tried to help him.",
    "Some of them did not talk to each other.",
    "The school knew he was missing lessons.",
    "The police knew he had been found far from home.",
    "His doctor knew he could not sleep.",
    "Nobody put these things together.",
    "The review asks agencies to share what they know.",
    "It asks them to listen to children.",
    "It asks them to see harm, not trouble.",
    "The partnership has agreed to all of this.",
    "We will check that it happens.",
]


def run(text: str, *, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r {W}><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def append_xml(paragraph: WordParagraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def inserted(text: str, change_id: int = 1) -> str:
    return f'<w:ins {W} w:id="{change_id}" {CHANGE}>{run(text)}</w:ins>'


def deleted(text: str, change_id: int = 2) -> str:
    return f'<w:del {W} w:id="{change_id}" {CHANGE}>{run(text, deleted=True)}</w:del>'


def read(word: docx.document.Document) -> list[tuple[str, str]]:
    buffer = io.BytesIO()
    word.save(buffer)
    found: list[tuple[str, str]] = []
    for block in read_docx(buffer.getvalue()):
        if isinstance(block, Heading | Paragraph):
            found.append((block.kind, block.text))
        elif isinstance(block, ListBlock):
            found.extend(("item", "".join(r.text for r in item)) for item in block.items)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                found.extend(("cell", "".join(r.text for r in cell)) for cell in row)
    return found


def test_a_tracked_insertion_is_read_as_if_accepted() -> None:
    tracked, untracked = docx.Document(), docx.Document()
    append_xml(tracked.add_paragraph(FIRST_HALF + " "), inserted(" ".join(INSERTED)))
    untracked.add_paragraph(FIRST_HALF + " " + " ".join(INSERTED))
    assert read(tracked) == read(untracked)
    assert len(read(tracked)[0][1].split()) == len((FIRST_HALF + " " + " ".join(INSERTED)).split())


def test_a_tracked_deletion_and_a_move_away_are_not_read() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("The boy ")
    append_xml(paragraph, deleted("chose to go "))
    append_xml(paragraph, inserted("was taken "))
    append_xml(paragraph, run("to the city. "))
    append_xml(
        paragraph,
        f'<w:moveFrom {W} w:id="5" {CHANGE}>{run("This sentence moved. ")}</w:moveFrom>',
    )
    append_xml(paragraph, f'<w:moveTo {W} w:id="6" {CHANGE}>{run("It arrived.")}</w:moveTo>')
    assert read(word) == [("paragraph", "The boy was taken to the city. It arrived.")]


def test_a_field_reads_as_its_result_not_its_code() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("See page ")
    for xml in (
        f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
        run("4"),
        f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
        run(" for the "),
        f'<w:fldSimple {W} w:instr=" DOCPROPERTY Title ">{run("full report")}</w:fldSimple>',
        run("."),
    ):
        append_xml(paragraph, xml)
    assert read(word) == [("paragraph", "See page 4 for the full report.")]


def test_text_boxes_are_their_own_units_and_read_once() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("The review made six recommendations.")
    box = (
        f'<w:txbxContent {W}><w:p>{run("Call Childline on 0800 1111")}</w:p></w:txbxContent>'
    )
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    append_xml(
        paragraph,
        f'<w:r {W} {mc}><mc:AlternateContent><mc:Choice Requires="wps">{box}</mc:Choice>'
        f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>",
    )
    assert read(word) == [
        ("paragraph", "The review made six recommendations."),
        ("paragraph", "Call Childline on 0800 1111"),
    ]


def test_hidden_text_tabs_and_breaks() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("Health")
    append_xml(paragraph, f'<w:r {W}><w:tab/><w:t>visitors</w:t><w:br/><w:t>called.</w:t></w:r>')
    append_xml(paragraph, f'<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t> Draft note.</w:t></w:r>')
    assert read(word) == [("paragraph", "Health visitors called.")]


def test_headings_lists_tables_and_our_boilerplate_styles() -> None:
    word = docx.Document()
    word.add_heading("What happened", level=2)
    word.add_paragraph("Agencies did not share what they knew", style="List Bullet")
    table = word.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("Agency", "Action", "Police", "Share"), strict=True):
        cell.text = text
    word.styles.add_style("Credits", 1)
    word.add_paragraph("Pictures: OpenMoji, licensed CC BY-SA 4.0.", style="Credits")
    assert read(word) == [
        ("heading", "What happened"),
        ("item", "Agencies did not share what they knew"),
        ("cell", "Agency"),
        ("cell", "Action"),
        ("cell", "Police"),
        ("cell", "Share"),
    ]


@pytest.mark.parametrize(
    ("sentence", "tracked"),
    [
        ("Staff thought she was putting herself at risk.", True),
        ("Staff thought she was putting herself at risk.", False),
    ],
)
def test_a_tracked_victim_blaming_sentence_is_the_same_error(
    tmp_path: Path, sentence: str, tracked: bool
) -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("The girl was 14. She went missing twice. ")
    if tracked:
        append_xml(paragraph, inserted(sentence))
    else:
        paragraph.add_run(sentence)
    path = tmp_path / "statement.docx"
    word.save(str(path))
    document: Document = read_file(path, "general")
    result = check_document(document, load_profiles()["general"])
    errors = [f.check for f in result.findings if f.severity is Severity.ERROR]
    assert "language.victim-blaming" in errors


def test_footnotes_and_endnotes_are_units_of_their_own() -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    word = docx.Document()
    paragraph = word.add_paragraph("The review was published in May")
    append_xml(paragraph, f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>')
    append_xml(paragraph, run("."))
    notes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p>{run("---")}</w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p>{run("After the trial ended")}</w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes.encode(),
        word.part.package,
    )
    word.part.relate_to(part, RT.FOOTNOTES)
    assert read(word) == [
        ("paragraph", "The review was published in May."),
        ("paragraph", "After the trial ended"),
    ]


def test_a_deleted_paragraph_mark_joins_the_two_paragraphs() -> None:
    word = docx.Document()
    first = word.add_paragraph("The boy was known to the police ")
    first._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {W}><w:del w:id="9" {CHANGE}/></w:rPr>')
    )
    word.add_paragraph("and to the school.")
    assert read(word) == [("paragraph", "The boy was known to the police and to the school.")]
