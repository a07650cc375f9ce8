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
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pypdf
import pytest
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarygen.checks.finding import Finding
from summarygen.errors import RenderError
from summarygen.identity.detect import Allowed
from summarygen.identity.extract import extract_parts
from summarygen.identity.gate import scan_files
from summarygen.identity.parts import TextPart
from summarygen.identity.register import ProtectedEntry

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NS = f'xmlns:w="{W}"'
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
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
    # only the space was deleted: the name shows glued ("ZebulonQuartermaine"), and was whole
    ("space-deleted", paragraph(run("Met Zebulon"), deleted(" "), run("Quartermaine.")), 1, 1),
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


# ------------------------------------------------ DOCX: comments, authors, parts pasted in


def saved(word: DocxDocument, path: Path) -> Path:
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def attach(word: DocxDocument, name: str, content_type: str, blob: bytes, kind: str) -> str:
    """Add a part to the package, related to the main document: its relationship id."""
    part = Part(PackURI(name), content_type, blob, word.part.package)
    return str(word.part.relate_to(part, kind))


def alt_chunk(word: DocxDocument, name: str, content_type: str, blob: bytes) -> None:
    """Paste a whole file into the body as Word's ``w:altChunk`` does (Word merges it in
    when the document is next opened; until then it is a part of its own)."""
    rid = attach(word, name, content_type, blob, RT.A_F_CHUNK)
    body = word.element.body
    body.insert(len(body) - 1, parse_xml(f'<w:altChunk {W_NS} xmlns:r="{R}" r:id="{rid}"/>'))


