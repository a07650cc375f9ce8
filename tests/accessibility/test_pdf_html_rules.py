"""The PDF and HTML accessibility rules (summarygen/accessibility/_pdf.py, _html.py, _axe.py).

Every rule has rows that should flag it and rows that should pass, each a file built here:
pikepdf-edited copies of our own PDF (title, language, alt text, header cells taken out),
Typst PDFs made without our template (untagged, tagged without PDF/UA), a PNG saved as a PDF
by Pillow (a scanned page), LibreOffice's PDF exports of a DOCX built with python-docx (client
tests), and hand-written HTML pages. The pdfua checker (PyPI) is an independent oracle for the
document-level PDF rules. Both sample packs must pass every rule, in all 24 files each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfua
import pikepdf
import pytest
import typst
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from summarygen import build_pack, load_record
from summarygen._templates import TemplateFolder
from summarygen.accessibility import accessibility_findings
from summarygen.accessibility._axe import axe_script, chromium_program
from summarygen.findings import Finding, Severity
from summarygen.writers import html as html_writer
from summarygen.writers import pdf as pdf_writer
from tests.conftest import SAMPLE_DOCUMENTS, SAMPLES
from tests.documents import every_block

# --- files to check ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("accessibility")


@pytest.fixture(scope="module")
def our_pdf(folder: Path) -> Path:
    """Our own PDF of a Document with every kind of block (figures, tables, links)."""
    path = folder / "ours.pdf"
    path.write_bytes(pdf_writer.write(every_block(), TemplateFolder()))
    return path


def edited(source: Path, target: Path, edit: Callable[[pikepdf.Pdf], None]) -> Path:
    with pikepdf.open(source) as pdf:
        edit(pdf)
        pdf.save(target)
    return target


def elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    return [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name(role)
    ]


def untag(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]
    del pdf.Root["/MarkInfo"]


def unmark(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def no_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/Title"]
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        del xmp["dc:title"]


def no_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def bad_language(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = pikepdf.String("English (UK)")


def title_not_shown(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.ViewerPreferences["/DisplayDocTitle"]


def no_alt(pdf: pikepdf.Pdf) -> None:
    for figure in elements(pdf, "/Figure"):
        del figure["/Alt"]


def empty_alt(pdf: pikepdf.Pdf) -> None:
    for figure in elements(pdf, "/Figure"):
        figure.Alt = pikepdf.String(" ")


def actual_text_only(pdf: pikepdf.Pdf) -> None:
    for figure in elements(pdf, "/Figure"):
        figure.ActualText = figure.Alt
        del figure["/Alt"]


def custom_figure_type(pdf: pikepdf.Pdf) -> None:
    """Word's way: the figure has a type of its own, mapped to Figure in the /RoleMap."""
    for figure in elements(pdf, "/Figure"):
        figure.S = pikepdf.Name("/Picture")
        del figure["/Alt"]
    pdf.Root.StructTreeRoot.RoleMap.Picture = pikepdf.Name.Figure


def th_to_td(pdf: pikepdf.Pdf) -> None:
    for cell in elements(pdf, "/TH"):
        cell.S = pikepdf.Name.TD


def rows_to_paragraphs(pdf: pikepdf.Pdf) -> None:
    for row in elements(pdf, "/TR"):
        row.S = pikepdf.Name.P


def no_scope(pdf: pikepdf.Pdf) -> None:
    """Header cells that say nothing of what they head, and data cells that name no headers."""
    for cell in [*elements(pdf, "/TH"), *elements(pdf, "/TD")]:
        if "/A" in cell:
            del cell["/A"]


def empty_heading(pdf: pikepdf.Pdf) -> None:
    elements(pdf, "/H2")[0].K = pikepdf.Array()


def undescribed_links(pdf: pikepdf.Pdf) -> None:
    for link in elements(pdf, "/Link"):
        for key in ("/Alt", "/ActualText"):
            if key in link:
                del link[key]
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if "/Contents" in annotation:
                del annotation["/Contents"]


