"""The DOCX writer, re-opened as a word processor would: python-docx, and lxml on the raw parts."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from summarygen._templates import TemplateFolder
from summarygen.document import (
    Callout,
    Document,
    EasyReadRow,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
)
from summarygen.errors import RenderError
from summarygen.writers.docx import FICTION_NOTICE, STATUS_SHADING, write

from ..documents import every_block, meta, runs

ROOT = Path(__file__).resolve().parents[2]
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
W = f"{{{NS['w']}}}"
R = f"{{{NS['r']}}}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class Package:
    """A written .docx, opened as a zip of XML parts."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    @property
    def body(self) -> etree._Element:
        return self.xml("word/document.xml").find("w:body", NS)

    def style_names(self) -> dict[str, str]:
        """Style id -> style name, from styles.xml."""
        styles = self.xml("word/styles.xml")
        return {
            style.get(W + "styleId"): style.find("w:name", NS).get(W + "val")
            for style in styles.findall("w:style", NS)
        }

    def paragraphs(self) -> list[tuple[str, str]]:
        """(style name, text) of every body paragraph outside tables, in order."""
        names = self.style_names()
        found = []
        for paragraph in self.body.findall("w:p", NS):
            style = paragraph.find("w:pPr/w:pStyle", NS)
            style_name = names[style.get(W + "val")] if style is not None else "Normal"
            found.append((style_name.lower(), text_of(paragraph)))
        return found

    def rels(self, part: str = "word/_rels/document.xml.rels") -> list[etree._Element]:
        return list(self.xml(part).iterfind("rel:Relationship", NS))


def text_of(element: etree._Element) -> str:
    """The text Word shows: w:t text, with w:tab as a tab."""
    return "".join(
        "\t" if node.tag == W + "tab" else node.text or ""
        for node in element.iter(W + "t", W + "tab")
    )


def written(document: Document) -> Package:
    return Package(write(document, TemplateFolder()))


@pytest.fixture(scope="module")
def package() -> Package:
    return written(every_block())


def test_python_docx_opens_it_and_reads_the_cover(package: Package) -> None:
    opened = docx.Document(io.BytesIO(package.data))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in opened.paragraphs]
    assert paragraphs[:6] == [
        ("Cover Label", "Overview report"),
        ("Cover Title", "Local Child Safeguarding Practice Review: Child T"),
        ("Cover Subjects", "Child T"),
        ("Cover Meta", "Testshire Safeguarding Children Partnership"),
        ("Cover Meta", "May 2025"),
        ("Fiction Notice", FICTION_NOTICE),
    ]


def test_language_is_en_gb_in_the_style_defaults(package: Package) -> None:
    language = package.xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert language is not None
    assert language.get(W + "val") == "en-GB"


def test_core_properties_describe_the_document(package: Package) -> None:
    properties = docx.Document(io.BytesIO(package.data)).core_properties
    assert properties.title == (
        "Local Child Safeguarding Practice Review: Child T – Overview report"
    )
    assert properties.subject == "Overview report"
    assert properties.author == "Testshire Safeguarding Children Partnership"
    assert properties.language == "en-GB"
    assert properties.keywords == "neglect, information sharing"
    assert properties.last_modified_by == ""
    assert properties.comments == ""
    assert properties.created is not None
    assert properties.created.date().isoformat() == "2025-05-01"


def test_no_date_means_no_made_up_dates() -> None:
    core = written(Document(meta(date=""), ())).xml("docProps/core.xml")
    assert core.find("dcterms:created", NS) is None
    assert core.find("dcterms:modified", NS) is None


def test_no_part_mentions_python_docx(package: Package) -> None:
    for name, data in package.parts.items():
        assert b"python-docx" not in data.lower(), name
    assert "docProps/app.xml" in package.parts
    assert "docProps/thumbnail.jpeg" not in package.parts


def heading_levels(package: Package) -> list[tuple[int, str]]:
    return [
        (int(style.removeprefix("heading ")), text)
        for style, text in package.paragraphs()
        if style.startswith("heading ")
    ]


def test_headings_use_heading_styles_in_order_without_skipped_levels(package: Package) -> None:
    assert heading_levels(package) == [
        (1, "Introduction"),
        (2, "Terms of reference"),
        (2, "Action plan"),
        (2, "Easy read"),
        (3, "A third-level heading"),
    ]
    # The cover title is in Cover Title (based on Title), not a heading, so Heading 1 stays
    # the top level.
    title = "Local Child Safeguarding Practice Review: Child T"
    assert ("cover title", title) in package.paragraphs()


