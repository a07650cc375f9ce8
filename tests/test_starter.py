"""The first run: `new` writes a starter whose documents pass their own checks; `validate`
lists the placeholders still in it; `build` publishes it only as a draft, and a draft says so
on every page and in every file (re-opened with python-docx, pikepdf, pdftotext and lxml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import lxml.html
import pikepdf
import pytest

from summarygen._resources import templates_dir
from summarygen.record.placeholders import placeholder_texts
from summarygen.record.yaml_source import parse

from .conftest import MINIMAL
from .pdf_tools import run as run_tool
from .test_cli import run

DRAFT_DOCUMENTS = "overview,easy-read"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("first-run") / "reviews" / "child-q.yaml"
    result = run("new", target)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def draft_pack(starter: Path) -> Path:
    out = starter.parent / "pack"
    result = run("build", starter, "-o", out, "--draft", "--documents", DRAFT_DOCUMENTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "draft" in result.stdout
    return out / "child-q"


def test_new_then_check_exits_0_with_no_errors(starter: Path) -> None:
    result = run("check", starter, "--format", "json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0


def test_validate_lists_every_placeholder_of_the_starter_and_exits_1(starter: Path) -> None:
    result = run("validate", starter)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{starter}:")]
    shown = {re.search(r'placeholder "(.*)"$', line).group(1) for line in lines}  # type: ignore[union-attr]
    assert shown == set(placeholder_texts())
    text = starter.read_text(encoding="utf-8").splitlines()
    for line in lines:
        # file:line:column: field: message, and the line and column point at the text
        _, number, column, rest = line.split(":", 3)
        placeholder = re.search(r'"(.*)"$', rest).group(1)  # type: ignore[union-attr]
        assert text[int(number) - 1][int(column) - 1 :].startswith(placeholder), line
    assert (
        "review.reviewers[0].name: still holds the starter's placeholder \"Name of the "
        'independent reviewer"' in result.stderr
    )
    assert "--draft" in result.stderr
    assert "✓" not in result.stdout


def test_every_placeholder_listed_is_in_the_starter_and_every_starter_text_is_judged() -> None:
    """The rules file and the starter stay in step: each placeholder is in the starter; each
    starter text that is not one is a real value a record may keep (a role, a pseudonym)."""
    source = parse((templates_dir() / "starter.yaml").read_text(encoding="utf-8"))
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            texts.append(" ".join(value.split()))

    walk(source.data)
    assert placeholder_texts() <= set(texts)


def test_a_filled_in_record_has_no_placeholders(tmp_path: Path) -> None:
    record = tmp_path / "child-t.yaml"
    record.write_text(MINIMAL, encoding="utf-8")
    result = run("validate", record)
    assert result.returncode == 0, result.stderr
    assert "placeholder" not in result.stderr


def test_a_placeholder_pasted_into_another_record_is_found(tmp_path: Path) -> None:
    record = tmp_path / "child-t.yaml"
    record.write_text(
        MINIMAL.replace(
            "summary: A referral was made.", "summary: What happened in  this episode."
        ),
        encoding="utf-8",
    )
    result = run("validate", record)
    assert result.returncode == 1
    assert f"{record}:29:14: episodes[0].summary: still holds the starter's placeholder" in (
        result.stderr
    )


def test_build_refuses_a_record_with_placeholders_and_writes_nothing(starter: Path) -> None:
    out = starter.parent / "refused"
    result = run("build", starter, "-o", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Name of the independent reviewer" in result.stderr
    assert "--draft" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_draft_docx_says_draft_in_every_header_and_its_title(draft_pack: Path) -> None:
    for path in sorted(draft_pack.glob("*.docx")):
        word = docx.Document(str(path))
        assert word.core_properties.title.startswith("DRAFT: "), path
        for section in word.sections:
            headers = [section.header]
            if section.different_first_page_header_footer:
                headers.append(section.first_page_header)
            for header in headers:
                assert "DRAFT" in "\n".join(p.text for p in header.paragraphs), path


def test_a_draft_pdf_says_draft_on_every_page_and_in_its_title(draft_pack: Path) -> None:
    pdfs = sorted(draft_pack.glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo.Title).startswith("DRAFT: "), path
            pages = len(pdf.pages)
        for page in range(1, pages + 1):
            text = run_tool("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
            assert "DRAFT" in text.stdout, f"{path} page {page}"


def test_a_draft_pdf_stays_pdf_ua(draft_pack: Path) -> None:
    for path in sorted(draft_pack.glob("*.pdf")):
        result = run_tool("pdfua", "check", str(path), "--certain-only", "--min-severity", "error")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "PASS" in result.stdout


def test_a_draft_page_has_a_visible_banner_and_says_draft_in_its_title(draft_pack: Path) -> None:
    for path in sorted(draft_pack.glob("*-overview.html")) + sorted(
        draft_pack.glob("*-easy-read.html")
    ):
        page = lxml.html.fromstring(path.read_bytes())
        assert page.findtext(".//title").startswith("DRAFT: "), path
        banner = page.xpath("//body//*[contains(@class, 'draft')]")
        assert banner and "DRAFT" in banner[0].text_content(), path


def test_the_draft_packs_reports_say_it_is_a_draft(draft_pack: Path) -> None:
    data = json.loads((draft_pack / "child-q-check-report.json").read_text(encoding="utf-8"))
    assert data["draft"] is True
    page = lxml.html.fromstring((draft_pack / "child-q-check-report.html").read_bytes())
    assert "DRAFT" in page.text_content()


def test_draft_is_allowed_on_a_finished_record(tmp_path: Path) -> None:
    record = tmp_path / "child-t.yaml"
    record.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "pack"
    result = run(
        "build", record, "-o", out, "--draft", "--documents", "press-statement", "--formats", "html"
    )
    assert result.returncode in (0, 1), result.stderr
    page = (out / "child-t" / "child-t-press-statement.html").read_text(encoding="utf-8")
    assert "DRAFT: not for publication" in page
    plain = run("build", record, "-o", out, "--documents", "press-statement", "--formats", "html")
    assert plain.returncode in (0, 1), plain.stderr
    page = (out / "child-t" / "child-t-press-statement.html").read_text(encoding="utf-8")
    assert "DRAFT" not in page
