"""The HTML writer, re-read with lxml's HTML parser as a browser would see the structure."""

from __future__ import annotations

import itertools

import lxml.html

from summarygen._templates import TemplateFolder
from summarygen.document import Document, Paragraph
from summarygen.writers.html import write

from ..documents import every_block, meta, runs


def parse(document: Document) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(write(document, TemplateFolder()))


def test_page_has_language_title_landmarks_and_a_skip_link() -> None:
    page = parse(every_block())
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title") == (
        "Overview report: Local Child Safeguarding Practice Review: Child T"
    )
    assert len(page.findall(".//header")) == 1
    assert len(page.findall(".//main")) == 1
    assert len(page.findall(".//footer")) == 1
    skip = page.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#content"
    assert page.xpath("//main/@id") == ["content"]
    assert page.xpath("//meta[@name='viewport']")


def test_one_h1_and_no_skipped_heading_levels() -> None:
    page = parse(every_block())
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_every_image_has_alt_text_and_is_embedded() -> None:
    page = parse(every_block())
    images = page.findall(".//img")
    assert len(images) == 3
    assert [img.get("alt") for img in images] == ["A magnifying glass", "A raised hand", "A house"]
    assert all(img.get("src", "").startswith("data:image/png;base64,") for img in images)


def test_table_headers_have_scope_and_status_is_in_words() -> None:
    page = parse(every_block())
    headers = page.findall(".//th")
    assert [th.text_content() for th in headers] == ["Recommendation", "Agency", "Status"]
    assert {th.get("scope") for th in headers} == {"col"}
    statuses = page.xpath("//span[contains(@class, 'status')]")
    assert [s.text_content() for s in statuses] == ["Green: on track", "Red: overdue", "Complete"]


def test_record_text_is_text_never_markup() -> None:
    nasty = '<script>alert(1)</script> <img src=x onerror="x"> & "quotes"'
    page = parse(Document(meta(), (Paragraph(runs(nasty)),)))
    assert not page.findall(".//script")
    assert len(page.findall(".//img")) == 0
    assert nasty in page.text_content()


def test_fiction_notice_and_picture_credit_are_shown() -> None:
    text = parse(every_block()).text_content()
    assert "Fiction: a made-up sample, not a real case." in text
    assert "Pictures: OpenMoji, CC BY-SA 4.0." in text
