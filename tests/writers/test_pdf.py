"""The PDF writer, re-opened with pikepdf and with independent command-line tools.

Needs the command-line tools ``qpdf`` (apt package qpdf), ``pdftotext`` and ``pdfinfo``
(apt package poppler-utils), and ``pdfua`` (PyPI package pdfua) beside the Python running
the tests. A missing tool fails the test that needs it, rather than skipping it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from summarygen._templates import TemplateFolder
from summarygen.document import (
    Document,
    EasyReadRow,
    Figure,
    Heading,
    Paragraph,
    Run,
    Table,
)
from summarygen.errors import RenderError
from summarygen.writers.pdf import write
from tests.documents import every_block, meta, runs
from tests.pdf_tools import children, run, struct_elements, tags

FICTION_NOTICE = "Fiction: a made-up sample, not a real case"


# ---------------------------------------------------------------- helpers


def write_file(
    document: Document, folder: Path, templates: TemplateFolder | None = None, name: str = ""
) -> Path:
    path = folder / f"{name or document.meta.document}.pdf"
    path.write_bytes(write(document, templates or TemplateFolder()))
    return path


def page_texts(path: Path) -> list[str]:
    result = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\f")[:-1]


def printed(literal: str, text: str) -> bool:
    """Whether ``literal`` is in the extracted text, wherever the lines happened to break
    (at a space, or after a "/" where no space was)."""
    return literal in text.replace("\n", " ") or literal in text.replace("\n", "")


def tagged_text_sizes(pdf: pikepdf.Pdf) -> list[float]:
    """The font size of every piece of text that is content (not a page artifact)."""
    sizes: list[float] = []
    for page in pdf.pages:
        marked: list[str] = []
        for instruction in pikepdf.parse_content_stream(page):
            if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                continue  # an inline image
            operator, operands = str(instruction.operator), instruction.operands
            if operator in ("BDC", "BMC"):
                marked.append(str(operands[0]))
            elif operator == "EMC":
                marked.pop()
            elif operator == "Tf" and "/Artifact" not in marked:
                sizes.append(float(operands[1]))
    return sizes


def easy_read(document: Document) -> Document:
    return dataclasses.replace(
        document, meta=dataclasses.replace(document.meta, document="easy-read", label="Easy read")
    )


@pytest.fixture(scope="module")
def every_block_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_file(every_block(), tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def opened(every_block_pdf: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(every_block_pdf) as pdf:
        yield pdf


# ---------------------------------------------------------------- the document as a whole


def test_is_tagged_in_british_english_with_the_title_in_the_window_bar(opened: pikepdf.Pdf) -> None:
    document_meta = every_block().meta
    marked: object = opened.Root.MarkInfo.Marked
    assert marked is True
    assert str(opened.Root.Lang) == "en-GB"
    assert str(opened.docinfo.Title) == f"{document_meta.title} – {document_meta.label}"
    display_title: object = opened.Root.ViewerPreferences.DisplayDocTitle
    assert display_title is True
    assert str(opened.docinfo.Author) == document_meta.author
    assert str(opened.docinfo.Keywords) == "neglect, information sharing"


def test_declares_pdf_ua_1(opened: pikepdf.Pdf) -> None:
    with opened.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_pdfua_checker_finds_no_errors(every_block_pdf: Path) -> None:
    result = run(
        "pdfua", "check", str(every_block_pdf), "--certain-only", "--min-severity", "error"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout


def test_qpdf_finds_the_file_clean(every_block_pdf: Path) -> None:
    result = run("qpdf", "--check", str(every_block_pdf))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_uses_only_the_shipped_font(opened: pikepdf.Pdf) -> None:
    fonts = {
        str(font.BaseFont).split("+")[-1]
        for page in opened.pages
        for font in page.Resources.Font.values()
    }
    assert fonts and all(name.startswith("AtkinsonHyperlegible") for name in fonts), fonts


# ---------------------------------------------------------------- structure


def test_has_one_h1_the_cover_title_then_h2s(opened: pikepdf.Pdf) -> None:
    headings = [
        element for element in struct_elements(opened) if re.fullmatch(r"/H\d", str(element.S))
    ]
    levels = [int(str(element.S)[2:]) for element in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert str(headings[0].T) == every_block().meta.title
    assert levels.count(2) >= 1
    # every_block has headings at levels 1, 2, 2, 2, 3: shifted by one under the cover title.
    assert levels == [1, 2, 3, 3, 3, 4]


def test_heading_levels_never_skip(tmp_path: Path) -> None:
    document = Document(
        meta(),
        (
            Heading(2, runs("Top level of this document")),
            Heading(5, runs("Too deep")),
            Heading(6, runs("Deeper still")),
            Heading(2, runs("Back at the top")),
        ),
    )
    with pikepdf.open(write_file(document, tmp_path)) as pdf:
        levels = [tag for tag in tags(pdf) if re.fullmatch(r"/H\d", tag)]
    assert levels == ["/H1", "/H2", "/H3", "/H4", "/H2"]


def test_every_picture_is_a_figure_with_its_alt_text(opened: pikepdf.Pdf) -> None:
    expected = [
        block.alt for block in every_block().walk() if isinstance(block, EasyReadRow | Figure)
    ]
    figures = [element for element in struct_elements(opened) if element.S == "/Figure"]
    assert [str(figure.get("/Alt", "")) for figure in figures] == expected
    assert all(str(figure.Alt).strip() for figure in figures)


def test_tables_have_header_cells_and_a_caption(opened: pikepdf.Pdf) -> None:
    (table,) = [element for element in struct_elements(opened) if element.S == "/Table"]
    parts = [str(part.S) for part in children(table)]
    assert parts == ["/Caption", "/THead", "/TBody"]
    (head,) = [part for part in children(table) if part.S == "/THead"]
    (header_row,) = children(head)
    assert [str(cell.S) for cell in children(header_row)] == ["/TH"] * 3
    (body,) = [part for part in children(table) if part.S == "/TBody"]
    assert [[str(cell.S) for cell in children(row)] for row in children(body)] == [["/TD"] * 3] * 3


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    rows = tuple(
        (runs(f"R{number}"), runs("Police"), runs("Agree a protocol.")) for number in range(80)
    )
    table = Table(header=(runs("Reference"), runs("Agency"), runs("Action")), rows=rows)
    pages = page_texts(write_file(Document(meta(), (table,)), tmp_path))
    assert len(pages) >= 3
    for text in pages:
        assert "Reference" in text and "Agency" in text and "Action" in text


def test_a_document_with_a_six_column_table_is_landscape(tmp_path: Path) -> None:
    def page_shape(columns: int) -> tuple[float, float]:
        header = tuple(runs(f"Heading {number}") for number in range(columns))
        table = Table(header=header, rows=(header,))
        path = write_file(Document(meta(), (table,)), tmp_path, name=f"{columns}-columns")
        with pikepdf.open(path) as pdf:
            box = [float(value) for value in pdf.pages[0].MediaBox]
        return round(box[2] - box[0]), round(box[3] - box[1])

    a4_portrait = (595, 842)
    assert page_shape(5) == a4_portrait
    assert page_shape(6) == a4_portrait[::-1]


def test_lists_are_tagged_with_labels_and_bodies(opened: pikepdf.Pdf) -> None:
    lists = [element for element in struct_elements(opened) if element.S == "/L"]
    assert [len(children(each)) for each in lists] == [3, 2]
    for item in children(lists[0]) + children(lists[1]):
        assert [str(part.S) for part in children(item)] == ["/Lbl", "/LBody"]


def test_links_are_tagged_and_clickable(opened: pikepdf.Pdf) -> None:
    assert "/Link" in tags(opened)
    uris = [
        str(annotation.A.URI)
        for page in opened.pages
        for annotation in page.get("/Annots", [])
        if annotation.Subtype == "/Link"
    ]
    assert uris == ["https://www.childline.org.uk"]


def test_quote_is_a_block_quote(opened: pikepdf.Pdf) -> None:
    assert "/BlockQuote" in tags(opened)


# ---------------------------------------------------------------- the printed text


def test_text_prints_as_data_never_as_markup(every_block_pdf: Path, tmp_path: Path) -> None:
    text = "".join(page_texts(every_block_pdf))
    assert printed("# * $ [x] <script>alert(1)</script> &amp;", text)

    # The same text alone in its paragraphs, so no line break can hide a difference.
    awkward = [
        "<script>alert(1)</script>",
        "# * $ [x]",
        "#set text(red) *bold* _em_ $x^2$ @ref <label>",
    ]
    document = Document(meta(), tuple(Paragraph(runs(line)) for line in awkward))
    lines = "".join(page_texts(write_file(document, tmp_path))).splitlines()
    for line in awkward:
        assert line in lines


def test_status_keeps_its_words(every_block_pdf: Path) -> None:
    text = "".join(page_texts(every_block_pdf))
    for words in ("Green: on track", "Red: overdue", "Complete"):
        assert words in text


def test_every_page_says_page_n_of_m_and_that_it_is_fiction(every_block_pdf: Path) -> None:
    pages = page_texts(every_block_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert FICTION_NOTICE in text
        assert "Testshire Safeguarding Children Partnership · Overview report" in text


def test_header_and_footer_are_artifacts_not_content(every_block_pdf: Path) -> None:
    result = run("pdfinfo", "-struct-text", str(every_block_pdf))
    assert result.returncode == 0, result.stderr
    assert "Page 1 of" not in result.stdout
    assert result.stdout.count(FICTION_NOTICE) == 1  # the cover's notice only


def test_a_real_case_carries_no_fiction_notice(tmp_path: Path) -> None:
    document = Document(meta(fiction=False), (Paragraph(runs("A real review.")),))
    assert FICTION_NOTICE not in "".join(page_texts(write_file(document, tmp_path)))


def test_credits_are_printed_at_the_end(every_block_pdf: Path) -> None:
    pages = page_texts(every_block_pdf)
    assert "Pictures: OpenMoji, CC BY-SA 4.0." in pages[-1]


# ---------------------------------------------------------------- easy read


def test_easy_read_text_is_at_least_16pt(tmp_path: Path) -> None:
    with pikepdf.open(write_file(easy_read(every_block()), tmp_path)) as pdf:
        sizes = tagged_text_sizes(pdf)
    assert sizes and min(sizes) >= 16


def test_other_documents_have_smaller_body_text_but_16pt_easy_read_rows(tmp_path: Path) -> None:
    rows_only = Document(meta(), (EasyReadRow("help", "A raised hand", runs("You can ask.")),))
    paragraph_only = Document(meta(), (Paragraph(runs("A paragraph.")),))
    with pikepdf.open(write_file(rows_only, tmp_path, name="rows")) as pdf:
        row_sizes = tagged_text_sizes(pdf)
    with pikepdf.open(write_file(paragraph_only, tmp_path, name="paragraph")) as pdf:
        paragraph_sizes = tagged_text_sizes(pdf)
    assert 16 in row_sizes
    assert min(paragraph_sizes) < 16


# ---------------------------------------------------------------- pictures and errors


@pytest.mark.parametrize("alt", ["", "   "])
def test_a_picture_without_alt_text_is_refused(alt: str) -> None:
    document = Document(
        meta("easy-read"), (EasyReadRow("help", alt, runs("You can ask for help.")),)
    )
    with pytest.raises(RenderError, match=r"^easy-read: PDF: .*'help' has no alt text"):
        write(document, TemplateFolder())


def test_an_unknown_picture_is_refused_naming_the_document() -> None:
    document = Document(meta("easy-read"), (Figure("no-such-picture", "Nothing"),))
    with pytest.raises(RenderError, match=r"^easy-read: PDF: no picture named 'no-such-picture'"):
        write(document, TemplateFolder())


def test_a_broken_template_is_reported_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "document.typ").write_text("#let x = (\n", encoding="utf-8")
    document = Document(meta(), (Paragraph(runs("Text.")),))
    expected = (
        r"^overview: PDF: Typst could not compile: unclosed delimiter \(at document.typ:1:9\)$"
    )
    with pytest.raises(RenderError, match=expected):
        write(document, TemplateFolder(tmp_path))


def test_the_engine_itself_refuses_a_picture_without_alt_text(tmp_path: Path) -> None:
    """Even a template that forgets to check alt text cannot publish an image without it:
    the writer compiles to PDF/UA-1, and Typst enforces it."""
    (tmp_path / "document.typ").write_text(
        '#set document(title: "Careless template")\n'
        '#set text(lang: "en")\n'
        "#let data = json(bytes(sys.inputs.document))\n"
        '#image(data.pictures.home, alt: "")\n',
        encoding="utf-8",
    )
    document = Document(meta(), (Figure("home", "A house"),))
    with pytest.raises(RenderError, match=r"^overview: PDF: .*PDF/UA-1 error: missing alt text"):
        write(document, TemplateFolder(tmp_path))


def test_an_organisations_own_pictures_are_used(tmp_path: Path) -> None:
    shipped = TemplateFolder().picture("home").path
    (tmp_path / "pictures").mkdir()
    shutil.copyfile(shipped, tmp_path / "pictures" / "our-office.png")
    (tmp_path / "pictures" / "pictures.yaml").write_text(
        '"our-office":\n  file: "our-office.png"\n  alt: "Our office building"\n', encoding="utf-8"
    )
    document = Document(
        meta("easy-read"),
        (
            EasyReadRow("our-office", "Our office building", runs("Come and see us.")),
            EasyReadRow("help", "A raised hand", (Run("Ask for help."),)),
        ),
    )
    with pikepdf.open(write_file(document, tmp_path, TemplateFolder(tmp_path))) as pdf:
        alts = [str(element.Alt) for element in struct_elements(pdf) if element.S == "/Figure"]
    assert alts == ["Our office building", "A raised hand"]


# ---------------------------------------------------------------- reproducible builds


def test_source_date_epoch_dates_the_pdf_and_makes_it_reproducible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13:20 UTC
    first = write(every_block(), TemplateFolder())
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20231114221320Z"
    assert write(every_block(), TemplateFolder()) == first


def test_a_bad_source_date_epoch_is_refused_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last Tuesday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH must be a whole number of seconds"):
        write(every_block(), TemplateFolder())
