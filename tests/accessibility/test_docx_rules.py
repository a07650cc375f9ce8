"""The DOCX accessibility rules, each with files that should flag and files that should pass.

Each file is built here as Word writes it: python-docx for the document, lxml for the XML
python-docx has no API for (alt text, decorative marks, floating objects, tracked changes,
merged cells). A few more are written by LibreOffice from an OpenDocument file, so that the
input is not of our own making; and both sample packs' DOCX files must have no accessibility
errors.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from lxml import etree

from summarygen import build_pack, load_record
from summarygen.accessibility import accessibility_findings
from summarygen.accessibility._docx import contrast_ratio
from summarygen.findings import Finding, Severity

from ..conftest import ROOT, SAMPLE_DOCUMENTS, SAMPLES

PICTURE = ROOT / "templates" / "pictures" / "boy.png"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHANGE = 'w:author="Zebulon Quartermaine" w:date="2026-01-05T10:00:00Z"'
SENTENCE = "The partnership looked at how the agencies worked together for Child Q. "

Build = Callable[[WordDocument], None]


def document() -> WordDocument:
    """python-docx's own template (it sets a language) with a title, and nothing else."""
    word = docx.Document()
    word.core_properties.title = "Review concerning Child Q"
    return word


def findings_of(build: Build, tmp_path: Path, name: str = "made.docx") -> list[Finding]:
    word = document()
    build(word)
    path = tmp_path / name
    word.save(str(path))
    return accessibility_findings(path)


# --- builders: pictures and shapes --------------------------------------------------------------


def picture(word: WordDocument, alt: str | None = "A boy smiling") -> etree._Element:
    """A paragraph with an inline picture; returns its ``wp:docPr``."""
    word.add_heading("Background", 1)
    shape = word.add_picture(str(PICTURE))
    doc_pr = shape._inline.docPr
    doc_pr.attrib.pop("descr", None)
    if alt is not None:
        doc_pr.set("descr", alt)
    return doc_pr


def no_alt(word: WordDocument) -> None:
    picture(word, None)


def alt_only_in_title(word: WordDocument) -> None:
    picture(word, None).set("title", "A boy smiling")


def decorative(word: WordDocument) -> None:
    doc_pr = picture(word, None)
    doc_pr.append(
        parse_xml(
            f'<a:extLst {nsdecls("a")}><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">'
            '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/'
            'decorative" val="1"/></a:ext></a:extLst>'
        )
    )


def as_kind(uri: str) -> Build:
    """A drawing whose graphic is a chart, SmartArt... (its data part is not needed here)."""

    def build(word: WordDocument) -> None:
        doc_pr = picture(word, None)
        data = doc_pr.getparent().find(f"{{{A}}}graphic/{{{A}}}graphicData")
        data.set("uri", uri)

    return build


CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
SMARTART = "http://schemas.openxmlformats.org/drawingml/2006/diagram"


def deleted_picture(word: WordDocument) -> None:
    """A picture without alt text, deleted with Track Changes on: not in the document."""
    doc_pr = picture(word, None)
    run = next(doc_pr.iterancestors(qn("w:r")))
    deletion = parse_xml(f'<w:del {nsdecls("w")} w:id="7" {CHANGE}/>')
    run.addprevious(deletion)
    deletion.append(run)


def inserted_picture(word: WordDocument) -> None:
    """A picture without alt text, inserted with Track Changes on: in the document."""
    doc_pr = picture(word, None)
    run = next(doc_pr.iterancestors(qn("w:r")))
    insertion = parse_xml(f'<w:ins {nsdecls("w")} w:id="8" {CHANGE}/>')
    run.addprevious(insertion)
    insertion.append(run)


def file_name_alt(word: WordDocument) -> None:
    picture(word, "IMG_0042.JPG")


def floating(word: WordDocument) -> None:
    """The picture made to float (Layout Options > Square), as Word writes ``wp:anchor``."""
    doc_pr = picture(word)
    inline = doc_pr.getparent()
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="114300" distR="114300" '
        'simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        "</wp:anchor>"
    )
    extent = inline.find(f"{{{WP}}}extent")
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:wrapSquare {nsdecls("wp")} wrapText="bothSides"/>'))
    for child in list(inline):
        anchor.append(child)
    inline.addprevious(anchor)
    inline.getparent().remove(inline)


# --- builders: tables ---------------------------------------------------------------------------


