"""extract_parts: every place a reader, a search engine or a metadata viewer can see text.

Fictional names are planted in every such place: through the real writers wherever they put
text, and by changing real files (python-docx and zipfile, pikepdf, plain text for HTML) for
the places our writers never fill but another tool could. Each must be found, at the right
location.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pypdf
import pytest
from docx.oxml import parse_xml

from summarygen import build_pack, load_record
from summarygen._templates import TemplateFolder
from summarygen.document import Document, Figure, Heading, ListBlock, Paragraph, Run, Table
from summarygen.errors import RenderError
from summarygen.identity.extract import extract_parts
from summarygen.identity.parts import TextPart
from summarygen.pack import Pack
from summarygen.writers import writer_for
from tests.documents import every_block, meta, runs

ROOT = Path(__file__).resolve().parents[2]

# Fictional names, one for each place the real writers put text.
TITLE = "Review concerning Zebulon Quartermaine"
AUTHOR = "Ottoline Fairweather"
KEYWORD = "Perpetua Blackwood"
PARTNERSHIP = "Barnaby Thistlewood Partnership"
HEADING = "What Rosalind Featherstone told us"
CELL = "Cressida Ravenscroft"
ALT = "A drawing by Ignatius Pemberton"
LINK = "https://example.org/people/lysander-oakes"
CAPTION = "Visits to Mirabel Ashcombe"
LIST_ITEM = "Seraphina Holloway"
SPLIT_NAME = "Thaddeus Wimbledon"

# Fictional names for the places our writers never fill.
COMMENT_TEXT = "Check this with Horatio Penhaligon"
REVIEWER = "Winifred Ashdown"
ALIAS = "Octavia Larkspur"
TAG = "Jasper Wrenfield"
FIELD = "Leopold Marchbanks"
DELETED = "Eustace Pennywhistle"
TEXT_BOX = "Cornelius Fairbanks"
CUSTOM = "Philippa Grantchester"
CUSTOM_XML = "Rupert Ellingham"
FOOTNOTE = "Marguerite Oakhaven"
COMPANY = "Clementine Hartwell"
XML_COMMENT = "Bartholomew Quince"
VARIABLE = "Araminta Goldsworthy"
PICTURE_TITLE = "Photo of Florian Whitcombe"
TEMPLATE_USER = "Zebulon Quartermaine"


def marked_document() -> Document:
    """Every block type, with a fictional name in each place a writer puts text."""
    base = every_block()
    return dataclasses.replace(
        base,
        meta=meta(title=TITLE, author=AUTHOR, keywords=(KEYWORD,), partnership=PARTNERSHIP),
        blocks=(
            *base.blocks,
            Heading(2, runs(HEADING)),
            Paragraph(
                (
                    Run("The visit was made by Thaddeus Wim"),
                    Run("bledon", strong=True),
                    Run(" on a Tuesday."),
                )
            ),
            Paragraph((Run("Read what happened "), Run("here", link=LINK), Run("."))),
            ListBlock((runs(f"We spoke to {LIST_ITEM}."), runs("And to the school."))),
            Table(
                header=(runs("Person"), runs("Role")),
                rows=((runs(CELL), runs("Neighbour")),),
                caption=CAPTION,
            ),
            Figure("home", ALT),
        ),
    )


def write(document: Document, fmt: str, folder: Path, name: str = "child-t-overview") -> Path:
    path = folder / f"{name}.{fmt}"
    path.write_bytes(writer_for(fmt)(document, TemplateFolder()))
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("written")
    return {fmt: write(marked_document(), fmt, folder) for fmt in ("docx", "pdf", "html")}


def locations_of(text: str, parts: list[TextPart]) -> set[str]:
    """Where ``text`` was found, wherever a line broke it; any page is called "page"."""
    return {
        re.sub(r"^page \d+$", "page", part.location)
        for part in parts
        if text in " ".join(part.text.split())
    }


def assert_found(text: str, location: str, parts: list[TextPart]) -> None:
    found = locations_of(text, parts)
    assert location in found, f"{text!r} not found at {location!r}; found at {sorted(found)}"


def rewrite_zip(path: Path, changes: dict[str, bytes]) -> None:
    """Replace or add entries of a zip file."""
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)


# ---------------------------------------------------------------------------------- any file


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_file_name_is_always_the_first_part(written: dict[str, Path], fmt: str) -> None:
    parts = extract_parts(written[fmt])
    name = f"child-t-overview.{fmt}"
    assert parts[0] == TextPart(name, "file name", name)
    assert all(part.file == name for part in parts)


def test_a_file_name_holding_a_name_is_found(tmp_path: Path) -> None:
    path = tmp_path / "zebulon-quartermaine-notes.bin"
    path.write_bytes(b"\x00\x01\x02\xff")
    assert extract_parts(path) == [TextPart(path.name, "file name", path.name)]


def test_text_files_of_other_kinds_are_read_whole(tmp_path: Path) -> None:
    report = tmp_path / "child-t-check-report.json"
    report.write_text('{"finding": "Zebulon Quartermaine", "escaped": "Zeb\\u00fclon"}')
    parts = extract_parts(report)
    assert_found("Zebulon Quartermaine", "text", parts)
    assert_found("Zebülon", "JSON strings", parts)  # a JSON escape hides it from plain text
    notes = tmp_path / "notes.txt"
    notes.write_bytes("\ufeffWinifred Ashdown".encode("utf-16-le"))
    assert_found(REVIEWER, "text", extract_parts(notes))


# -------------------------------------------------------------------------------------- DOCX

DOCX_FROM_WRITER = [
    (TITLE, "docProps/core.xml: title"),
    (AUTHOR, "docProps/core.xml: creator"),
    (KEYWORD, "docProps/core.xml: keywords"),
    (PARTNERSHIP, "word/header1.xml"),
    (TITLE, "word/footer1.xml"),
    (TITLE, "word/document.xml"),
    (HEADING, "word/document.xml"),
    (CELL, "word/document.xml"),
    (LIST_ITEM, "word/document.xml"),
    (SPLIT_NAME, "word/document.xml"),
    (CAPTION, "word/document.xml"),
    (CAPTION, "word/document.xml: tblCaption"),
    (ALT, "word/document.xml: docPr descr"),
    (LINK, "word/_rels/document.xml.rels: link"),
]


@pytest.mark.parametrize(("text", "location"), DOCX_FROM_WRITER)
def test_docx_text_the_writer_puts_is_found(
    written: dict[str, Path], text: str, location: str
) -> None:
    assert_found(text, location, extract_parts(written["docx"]))


def test_docx_a_name_split_across_runs_is_whole_in_its_paragraph(
    written: dict[str, Path],
) -> None:
    with zipfile.ZipFile(written["docx"]) as package:
        xml = package.read("word/document.xml").decode()
    assert "Thaddeus Wim</w:t>" in xml and ">bledon</w:t>" in xml  # two runs, as planned
    paragraphs = [p.text for p in extract_parts(written["docx"]) if SPLIT_NAME in p.text]
    assert paragraphs == ["The visit was made by Thaddeus Wimbledon on a Tuesday."]


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
V_NS = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _body_xml() -> list[str]:
    """Paragraphs holding a content control, a field, tracked changes and a text box."""
    return [
        f"<w:sdt {W_NS}><w:sdtPr><w:alias w:val='{ALIAS}'/><w:tag w:val='{TAG}'/></w:sdtPr>"
        "<w:sdtContent><w:p><w:r><w:t>Name of the child</w:t></w:r></w:p></w:sdtContent>"
        "</w:sdt>",
        f"<w:p {W_NS}><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> AUTHOR \"Leopold </w:instrText></w:r>"
        '<w:r><w:instrText>Marchbanks"</w:instrText></w:r>'
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>L. M.</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>",
        f"<w:p {W_NS}><w:ins w:id='1' w:author='{REVIEWER}' w:date='2025-01-01T00:00:00Z'>"
        "<w:r><w:t>Added by a reviewer.</w:t></w:r></w:ins>"
        f"<w:del w:id='2' w:author='{REVIEWER}' w:date='2025-01-01T00:00:00Z'>"
        f"<w:r><w:delText>{DELETED}</w:delText></w:r></w:del></w:p>",
        f"<w:p {W_NS} {V_NS}><w:r><w:t>Outer text</w:t></w:r><w:r><w:pict><v:shape>"
        f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{TEXT_BOX}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
    ]


CUSTOM_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client">'
    f"<vt:lpwstr>{CUSTOM}</vt:lpwstr></property></Properties>"
)
FOOTNOTES = (
    f"<w:footnotes {W_NS}><w:footnote w:id='1'><w:p><w:r><w:t>Told by </w:t></w:r>"
    f"<w:r><w:t>{FOOTNOTE}</w:t></w:r></w:p></w:footnote></w:footnotes>"
)
SETTINGS_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" TargetMode="External" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/attachedTemplate"'
    ' Target="file:///C:/Users/Zebulon%20Quartermaine/Templates/Review.dotx"/></Relationships>'
)


@pytest.fixture(scope="module")
def tampered_docx(written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The written DOCX, changed as Word or another tool could change it."""
    path = tmp_path_factory.mktemp("tampered") / "child-t-overview.docx"
    word = docx.Document(str(written["docx"]))
    first = next(p for p in word.paragraphs if p.runs)
    word.add_comment(first.runs, text=COMMENT_TEXT, author=REVIEWER, initials="WA")
    body = word.element.body
    for xml in _body_xml():
        body.insert(len(body) - 1, parse_xml(xml))
    picture = body.find(".//{*}docPr")
    picture.set("title", PICTURE_TITLE)
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(buffer.getvalue())
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
        app = package.read("docProps/app.xml").decode()
    document = document.replace("<w:body>", f"<w:body><!-- {XML_COMMENT} -->", 1)
    settings = settings.replace(
        "</w:settings>",
        f'<w:docVars><w:docVar w:name="Reviewer" w:val="{VARIABLE}"/></w:docVars></w:settings>',
    )
    app = app.replace("</Properties>", f"<Company>{COMPANY}</Company></Properties>")
    rewrite_zip(
        path,
        {
            "word/document.xml": document.encode(),
            "word/settings.xml": settings.encode(),
            "docProps/app.xml": app.encode(),
            "docProps/custom.xml": CUSTOM_PROPERTIES.encode(),
            "customXml/item1.xml": f"<data><child>{CUSTOM_XML}</child></data>".encode(),
            "word/footnotes.xml": FOOTNOTES.encode(),
            "word/_rels/settings.xml.rels": SETTINGS_RELS.encode(),
        },
    )
    return path


