"""Our PDFs, read as poppler's tools read them: the text, the structure tree, the pages.

``pdftotext`` extracts the text as copy and paste, search and text-to-speech without tags
get it: the Document's running text must come out whole and in order. Tables are left to
the structure tree (``pdfinfo -struct-text``), which is what a screen reader walks:
``pdftotext`` regroups narrow table columns by its own layout rules. Every page must render
with ``pdftoppm`` and show something.

The pdfua and qpdf checks of the same files are in tests/test_pack_files.py; the broken
files here (no language, a heading retagged two levels down, a blank page, text moved or
missing) show that the checks fail when they should.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from summarygen import Pack
from summarygen.document import Callout, Document, Paragraph, plain_text
from summarygen.pack import BuiltDocument

from ..conftest import SAMPLE_DOCUMENTS
from ..documents import meta, runs
from ..pdf_tools import run
from .libreoffice import (
    StructureElement,
    TextLine,
    heading_levels,
    heading_levels_skip,
    is_blank,
    page_bodies,
    pdf_text_pages,
    pdf_with_blank_page,
    pdf_with_skipped_heading_level,
    pdf_without_language,
    reading_order,
    reading_order_problems,
    render_pages,
    structure_elements,
    structure_headings,
    table_cell_problems,
    table_cells,
    text_key,
)

pytestmark = pytest.mark.client

CASES = [(sample.stem, document) for sample, document in SAMPLE_DOCUMENTS]
IDS = [f"{sample}-{document}" for sample, document in CASES]


def built(pack: Pack, document: str) -> BuiltDocument:
    return next(item for item in pack.documents if item.document.meta.document == document)


def pdf_path(pack: Pack, document: str) -> Path:
    return pack.folder / f"{pack.folder.name}-{document}.pdf"


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_pdftotext_gives_the_running_text_whole_and_in_the_document_order(
    sample_packs: dict[str, Pack], sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    expected = reading_order(built(pack, document).document)
    assert reading_order_problems(expected, pdf_text_pages(pdf_path(pack, document))) == []


def titles_alone_at_a_page_foot(document: Document, pages: list[list[TextLine]]) -> list[str]:
    """The titles of boxes and notes that end a page while their text starts the next."""
    bodies = [text_key(body) for body in page_bodies(pages)]
    alone = []
    for block in document.walk():
        if not isinstance(block, Callout) or block.style == "quote" or not block.blocks:
            continue
        title = text_key(plain_text(block.title))
        first = next(iter(reading_order(Document(document.meta, block.blocks))), "")
        if not title or not text_key(first):
            continue
        together = title + text_key(first)[:12]
        if not any(together in body for body in bodies):
            alone.append(plain_text(block.title))
    return alone


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_no_box_title_is_left_alone_at_the_foot_of_a_page(
    sample_packs: dict[str, Pack], sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    pages = pdf_text_pages(pdf_path(pack, document))
    assert titles_alone_at_a_page_foot(built(pack, document).document, pages) == []


def test_a_title_alone_at_a_page_foot_is_reported() -> None:
    document = Document(
        meta(), (Callout("box", runs("Why it matters"), (Paragraph(runs("Neglect harms.")),)),)
    )
    apart = with_running_lines(page("Intro", "Why it matters"), page("Neglect harms."))
    together = with_running_lines(page("Intro"), page("Why it matters", "Neglect harms."))
    assert titles_alone_at_a_page_foot(document, apart) == ["Why it matters"]
    assert titles_alone_at_a_page_foot(document, together) == []


@pytest.fixture(scope="module")
def structure_of() -> Callable[[Path], list[StructureElement]]:
    """poppler's reading of a PDF's structure tree, read once per PDF (it takes up to 2 s)."""
    return functools.cache(structure_elements)


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_structure_tree_holds_every_table_cell_with_its_text(
    sample_packs: dict[str, Pack],
    structure_of: Callable[[Path], list[StructureElement]],
    sample: str,
    document: str,
) -> None:
    pack = sample_packs[sample]
    cells = table_cells(built(pack, document).document)
    assert table_cell_problems(cells, structure_of(pdf_path(pack, document))) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_structure_tree_headings_are_the_cover_title_and_the_document_headings(
    sample_packs: dict[str, Pack],
    structure_of: Callable[[Path], list[StructureElement]],
    sample: str,
    document: str,
) -> None:
    """What a screen reader lists as headings: none empty, none missing, no level skipped.

    (pdfua's own empty-heading rule, UA-14-001, does not run on these files: it stops with
    an error on a heading whose /K is an array, so this is the check that does.)"""
    pack = sample_packs[sample]
    source = built(pack, document).document
    expected = [source.meta.title, *(heading.text for heading in source.headings())]
    headings = structure_headings(structure_of(pdf_path(pack, document)))
    assert [text_key(text) for _, text in headings] == [text_key(text) for text in expected]
    assert heading_levels_skip([level for level, _ in headings]) == []


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_pdftoppm_renders_every_page_and_none_is_blank(
    sample_packs: dict[str, Pack], tmp_path: Path, sample: str, document: str
) -> None:
    pack = sample_packs[sample]
    pages = render_pages(pdf_path(pack, document), tmp_path)
    assert len(pages) == built(pack, document).pages
    assert [page.name for page in pages if is_blank(page)] == []


# --- the checks fail on broken files ------------------------------------------------------------


@pytest.fixture(scope="module")
def real_pdf(sample_packs: dict[str, Pack]) -> Path:
    return pdf_path(sample_packs["child-m"], "executive-summary")


def test_pdfua_check_fails_a_pdf_without_a_language(real_pdf: Path, tmp_path: Path) -> None:
    broken = pdf_without_language(real_pdf, tmp_path / "without-language.pdf")
    checked = run("pdfua", "check", str(broken), "--certain-only", "--min-severity", "error")
    assert checked.returncode != 0
    assert "UA-06-001" in checked.stdout, checked.stdout


def test_heading_check_reports_a_pdf_heading_retagged_two_levels_down(
    real_pdf: Path, tmp_path: Path
) -> None:
    assert heading_levels_skip(heading_levels(real_pdf)) == []
    broken = pdf_with_skipped_heading_level(real_pdf, tmp_path / "skipped-heading-level.pdf")
    assert heading_levels_skip(heading_levels(broken)) == [(1, 4)]


def test_blank_page_check_reports_a_blank_page(real_pdf: Path, tmp_path: Path) -> None:
    broken = pdf_with_blank_page(real_pdf, tmp_path / "with-blank-page.pdf")
    pages = render_pages(broken, tmp_path / "pages")
    assert [is_blank(page) for page in pages] == [False] * (len(pages) - 1) + [True]


def test_reading_order_check_reports_missing_and_misplaced_text(
    sample_packs: dict[str, Pack], real_pdf: Path
) -> None:
    texts = reading_order(built(sample_packs["child-m"], "executive-summary").document)
    pages = pdf_text_pages(real_pdf)
    invented = "A paragraph that the PDF does not have."
    with_invented = [*texts[:5], invented, *texts[5:]]
    swapped = [*texts[:5], texts[6], texts[5], *texts[7:]]
    missing_problems = reading_order_problems(with_invented, pages)
    swapped_problems = reading_order_problems(swapped, pages)
    assert len(missing_problems) == 1 and missing_problems[0].endswith(f"anywhere: {invented!r}")
    assert len(swapped_problems) == 1 and "before where it belongs" in swapped_problems[0]


def test_table_cell_check_reports_a_changed_cell(
    sample_packs: dict[str, Pack], structure_of: Callable[[Path], list[StructureElement]]
) -> None:
    pack = sample_packs["child-m"]
    cells = table_cells(built(pack, "action-plan").document)
    changed = [*cells[:7], "A cell that the PDF does not have", *cells[8:]]
    elements = structure_of(pdf_path(pack, "action-plan"))
    assert len(table_cell_problems(changed, elements)) == 1
    assert len(table_cell_problems(cells[:-1], elements)) == 1


# --- the text comparison itself -----------------------------------------------------------------


def page(*lines: str) -> list[TextLine]:
    return [TextLine(text, top=100 + 20 * number) for number, text in enumerate(lines)]


def with_running_lines(*pages: list[TextLine]) -> list[list[TextLine]]:
    """The pages with a header and a numbered footer, at the same place on each."""
    return [
        [TextLine("Partnership · Report", 20), *lines, TextLine(f"Page {n} of {len(pages)}", 800)]
        for n, lines in enumerate(pages, start=1)
    ]


def test_a_paragraph_broken_by_a_page_break_and_hyphenated_still_reads_whole() -> None:
    pages = with_running_lines(
        page("Heading", "The first words of a para-"), page("graph that runs on.", "Next")
    )
    texts = ["Heading", "The first words of a paragraph that runs on.", "Next"]
    assert reading_order_problems(texts, pages) == []


def test_text_split_far_from_a_page_break_does_not_read_whole() -> None:
    filler = [f"Filler line {number} with some words in it." for number in range(60)]
    pages = with_running_lines(page("Heading", "The first words", *filler), page("of it", "End"))
    problems = reading_order_problems(["Heading", "The first words of it", "End"], pages)
    assert len(problems) == 1 and "anywhere" in problems[0]


@pytest.mark.parametrize(
    ("levels", "skips"),
    [
        ([1, 2, 3, 2, 3, 1, 2], []),
        ([1, 1, 1], []),
        ([], []),
        ([1, 3], [(1, 3)]),
        ([2, 3], [(0, 2)]),
        ([1, 2, 4, 2, 5], [(2, 4), (2, 5)]),
    ],
)
def test_heading_levels_skip(levels: list[int], skips: list[tuple[int, int]]) -> None:
    assert heading_levels_skip(levels) == skips