def table(word: WordDocument, rows: list[list[str]], *, header: bool = True) -> docx.table.Table:
    word.add_heading("Actions", 1)
    made = word.add_table(rows=len(rows), cols=len(rows[0]))
    made.style = word.styles["Table Grid"]
    for row, texts in zip(made.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    look = made._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        made._tbl.tblPr.remove(look)
    if header:
        made.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return made


ROWS = [["Action", "Lead"], ["Agree a protocol", "Head of Service"], ["Train staff", "Named nurse"]]


def table_without_header(word: WordDocument) -> None:
    table(word, ROWS, header=False)


def table_with_header(word: WordDocument) -> None:
    table(word, ROWS)


def table_with_header_row_ticked(word: WordDocument) -> None:
    """Table Design > Header Row ticked: ``w:tblLook`` firstRow, as Word writes it."""
    made = table(word, ROWS, header=False)
    look = parse_xml(
        f'<w:tblLook {nsdecls("w")} w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    )
    made._tbl.tblPr.append(look)


def table_header_row_deleted(word: WordDocument) -> None:
    """The header row was deleted with Track Changes on: the table as it reads has none."""
    made = table(word, [["", ""], *ROWS], header=False)
    first = made.rows[0]._tr
    first.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    first.get_or_add_trPr().append(parse_xml(f'<w:del {nsdecls("w")} w:id="9" {CHANGE}/>'))


def merged_cells(word: WordDocument) -> None:
    made = table(word, ROWS)
    made.cell(1, 0).merge(made.cell(2, 0))


def blank_row(word: WordDocument) -> None:
    table(word, [ROWS[0], ["", ""], *ROWS[1:]])


def one_blank_cell(word: WordDocument) -> None:
    table(word, [ROWS[0], ["Agree a protocol", ""], ROWS[2]])


def blank_column(word: WordDocument) -> None:
    table(word, [[*row, ""] for row in ROWS])


# --- builders: headings and text ----------------------------------------------------------------


def long_without_headings(word: WordDocument) -> None:
    for _ in range(6):
        word.add_paragraph(SENTENCE * 10)


def long_with_headings(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    long_without_headings(word)


def short_without_headings(word: WordDocument) -> None:
    word.add_paragraph(SENTENCE * 3)


def skipped_level(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_paragraph(SENTENCE)
    word.add_heading("What the school knew", 3)


def levels_in_order(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_heading("The family", 2)
    word.add_heading("What the school knew", 3)
    word.add_heading("Findings", 1)


def looks_like_heading(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_paragraph(SENTENCE)
    run = word.add_paragraph().add_run("What the school knew")
    run.bold = True
    run.font.size = Pt(16)
    word.add_paragraph(SENTENCE)


def bold_sentence(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_paragraph().add_run("Child Q was safe at school").bold = True


def title_style(word: WordDocument) -> None:
    """The Title style is bold and large by its style, not made so by hand."""
    word.add_paragraph("Review concerning Child Q", style="Title")
    word.add_heading("Background", 1)


def blank_paragraphs(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_paragraph(SENTENCE)
    word.add_paragraph()
    word.add_paragraph()
    word.add_paragraph()
    word.add_paragraph(SENTENCE)


def one_blank_paragraph_and_a_page_break(word: WordDocument) -> None:
    word.add_heading("Background", 1)
    word.add_paragraph(SENTENCE)
    word.add_paragraph()
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.add_paragraph(SENTENCE)


def spaces_to_line_up(word: WordDocument) -> None:
    word.add_heading("Contacts", 1)
    word.add_paragraph("Chair:        Zebulon Quartermaine")


def tabs_to_line_up(word: WordDocument) -> None:
    word.add_heading("Contacts", 1)
    word.add_paragraph("Chair:\t\t\tZebulon Quartermaine")


def tabs_to_indent(word: WordDocument) -> None:
    word.add_heading("Contacts", 1)
    word.add_paragraph("\t\tZebulon Quartermaine, independent chair")


def one_tab(word: WordDocument) -> None:
    word.add_heading("Contacts", 1)
    word.add_paragraph("Chair:\tZebulon Quartermaine. It was  a typo-sized double space.")


def link(text: str) -> Build:
    def build(word: WordDocument) -> None:
        word.add_heading("Further reading", 1)
        paragraph = word.add_paragraph("For the full report, see ")
        rel_id = paragraph.part.relate_to(
            "https://fennimore-scp.example.org/reports/child-q.pdf", RT.HYPERLINK, True
        )
        hyperlink = OxmlElement("w:hyperlink", attrs={qn("r:id"): rel_id})
        run = OxmlElement("w:r")
        text_element = OxmlElement("w:t")
        text_element.text = text
        run.append(text_element)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    return build


def no_title(word: WordDocument) -> None:
    word.core_properties.title = ""
    word.add_heading("Background", 1)


def no_language(word: WordDocument) -> None:
    for lang in list(word.styles.element.iter(qn("w:lang"))):
        lang.getparent().remove(lang)
    word.add_heading("Background", 1)


def run_language_only(word: WordDocument) -> None:
    no_language(word)
    run = word.add_paragraph().add_run("Child Q")
    run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB"/>'))


def coloured(colour: str, *, size: float = 11, bold: bool = False, fill: str = "") -> Build:
    def build(word: WordDocument) -> None:
        word.add_heading("Background", 1)
        run = word.add_paragraph().add_run("Child Q moved school in 2023.")
        run.font.color.rgb = RGBColor.from_string(colour)
        run.font.size = Pt(size)
        run.bold = bold
        if fill:
            run._r.get_or_add_rPr().append(
                parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
            )

    return build


def header_text(text: str) -> Build:
    def build(word: WordDocument) -> None:
        word.add_heading("Review concerning Child Q", 1)
        word.add_paragraph(SENTENCE)
        word.sections[0].header.paragraphs[0].text = text
        footer = word.sections[0].footer.paragraphs[0]
        footer.add_run("Page ")
        for kind, code in (("begin", None), (None, " PAGE "), ("separate", None)):
            run = footer.add_run()
            if kind:
                run._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))
            else:
                instruction = OxmlElement("w:instrText")
                instruction.text = code
                run._r.append(instruction)
        footer.add_run("1")
        footer.add_run()._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))

    return build


# --- the table of rows --------------------------------------------------------------------------

ROWS_OF_RULES: list[tuple[str, str, Build, bool]] = [
    # (row id, rule, how the file is made, should it flag)
    ("picture-without-alt", "alt-text", no_alt, True),
    ("picture-with-alt", "alt-text", lambda w: picture(w), False),
    ("alt-in-title-only", "alt-text", alt_only_in_title, False),
    ("decorative-picture", "alt-text", decorative, False),
    ("chart-without-alt", "alt-text", as_kind(CHART), True),
    ("smartart-without-alt", "alt-text", as_kind(SMARTART), True),
    ("deleted-picture-without-alt", "alt-text", deleted_picture, False),
    ("inserted-picture-without-alt", "alt-text", inserted_picture, True),
    ("alt-is-a-file-name", "alt-text-file-name", file_name_alt, True),
    ("alt-is-a-sentence", "alt-text-file-name", lambda w: picture(w), False),
    ("table-without-header", "table-header", table_without_header, True),
    ("table-repeats-header-row", "table-header", table_with_header, False),
    ("table-header-row-ticked", "table-header", table_with_header_row_ticked, False),
    ("table-header-row-deleted", "table-header", table_header_row_deleted, True),
    ("table-merged-cells", "table-merged-cells", merged_cells, True),
    ("table-simple", "table-merged-cells", table_with_header, False),
    ("table-blank-row", "table-blank-cells", blank_row, True),
    ("table-blank-column", "table-blank-cells", blank_column, True),
    ("table-one-blank-cell", "table-blank-cells", one_blank_cell, False),
    ("long-without-headings", "no-headings", long_without_headings, True),
    ("long-with-headings", "no-headings", long_with_headings, False),
    ("short-without-headings", "no-headings", short_without_headings, False),
    ("heading-1-then-3", "heading-order", skipped_level, True),
    ("headings-in-order", "heading-order", levels_in_order, False),
    ("bold-16pt-line", "fake-heading", looks_like_heading, True),
    ("bold-body-sentence", "fake-heading", bold_sentence, False),
    ("title-style", "fake-heading", title_style, False),
    ("three-blank-paragraphs", "blank-paragraphs", blank_paragraphs, True),
    ("one-blank-and-page-break", "blank-paragraphs", one_blank_paragraph_and_a_page_break, False),
    ("spaces-line-up", "spaces-for-layout", spaces_to_line_up, True),
    ("tabs-line-up", "spaces-for-layout", tabs_to_line_up, True),
    ("tabs-indent", "spaces-for-layout", tabs_to_indent, True),
    ("one-tab-and-a-double-space", "spaces-for-layout", one_tab, False),
    ("link-click-here", "link-text", link("click here"), True),
    ("link-bare-url", "link-text", link("https://fennimore-scp.example.org/reports"), True),
    ("link-meaningful", "link-text", link("the full report on Child Q"), False),
    ("link-email-address", "link-text", link("press@fennimore-scp.example.org"), False),
    ("no-title", "title", no_title, True),
    ("title", "title", lambda w: w.add_heading("Background", 1), False),
    ("no-language", "language", no_language, True),
    ("language-on-a-run", "language", run_language_only, False),
    ("language-in-defaults", "language", lambda w: w.add_heading("Background", 1), False),
    ("grey-on-white-2.3", "contrast", coloured("AAAAAA"), True),
    ("grey-on-white-4.5", "contrast", coloured("767676"), False),
    ("grey-3.0-small", "contrast", coloured("949494"), True),
    ("grey-3.0-14pt-bold", "contrast", coloured("949494", size=14, bold=True), False),
    ("grey-3.0-18pt", "contrast", coloured("949494", size=18), False),
    ("white-on-yellow", "contrast", coloured("FFFFFF", fill="FFFF00"), True),
    ("white-on-navy", "contrast", coloured("FFFFFF", fill="1F3864"), False),
    ("floating-picture", "floating-object", floating, True),
    ("inline-picture", "floating-object", lambda w: picture(w), False),
    ("marking-only-in-header", "header-footer-only", header_text("OFFICIAL-SENSITIVE"), True),
    ("draft-mark", "header-footer-only", header_text("DRAFT: not for publication"), False),
    ("header-repeats-body", "header-footer-only", header_text("Review concerning Child Q"), False),
]


@pytest.mark.parametrize(
    ("rule", "build", "flags"),
    [(rule, build, flags) for _, rule, build, flags in ROWS_OF_RULES],
    ids=[row_id for row_id, *_ in ROWS_OF_RULES],
)
def test_rule(rule: str, build: Build, flags: bool, tmp_path: Path) -> None:
    found = [f for f in findings_of(build, tmp_path) if f.check == f"accessibility.{rule}"]
    assert bool(found) is flags, found
    for finding in found:
        assert finding.document == "made.docx"
        assert finding.where and finding.message and finding.suggestion.startswith("In Word")
        assert finding.location.startswith(("word/", "docProps/"))


def test_every_rule_has_a_row_that_flags_and_one_that_passes() -> None:
    from summarygen.accessibility._docx import rules

    flagging = {rule for _, rule, _, flags in ROWS_OF_RULES if flags}
    passing = {rule for _, rule, _, flags in ROWS_OF_RULES if not flags}
    assert flagging == passing == set(rules().rules)


def test_where_says_section_and_paragraph_in_words_word_uses(tmp_path: Path) -> None:
    def build(word: WordDocument) -> None:
        word.add_heading("Background", 1)
        word.add_paragraph(SENTENCE)
        word.add_paragraph()  # empty paragraphs are not counted
        no_alt_picture = word.add_picture(str(PICTURE))
        no_alt_picture._inline.docPr.attrib.pop("descr", None)
        table(word, ROWS, header=False)

    found = {f.check: f for f in findings_of(build, tmp_path)}
    picture_where = found["accessibility.alt-text"].where
    # numbered as the readability checks number paragraphs: a picture alone is not one
    assert picture_where == "the picture in section 'Background', after paragraph 1"
    assert found["accessibility.alt-text"].severity is Severity.ERROR
    assert found["accessibility.table-header"].where == "table 1 (under 'Actions')"
    assert found["accessibility.table-header"].text == "Action | Lead"
    assert found["accessibility.table-header"].suggestion.startswith("In Word: click in the table")


def test_blank_paragraphs_are_placed_after_what_comes_before_them(tmp_path: Path) -> None:
    def build(word: WordDocument) -> None:
        word.add_heading("Background", 1)
        word.add_paragraph()
        word.add_paragraph()
        word.add_paragraph(SENTENCE)

    (found,) = [f for f in findings_of(build, tmp_path) if f.check.endswith("blank-paragraphs")]
    assert found.where == "after the heading 'Background'"
    assert found.message.startswith("2 empty paragraphs in a row")


def test_contrast_ratio_is_wcag_s() -> None:
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1.0)


def test_a_file_that_is_not_a_word_document_is_bad_input(tmp_path: Path) -> None:
    from summarygen.errors import SummarygenError

    path = tmp_path / "statement.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(SummarygenError, match=r"statement\.docx"):
        accessibility_findings(path)


# --- our own packs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_docx_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("packs")
    files: list[Path] = []
    for sample in SAMPLES:
        pack = build_pack(load_record(sample), out, formats=("docx",))
        files += sorted(pack.folder.glob("*.docx"))
    return files


def test_every_sample_pack_has_no_accessibility_errors_in_its_docx(
    sample_docx_files: list[Path],
) -> None:
    assert len(sample_docx_files) == len(SAMPLE_DOCUMENTS)
    errors = [
        f"{f.document}: {f.check} at {f.where}: {f.message}"
        for path in sample_docx_files
        for f in accessibility_findings(path)
        if f.severity is Severity.ERROR
    ]
    assert errors == []


def test_easy_read_docx_has_no_table_without_a_header_row(sample_docx_files: list[Path]) -> None:
    """The six layout tables of child-m's easy read DOCX are now paragraphs."""
    easy_read = [path for path in sample_docx_files if path.name.endswith("easy-read.docx")]
    assert easy_read
    for path in easy_read:
        found = accessibility_findings(path)
        assert [f for f in found if f.check.startswith("accessibility.table")] == []
        body = docx.Document(str(path)).element.body
        assert body.find(f".//{qn('wp:inline')}") is not None  # the pictures are still there


# --- files LibreOffice wrote ----------------------------------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>{meta}</office:meta>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties fo:language="en" fo:country="GB"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Big" style:family="text">
   <style:text-properties fo:font-weight="bold" fo:font-size="18pt"/>
  </style:style>
  <style:style style:name="Pale" style:family="text">
   <style:text-properties fo:color="#b0b0b0"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:text>
  {body}
 </office:text></office:body>
</office:document>
"""

FODT_FAULTS = """
  <text:p><text:span text:style-name="Big">Background</text:span></text:p>
  <text:p>Child Q lived with his mother. <text:span text:style-name="Pale">Pale words.</text:span>
  For more, <text:a xlink:type="simple" xlink:href="https://fennimore-scp.example.org/">click
  here</text:a>.</text:p>
  <text:p>A note beside the text.<draw:frame draw:name="Note" text:anchor-type="paragraph"
   svg:width="6cm" svg:height="2cm"><draw:text-box><text:p>Details:
   <text:a xlink:type="simple" xlink:href="https://fennimore-scp.example.org/">here</text:a>
   </text:p></draw:text-box></draw:frame></text:p>
  <table:table table:name="Actions">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>Action</text:p></table:table-cell>
    <table:table-cell><text:p>Lead</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>Train staff</text:p></table:table-cell>
    <table:table-cell><text:p>Named nurse</text:p></table:table-cell></table:table-row>
  </table:table>
"""

FODT_GOOD = """
  <text:h text:outline-level="1">Background</text:h>
  <text:p>Child Q lived with his mother. For more, read
  <text:a xlink:type="simple" xlink:href="https://fennimore-scp.example.org/">the partnership's
  annual report</text:a>.</text:p>
  <text:h text:outline-level="2">Actions</text:h>
  <table:table table:name="Actions">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-header-rows>
    <table:table-row><table:table-cell><text:p>Action</text:p></table:table-cell>
     <table:table-cell><text:p>Lead</text:p></table:table-cell></table:table-row>
   </table:table-header-rows>
   <table:table-row><table:table-cell><text:p>Train staff</text:p></table:table-cell>
    <table:table-cell><text:p>Named nurse</text:p></table:table-cell></table:table-row>
  </table:table>
"""


def libreoffice_docx(tmp_path: Path, name: str, meta: str, body: str) -> Path:
    """``name``.docx as LibreOffice writes it from a flat OpenDocument file."""
    source = tmp_path / f"{name}.fodt"
    source.write_text(FODT.format(meta=meta, body=body), encoding="utf-8")
    return resaved_by_libreoffice(source, tmp_path)


def resaved_by_libreoffice(source: Path, out: Path) -> Path:
    """``source`` (.fodt or .docx) opened in LibreOffice and saved as ``out/<stem>.docx``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="summarygen-soffice-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env=dict(os.environ),
        )
    return out / f"{source.stem}.docx"


@pytest.mark.client
def test_libreoffice_resaved_docx_keeps_its_faults(tmp_path: Path) -> None:
    """Our should-flag files, opened and saved again by LibreOffice: the faults survive its
    way of writing them (its own docPr names, tblLook, anchors), and are still found."""
    faults: list[Build] = [no_alt, floating, merged_cells, link("click here"), no_title]

    def build(word: WordDocument) -> None:
        for fault in faults:
            fault(word)

    word = document()
    build(word)
    source = tmp_path / "ours.docx"
    word.save(str(source))
    (tmp_path / "resaved").mkdir()
    resaved = resaved_by_libreoffice(source, tmp_path / "resaved")
    checks = {f.check for f in accessibility_findings(resaved)}
    assert {
        "accessibility.alt-text",
        "accessibility.floating-object",
        "accessibility.table-merged-cells",
        "accessibility.link-text",
        "accessibility.title",
    } <= checks


@pytest.mark.client
def test_libreoffice_docx_with_faults_flags_them(tmp_path: Path) -> None:
    path = libreoffice_docx(tmp_path, "faults", "", FODT_FAULTS)
    found = accessibility_findings(path)
    checks = {f.check for f in found}
    links = [f for f in found if f.check == "accessibility.link-text"]
    # one in the text, one in the text box (read once, not again from Word's fallback copy)
    assert [(f.text, f.where) for f in links] == [
        ("click here", "paragraph 2"),
        ("here", "a text box in paragraph 3"),
    ]
    assert "accessibility.floating-object" in checks  # the text box floats
    assert {
        "accessibility.table-header",
        "accessibility.fake-heading",
        "accessibility.link-text",
        "accessibility.contrast",
        "accessibility.title",
    } <= checks
    assert "accessibility.language" not in checks


@pytest.mark.client
def test_libreoffice_docx_made_well_passes(tmp_path: Path) -> None:
    meta = "<dc:title>Review concerning Child Q</dc:title>"
    path = libreoffice_docx(tmp_path, "good", meta, FODT_GOOD)
    assert [f"{f.check}: {f.where}" for f in accessibility_findings(path)] == []


def test_a_draft_mark_in_the_header_is_page_furniture(tmp_path: Path) -> None:
    """`build --draft` marks every header "DRAFT: not for publication" and the title "DRAFT":
    the mark repeats the title, so it is not text only a header holds."""
    from dataclasses import replace

    from summarygen._templates import TemplateFolder
    from summarygen.composer import compose
    from summarygen.record import load_record
    from summarygen.writers import writer_for

    document = compose(load_record(ROOT / "samples" / "child-m.yaml"), "children")
    draft = replace(document, meta=replace(document.meta, draft=True))
    path = tmp_path / "draft.docx"
    path.write_bytes(writer_for("docx")(draft, TemplateFolder()))
    assert "DRAFT: not for publication" in "".join(
        p.text for p in docx.Document(str(path)).sections[0].header.paragraphs
    )
    found = [f.check for f in accessibility_findings(path)]
    assert "accessibility.header-footer-only" not in found


def test_paragraphs_are_numbered_as_the_readability_checks_number_them(tmp_path: Path) -> None:
    """One file, one numbering: a picture on its own line and an empty paragraph before the
    text do not shift the numbers the accessibility findings give."""
    from summarygen.checks.units import units
    from summarygen.readers.files import read_file

    def build(word: WordDocument) -> None:
        word.add_heading("Background", 1)
        word.add_picture(str(PICTURE))
        word.add_paragraph()
        word.add_paragraph(SENTENCE)
        looks_like_heading_here = word.add_paragraph().add_run("What the school knew")
        looks_like_heading_here.bold = True
        looks_like_heading_here.font.size = Pt(16)
        word.add_paragraph(SENTENCE)

    (fake,) = [f for f in findings_of(build, tmp_path) if f.check == "accessibility.fake-heading"]
    read = read_file(tmp_path / "made.docx", "professional")
    (unit,) = [u for u in units(read) if u.text == "What the school knew"]
    assert fake.where == unit.where == "section 'Background', paragraph 2"