DOCX_FROM_OTHER_TOOLS = [
    (COMMENT_TEXT, "word/comments.xml"),
    (REVIEWER, "word/comments.xml: comment author"),
    (ALIAS, "word/document.xml: alias"),
    (TAG, "word/document.xml: tag"),
    (FIELD, "word/document.xml: field"),
    (REVIEWER, "word/document.xml: ins author"),
    (
        DELETED,
        "word/document.xml: in a tracked deletion: accept or reject all changes before publishing",
    ),
    (TEXT_BOX, "word/document.xml"),
    (XML_COMMENT, "word/document.xml: comment"),
    (PICTURE_TITLE, "word/document.xml: docPr title"),
    (VARIABLE, "word/settings.xml: docVar"),
    ("Reviewer", "word/settings.xml: docVar name"),
    (COMPANY, "docProps/app.xml: Company"),
    (CUSTOM, "docProps/custom.xml: Client"),
    (CUSTOM_XML, "customXml/item1.xml: child"),
    (FOOTNOTE, "word/footnotes.xml"),
    (TEMPLATE_USER, "word/_rels/settings.xml.rels: link"),  # percent-decoded
]


@pytest.mark.parametrize(("text", "location"), DOCX_FROM_OTHER_TOOLS)
def test_docx_text_other_tools_put_is_found(tampered_docx: Path, text: str, location: str) -> None:
    assert_found(text, location, extract_parts(tampered_docx))


