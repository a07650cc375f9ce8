"""Composition: record → Markdown → Document, with record text kept literal."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from summarygen import TemplateError, load_record
from summarygen._templates import TemplateFolder
from summarygen.composer import compose, escape_markdown
from summarygen.document import EasyReadRow, Heading, ListBlock, Paragraph, Table
from summarygen.readers.markdown import read_markdown

from .conftest import MINIMAL, SAMPLE_DOCUMENTS


def no_pictures(name: str) -> str:
    raise AssertionError(name)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "*not emphasis* and _not_ either",
        "<script>alert(1)</script> & &amp; <b>bold</b>",
        "[not a link](https://example.org) ![no image](home)",
        "| not | a table |",
        "1. not a list",
        "- not a list",
        "::: box 1 not a box",
        "back\\slash `code` $maths$ {.status-red} ~~strike~~",
        "A line\nbroken in two",
    ],
)
def test_escaped_record_text_reads_back_exactly(text: str) -> None:
    blocks = read_markdown(escape_markdown(text), no_pictures)
    assert len(blocks) == 1
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text == " ".join(text.split())


def test_reader_builds_every_block_kind() -> None:
    markdown = """\
# Title

Para with **strong**, *emphasis*, [a link](https://example.org) and [Red: late]{.status-red}.

- one
- two

3. three
4. four

| A | B |
|---|---|
| 1 | 2 |

::: box 2 Why it matters
Inside.
:::

::: point home
One sentence.
:::
"""
    blocks = read_markdown(markdown, lambda name: f"alt for {name}")
    kinds = [block.kind for block in blocks]
    assert kinds == ["heading", "paragraph", "list", "list", "table", "callout", "easy-read-row"]
    paragraph = blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert [(r.text, r.strong, r.emphasis, r.link, r.status) for r in paragraph.runs] == [
        ("Para with ", False, False, None, None),
        ("strong", True, False, None, None),
        (", ", False, False, None, None),
        ("emphasis", False, True, None, None),
        (", ", False, False, None, None),
        ("a link", False, False, "https://example.org", None),
        (" and ", False, False, None, None),
        ("Red: late", False, False, None, "red"),
        (".", False, False, None, None),
    ]
    ordered = blocks[3]
    assert isinstance(ordered, ListBlock) and ordered.ordered and ordered.start == 3
    table = blocks[4]
    assert isinstance(table, Table) and len(table.header) == 2 and len(table.rows) == 1
    row = blocks[6]
    assert (
        isinstance(row, EasyReadRow) and row.alt == "alt for home" and row.text == "One sentence."
    )


def test_raw_html_in_a_template_is_text_not_markup() -> None:
    (block,) = read_markdown("<div onclick='x'>hi</div>\n", no_pictures)
    assert isinstance(block, Paragraph)
    assert block.text == "<div onclick='x'>hi</div>"


@pytest.mark.parametrize(
    ("sample", "document"),
    SAMPLE_DOCUMENTS,
    ids=[f"{sample.stem}-{document}" for sample, document in SAMPLE_DOCUMENTS],
)
def test_every_document_of_every_sample_composes_with_ordered_headings(
    sample: Path, document: str
) -> None:
    doc = compose(load_record(sample), document)
    assert doc.meta.document == document
    assert doc.blocks, "a document with nothing in it"
    levels = [h.level for h in doc.headings()]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    for block in doc.walk():
        if isinstance(block, EasyReadRow):
            assert block.alt


def test_register_fallback_is_a_visible_notice(write) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace(
        "    title: Information was not shared\n",
        "    title:\n      professional: Information was not shared between agencies\n",
    )
    doc = compose(load_record(write(text)), "children")
    assert doc.notices == (
        "children: 1 text has no child wording, so the professional wording was used "
        '(first: "Information was not shared between agencies…")',
    )
    assert any(h.text == "Information was not shared between agencies" for h in doc.headings())


def test_organisation_templates_override_the_shipped_ones(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = tmp_path / "our-templates"
    ours.mkdir()
    (ours / "press-statement.md.j2").write_text("# Our statement\n\n{{ r.title }}\n")
    record = load_record(write(MINIMAL))
    doc = compose(record, "press-statement", TemplateFolder(ours))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "Our statement"
    assert compose(record, "overview", TemplateFolder(ours)).headings()[0].text == "Introduction"


def test_template_cannot_reach_python_internals(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = tmp_path / "evil"
    ours.mkdir()
    (ours / "overview.md.j2").write_text("{{ r.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError, match="overview"):
        compose(load_record(write(MINIMAL)), "overview", TemplateFolder(ours))


def test_template_syntax_error_names_document_and_line(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = tmp_path / "broken"
    ours.mkdir()
    (ours / "overview.md.j2").write_text("# Fine\n\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"overview: template .*overview.md.j2, line 3"):
        compose(load_record(write(MINIMAL)), "overview", TemplateFolder(ours))


def test_container_titles_are_unescaped_like_other_text() -> None:
    (quote,) = read_markdown(
        f"::: quote {escape_markdown('Dr Vale, Chair (Westmere)')}\nWords.\n:::\n", no_pictures
    )
    assert quote.kind == "callout"
    assert [run.text for run in quote.title] == ["Dr Vale, Chair (Westmere)"]