def docx_bytes(*paragraphs: str) -> bytes:
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def minimal_xlsx(*strings: str) -> bytes:
    """A workbook whose shared strings hold ``strings``, each as rich text in two runs (as
    Excel writes a cell with a word in bold), made with zipfile: no writer is installed."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    items = "".join(
        f"<si><r><t xml:space='preserve'>{text[:4]}</t></r><r><rPr><b/></rPr><t>{text[4:]}</t>"
        "</r></si>"
        for text in strings
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        package.writestr("xl/workbook.xml", f'<workbook xmlns="{main}"><sheets/></workbook>')
        package.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{items}</sst>')
    return buffer.getvalue()


MHT = (
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related; boundary="BOUNDARY"\r\n\r\n'
    b"--BOUNDARY\r\n"
    b'Content-Type: text/html; charset="utf-8"\r\n'
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"Content-Location: file:///C:/pasted.htm\r\n\r\n"
    b"<html><body><p>Pasted from the chronology: Zebulon Quarter=\r\nmaine was seen by the=\r\n"
    b" GP.</p></body></html>\r\n"
    b"--BOUNDARY--\r\n"
)

RTF = rb"{\rtf1\ansi{\fonttbl\f0 Arial;}\f0\pard Seen by Zebulon {\b Quarter}maine.\par}"

HTML = b"<html><body><p>Seen by <b>Zebulon</b> Quartermaine.</p></body></html>"


def pasted_docx(tmp_path: Path) -> Path:
    """A DOCX carrying a name in every place a reader does not see at first sight."""
    word = docx.Document()
    paragraph = word.add_paragraph("The chronology was agreed.")
    word.add_comment(
        paragraph.runs, text="Ask Ottoline Fairweather", author=COMMENTER, initials="PB"
    )
    body = word.element.body
    body.insert(
        len(body) - 1,
        parse_xml(paragraph_with_ns(run("Changed by "), inserted("the panel", author=AUTHOR))),
    )
    body.insert(len(body) - 1, parse_xml(SMART_TAG))
    alt_chunk(word, "/word/afchunk1.docx", DOCX_TYPE, docx_bytes(f"From the docx: {NAME}."))
    alt_chunk(word, "/word/afchunk2.htm", "text/html", HTML)
    alt_chunk(word, "/word/afchunk3.mht", "message/rfc822", MHT)
    alt_chunk(word, "/word/afchunk4.rtf", "application/rtf", RTF)
    alt_chunk(
        word, "/word/afchunk5.txt", "text/plain", "Seen by Zoë Quartermaine.".encode("cp1252")
    )
    attach(
        word,
        "/word/embeddings/Microsoft_Word_Document.docx",
        DOCX_TYPE,
        docx_bytes(f"Embedded: {NAME}."),
        RT.PACKAGE,
    )
    attach(
        word,
        "/word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        XLSX_TYPE,
        minimal_xlsx(NAME),
        RT.PACKAGE,
    )
    attach(
        word,
        "/word/people.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
        PEOPLE,
        RT.PACKAGE,
    )
    attach(word, "/customXml/item9.xml", "application/xml", CUSTOM_XML, RT.CUSTOM_XML)
    attach(
        word,
        "/word/glossary/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
        GLOSSARY,
        RT.GLOSSARY_DOCUMENT,
    )
    attach(
        word,
        "/word/endnotes.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        ENDNOTES,
        RT.ENDNOTES,
    )
    return saved(word, tmp_path / "pasted.docx")


def paragraph_with_ns(*pieces: str) -> Any:
    return paragraph(*pieces).replace("<w:p>", f"<w:p {W_NS}>", 1)


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMMENTER = "Perpetua Blackwood"
AUTHOR = "Barnaby Thistlewood"
PERSON = "Cressida Ravenscroft"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
PEOPLE = (
    f'<w15:people xmlns:w15="{W15}"><w15:person w15:author="{PERSON}">'
    '<w15:presenceInfo w15:providerId="AD" w15:userId="seraphina.holloway@example.org"/>'
    "</w15:person></w15:people>"
).encode()
CUSTOM_XML = (
    b'<review xmlns="urn:example:case"><child surname="Pemberton" given="Ignatius"/>'
    b"<keyworker>Mirabel Ashcombe</keyworker></review>"
)
GLOSSARY = (
    f"<w:glossaryDocument {W_NS}><w:docParts><w:docPart><w:docPartBody>"
    "<w:p><w:r><w:t>Signed: Lysander Oakes</w:t></w:r></w:p>"
    "</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>"
).encode()
ENDNOTES = (
    f"<w:endnotes {W_NS}><w:endnote w:id='1'><w:p><w:r><w:t>Told by Thaddeus </w:t></w:r>"
    "<w:r><w:t>Wimbledon</w:t></w:r></w:p></w:endnote></w:endnotes>"
).encode()

SMART_TAG = (
    f"<w:p {W_NS}><w:smartTag w:uri='urn:schemas-microsoft-com:office:smarttags'"
    " w:element='PersonName'><w:smartTagPr><w:attr w:name='ProductID'"
    " w:val='Araminta Goldsworthy'/></w:smartTagPr><w:r><w:t>the mother</w:t></w:r>"
    "</w:smartTag></w:p>"
)
"""A person-name smart tag, as Word 2003 to 2007 marked a name it recognised: the name stays
in the tag after the text is changed."""

# (text, where it must be found)
CARRIED_IN_DOCX = [
    ("Ask Ottoline Fairweather", "word/comments.xml"),
    (COMMENTER, "word/comments.xml: comment author"),
    (AUTHOR, "word/document.xml: ins author"),
    (PERSON, "word/people.xml: person author"),
    ("seraphina.holloway@example.org", "word/people.xml: presenceInfo userId"),
    (f"From the docx: {NAME}.", "word/afchunk1.docx › word/document.xml"),
    ("Seen by Zebulon Quartermaine.", "word/afchunk2.htm › <p>"),
    (
        "Pasted from the chronology: Zebulon Quartermaine was seen by the GP.",
        "word/afchunk3.mht › file:///C:/pasted.htm › <p>",
    ),
    ("Seen by Zebulon Quartermaine.", "word/afchunk4.rtf › text"),
    ("Seen by Zoë Quartermaine.", "word/afchunk5.txt › text"),
    (f"Embedded: {NAME}.", "word/embeddings/Microsoft_Word_Document.docx › word/document.xml"),
    (NAME, "word/embeddings/Microsoft_Excel_Worksheet.xlsx › xl/sharedStrings.xml"),
    ("Pemberton", "customXml/item9.xml: child surname"),
    ("Ignatius", "customXml/item9.xml: child given"),
    ("Mirabel Ashcombe", "customXml/item9.xml: keyworker"),
    ("Signed: Lysander Oakes", "word/glossary/document.xml"),
    ("Araminta Goldsworthy", "word/document.xml: attr"),
    ("Told by Thaddeus Wimbledon", "word/endnotes.xml"),
]


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> list[TextPart]:
    return extract_parts(pasted_docx(tmp_path_factory.mktemp("pasted")))


@pytest.mark.parametrize(("text", "location"), CARRIED_IN_DOCX, ids=[r[1] for r in CARRIED_IN_DOCX])
def test_docx_text_carried_out_of_sight_is_read(
    pasted: list[TextPart], text: str, location: str
) -> None:
    found = {part.location for part in pasted if text in " ".join(part.text.split())}
    assert location in found, f"{text!r} not at {location!r}; found at {sorted(found)}"


def test_docx_a_name_pasted_in_with_altchunk_stops_the_scan(tmp_path: Path) -> None:
    findings = register_findings(scan_files([pasted_docx(tmp_path)], REGISTER, Allowed()))
    places = {finding.location.partition(" › ")[0] for finding in findings}
    assert {
        "word/afchunk1.docx",
        "word/afchunk2.htm",
        "word/afchunk3.mht",
        "word/afchunk4.rtf",
        "word/afchunk5.txt",
        "word/embeddings/Microsoft_Word_Document.docx",
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
    } <= places


def nested_docx(levels: int) -> bytes:
    """A DOCX holding a DOCX (as an altChunk part) holding a DOCX..., ``levels`` deep."""
    data = docx_bytes(f"At the bottom: {NAME}.")
    for _ in range(levels):
        word = docx.Document()
        alt_chunk(word, "/word/afchunk1.docx", DOCX_TYPE, data)
        buffer = io.BytesIO()
        word.save(buffer)
        data = buffer.getvalue()
    return data


def test_docx_files_inside_files_are_read_three_levels_deep(tmp_path: Path) -> None:
    path = tmp_path / "nested.docx"
    path.write_bytes(nested_docx(3))
    deepest = " › ".join(["word/afchunk1.docx"] * 3 + ["word/document.xml"])
    assert f"At the bottom: {NAME}." in {
        part.text for part in extract_parts(path) if part.location == deepest
    }


def test_docx_a_file_nested_deeper_is_refused_not_passed_unread(tmp_path: Path) -> None:
    path = tmp_path / "too-deep.docx"
    path.write_bytes(nested_docx(4))
    with pytest.raises(RenderError, match=r"too-deep\.docx.*more than 3 levels deep"):
        extract_parts(path)


# ------------------------------------------------------------ PDF: every way to write a string

STRING_FORMS = {
    # valid PDF: a literal string may hold balanced parentheses unescaped (ISO 32000, 7.3.4.2)
    "balanced-parentheses": (b"(Zebulon (Z) Quartermaine)", "Zebulon (Z) Quartermaine"),
    "escaped-parentheses": (rb"(Zebulon \(Z\) Quartermaine)", "Zebulon (Z) Quartermaine"),
    "octal-escapes": (rb"(\132ebulon Quarterm\141ine)", NAME),
    "line-continued": (b"(Zebulon Quarter\\\nmaine)", NAME),
    "hex": (b"<" + NAME.encode().hex().encode() + b">", NAME),
    "hex-spaced-lower": (b"<5a 65 62 75 6c 6f 6e 20 51 75 61 72 74 65 72 6d 61 69 6e 65>", NAME),
    "utf16-bom-hex": (b"<FEFF" + NAME.encode("utf-16-be").hex().upper().encode() + b">", NAME),
    "utf16-bom-literal": (
        b"(\xfe\xff" + "Zoë Quartermaine".encode("utf-16-be") + b")",
        "Zoë Quartermaine",
    ),
    "utf16-language-escape": (
        b"<FEFF001B656E001B" + NAME.encode("utf-16-be").hex().upper().encode() + b">",
        NAME,
    ),
    # neither PDFDocEncoding (\x01 is not in it) nor UTF-8 (\xe9 alone): text all the same
    "stray-control-byte": (b"(Zebulon Quartermaine\x01\xe9)", "Zebulon Quartermaine é"),
    "utf8-bom-literal": (b"(\xef\xbb\xbf" + "Zoë Quartermaine".encode() + b")", "Zoë Quartermaine"),
}

# where the string is written (the object it goes into), and where it must be found
PLACES = {
    "tag /Alt": "tag /Alt",
    "tag /ActualText": "tag /ActualText",
    "tag /E": "tag /E",
    "content /Alt": "page 1: marked content /Alt",
    "content /ActualText": "page 1: marked content /ActualText",
    "form XObject /Alt": "form XObject: marked content /Alt",
    "annotation /Contents": "annotation /Contents",
    "form field /V": "form field /V",
    "outline /Title": "bookmarks",
    "Info /Subject": "metadata: /Subject",
}


def raw_pdf(objects: dict[int, bytes], root: int = 1, info: int | None = None) -> bytes:
    """A PDF written byte by byte (so every string is exactly as given), with a correct
    cross-reference table: what any tool, not only ours, may write."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    trailer = b"/Size %d /Root %d 0 R" % (size, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(content), content)