def test_docx_a_text_box_is_its_own_paragraph_not_glued_to_the_one_around_it(
    tampered_docx: Path,
) -> None:
    texts = [part.text for part in extract_parts(tampered_docx)]
    assert TEXT_BOX in texts
    assert "Outer text" in texts


def test_docx_parts_are_not_style_and_theme_names(written: dict[str, Path]) -> None:
    locations = {part.location for part in extract_parts(written["docx"])}
    assert not any("lsdException" in location for location in locations)
    assert "word/styles.xml: name" not in locations


# --------------------------------------------------------------------------------------- PDF

PDF_FROM_WRITER = [
    (TITLE, "metadata: /Title"),
    (AUTHOR, "metadata: /Author"),
    (KEYWORD, "metadata: /Keywords"),
    (TITLE, "XMP metadata"),
    (AUTHOR, "XMP metadata"),
    (KEYWORD, "XMP metadata"),
    (HEADING, "bookmarks"),
    (HEADING, "tag /T"),
    (ALT, "tag /Alt"),
    (LINK, "link"),
    (PARTNERSHIP, "page"),
    (TITLE, "page"),
    (HEADING, "page"),
    (CELL, "page"),
    (LIST_ITEM, "page"),
    (SPLIT_NAME, "page"),
    (CAPTION, "page"),
]