def test_skipped_heading_levels_are_clamped() -> None:
    document = Document(
        meta(),
        (
            Heading(2, runs("Starts at two")),
            Heading(4, runs("Jumps to four")),
            Heading(6, runs("Jumps to six")),
            Heading(1, runs("Back to one")),
            Heading(3, runs("Jumps to three")),
        ),
    )
    levels = [level for level, _ in heading_levels(written(document))]
    assert levels == [1, 2, 3, 1, 2]


def test_every_picture_has_its_alt_text(package: Package) -> None:
    pictures = package.body.findall(".//wp:docPr", NS)
    assert [picture.get("descr") for picture in pictures] == [
        "A magnifying glass",
        "A raised hand",
        "A house",
    ]
    # A title as well would make LibreOffice's PDF read the alt text twice.
    assert all(picture.get("title") is None for picture in pictures)
    assert len({picture.get("id") for picture in pictures}) == len(pictures)


def test_picture_alt_text_falls_back_to_the_picture_set() -> None:
    templates = TemplateFolder()
    document = Document(meta(), (EasyReadRow("home", "", runs("A home.")),))
    pictures = Package(write(document, templates)).body.findall(".//wp:docPr", NS)
    assert [picture.get("descr") for picture in pictures] == [templates.picture("home").alt]


def tables_in_style(package: Package, style_id: str) -> list[etree._Element]:
    return [
        table
        for table in package.body.findall("w:tbl", NS)
        if table.find("w:tblPr/w:tblStyle", NS).get(W + "val") == style_id
    ]


def test_data_table_has_a_repeating_header_row_and_a_caption(package: Package) -> None:
    (table,) = tables_in_style(package, "DataTable")
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    assert [text_of(cell) for cell in rows[0].findall("w:tc", NS)] == [
        "Recommendation",
        "Agency",
        "Status",
    ]
    assert table.find("w:tblPr/w:tblCaption", NS).get(W + "val") == "Actions by agency"
    assert table.find("w:tblPr/w:tblLook", NS).get(W + "firstRow") == "1"
    caption = table.getprevious()
    assert caption.find("w:pPr/w:pStyle", NS).get(W + "val") == "Caption"
    assert text_of(caption) == "Actions by agency"


def test_status_is_in_words_and_its_cell_is_shaded(package: Package) -> None:
    (table,) = tables_in_style(package, "DataTable")
    status_cells = [row.findall("w:tc", NS)[2] for row in table.findall("w:tr", NS)[1:]]
    assert [text_of(cell) for cell in status_cells] == [
        "Green: on track",
        "Red: overdue",
        "Complete",
    ]
    fills = [cell.find("w:tcPr/w:shd", NS).get(W + "fill") for cell in status_cells]
    assert fills == [STATUS_SHADING["green"], STATUS_SHADING["red"], STATUS_SHADING["complete"]]
    assert len(set(fills)) == 3


def test_status_outside_a_table_shades_its_words() -> None:
    document = Document(meta(), (Paragraph((Run("Amber", status="amber"),)),))
    shading = written(document).body.find(".//w:r/w:rPr/w:shd", NS)
    assert shading is not None and shading.get(W + "fill") == STATUS_SHADING["amber"]


def test_link_is_a_real_hyperlink_to_its_address(package: Package) -> None:
    (link,) = package.body.findall(".//w:hyperlink", NS)
    assert text_of(link) == "link"
    assert link.find("w:r/w:rPr/w:rStyle", NS).get(W + "val") == "Hyperlink"
    targets = {
        rel.get("Id"): (rel.get("Target"), rel.get("TargetMode"))
        for rel in package.rels()
        if rel.get("Type") == HYPERLINK
    }
    assert targets[link.get(R + "id")] == ("https://www.childline.org.uk", "External")


def test_mail_and_phone_links_are_hyperlinks_too() -> None:
    document = Document(
        meta(),
        (
            Paragraph(
                (
                    Run("press@example.org", link="mailto:press@example.org"),
                    Run(" or "),
                    Run("0800 1111", link="tel:08001111", strong=True),
                )
            ),
        ),
    )
    package = written(document)
    targets = {rel.get("Target") for rel in package.rels() if rel.get("Type") == HYPERLINK}
    assert targets == {"mailto:press@example.org", "tel:08001111"}
    links = package.body.findall(".//w:hyperlink", NS)
    assert [text_of(link) for link in links] == ["press@example.org", "0800 1111"]
    assert links[1].find("w:r/w:rPr/w:b", NS) is not None