def pdf_with(string: bytes, place: str) -> bytes:
    """A one-page tagged PDF with ``string`` written at ``place``; every other place holds
    harmless text."""

    def at(name: str) -> bytes:
        return string if place == name else b"(nothing)"

    page_content = (
        b"/Figure <</MCID 0 /Alt %s>> BDC EMC\n"
        b"/Span <</ActualText %s>> BDC BT /F1 12 Tf 72 700 Td (Z. Q.) Tj ET EMC\n"
        b"/Fm1 Do"
    ) % (at("content /Alt"), at("content /ActualText"))
    form_content = b"/Figure <</Alt %s>> BDC EMC" % at("form XObject /Alt")
    objects = {
        1: b"<< /Type /Catalog /Pages 3 0 R /StructTreeRoot 6 0 R /MarkInfo << /Marked true >>"
        b" /Outlines 8 0 R /AcroForm << /Fields [10 0 R] >> >>",
        2: b"<< /Title (A statement) /Subject %s >>" % at("Info /Subject"),
        3: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 11 0 R >> /XObject << /Fm1 12 0 R >> >>"
        b" /Annots [9 0 R 10 0 R] /StructParents 0 >>",
        5: stream(page_content),
        6: b"<< /Type /StructTreeRoot /K 7 0 R >>",
        7: b"<< /Type /StructElem /S /Figure /P 6 0 R /Pg 4 0 R /K 0 /Alt %s /ActualText %s"
        b" /E %s >>" % (at("tag /Alt"), at("tag /ActualText"), at("tag /E")),
        8: b"<< /Type /Outlines /First 13 0 R /Last 13 0 R /Count 1 >>",
        9: b"<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents %s >>"
        % at("annotation /Contents"),
        10: b"<< /FT /Tx /T (Name) /V %s /Rect [40 40 200 60] /Type /Annot /Subtype /Widget"
        b" /P 4 0 R >>" % at("form field /V"),
        11: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        12: stream(form_content, b"/Type /XObject /Subtype /Form /BBox [0 0 100 100]"),
        13: b"<< /Title %s /Parent 8 0 R /Dest [4 0 R /Fit] >>" % at("outline /Title"),
    }
    return raw_pdf(objects, info=2)