@pytest.mark.parametrize(("text", "location"), PDF_FROM_WRITER)
def test_pdf_text_the_writer_puts_is_found(
    written: dict[str, Path], text: str, location: str
) -> None:
    assert_found(text, location, extract_parts(written["pdf"]))


def flexible(name: str) -> re.Pattern[str]:
    """``name`` wherever a line happened to break it: at its space, or inside a word after
    a hyphen Typst added."""
    letters = [re.escape(character) if character != " " else r"\s+" for character in name]
    return re.compile("(?:-?\n)?".join(letters))


def test_pdf_a_name_broken_across_lines_of_a_narrow_column_is_all_there(tmp_path: Path) -> None:
    name = "Zebulon Quartermaine"
    cell = " ".join(f"Visit {number} was made by {name}." for number in range(6))
    columns = 6
    document = Document(
        meta(),
        (
            Table(
                header=tuple(runs(f"Column {number}") for number in range(columns)),
                rows=(tuple(runs(cell) for _ in range(columns)),),
            ),
        ),
    )
    parts = extract_parts(write(document, "pdf", tmp_path))
    page_text = "\n".join(part.text for part in parts if part.location.startswith("page "))
    found = flexible(name).findall(page_text)
    assert len(found) == 6 * columns
    assert any("\n" in match for match in found), "no line broke the name: test the break"


def test_pdf_page_text_is_what_pypdf_reads_line_for_line(written: dict[str, Path]) -> None:
    parts = {part.location: part.text for part in extract_parts(written["pdf"])}
    reader = pypdf.PdfReader(written["pdf"])
    for number, page in enumerate(reader.pages, start=1):
        assert _lines(parts[f"page {number}"]) == _lines(page.extract_text())