def test_markup_in_text_stays_literal_text(package: Package) -> None:
    text = text_of(package.body)
    assert "# * $ [x] <script>alert(1)</script> &amp;" in text
    raw = package.parts["word/document.xml"]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert b"<script>" not in raw


def test_bold_and_italic_runs(package: Package) -> None:
    runs_ = package.body.findall(".//w:r", NS)
    by_text = {text_of(run): run for run in runs_ if text_of(run)}
    assert by_text["strong"].find("w:rPr/w:b", NS) is not None
    assert by_text["emphasis"].find("w:rPr/w:i", NS) is not None
    assert by_text["Plain text, "].find("w:rPr", NS) is None


def test_header_and_footer_on_every_page_with_page_numbers(package: Package) -> None:
    section = package.body.find("w:sectPr", NS)
    references = {
        element.tag.split("}")[1]: element.get(R + "id")
        for element in section
        if element.get(W + "type") == "default"
    }
    assert set(references) == {"headerReference", "footerReference"}
    targets = {rel.get("Id"): rel.get("Target") for rel in package.rels()}
    header = package.xml("word/" + targets[references["headerReference"]])
    footer = package.xml("word/" + targets[references["footerReference"]])
    assert text_of(header) == "Testshire Safeguarding Children Partnership\tOverview report"
    instructions = [code.text.strip() for code in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in text_of(footer).replace("\t", " ")


def test_lists_use_list_styles_and_numbered_lists_restart() -> None:
    document = Document(
        meta(credits=()),
        (
            ListBlock((runs("a"), runs("b"))),
            ListBlock((runs("one"), runs("two")), ordered=True),
            Paragraph(runs("Between.")),
            ListBlock((runs("three"), runs("four")), ordered=True, start=3),
        ),
    )
    package = written(document)
    styles = [style for style, _ in package.paragraphs()]
    assert (
        styles[-7:] == ["list bullet"] * 2 + ["list number"] * 2 + ["normal"] + ["list number"] * 2
    )
    numbered = [
        paragraph.find("w:pPr/w:numPr/w:numId", NS).get(W + "val")
        for paragraph in package.body.findall("w:p", NS)
        if text_of(paragraph) in {"one", "two", "three", "four"}
    ]
    assert numbered[0] == numbered[1] != numbered[2] == numbered[3]
    numbering = package.xml("word/numbering.xml")
    starts = [
        numbering.find(f"w:num[@w:numId='{num_id}']//w:startOverride", NS).get(W + "val")
        for num_id in (numbered[0], numbered[2])
    ]
    assert starts == ["1", "3"]


def test_callouts_are_styled_panels_with_a_numbered_box_title(package: Package) -> None:
    paragraphs = package.paragraphs()
    assert ("box title", "1. Background") in paragraphs
    assert ("box text", "Box text.") in paragraphs
    quote = paragraphs.index(("quote", "We are sorry."))
    assert paragraphs[quote + 1] == ("quote", "— Independent chair")  # who said it, after
    assert ("note title", "Embargo") in paragraphs
    assert ("note text", "Not for publication before 10:00.") in paragraphs


def test_list_inside_a_box_uses_the_box_list_style() -> None:
    box = Callout("box", runs("Questions"), (ListBlock((runs("Why?"),)),), number=2)
    assert written(Document(meta(credits=()), (box,))).paragraphs()[-2:] == [
        ("box title", "2. Questions"),
        ("box list bullet", "Why?"),
    ]


def test_easy_read_rows_are_paragraphs_with_the_picture_then_a_tab(package: Package) -> None:
    assert tables_in_style(package, "LayoutTable") == []
    names = package.style_names()
    points = [
        p
        for p in package.body.findall("w:p", NS)
        if p.find(".//wp:inline", NS) is not None
        and names[p.find("w:pPr/w:pStyle", NS).get(W + "val")] == "Easy Read"
    ]
    assert ["".join(text_of(run) for run in p.findall("w:r", NS)) for p in points] == [
        "\tWe looked at what happened.",
        "\tYou can ask for help.",
    ]
    for point in points:
        picture, tab = point.findall("w:r", NS)[:2]
        assert picture.find(".//wp:inline/wp:docPr", NS).get("descr", "").strip()
        extent = picture.find(".//wp:inline/wp:extent", NS)
        assert abs(int(extent.get("cx")) - 792000) < 1000  # 2.2 cm in EMU
        assert tab.find("w:tab", NS) is not None
        # a hanging indent as wide as the picture column, with a tab stop at its edge, so
        # wrapped lines start where the first line's text starts
        indent = point.find("w:pPr/w:ind", NS)
        left, hanging = int(indent.get(W + "left")), int(indent.get(W + "hanging"))
        assert left == hanging == 1701  # 3 cm in twips
        stops = [int(t.get(W + "pos")) for t in point.findall("w:pPr/w:tabs/w:tab", NS)]
        assert stops == [left]


def test_easy_read_document_writes_its_text_in_the_easy_read_styles() -> None:
    document = Document(
        meta("easy-read", audience="easy-read", credits=()),
        (Paragraph(runs("One idea.")), ListBlock((runs("A point."),))),
    )
    assert written(document).paragraphs()[-2:] == [
        ("easy read", "One idea."),
        ("easy read list bullet", "A point."),
    ]


def test_easy_read_style_is_at_least_16_point() -> None:
    reference = docx.Document(str(TemplateFolder().path("reference.docx")))
    size = reference.styles["Easy Read"].font.size
    assert size is not None and size.pt >= 16


def test_figure_has_a_caption(package: Package) -> None:
    paragraphs = package.paragraphs()
    figure = paragraphs.index(("figure", ""))
    assert paragraphs[figure + 1] == ("caption", "Home")


def test_fiction_notice_only_for_fiction() -> None:
    assert ("fiction notice", FICTION_NOTICE) in written(every_block()).paragraphs()
    real = dataclasses.replace(every_block(), meta=meta(fiction=False))
    assert all(style != "fiction notice" for style, _ in written(real).paragraphs())


def test_credits_come_last_in_small_print(package: Package) -> None:
    assert package.paragraphs()[-1] == ("credits", "Pictures: OpenMoji, CC BY-SA 4.0.")


def test_same_document_gives_the_same_bytes() -> None:
    assert write(every_block(), TemplateFolder()) == write(every_block(), TemplateFolder())


def test_a_reference_without_the_styles_is_refused(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "reference.docx"))
    with pytest.raises(RenderError, match="Box Title"):
        write(every_block(), TemplateFolder(override=tmp_path))