PDF_CASES = [(form, place) for form in STRING_FORMS for place in PLACES]


@pytest.mark.parametrize(("form", "place"), PDF_CASES, ids=[f"{f}@{p}" for f, p in PDF_CASES])
def test_pdf_a_string_is_read_however_it_is_written_wherever_it_is(
    tmp_path: Path, form: str, place: str
) -> None:
    raw, text = STRING_FORMS[form]
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf_with(raw, place))
    found = {part.location for part in extract_parts(path) if part.text == text}
    assert PLACES[place] in found, f"{text!r} not at {PLACES[place]!r}; found at {found}"


def test_pdf_the_hand_written_file_is_valid_for_qpdf_pypdf_and_pdfium(tmp_path: Path) -> None:
    data = pdf_with(STRING_FORMS["balanced-parentheses"][0], "tag /Alt")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.StructTreeRoot.K.Alt) == "Zebulon (Z) Quartermaine"
        assert pdf.check_pdf_syntax() == []  # qpdf finds nothing to repair
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.pages[0].extract_text().strip() == "Z. Q."


def test_pdf_names_in_the_structure_tree_are_read(tmp_path: Path) -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 3 0 R /StructTreeRoot 6 0 R >>",
        3: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
        5: stream(b"/Zebulon#20Quartermaine BMC EMC"),
        6: b"<< /Type /StructTreeRoot /K 7 0 R /RoleMap << /Ignatius#20Pemberton /P >> >>",
        7: b"<< /Type /StructElem /S /Mirabel#20Ashcombe /P 6 0 R /Pg 4 0 R /K [] >>",
    }
    path = tmp_path / "names.pdf"
    path.write_bytes(raw_pdf(objects))
    parts = {(part.location, part.text) for part in extract_parts(path)}
    assert ("tag /RoleMap", "Ignatius Pemberton") in parts
    assert ("tag /S", "Mirabel Ashcombe") in parts
    assert ("page 1: marked content tag", NAME) in parts


XFA = (
    b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><xfa:datasets'
    b' xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1>'
    b"<ChildName>Zebulon Quartermaine</ChildName></form1></xfa:data></xfa:datasets></xdp:xdp>"
)