def _lines(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tampered_pdf(written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The written PDF, changed as an editor or another tool could change it."""
    path = tmp_path_factory.mktemp("tampered") / "child-t-overview.pdf"
    with pikepdf.open(written["pdf"]) as pdf:
        page = pdf.pages[0]
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[10, 10, 30, 30],
            Contents=pikepdf.String(COMMENT_TEXT),
            T=pikepdf.String(REVIEWER),
        )
        page.Annots = pdf.make_indirect(pikepdf.Array([*page.get("/Annots", []), note]))
        page.contents_add(
            pikepdf.Stream(pdf, f"/Span <</ActualText ({CUSTOM_XML})>> BDC EMC".encode()),
            prepend=False,
        )
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(f"Chapter on {ALIAS}", 0))
        pdf.attachments["notes-jasper-wrenfield.txt"] = pikepdf.AttachedFileSpec(
            pdf, b"notes", description=f"Notes by {FIELD}", filename="notes-jasper-wrenfield.txt"
        )
        element = next(
            e for e in _struct_elements(pdf.Root.StructTreeRoot) if "/T" in e and "/K" in e
        )
        element.ActualText = pikepdf.String(DELETED)
        element.E = pikepdf.String(TEXT_BOX)
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Tx, T=pikepdf.String(FOOTNOTE), V=pikepdf.String(COMPANY)
            )
        )
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:description"] = f"Prepared by {XML_COMMENT}"
        pdf.docinfo["/Client"] = pikepdf.String(f"About {CUSTOM}")  # after: XMP sets docinfo
        picture = next(
            image
            for each in pdf.pages
            for image in each.Resources.get("/XObject", {}).values()
            if image.get("/Subtype") == pikepdf.Name.Image
        )
        picture.Metadata = pdf.make_indirect(
            pikepdf.Stream(pdf, PICTURE_XMP, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        )
        pdf.save(path)
    return path


PICTURE_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    f' dc:title="{PICTURE_TITLE}"/></rdf:RDF></x:xmpmeta>'
).encode()
"""A picture's own XMP, with its title as an attribute (a shorthand XMP allows)."""


def _struct_elements(node: object) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    if isinstance(node, pikepdf.Array):
        for child in node:
            found.extend(_struct_elements(child))
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        found.extend(_struct_elements(node.get("/K")))
    return found


PDF_FROM_OTHER_TOOLS = [
    (COMMENT_TEXT, "annotation /Contents"),
    (REVIEWER, "annotation /T"),
    (CUSTOM_XML, "page 1: marked content /ActualText"),
    (f"Chapter on {ALIAS}", "bookmarks"),
    ("notes-jasper-wrenfield.txt", "embedded file"),
    (f"Notes by {FIELD}", "embedded file /Desc"),
    (DELETED, "tag /ActualText"),
    (TEXT_BOX, "tag /E"),
    (CUSTOM, "metadata: /Client"),
    (XML_COMMENT, "metadata: /Subject"),  # pikepdf copies dc:description there
    (FOOTNOTE, "form field /T"),
    (COMPANY, "form field /V"),
    (XML_COMMENT, "XMP metadata"),
    (PICTURE_TITLE, "XMP metadata"),  # the picture's own
]


@pytest.mark.parametrize(("text", "location"), PDF_FROM_OTHER_TOOLS)
def test_pdf_text_other_tools_put_is_found(tampered_pdf: Path, text: str, location: str) -> None:
    assert_found(text, location, extract_parts(tampered_pdf))


def _hand_made_pdf(path: Path, content: bytes, font: pikepdf.Dictionary | None = None) -> Path:
    """A one-page PDF whose content stream is ``content``, with the font /F1 (Helvetica with
    a /ToUnicode map and widths, unless another is given) and a form XObject /Fm1."""
    with pikepdf.new() as pdf:
        if font is None:
            to_unicode = pikepdf.Stream(
                pdf,
                b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                b"1 begincodespacerange <00> <FF> endcodespacerange\n"
                b"1 beginbfrange <20> <7E> <0020> endbfrange\n"
                b"1 beginbfchar <80> <00E9> endbfchar\n"
                b"endcmap CMapName currentdict /CMap defineresource pop end end",
            )
            font = pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica,
                FirstChar=32,
                LastChar=128,
                Widths=[500] * 97,
                ToUnicode=pdf.make_indirect(to_unicode),
            )
        fonts = pikepdf.Dictionary(F1=pdf.make_indirect(font))
        form = pikepdf.Stream(pdf, f"BT /F1 10 Tf 0 0 Td ({ALT}) Tj ET".encode())
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 300, 50]
        form.Resources = pikepdf.Dictionary(Font=fonts)
        pdf.add_blank_page(page_size=(612, 792))
        page = pdf.pages[0]
        page.Resources = pikepdf.Dictionary(
            Font=fonts, XObject=pikepdf.Dictionary(Fm1=pdf.make_indirect(form))
        )
        page.Contents = pdf.make_indirect(pikepdf.Stream(pdf, content))
        pdf.save(path)
    return path


