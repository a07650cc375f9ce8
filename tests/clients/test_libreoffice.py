"""LibreOffice opens every DOCX of both sample packs and keeps what a reader needs.

Every DOCX (and three broken copies) is converted to a tagged PDF in one ``soffice`` call;
LibreOffice's PDF is then read with poppler and pikepdf. What LibreOffice shows is what a
reader who opens the DOCX in LibreOffice gets, and close to what Word gets: the headings it
recognises as headings, the text in its order, the table cells, the pictures' alt text, the
language and about as many pages as our own PDF.

The broken copies (a picture without alt text, no language, a heading two levels down) show
that each check fails when it should.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from summarygen import Pack, TemplateFolder
from summarygen.pack import BuiltDocument

from ..conftest import SAMPLE_DOCUMENTS
from ..pdf_tools import run
from .libreoffice import (
    LibreOfficeFailed,
    alt_text_problems,
    convert_to_tagged_pdf,
    docx_with_skipped_heading_level,
    docx_without_alt_text,
    docx_without_default_language,
    figure_alt_texts,
    heading_levels,
    heading_levels_skip,
    language_problem,
    missing_texts,
    pdf_fonts,
    pdf_text_pages,
    picture_alt_texts,
    reading_order,
    reading_order_problems,
    table_cells,
)

pytestmark = pytest.mark.client

CASES = [(sample.stem, document) for sample, document in SAMPLE_DOCUMENTS]
IDS = [f"{sample}-{document}" for sample, document in CASES]

READING_ORDER_CASES = [pytest.param(*case, id=name) for case, name in zip(CASES, IDS, strict=True)]

DOCUMENT_FONT = "AtkinsonHyperlegible"
"""The font reference.docx names (tools/make_reference_docx.py), as PostScript names begin."""

PAGE_COUNT_FACTOR = 1.5
"""LibreOffice lays a DOCX out with its own fonts and rules; more pages than this many times
ours (or fewer) means something is lost or duplicated, not typography."""


@dataclass(frozen=True)
class BrokenDocx:
    without_alt_text: Path
    without_language: Path
    with_skipped_heading_level: Path

    def files(self) -> list[Path]:
        return [self.without_alt_text, self.without_language, self.with_skipped_heading_level]


@dataclass(frozen=True)
class Converted:
    pdf_of: dict[Path, Path]
    """LibreOffice's PDF of each DOCX."""
    broken: BrokenDocx


@pytest.fixture(scope="module")
def converted(sample_packs: dict[str, Pack], tmp_path_factory: pytest.TempPathFactory) -> Converted:
    folder = tmp_path_factory.mktemp("libreoffice")
    real = sample_packs["child-m"].folder
    broken = BrokenDocx(
        without_alt_text=docx_without_alt_text(
            real / "child-m-easy-read.docx", folder / "broken-without-alt-text.docx"
        ),
        without_language=docx_without_default_language(
            real / "child-m-overview.docx", folder / "broken-without-language.docx"
        ),
        with_skipped_heading_level=docx_with_skipped_heading_level(
            real / "child-m-overview.docx", folder / "broken-skipped-heading-level.docx"
        ),
    )
    docx_files = [
        path for pack in sample_packs.values() for path in sorted(pack.folder.glob("*.docx"))
    ]
    assert len(docx_files) == len(CASES)
    fonts = TemplateFolder().font_dirs()  # the fonts our PDF uses, whatever the machine has
    try:
        pdfs = convert_to_tagged_pdf(
            [*docx_files, *broken.files()], folder / "pdf", font_dirs=fonts
        )
    except LibreOfficeFailed as error:
        pytest.fail(str(error))
    return Converted(pdfs, broken)


def built(pack: Pack, document: str) -> BuiltDocument:
    return next(item for item in pack.documents if item.document.meta.document == document)


def libreoffice_pdf(converted: Converted, pack: Pack, document: str) -> Path:
    return converted.pdf_of[pack.folder / f"{pack.folder.name}-{document}.docx"]


def page_count(pdf: Path) -> int:
    info = run("pdfinfo", str(pdf))
    assert info.returncode == 0, info.stderr
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_converts_it_to_about_as_many_pages_as_our_pdf(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    ours = built(pack, document).pages
    theirs = page_count(libreoffice_pdf(converted, pack, document))
    assert ours is not None and ours > 0
    assert theirs <= ours * PAGE_COUNT_FACTOR and ours <= theirs * PAGE_COUNT_FACTOR, (
        f"LibreOffice: {theirs} pages, our PDF: {ours}"
    )


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_finds_the_document_font_and_no_other(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    fonts = pdf_fonts(libreoffice_pdf(converted, sample_packs[sample], document))
    assert fonts and all(font.startswith(DOCUMENT_FONT) for font in fonts), fonts


@pytest.mark.parametrize(("sample", "document"), READING_ORDER_CASES)
def test_libreoffice_shows_the_headings_and_text_in_the_document_order(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    expected = reading_order(built(pack, document).document)
    pages = pdf_text_pages(libreoffice_pdf(converted, pack, document))
    assert reading_order_problems(expected, pages) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_shows_every_table_cell(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    cells = table_cells(built(pack, document).document)
    pages = pdf_text_pages(libreoffice_pdf(converted, pack, document))
    assert missing_texts(cells, pages) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_tags_every_heading_with_no_level_skipped(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    levels = heading_levels(libreoffice_pdf(converted, pack, document))
    assert len(levels) == len(built(pack, document).document.headings())
    assert heading_levels_skip(levels) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_keeps_every_picture_alt_text(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    expected = picture_alt_texts(built(pack, document).document)
    found = figure_alt_texts(libreoffice_pdf(converted, pack, document))
    assert alt_text_problems(expected, found) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_libreoffice_reads_the_document_language(
    sample_packs: dict[str, Pack], converted: Converted, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    language = built(pack, document).document.meta.language
    assert language_problem(libreoffice_pdf(converted, pack, document), language) is None


# --- the checks fail on broken files ------------------------------------------------------------


def test_alt_text_check_reports_a_picture_without_alt_text(
    sample_packs: dict[str, Pack], converted: Converted
) -> None:
    expected = picture_alt_texts(built(sample_packs["child-m"], "easy-read").document)
    found = figure_alt_texts(converted.pdf_of[converted.broken.without_alt_text])
    problems = alt_text_problems(expected, found)
    assert len(problems) == 1 and problems[0].startswith("picture 1: alt text missing"), problems


def test_language_check_reports_a_docx_without_a_default_language(converted: Converted) -> None:
    problem = language_problem(converted.pdf_of[converted.broken.without_language], "en-GB")
    assert problem is not None and "not en-GB" in problem


def test_heading_check_reports_a_docx_heading_two_levels_below_the_one_before(
    converted: Converted,
) -> None:
    levels = heading_levels(converted.pdf_of[converted.broken.with_skipped_heading_level])
    assert heading_levels_skip(levels) == [(1, 4)]


def test_a_docx_libreoffice_cannot_open_fails_the_conversion_naming_it(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LibreOfficeFailed, match=r"did not convert damaged\.docx"):
        convert_to_tagged_pdf([damaged], tmp_path / "pdf")