def note(contents: str | None) -> Callable[[pikepdf.Pdf], None]:
    def add(pdf: pikepdf.Pdf) -> None:
        annotation = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30]
        )
        if contents is not None:
            annotation.Contents = pikepdf.String(contents)
        page = pdf.pages[0].obj
        page.Annots = pdf.make_indirect(pikepdf.Array([*page.get("/Annots", []), annotation]))

    return add


def unmarked_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(b"BT 10 10 Td (stray) Tj ET"), prepend=False)


def typst_pdf(folder: Path, name: str, source: str, **options: object) -> Path:
    """A PDF made by Typst directly, without our template."""
    Image.new("RGB", (40, 40), (200, 30, 30)).save(folder / "square.png")
    (folder / f"{name}.typ").write_text(source, encoding="utf-8")
    path = folder / f"{name}.pdf"
    path.write_bytes(typst.compile(str(folder / f"{name}.typ"), root=str(folder), **options))  # type: ignore[arg-type]
    return path


TYPST_BASE = (
    '#set document(title: "Fennimore Bright Academy: annual statement")\n'
    '#set text(lang: "en", region: "gb")\n= A heading\nSome text.\n'
)
TYPST_FIGURE_TABLE = '#image("square.png", width: 2cm{alt})\n#table(columns: 2, {header}[1], [2])\n'


def scanned_page(folder: Path) -> Path:
    """A page that is only a picture: a PNG saved as a PDF by Pillow."""
    path = folder / "scan.pdf"
    Image.new("RGB", (600, 800), (250, 250, 250)).save(path)
    return path


# --- the rows ---------------------------------------------------------------------------------

Build = Callable[[Path, Path], Path]
"""(folder, our PDF) -> the file to check."""


def ours(folder: Path, our_pdf: Path) -> Path:
    return our_pdf


def pike(edit: Callable[[pikepdf.Pdf], None]) -> Build:
    def build(folder: Path, our_pdf: Path) -> Path:
        return edited(our_pdf, folder / f"{edit.__name__}-{id(edit)}.pdf", edit)

    return build


def typst_file(name: str, source: str, **options: object) -> Build:
    def build(folder: Path, our_pdf: Path) -> Path:
        return typst_pdf(folder, name, source, **options)

    return build


def pillow_scan(folder: Path, our_pdf: Path) -> Path:
    return scanned_page(folder)


@dataclass(frozen=True)
class Row:
    check: str
    build: Build
    flags: bool
    name: str