HAND_MADE_CONTENT = b"""
% a comment, then text shown in every way a content stream can show it
BT /F1 12 Tf 72 700 Td (Zebulon) Tj 60 0 Td (Quartermaine) Tj ET
BT /F1 12 Tf 72 680 Td [(Cressida) -400 (Ravenscroft)] TJ ET
BT /F1 12 Tf 72 660 Td (Thaddeus Wim) Tj (bledon) Tj ET
BT /F1 12 Tf 14 TL 72 640 Td (\\(Seraphina\\) \\\\ Holloway) Tj T* (nested (Perpetua) parens) Tj ET
BT /F1 12 Tf 72 600 Td <4D69726162656C> Tj ( \\101shcombe) Tj ET
q 1 0 0 1 72 560 cm /Fm1 Do Q
BI /W 3 /H 1 /CS /G /BPC 8 ID (\xff(EI
BT /F1 12 Tf 72 540 Td (Ren\\200e Dubois) Tj ET
BI /W 4 /H 1 /CS /G /BPC 8 /F /AHx ID 28FF2829> EI
/Span <</ActualText (Otto Fairweather)>> BDC BT /F1 12 Tf 72 520 Td (O. F.) Tj ET EMC
"""


def test_pdf_hand_made_content_is_read(tmp_path: Path) -> None:
    path = _hand_made_pdf(tmp_path / "hand-made.pdf", HAND_MADE_CONTENT)
    parts = extract_parts(path)
    page = " ".join(next(part.text for part in parts if part.location == "page 1").split())
    for words in (
        "Zebulon Quartermaine",  # a gap between two Tj
        "Cressida Ravenscroft",  # a wide TJ move
        "(Seraphina) \\ Holloway",  # escapes undone
        "nested (Perpetua) parens",  # nested parentheses
        "Mirabel Ashcombe",  # a hex string, then an octal escape
        ALT,  # inside a form XObject
        "Renée Dubois",  # after an inline image; a code mapped by bfchar
        "Otto Fairweather",  # PDFium reads the /ActualText in place of the glyphs "O. F."
    ):
        assert words in page, words
    assert_found("Otto Fairweather", "page 1: marked content /ActualText", parts)


def test_pdf_a_page_in_a_standard_font_is_read(
    tmp_path: Path,
) -> None:
    standard_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    content = b"BT /F1 12 Tf 72 700 Td (Zebulon Quartermaine) Tj ET"
    path = _hand_made_pdf(tmp_path / "standard-font.pdf", content, standard_font)
    assert_found("Zebulon Quartermaine", "page", extract_parts(path))


# -------------------------------------------------------------------------------------- HTML

HTML_FROM_WRITER = [
    (TITLE, "title"),
    (TITLE, "<meta content>"),  # the description
    (KEYWORD, "<meta content>"),
    (TITLE, "<h1>"),
    (HEADING, "<h3>"),
    (PARTNERSHIP, "<p>"),
    (SPLIT_NAME, "<p>"),
    (LIST_ITEM, "<li>"),
    (CELL, "<td>"),
    (CAPTION, "<caption>"),
    (CAPTION, "<div aria-label>"),
    (ALT, "<img alt>"),
    (LINK, "<a href>"),
]


@pytest.mark.parametrize(("text", "location"), HTML_FROM_WRITER)
def test_html_text_the_writer_puts_is_found(
    written: dict[str, Path], text: str, location: str
) -> None:
    assert_found(text, location, extract_parts(written["html"]))


PICTURE_PAYLOAD = base64.b64encode(b"Zebulon Quartermaine, picture data").decode()
ADDED_HTML = f"""
<!-- Reviewed by {REVIEWER} -->
<form><input placeholder="{ALIAS}" value="{TAG}"></form>
<p>Asked by <span title="{FIELD}">the author</span>;
   told by Marguerite <b>Oak</b>haven.</p>
<p><a href="https://example.org/?q=Eustace%20Pennywhistle">search</a>
   <a href="data:text/plain,Cornelius%20Fairbanks">note</a>
   <img alt="" src="data:image/png;base64,{PICTURE_PAYLOAD}"></p>
<div data-person="{COMPANY}"></div>
<script>var person = "{CUSTOM_XML}";</script>
"""


