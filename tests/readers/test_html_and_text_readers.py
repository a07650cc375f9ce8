"""The HTML, Markdown and plain text readers."""

from __future__ import annotations

import pytest

from summarygen.checks.readability import measure
from summarygen.document import Block, Heading, ListBlock, Paragraph, Table
from summarygen.readers.html import read_html
from summarygen.readers.text import read_markdown_text, read_plain_text


def units(blocks: list[Block]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            found.append((block.kind, block.text))
        elif isinstance(block, ListBlock):
            found.extend(("item", "".join(r.text for r in item)) for item in block.items)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                found.extend(("cell", "".join(r.text for r in cell)) for cell in row)
    return found


def html(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # <br> inside a paragraph is a space, not the end of a unit or a glued word
        ("<p>Child M lived with his mum<br>and his sister.</p>",
         [("paragraph", "Child M lived with his mum and his sister.")]),
        # hidden elements are not read, however they are hidden
        ("<p>Seen.</p><p hidden>Hidden.</p><p aria-hidden='true'>Also hidden.</p>"
         "<div style='color: red; display:none'>Not shown.</div>",
         [("paragraph", "Seen.")]),
        # our boilerplate mark
        ("<div class='cover' data-boilerplate><h1>Local Child Safeguarding Practice Review</h1>"
         "</div><h2>Why we wrote this</h2><p>To learn.</p>",
         [("heading", "Why we wrote this"), ("paragraph", "To learn.")]),
        # block elements are units, inline ones are not; text of its own in a div is one too
        ("<div>A note<p>First <em>point</em>.</p>after it</div><ul><li>one</li><li>two</li></ul>",
         [("paragraph", "A note"), ("paragraph", "First point."), ("paragraph", "after it"),
          ("item", "one"), ("item", "two")]),
        # table cells
        ("<table><tr><th>Agency</th><th>Due</th></tr><tr><td>Police</td><td>May</td></tr></table>",
         [("cell", "Agency"), ("cell", "Due"), ("cell", "Police"), ("cell", "May")]),
        # main is read when there is one: the site's header and footer are not
        ("<header><p>Site name</p></header><main><p>The text.</p></main><footer>Footer</footer>",
         [("paragraph", "The text.")]),
    ],
)  # fmt: skip
def test_html(body: str, expected: list[tuple[str, str]]) -> None:
    assert units(read_html(html(body))) == expected


def test_markdown_is_read_with_markdown_it() -> None:
    text = (
        "# Statement\n\nThe partnership *welcomes* the review\nand its findings.\n\n"
        "- Agencies did not share\n  - Nested item\n- Child M was not asked\n\n"
        "1. First\n2. Second\n\n> A quoted paragraph.\n\n```\ncode is not prose\n```\n\n"
        "| Agency | Due |\n|---|---|\n| Police | May |\n"
    )
    assert units(read_markdown_text(text)) == [
        ("heading", "Statement"),
        ("paragraph", "The partnership welcomes the review and its findings."),
        ("item", "Agencies did not share"),
        ("item", "Nested item"),
        ("item", "Child M was not asked"),
        ("item", "First"),
        ("item", "Second"),
        ("paragraph", "A quoted paragraph."),
        ("cell", "Agency"),
        ("cell", "Due"),
        ("cell", "Police"),
        ("cell", "May"),
    ]


def test_plain_text_paragraphs_bullets_and_broken_words() -> None:
    text = (
        "The review found that safe-\nguarding partners did not meet.\nThe well-\nbeing of "
        "the child was not the focus of multi-\nagency meetings.\n\n"
        "• Agencies did not share\n- Child M was not asked\n  about her wishes\n"
        "\uf0b7 The plan changed\n"
    )
    assert units(read_plain_text(text)) == [
        (
            "paragraph",
            "The review found that safeguarding partners did not meet. The well-being of "
            "the child was not the focus of multi-agency meetings.",
        ),
        ("item", "Agencies did not share"),
        ("item", "Child M was not asked about her wishes"),
        ("item", "The plan changed"),
    ]


def test_a_soft_hyphen_joins_and_is_measured_as_the_whole_word() -> None:
    broken = read_plain_text("The inter\u00ad\nnational review.")
    assert units(broken) == [("paragraph", "The international review.")]
    assert measure([units(broken)[0][1]]) == measure(["The international review."])


def test_markdown_containers_and_spans_are_read_as_their_text() -> None:
    text = "::: note Contact\nCall us on Monday.\n:::\n\nStatus: [Green: on track]{.status-green}\n"
    assert units(read_markdown_text(text)) == [
        ("paragraph", "Call us on Monday."),
        ("paragraph", "Status: Green: on track"),
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # saved by an editor with no charset declared: UTF-8, as every editor writes today
        ("<p>She said “I was scared.” It’s over.</p>".encode(),
         "She said “I was scared.” It’s over."),
        # UTF-8 with a byte order mark
        ("\ufeff<p>Café “one”.</p>".encode(), "Café “one”."),
        # a declared legacy charset is honoured
        (b"<html><head><meta charset='windows-1252'></head><body><p>\x93Quoted\x94 text.</p>"
         b"</body></html>", "“Quoted” text."),
        # bytes that are not UTF-8 and no declaration: read as Windows-1252, as browsers do
        (b"<p>\x93Quoted\x94 text.</p>", "“Quoted” text."),
    ],
)  # fmt: skip
def test_html_encoding(page: bytes, expected: str) -> None:
    assert units(read_html(page)) == [("paragraph", expected)]