def test_pdf_xfa_form_data_and_javascript_streams_are_read(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        datasets = pdf.make_stream(XFA)
        pdf.Root.AcroForm = pikepdf.Dictionary(
            Fields=pikepdf.Array(), XFA=pikepdf.Array([pikepdf.String("datasets"), datasets])
        )
        script = pdf.make_stream("var reviewer = 'Ottoline Fairweather';".encode("utf-16"))
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=script)
        pdf.Root.OpenAction = pdf.make_indirect(action)
        pdf.save(path)
    parts = {(part.location, part.text) for part in extract_parts(path)}
    assert ("form field /XFA", NAME) in parts
    assert ("javascript", "var reviewer = 'Ottoline Fairweather';") in parts


RICH_TEXT = (
    '<?xml version="1.0" encoding="UTF-8"?><body xmlns="http://www.w3.org/1999/xhtml">'
    '<p>Seen by Zebulon <span style="font-weight:bold">Quarter</span>maine.</p></body>'
)


def test_pdf_rich_text_of_an_annotation_is_read_as_it_shows(tmp_path: Path) -> None:
    path = tmp_path / "rich.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.FreeText,
            Rect=[10, 10, 200, 40],
            Contents=pikepdf.String("Seen by Z. Q."),
            RC=pikepdf.String(RICH_TEXT),
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([note]))
        pdf.save(path)
    parts = {(part.location, part.text) for part in extract_parts(path)}
    assert ("annotation /RC", f"Seen by {NAME}.") in parts


@pytest.mark.parametrize("markup", ["", "   ", "<!-- nothing -->", "plain words", "<p>unclosed"])
def test_pdf_rich_text_that_is_not_markup_is_read_as_written(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "odd.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.Root.Extra = pikepdf.Dictionary(RC=pikepdf.String(markup))
        pdf.save(path)
    extract_parts(path)  # no error


def test_pdf_a_file_attached_to_a_pdf_is_read_by_its_own_reader(tmp_path: Path) -> None:
    path = tmp_path / "with-attachment.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.attachments["chronology.docx"] = pikepdf.AttachedFileSpec(
            pdf, docx_bytes(f"Seen by {NAME}."), filename="chronology.docx"
        )
        pdf.save(path)
    findings = register_findings(scan_files([path], REGISTER, Allowed()))
    assert "embedded file chronology.docx › word/document.xml" in {f.location for f in findings}


@pytest.mark.client
def test_pdf_libreoffice_made_of_a_docx_with_alt_text_is_read(tmp_path: Path) -> None:
    """A PDF made by another tool: LibreOffice's tagged PDF of a DOCX whose picture's alt
    text names someone. LibreOffice writes it as the /Alt of a Figure tag."""
    from PIL import Image

    from tests.clients.libreoffice import LibreOfficeFailed, convert_to_tagged_pdf

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(picture, format="PNG")
    word = docx.Document()
    word.add_paragraph("A picture from the family.")
    word.add_picture(picture, width=docx.shared.Cm(4))
    word.element.body.find(f".//{{{WP}}}docPr").set("descr", f"Photo of {NAME} at home")
    source = saved(word, tmp_path / "with-picture.docx")
    try:
        pdf = convert_to_tagged_pdf([source], tmp_path / "pdf")[source]
    except LibreOfficeFailed as error:
        pytest.fail(str(error))
    parts = extract_parts(pdf)
    assert ("tag /Alt", f"Photo of {NAME} at home") in {(p.location, p.text) for p in parts}
    findings = register_findings(scan_files([pdf], REGISTER, Allowed()))
    assert "tag /Alt" in {finding.location for finding in findings}


def incremental_update(data: bytes, objects: dict[int, bytes]) -> bytes:
    """``data`` with ``objects`` replaced by an incremental update appended to it, as an
    editor saves a change: the earlier objects stay in the file, superseded."""
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    root = re.findall(rb"/Root (\d+) 0 R", data)[-1]
    out = bytearray(data)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< /Size %d /Root %s 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        previous,
        xref,
    )
    return bytes(out)