@pytest.fixture(scope="module")
def tampered_html(written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tampered") / "child-t-overview.html"
    page = written["html"].read_text(encoding="utf-8")
    page = page.replace("<html", f"<!-- Draft for {XML_COMMENT} -->\n<html", 1)
    page = page.replace("</main>", f"{ADDED_HTML}</main>", 1)
    path.write_text(page, encoding="utf-8")
    return path


HTML_FROM_OTHER_TOOLS = [
    (REVIEWER, "comment"),
    (XML_COMMENT, "comment"),  # before <html>
    (ALIAS, "<input placeholder>"),
    (TAG, "<input value>"),
    (FIELD, "<span title>"),
    (FOOTNOTE, "<p>"),  # split across inline elements
    (DELETED, "<a href>"),  # percent-decoded
    (TEXT_BOX, "<a href>"),  # a data: URI with text
    (COMPANY, "<div data-person>"),
    (CUSTOM_XML, "<script>"),
]


@pytest.mark.parametrize(("text", "location"), HTML_FROM_OTHER_TOOLS)
def test_html_text_other_tools_put_is_found(tampered_html: Path, text: str, location: str) -> None:
    assert_found(text, location, extract_parts(tampered_html))


def test_html_base64_payloads_are_left_out(tampered_html: Path) -> None:
    parts = extract_parts(tampered_html)
    assert not any(PICTURE_PAYLOAD[:40] in part.text for part in parts)
    assert not any("iVBORw0KGgo" in part.text for part in parts)  # the inlined pictures


# ------------------------------------------------------------------------------------ errors


def _broken_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document><w:body>")


def _locked_pdf(path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="secret"))


BROKEN: dict[str, Callable[[Path], object]] = {
    "password.pdf": _locked_pdf,
    "missing.pdf": lambda path: None,
    "not-a-zip.docx": lambda path: path.write_bytes(b"plain text, not a zip"),
    "bad-xml.docx": _broken_docx,
    "not-a.pdf": lambda path: path.write_bytes(b"%PDF-1.7\nnothing else"),
    "garbage.pdf": lambda path: path.write_bytes(b"\x00\x01 no PDF at all"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_file_that_cannot_be_read_raises_a_render_error_naming_it(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    BROKEN[name](path)
    with pytest.raises(RenderError, match=re.escape(name)):
        extract_parts(path)


def test_an_empty_html_file_is_just_its_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    assert extract_parts(path) == [TextPart("empty.html", "file name", "empty.html")]


def test_the_scan_loads_the_pdf_libraries_only_when_it_reads_a_pdf() -> None:
    check = (
        "import sys, summarygen.identity.extract;"
        " print(any(name in sys.modules for name in ('pikepdf', 'pypdfium2')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------- a sample pack


@pytest.fixture(scope="module")
def sample_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return build_pack(load_record(ROOT / "samples" / "child-m.yaml"), tmp_path_factory.mktemp("p"))


def test_every_file_of_a_pack_yields_its_name_and_text(sample_pack: Pack) -> None:
    documents = [file.path for built in sample_pack.documents for file in built.files]
    assert len(documents) == 24  # 8 documents in 3 formats
    for path in [*documents, *sample_pack.reports]:
        parts = extract_parts(path)
        assert parts[0] == TextPart(path.name, "file name", path.name)
        assert len(parts) > 1, f"{path.name}: no text found"
        assert sum(len(part.text) for part in parts[1:]) > 200, path.name


def _normalised(text: str) -> str:
    """Whitespace collapsed, and a line broken after a hyphen joined again."""
    return re.sub(r"\s+", " ", text).replace("- ", "-")


def test_every_heading_of_every_document_is_in_its_pdf_docx_and_html(sample_pack: Pack) -> None:
    for built in sample_pack.documents:
        headings = [heading.text for heading in built.document.headings()]
        assert headings, built.document.meta.document
        for file in built.files:
            parts = extract_parts(file.path)
            if file.format == "pdf":
                pages = [part.text for part in parts if part.location.startswith("page ")]
                text = _normalised("\n".join(pages))
            else:
                text = "\n".join(_normalised(part.text) for part in parts)
            missing = [h for h in headings if _normalised(h) not in text]
            assert not missing, f"{file.path.name}: headings not found: {missing}"