PDF_ROWS = [
    Row("pdf-untagged", pike(untag), True, "our PDF, structure tree removed"),
    Row("pdf-untagged", pike(unmark), True, "our PDF, MarkInfo Marked false"),
    Row("pdf-untagged", typst_file("untagged", TYPST_BASE, pdf_tags=False), True, "Typst untagged"),
    Row("pdf-untagged", pillow_scan, True, "a PNG saved as PDF"),
    Row("pdf-untagged", ours, False, "our PDF"),
    Row("pdf-untagged", typst_file("tagged", TYPST_BASE), False, "Typst tagged"),
    Row("pdf-untagged-content", pike(unmarked_text), True, "our PDF, stray text"),
    Row("pdf-untagged-content", ours, False, "our PDF"),
    Row("pdf-no-language", pike(no_language), True, "our PDF, Lang removed"),
    Row("pdf-no-language", pillow_scan, True, "a PNG saved as PDF"),
    Row("pdf-no-language", ours, False, "our PDF"),
    Row("pdf-bad-language", pike(bad_language), True, "our PDF, Lang a name"),
    Row("pdf-bad-language", ours, False, "our PDF"),
    Row("pdf-no-title", pike(no_title), True, "our PDF, title removed"),
    Row("pdf-no-title", typst_file("untitled", "= A heading\nText.\n"), True, "Typst, no title"),
    Row("pdf-no-title", ours, False, "our PDF"),
    Row("pdf-no-title", typst_file("titled", TYPST_BASE), False, "Typst with a title"),
    Row("pdf-title-not-shown", pike(title_not_shown), True, "our PDF, DisplayDocTitle off"),
    Row("pdf-title-not-shown", typst_file("plain", TYPST_BASE), True, "Typst, not PDF/UA"),
    Row("pdf-title-not-shown", ours, False, "our PDF"),
    Row("pdf-figure-no-alt", pike(no_alt), True, "our PDF, Alt removed"),
    Row("pdf-figure-no-alt", pike(custom_figure_type), True, "a role-mapped figure, no Alt"),
    Row(
        "pdf-figure-no-alt",
        typst_file("noalt", TYPST_BASE + TYPST_FIGURE_TABLE.format(alt="", header="")),
        True,
        "Typst tagged, image without alt",
    ),
    Row("pdf-figure-no-alt", ours, False, "our PDF"),
    Row("pdf-figure-no-alt", pike(actual_text_only), False, "our PDF, ActualText for Alt"),
    Row("pdf-figure-empty-alt", pike(empty_alt), True, "our PDF, Alt blank"),
    Row("pdf-figure-empty-alt", ours, False, "our PDF"),
    Row("pdf-table-no-header", pike(th_to_td), True, "our PDF, TH changed to TD"),
    Row(
        "pdf-table-no-header",
        typst_file("noth", TYPST_BASE + TYPST_FIGURE_TABLE.format(alt="", header="")),
        True,
        "Typst tagged, table without header",
    ),
    Row("pdf-table-no-header", ours, False, "our PDF"),
    Row(
        "pdf-table-no-header",
        typst_file(
            "ua",
            TYPST_BASE
            + TYPST_FIGURE_TABLE.format(alt=', alt: "A red square"', header="table.header[A][B], "),
            pdf_standards=["ua-1"],
        ),
        False,
        "Typst PDF/UA-1 with a header row",
    ),
    Row("pdf-table-no-rows", pike(rows_to_paragraphs), True, "our PDF, TR changed to P"),
    Row("pdf-table-no-rows", ours, False, "our PDF"),
    Row("pdf-table-headers-unassociated", pike(no_scope), True, "our PDF, Scope removed"),
    Row("pdf-table-headers-unassociated", ours, False, "our PDF"),
    Row("pdf-scanned-page", pillow_scan, True, "a PNG saved as PDF"),
    Row("pdf-scanned-page", ours, False, "our PDF (pictures and text)"),
    Row("pdf-empty-heading", pike(empty_heading), True, "our PDF, a heading emptied"),
    Row("pdf-empty-heading", ours, False, "our PDF"),
    Row("pdf-link-no-description", pike(undescribed_links), True, "our PDF, links undescribed"),
    Row("pdf-link-no-description", ours, False, "our PDF"),
    Row("pdf-annotation-no-description", pike(note(None)), True, "a note without text"),
    Row("pdf-annotation-no-description", pike(note("A comment")), False, "a note with text"),
    Row("pdf-no-pdfua-claim", typst_file("claimless", TYPST_BASE), True, "Typst, not PDF/UA"),
    Row("pdf-no-pdfua-claim", ours, False, "our PDF"),
]


def checks_of(found: list[Finding]) -> set[str]:
    return {finding.check for finding in found}


@pytest.mark.parametrize(
    "row",
    PDF_ROWS,
    ids=[f"{r.check}-{'flags' if r.flags else 'passes'}-{r.name}" for r in PDF_ROWS],
)
def test_pdf_rule(row: Row, folder: Path, our_pdf: Path) -> None:
    path = row.build(folder, our_pdf)
    found = accessibility_findings(path)
    check = f"accessibility.{row.check}"
    assert (check in checks_of(found)) == row.flags, [(f.check, f.where) for f in found]
    for finding in found:
        assert finding.document == path.name
        assert finding.where and finding.location and finding.suggestion