def test_pdf_an_earlier_version_kept_by_an_incremental_save_is_read(tmp_path: Path) -> None:
    original = {
        1: b"<< /Type /Catalog /Pages 3 0 R >>",
        3: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",
        5: stream(b"BT /F1 12 Tf 72 700 Td (Seen by Zebulon Quartermaine at home.) Tj ET"),
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    redacted = stream(b"BT /F1 12 Tf 72 700 Td (Seen by the father at home.) Tj ET")
    path = tmp_path / "redacted.pdf"
    path.write_bytes(incremental_update(raw_pdf(original), {5: redacted}))
    assert "Seen by the father" in pypdf.PdfReader(path).pages[0].extract_text()  # as it shows
    findings = register_findings(scan_files([path], REGISTER, Allowed()))
    note = "in an earlier version kept inside the PDF"
    assert [finding.location.startswith(note) for finding in findings] == [True]
    assert findings[0].location.endswith("› page 1")


def test_pdf_a_linearized_pdf_is_not_taken_for_two_versions(tmp_path: Path) -> None:
    path = tmp_path / "linearized.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = "A statement"
        pdf.save(path, linearize=True)
    assert path.read_bytes().count(b"%%EOF") == 2
    parts = extract_parts(path)
    assert not any(part.location.startswith("in an earlier version") for part in parts)


# ----------------------------------------- DOCX: a name cut into runs at random, some deleted


@st.composite
def name_in_revision_runs(draw: st.DrawFn) -> tuple[str, bool]:
    """Word XML of a paragraph holding NAME cut at random places into runs, each kept,
    deleted or moved away, with inserted words (a role that replaced it) between some of
    them; and whether any of the name was deleted."""
    cuts = sorted(draw(st.sets(st.integers(1, len(NAME) - 1), max_size=4)))
    pieces = [NAME[start:end] for start, end in zip([0, *cuts], [*cuts, len(NAME)], strict=True)]
    xml = [run("Met ")]
    any_deleted = False
    for piece in pieces:
        how = draw(st.sampled_from(["kept", "deleted", "moved"]))
        any_deleted = any_deleted or how != "kept"
        xml.append({"kept": run, "deleted": deleted, "moved": moved_from}[how](piece))
        if how != "kept" and draw(st.booleans()):
            xml.append(inserted(draw(st.sampled_from(["Father", " the father ", "Mum"]))))
    xml.append(run(" today."))
    return paragraph(*xml), any_deleted


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=name_in_revision_runs())
def test_docx_a_name_cut_into_kept_and_deleted_runs_is_found_in_the_deletion(
    tmp_path: Path, case: tuple[str, bool]
) -> None:
    xml, any_deleted = case
    full_name_only = [ProtectedEntry("name", NAME, 1)]  # so that no part of it shows alone
    findings = register_findings(scan_files([docx_with(tmp_path, xml)], full_name_only, Allowed()))
    in_deletion = [finding for finding in findings if DELETION_NOTE in finding.location]
    shown = [finding for finding in findings if finding not in in_deletion]
    where = [(finding.location, finding.text) for finding in findings]
    assert len(in_deletion) == any_deleted, where
    # what still shows may identify too ("Z Quartermaine"), once at most; all of it: once
    assert len(shown) <= 1 and (any_deleted or len(shown) == 1), where


@pytest.mark.parametrize(
    "hidden",
    [
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>xyz</w:t></w:r>",
        "<w:r><w:rPr><w:specVanish/></w:rPr><w:t>xyz</w:t></w:r>",
        "<w:r><w:rPr><w:webHidden/></w:rPr><w:t>xyz</w:t></w:r>",
    ],
)
def test_docx_hidden_text_inside_a_name_does_not_hide_the_name(tmp_path: Path, hidden: str) -> None:
    """Word shows 'Zebulon Quartermaine' when hidden text sits inside the name (found by an
    attacker): the paragraph is also read as it shows, without its hidden runs."""
    xml = paragraph(run("Press statement Zebulon Quarter"), hidden, run("maine"))
    findings = scan_files([docx_with(tmp_path, xml)], REGISTER, Allowed())
    assert "identity.register" in [finding.check for finding in findings]


@pytest.mark.parametrize(
    "hidden",
    [
        '<span style="display:none">x</span>',
        "<span hidden>x</span>",
        '<span style="font-size: 0">x</span>',
        '<span style="visibility:hidden">x</span>',
        '<span aria-hidden="true">x</span>',
    ],
)
def test_html_hidden_text_inside_a_name_does_not_hide_the_name(tmp_path: Path, hidden: str) -> None:
    """A browser shows 'Zebulon Quartermaine' when a hidden element sits inside the name
    (found by an attacker): the page is also read as it shows."""
    page = tmp_path / "statement.html"
    page.write_text(f"<html><body><p>He met Zebulon Quarter{hidden}maine.</p></body></html>")
    findings = scan_files([page], REGISTER, Allowed())
    assert "identity.register" in [finding.check for finding in findings]
