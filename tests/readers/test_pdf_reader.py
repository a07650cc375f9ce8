"""The PDF reader: a tagged PDF by its structure tree, an untagged one by its layout."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from summarygen.checks.readability import measure
from summarygen.document import Heading, ListBlock, Paragraph
from summarygen.readers.docx import read_docx
from summarygen.readers.pdf import read_pdf
from summarygen.readers.text import read_plain_text

from .pdfs import libreoffice_pdf, typst_pdf, untagged

PAGES = """\
#set page(width: 11cm, height: 9cm, margin: 1.2cm,
  header: [Northbury Safeguarding Partnership · Overview report],
  footer: context [Page #counter(page).display() of #counter(page).final().first()])
#set text(lang: "en", region: "gb", hyphenate: true)
#set par(justify: true)
= What the review found
{paragraph}

- Agencies did not share what they knew
- Child M was not asked about her wishes
- The plan was changed without a meeting

#pagebreak()
= What happens next
The partnership has agreed an action plan. It will report on it in a year.
"""

JUSTIFIED = (
    "Practitioners across the partnership recognised that communication between "
    "organisations was inconsistent, and that information-sharing arrangements were "
    "misunderstood by professionals responsible for safeguarding. Nevertheless, "
    "opportunities for multi-agency intervention were repeatedly overlooked, "
    "notwithstanding considerable institutional commitment to well-being."
)

EXPECTED = [
    ("heading", "What the review found"),
    ("paragraph", JUSTIFIED),
    ("item", "Agencies did not share what they knew"),
    ("item", "Child M was not asked about her wishes"),
    ("item", "The plan was changed without a meeting"),
    ("heading", "What happens next"),
    ("paragraph", "The partnership has agreed an action plan. It will report on it in a year."),
]


def kinds_and_texts(blocks: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    found: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Heading):
            found.append(("heading", block.text))
        elif isinstance(block, Paragraph):
            found.append(("paragraph", block.text))
        elif isinstance(block, ListBlock):
            found.extend(("item", "".join(r.text for r in item)) for item in block.items)
    return found


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return typst_pdf(PAGES.format(paragraph=JUSTIFIED), tmp_path_factory.mktemp("typst"))


def test_the_justified_paragraph_is_hyphenated_on_the_page(tagged: bytes) -> None:
    """The case is real only if Typst broke words at line ends: PDFium marks each one."""
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(tagged)[0].get_textpage().get_text_range()
    assert "\ufffe" in text


@pytest.mark.parametrize("tags", ["tagged", "untagged"])
def test_units_are_read_without_running_header_footer_or_bullets(tagged: bytes, tags: str) -> None:
    data = tagged if tags == "tagged" else untagged(tagged)
    assert kinds_and_texts(read_pdf(data)) == EXPECTED


@pytest.mark.parametrize("tags", ["tagged", "untagged"])
def test_a_justified_hyphenated_paragraph_measures_as_typed_in_a_txt(
    tagged: bytes, tags: str
) -> None:
    data = tagged if tags == "tagged" else untagged(tagged)
    paragraph = next(b for b in read_pdf(data) if isinstance(b, Paragraph))
    typed = read_plain_text(JUSTIFIED + "\n")
    assert measure([paragraph.text]) == measure([typed[0].text])  # type: ignore[union-attr]


def test_a_paragraph_runs_on_over_a_page_break_in_an_untagged_pdf(tmp_path: Path) -> None:
    source = (
        "#set page(width: 10cm, height: 4.2cm, margin: 1cm)\n"
        "Children who go missing from home are at risk of harm, and every return home "
        "interview should ask what happened while they were away and who they were with, "
        "so that the next time they go missing the people who look for them know where "
        "to start.\n\nA new paragraph.\n"
    )
    blocks = read_pdf(untagged(typst_pdf(source, tmp_path)))
    assert [kind for kind, _ in kinds_and_texts(blocks)] == ["paragraph", "paragraph"]


def test_a_pdf_with_no_text_has_no_blocks(tmp_path: Path) -> None:
    data = typst_pdf("#set page(width: 5cm, height: 5cm)\n#rect(width: 2cm)\n", tmp_path)
    assert read_pdf(data) == []
    assert read_pdf(untagged(data)) == []


def _bullets_docx(path: Path) -> Path:
    """The field case kind: bullets without full stops, LibreOffice's U+F0B7 in its PDF."""
    word = docx.Document()
    word.add_heading("What the review found", level=1)
    word.add_paragraph("The review found five things that went wrong.")
    for item in (
        "Agencies did not share what they knew",
        "Child M was not asked about her wishes",
        "The plan was changed without a meeting",
        "Nobody checked that the family understood",
        "School staff did not know who to call",
    ):
        word.add_paragraph(item, style="List Bullet")
    word.add_heading("What happens next", level=1)
    word.add_paragraph("The partnership has agreed an action plan.")
    word.save(str(path))
    return path


@pytest.mark.client
@pytest.mark.parametrize("tagged_export", [False, True], ids=["untagged", "tagged"])
def test_libreoffice_pdf_of_bullets_without_stops_reads_as_its_docx(
    tmp_path: Path, tagged_export: bool
) -> None:
    source = _bullets_docx(tmp_path / "bullets.docx")
    from_docx = read_docx(source.read_bytes())
    from_pdf = read_pdf(libreoffice_pdf(source, tagged=tagged_export))
    assert kinds_and_texts(from_pdf) == kinds_and_texts(from_docx)
    texts = [text for _, text in kinds_and_texts(from_pdf)]
    assert measure(texts).sentences == 9



def test_a_bold_heading_in_body_size_is_its_own_unit_in_an_untagged_pdf(tmp_path: Path) -> None:
    source = (
        "#set page(width: 12cm, height: 6cm, margin: 1cm)\n"
        "#set par(spacing: 0.65em)\n"
        "*What happens next*\n\n"
        "The partnership has agreed an action plan. It will report on it in a year.\n"
    )
    blocks = read_pdf(untagged(typst_pdf(source, tmp_path)))
    assert kinds_and_texts(blocks) == [
        ("heading", "What happens next"),
        ("paragraph", "The partnership has agreed an action plan. It will report on it in a year."),
    ]


def test_a_body_line_at_the_same_place_on_every_page_is_read(tmp_path: Path) -> None:
    """Only lines at the top or bottom of a page, with nothing but other running lines
    between them and the edge, are running headers and footers. A body line that happens
    to stand at the same place on most pages, differing only in its numbers ("by week 3",
    "by week 4"), is text: it was dropped once."""
    pages = "\n#pagebreak()\n".join(
        f"= {heading}\n{opening}\n\nIt had to happen by week {n}.\n\n{closing}"
        for n, heading, opening, closing in (
            (3, "Who was involved", "Four agencies knew the family.", "The GP saw her twice."),
            (4, "What went wrong", "Nobody asked Child M.", "Her school did not know."),
            (5, "What will change", "Schools will share worries.", "The board will check."),
        )
    )
    source = (
        "#set page(width: 11cm, height: 9cm, margin: 1.2cm,\n"
        "  header: [Northbury Safeguarding Partnership],\n"
        "  footer: context [Page #counter(page).display()])\n"
        '#set text(lang: "en", region: "gb")\n' + pages
    )
    read = [text for _, text in kinds_and_texts(read_pdf(untagged(typst_pdf(source, tmp_path))))]
    assert [text for text in read if "by week" in text] == [
        "It had to happen by week 3.",
        "It had to happen by week 4.",
        "It had to happen by week 5.",
    ]
    assert not any("Northbury" in text or "Page" in text for text in read)