def test_a_reference_without_the_cover_title_styles_gets_them(tmp_path: Path) -> None:
    """An organisation's reference.docx made before Cover Title and Cover Subjects existed
    still works: the writer adds them, based on its Title and Subtitle."""
    reference = docx.Document(str(TemplateFolder().path("reference.docx")))
    for name in ("Cover Title", "Cover Subjects"):
        element = reference.styles[name].element
        element.getparent().remove(element)
    reference.save(str(tmp_path / "reference.docx"))
    opened = docx.Document(io.BytesIO(write(every_block(), TemplateFolder(override=tmp_path))))
    title = next(p for p in opened.paragraphs if p.text.startswith("Local Child"))
    assert title.style is not None and title.style.name == "Cover Title"
    assert title.style.base_style is not None and title.style.base_style.name == "Title"


def test_shipped_reference_is_what_the_script_makes() -> None:
    """templates/reference.docx is generated: change tools/make_reference_docx.py, not the file."""
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "tools" / "make_reference_docx.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # dataclasses look their module up there
    try:
        spec.loader.exec_module(script)
    finally:
        del sys.modules[spec.name]
    made = Package(script.build_reference())
    shipped = Package((ROOT / "templates" / "reference.docx").read_bytes())
    assert made.parts == shipped.parts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_with_page_numbers(tmp_path: Path, package: Package) -> None:
    source = tmp_path / "every.docx"
    source.write_bytes(package.data)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(
        [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "every.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    total = len(pages)
    assert total >= 2
    assert pages == [(str(page), str(total)) for page in range(1, total + 1)]
    assert "1. Background" in text
    assert "<script>alert(1)</script>" in text
    assert "Red: overdue" in text


def test_a_six_column_table_makes_the_page_landscape_with_words_kept_whole() -> None:
    header = tuple(runs(name) for name in ("Action", "Agency", "Lead", "Due", "Status", "Impact"))
    row = tuple(
        runs(text)
        for text in (
            "Agree a protocol",
            "Police",
            "Head",
            "December 2024",
            "Complete",
            "Signed by all 14 head teachers",
        )
    )
    document = Document(meta("action-plan"), (Table(header, (row,) * 3),))
    word = docx.Document(io.BytesIO(write(document, TemplateFolder())))
    section = word.sections[0]
    assert section.page_width > section.page_height
    widths = [cell.width for cell in word.tables[0].rows[0].cells]
    # "December" (8 letters) must fit in its column: wider than the 4-letter column "Head".
    assert widths[3] > widths[2]
    body_rows = word.tables[0].rows[1:]
    assert all(row._tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is None for row in body_rows)