def test_pdf_findings_say_where_for_people_and_tools(folder: Path, our_pdf: Path) -> None:
    found = accessibility_findings(pike(no_alt)(folder, our_pdf))
    figures = [f for f in found if f.check == "accessibility.pdf-figure-no-alt"]
    assert figures[0].where.startswith("the figure on page ")
    assert figures[0].location.endswith("/Figure[1]")
    assert figures[0].severity is Severity.ERROR
    tables = accessibility_findings(pike(th_to_td)(folder, our_pdf))
    assert any(f.where.startswith("the table on page ") for f in tables)


def test_pdf_fix_is_for_the_program_that_made_it(folder: Path, our_pdf: Path) -> None:
    typst_made = accessibility_findings(typst_file("plain2", TYPST_BASE)(folder, our_pdf))
    assert "In Typst" in next(f for f in typst_made if "title-not-shown" in f.check).suggestion
    scanned = accessibility_findings(scanned_page(folder))
    assert "Acrobat" in next(f for f in scanned if "untagged" in f.check).suggestion


@pytest.mark.parametrize(
    ("edit", "pdfua_rule"),
    [
        (untag, "UA-01-005"),
        (no_language, "UA-06-001"),
        (no_title, "UA-07-001"),
        (no_alt, "UA-13-004"),
        (th_to_td, "UA-15-003"),
    ],
)
def test_pdfua_agrees(
    edit: Callable[[pikepdf.Pdf], None], pdfua_rule: str, folder: Path, our_pdf: Path
) -> None:
    """The pdfua checker, an independent reader, finds the same failure in the edited copy
    and not in ours."""
    path = pike(edit)(folder, our_pdf)
    assert pdfua_rule in {f.rule_id for f in pdfua.validate(str(path)).findings}
    assert pdfua_rule not in {f.rule_id for f in pdfua.validate(str(our_pdf)).findings}
    assert any(f.severity is Severity.ERROR for f in accessibility_findings(path))


def test_our_pdf_and_html_pass(folder: Path, our_pdf: Path) -> None:
    page = folder / "ours.html"
    page.write_bytes(html_writer.write(every_block(), TemplateFolder()))
    for path in (our_pdf, page):
        found = accessibility_findings(path)
        assert not [f for f in found if f.severity is not Severity.SUGGESTION], found


