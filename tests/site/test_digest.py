"""`summarygen digest`: one document summarising the sample reviews, re-read with python-docx,
pikepdf and lxml; its themes counted across reviews."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pikepdf
from lxml import html

from summarygen.digest import Digest, compose_digest, recurring_themes
from summarygen.record import load_record

from ..conftest import ROOT, SAMPLES


def test_the_digest_is_written_in_three_formats(samples_digest: Digest) -> None:
    assert sorted(p.name for p in samples_digest.files) == [
        "case-reviews-digest.docx",
        "case-reviews-digest.html",
        "case-reviews-digest.pdf",
    ]
    assert sorted(p.name for p in samples_digest.folder.iterdir()) == sorted(
        [".summarygen-digest", *(p.name for p in samples_digest.files)]
    )


def test_each_review_has_its_key_facts_agencies_and_learning(samples_digest: Digest) -> None:
    word = docx.Document(str(samples_digest.folder / "case-reviews-digest.docx"))
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    for sample in SAMPLES:
        record = load_record(sample)
        assert ("Heading 1", record.review.title) in headings
    assert [text for style, text in headings if style == "Heading 2"].count("Key facts") == len(
        SAMPLES
    )
    assert ("Heading 1", "Themes across the reviews") in headings
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Child M: aged 15, boy. Harm: child criminal exploitation." in text
    assert "Westmere Police: Responded to missing reports" in text


def test_the_pdf_is_tagged_with_a_title_and_language(samples_digest: Digest) -> None:
    with pikepdf.open(samples_digest.folder / "case-reviews-digest.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert "case reviews" in str(pdf.docinfo.get("/Title", ""))


def test_the_html_has_one_h1_and_the_themes_table(samples_digest: Digest) -> None:
    page = html.parse(str(samples_digest.folder / "case-reviews-digest.html")).getroot()
    assert page.get("lang") == "en-GB"
    assert len(page.findall(".//h1")) == 1
    header = [th.text_content() for th in page.findall(".//table//th")]
    assert header[:3] == ["Theme", "Reviews", "Which reviews"]


def test_a_theme_is_counted_once_per_review_however_it_is_written() -> None:
    records = [load_record(sample) for sample in SAMPLES]
    themes = {theme.name.casefold(): theme for theme in recurring_themes(records)}
    shared = themes["information sharing"]
    # every sample has it; child-q as a finding's theme and as a keyword, counted once
    assert shared.count == 3
    assert len(shared.reviews) == 3
    once = [theme for theme in themes.values() if theme.count == 1]
    assert once and all(len(theme.reviews) == 1 for theme in once)
    counts = [theme.count for theme in recurring_themes(records)]
    assert counts == sorted(counts, reverse=True)


def test_record_text_stays_text_in_the_digest() -> None:
    loaded = load_record(ROOT / "samples" / "child-m.yaml")
    hostile = "**Bold** [link](https://example.org) <b>tag</b>"
    finding = loaded.findings[0].model_copy(update={"title": hostile})
    record = loaded.model_copy(update={"findings": [finding, *loaded.findings[1:]]})
    document = compose_digest([record])
    words = [
        run
        for block in document.walk()
        if block.kind == "list"
        for item in block.items  # type: ignore[union-attr]
        for run in item
    ]
    assert any(run.text == hostile for run in words)
    assert not any(run.link for run in words)


def test_the_command_makes_the_digest(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "digest", str(ROOT / "samples"), "-o",
         str(tmp_path / "digest"), "--formats", "html"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "digest" / "case-reviews-digest.html").is_file()
    assert "Wrote 1 files" in result.stdout or "Wrote 1 file" in result.stdout
