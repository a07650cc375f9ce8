"""Every file of both sample packs, re-opened with independent readers.

PDF: pikepdf, qpdf, pdfua, pdfinfo. DOCX: lxml on the raw XML parts. HTML: lxml's HTML
parser. The tag tree of each PDF is compared with a golden snapshot (tests/golden/), so a
change of structure is seen; set SUMMARYGEN_UPDATE_GOLDEN=1 to write new snapshots after
checking the change is wanted.
"""

from __future__ import annotations

import itertools
import os
import re
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from lxml import etree

from summarygen import load_record
from summarygen.documents import DOCUMENT_TYPES
from summarygen.pack import build_pack

from .conftest import SAMPLE_DOCUMENTS, SAMPLES
from .pdf_tools import run, struct_elements

GOLDEN = Path(__file__).parent / "golden"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CASES = SAMPLE_DOCUMENTS
IDS = [f"{sample.stem}-{doc}" for sample, doc in CASES]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    out = tmp_path_factory.mktemp("packs")
    return {sample: build_pack(load_record(sample), out).folder for sample in SAMPLES}


def pack_file(packs: dict[Path, Path], sample: Path, document: str, fmt: str) -> Path:
    folder = packs[sample]
    return folder / f"{folder.name}-{document}.{fmt}"


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_pdf_is_tagged_pdf_ua(packs: dict[Path, Path], sample: Path, document: str) -> None:
    path = pack_file(packs, sample, document, "pdf")
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title).endswith(DOCUMENT_TYPES[document].label)
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        elements = list(struct_elements(pdf))
        kinds = [str(e.S) for e in elements]
        assert kinds.count("/H1") == 1
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert all(str(f.get("/Alt", "")).strip() for f in figures)
        tables = [e for e in elements if str(e.S) == "/Table"]
        for table in tables:
            assert "/TH" in repr(table), "a table without header cells"
    checked = run("pdfua", "check", str(path), "--certain-only", "--min-severity", "error")
    assert checked.returncode == 0, checked.stdout
    qpdf = run("qpdf", "--check", str(path))
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr


def tag_tree(path: Path) -> str:
    """pdfinfo's structure tree with the text taken out: tags, nesting and attributes."""
    result = run("pdfinfo", "-struct", str(path))
    assert result.returncode == 0, result.stderr
    lines = [
        re.sub(r"\s*\(block\)|\s*\(inline\)", "", line.rstrip())
        for line in result.stdout.splitlines()
    ]
    return "\n".join(line for line in lines if line.strip() and "/BBox" not in line) + "\n"


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_pdf_tag_tree_matches_its_golden_snapshot(
    packs: dict[Path, Path], sample: Path, document: str
) -> None:
    tree = tag_tree(pack_file(packs, sample, document, "pdf"))
    golden = GOLDEN / f"{sample.stem}-{document}.tags"
    if os.environ.get("SUMMARYGEN_UPDATE_GOLDEN") or not golden.exists():
        golden.write_text(tree, encoding="utf-8")
        if not os.environ.get("SUMMARYGEN_UPDATE_GOLDEN"):
            pytest.fail(f"no golden snapshot yet: wrote {golden.name}; check it and commit it")
    assert tree == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_docx_language_title_headings_alt_text_and_header_rows(
    packs: dict[Path, Path], sample: Path, document: str
) -> None:
    path = pack_file(packs, sample, document, "docx")
    with zipfile.ZipFile(path) as docx:
        styles = etree.fromstring(docx.read("word/styles.xml"))
        body = etree.fromstring(docx.read("word/document.xml"))
        core = docx.read("docProps/core.xml").decode()
    assert styles.find(f".//{W}docDefaults//{W}lang").get(f"{W}val") == "en-GB"
    assert DOCUMENT_TYPES[document].label in core
    style_names = {
        s.get(f"{W}styleId"): (
            s.find(f"{W}name").get(f"{W}val") if s.find(f"{W}name") is not None else ""
        )
        for s in styles.iter(f"{W}style")
    }
    levels = []
    for style in body.iter(f"{W}pStyle"):
        name = style_names.get(style.get(f"{W}val"), "")
        if re.fullmatch(r"heading \d", name, re.IGNORECASE):
            levels.append(int(name[-1]))
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    pictures = body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert all(p.get("descr", "").strip() for p in pictures)
    for table in body.iter(f"{W}tbl"):  # no layout tables: easy read points are paragraphs
        first_row = table.find(f"{W}tr")
        assert first_row is not None and first_row.find(f"{W}trPr/{W}tblHeader") is not None


@pytest.mark.parametrize(("sample", "document"), CASES, ids=IDS)
def test_html_lang_title_one_h1_alt_and_ordered_headings(
    packs: dict[Path, Path], sample: Path, document: str
) -> None:
    page = lxml.html.fromstring(pack_file(packs, sample, document, "html").read_bytes())
    assert page.get("lang") == "en-GB"
    assert DOCUMENT_TYPES[document].label in page.findtext(".//title")
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert all(img.get("alt", "").strip() for img in page.iter("img"))
    assert all(th.get("scope") for th in page.iter("th"))