def test_unreadable_pdf_is_bad_input(folder: Path) -> None:
    from summarygen.errors import RecordError

    path = folder / "broken.pdf"
    path.write_bytes(b"not a pdf at all")
    with pytest.raises(RecordError, match=r"broken\.pdf"):
        accessibility_findings(path)


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html{lang}><head><meta charset="utf-8">{title}</head>
<body><main>
{body}
</main></body></html>"""
GOOD_HEAD = dict(lang=' lang="en-GB"', title="<title>Fennimore Bright Academy</title>")
H1 = "<h1>Annual statement</h1>\n<p>Some text.</p>\n"


def page(body: str = "", **head: str) -> str:
    return PAGE.format(**{**GOOD_HEAD, **head}, body=H1 + body)


HTML_ROWS: list[tuple[str, str, bool, str]] = [
    ("html-no-lang", page(lang=""), True, "no lang"),
    ("html-no-lang", page(lang=' lang=" "'), True, "blank lang"),
    ("html-no-lang", page(), False, "lang en-GB"),
    ("html-no-title", page(title=""), True, "no title"),
    ("html-no-title", page(title="<title> </title>"), True, "empty title"),
    ("html-no-title", page(), False, "a title"),
    ("html-no-h1", PAGE.format(**GOOD_HEAD, body="<h2>Only a second level</h2>"), True, "h2 only"),
    (
        "html-no-h1",
        PAGE.format(**GOOD_HEAD, body="<h1 hidden>Hidden</h1><h2>B</h2>"),
        True,
        "h1 hidden",
    ),
    ("html-no-h1", page(), False, "an h1"),
    (
        "html-no-h1",
        PAGE.format(**GOOD_HEAD, body='<div role="heading" aria-level="1">T</div>'),
        False,
        "role=heading level 1",
    ),
    ("html-skipped-heading", page("<h3>Too deep</h3>"), True, "h1 then h3"),
    ("html-skipped-heading", page("<h2>A</h2><h4>Too deep</h4>"), True, "h2 then h4"),
    ("html-skipped-heading", page("<h2>A</h2><h3>B</h3><h2>C</h2>"), False, "h1 h2 h3 h2"),
    (
        "html-skipped-heading",
        page('<h2>A</h2><div style="display: none"><h4>x</h4></div>'),
        False,
        "hidden h4",
    ),
    ("html-img-no-alt", page('<img src="a.png">'), True, "img without alt"),
    (
        "html-img-no-alt",
        page('<figure><img src="a.png"><figcaption>A</figcaption></figure>'),
        True,
        "captioned img without alt",
    ),
    ("html-img-no-alt", page('<img src="a.png" alt="">'), False, "decorative alt=''"),
    ("html-img-no-alt", page('<img src="a.png" alt="A red square">'), False, "alt text"),
    ("html-img-no-alt", page('<img src="a.png" aria-label="A red square">'), False, "aria-label"),
    (
        "html-img-no-alt",
        page('<div aria-hidden="true"><img src="a.png"></div>'),
        False,
        "hidden img",
    ),
    ("html-table-no-th", page("<table><tr><td>a</td><td>b</td></tr></table>"), True, "td only"),
    (
        "html-table-no-th",
        page("<table><tr><td><table><tr><th>x</th></tr></table></td></tr></table>"),
        True,
        "th only in a nested table",
    ),
    (
        "html-table-no-th",
        page('<table><thead><tr><th scope="col">A</th></tr></thead><tr><td>1</td></tr></table>'),
        False,
        "th",
    ),
    (
        "html-table-no-th",
        page('<table role="presentation"><tr><td>a</td></tr></table>'),
        False,
        "layout table",
    ),
    ("html-link-no-text", page('<a href="/x"></a>'), True, "empty link"),
    ("html-link-no-text", page('<a href="/x"><img src="a.png"></a>'), True, "image link, no alt"),
    (
        "html-link-no-text",
        page('<a href="/x"><img src="a.png" alt=""></a>'),
        True,
        "image link, empty alt",
    ),
    (
        "html-link-no-text",
        page('<a href="/x"><span hidden>Home</span></a>'),
        True,
        "hidden text only",
    ),
    ("html-link-no-text", page('<a href="/x">Home</a>'), False, "text"),
    ("html-link-no-text", page('<a href="/x" aria-label="Home"></a>'), False, "aria-label"),
    (
        "html-link-no-text",
        page('<span id="n">Home</span><a href="/x" aria-labelledby="n"></a>'),
        False,
        "aria-labelledby",
    ),
    (
        "html-link-no-text",
        page('<a href="/x"><img src="a.png" alt="Home"></a>'),
        False,
        "image alt",
    ),
    ("html-link-no-text", page('<a name="anchor"></a>'), False, "an anchor, not a link"),
    ("html-field-no-label", page('<form><input type="text" name="q"></form>'), True, "input"),
    ("html-field-no-label", page("<select><option>a</option></select>"), True, "select"),
    ("html-field-no-label", page("<textarea></textarea>"), True, "textarea"),
    (
        "html-field-no-label",
        page('<label for="q">Search</label><input id="q">'),
        False,
        "label for",
    ),
    ("html-field-no-label", page("<label>Search <input></label>"), False, "wrapping label"),
    ("html-field-no-label", page('<input aria-label="Search">'), False, "aria-label"),
    (
        "html-field-no-label",
        page('<input type="hidden" name="t"><input type="submit" value="Go">'),
        False,
        "hidden and submit",
    ),
]


@pytest.mark.parametrize(
    ("check", "html", "flags", "name"),
    HTML_ROWS,
    ids=[f"{c}-{'flags' if f else 'passes'}-{n}" for c, _, f, n in HTML_ROWS],
)
def test_html_rule(check: str, html: str, flags: bool, name: str, folder: Path) -> None:
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    found = accessibility_findings(path)
    assert (f"accessibility.{check}" in checks_of(found)) == flags, [
        (f.check, f.where) for f in found
    ]
    for finding in found:
        assert finding.where and finding.location and finding.suggestion


def test_html_findings_say_where_for_people_and_tools(folder: Path) -> None:
    path = folder / "where.html"
    path.write_text(
        page(
            '<img src="a.png" alt=""><h2>Background</h2><p>x</p><img src="b.png" alt="B">'
            '<img src="c.png">'
        ),
        encoding="utf-8",
    )
    (finding,) = [f for f in accessibility_findings(path) if f.check.endswith("img-no-alt")]
    assert finding.where == "the 3rd image, under the heading 'Background'"
    assert finding.section == "Background"
    assert finding.location == "/html/body/main/img[3]"


# --- check on a hand-written file --------------------------------------------------------------


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def accessibility_checks(output: str) -> set[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            check = value.get("check")
            if isinstance(check, str) and check.startswith("accessibility."):
                found.add(check)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(output))
    return found


def test_check_a_pdf_with_an_accessibility_error_exits_1(folder: Path, our_pdf: Path) -> None:
    path = pike(no_language)(folder, our_pdf)
    result = run("check", path, "--audience", "professional", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "accessibility.pdf-no-language" in accessibility_checks(result.stdout)


def test_check_an_html_page_with_an_accessibility_error_exits_1(folder: Path) -> None:
    path = folder / "statement.html"
    path.write_text(
        page("<p>We are sorry. We will help you. You can talk to us.</p>", lang=""),
        encoding="utf-8",
    )
    result = run("check", path, "--audience", "general", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "accessibility.html-no-lang" in accessibility_checks(result.stdout)


def test_axe_without_axe_core_exits_2_saying_what_to_install(folder: Path) -> None:
    path = folder / "axe-missing.html"
    path.write_text(page("<p>We are sorry. We will help you.</p>"), encoding="utf-8")
    result = run(
        "check", path, "--audience", "general", "--axe",
        env={"SUMMARYGEN_AXE_CORE": str(folder / "no-such-axe.min.js")},
    )  # fmt: skip
    assert result.returncode == 2
    assert "axe-core" in result.stderr and "npm install axe-core" in result.stderr
    assert "Traceback" not in result.stderr


# --- client tests: LibreOffice's exports, the sample packs, axe-core -----------------------------

TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
PDF_UA = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'


def statement_docx(path: Path, *, accessible: bool) -> Path:
    """A short DOCX built with python-docx: a title, a heading, a picture and a table; with
    ``accessible``, the picture has alt text and the table a repeating header row."""
    picture = path.with_suffix(".png")
    Image.new("RGB", (40, 40), (30, 90, 200)).save(picture)
    document = docx.Document()
    document.core_properties.title = "Fennimore Bright Academy: statement"
    document.add_heading("Statement", 1)
    document.add_paragraph("Zebulon Quartermaine wrote this statement for the tests.")
    document.add_picture(str(picture))
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, (("Name", "Role"), ("Zebulon", "Chair")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    if accessible:
        for properties in document.element.body.iter(qn("wp:docPr")):
            properties.set("descr", "A blue square")
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.save(path)
    return path


def libreoffice_pdf(docx_path: Path, export: str, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarygen-soffice-profile-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", export, "--outdir", str(out), str(docx_path)],
            capture_output=True, timeout=180, check=True,
        )  # fmt: skip
    return out / f"{docx_path.stem}.pdf"


@pytest.mark.client
def test_libreoffice_exports(folder: Path) -> None:
    plain_docx = statement_docx(folder / "lo-plain.docx", accessible=False)
    good_docx = statement_docx(folder / "lo-good.docx", accessible=True)
    rows = [
        (plain_docx, "pdf", {"pdf-untagged"}, set()),
        (plain_docx, TAGGED, {"pdf-figure-no-alt", "pdf-table-no-header"}, {"pdf-untagged"}),
        (good_docx, TAGGED, set(), {"pdf-untagged", "pdf-figure-no-alt", "pdf-table-no-header"}),
        (good_docx, PDF_UA, set(), {"pdf-untagged", "pdf-no-pdfua-claim", "pdf-no-title"}),
    ]
    for number, (source, export, flagged, passed) in enumerate(rows):
        pdf = libreoffice_pdf(source, export, folder / f"lo-{number}")
        found = {f.check.removeprefix("accessibility.") for f in accessibility_findings(pdf)}
        assert flagged <= found, (export, source.name, found)
        assert not passed & found, (export, source.name, found)
        fixes = [f.suggestion for f in accessibility_findings(pdf)]
        assert all("LibreOffice" in fix for fix in fixes), fixes


@pytest.fixture(scope="module")
def both_packs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("packs")
    files: list[Path] = []
    for sample in SAMPLES:
        pack = build_pack(load_record(sample), out / sample.stem)
        files += [built.path for item in pack.documents for built in item.files]
    return files


@pytest.mark.client
def test_every_sample_pack_has_no_accessibility_errors(both_packs: list[Path]) -> None:
    assert len(both_packs) == 3 * len(SAMPLE_DOCUMENTS)  # every document in three formats
    errors = [
        (path.name, f.check, f.where)
        for path in both_packs
        for f in accessibility_findings(path)
        if f.severity is Severity.ERROR
    ]
    assert not errors, errors


needs_browser = pytest.mark.skipif(
    chromium_program() is None or axe_script() is None, reason="Chromium or axe-core missing"
)


@pytest.mark.client
@needs_browser
def test_axe_passes_our_page_and_flags_a_bad_one(both_packs: list[Path], folder: Path) -> None:
    ours_page = next(path for path in both_packs if path.name.endswith("-easy-read.html"))
    result = run("check", ours_page, "--audience", "easy-read", "--axe", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert not {c for c in accessibility_checks(result.stdout) if ".axe-" in c}, result.stdout

    bad = folder / "bad.html"
    bad.write_text(
        "<html><head></head><body><p>We are sorry. We will help you. You can talk to us.</p>"
        '<img src="a.png"><a href="/x"></a><input></body></html>',
        encoding="utf-8",
    )
    result = run("check", bad, "--audience", "general", "--axe", "--format", "json")
    assert result.returncode == 1, result.stderr
    found = accessibility_checks(result.stdout)
    assert {"accessibility.axe-image-alt", "accessibility.axe-html-has-lang"} <= found, found


def test_a_structure_tree_sharing_its_elements_is_read_once(folder: Path, our_pdf: Path) -> None:
    """A hostile tree: 60 levels of elements under an empty heading, each holding the next
    twice. Read naively, that is 2**60 visits; each element is looked into once."""

    def shared(pdf: pikepdf.Pdf) -> None:
        node = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Span, K=pikepdf.Array()))
        for _ in range(60):
            node = pdf.make_indirect(
                pikepdf.Dictionary(S=pikepdf.Name.Span, K=pikepdf.Array([node, node]))
            )
        elements(pdf, "/H2")[0].K = pikepdf.Array([node])

    found = accessibility_findings(edited(our_pdf, folder / "shared.pdf", shared))
    assert "accessibility.pdf-empty-heading" in checks_of(found)
