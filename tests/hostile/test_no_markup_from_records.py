"""Links only where the record says "this is a link" (issue 11, section 3).

No record field can add a link, heading, list, table, box or styled run that the template
did not write: every string field of a sample gets markup appended (Markdown, HTML, the
attacks reported), and each document's structure must be what it was. Fields whose rules
refuse the markup (ids, dates, references, contact fields) are left as they were; they are
covered by the rows of test_records.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from lxml import html as lxml_html

from summarygen import RecordError
from summarygen._templates import TemplateFolder
from summarygen.composer import compose, compose_markdown
from summarygen.document import (
    Callout,
    Document,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
)
from summarygen.documents import documents_for
from summarygen.errors import TemplateError
from summarygen.record import Record
from summarygen.record.loading import validate_source
from summarygen.record.yaml_source import Source, parse
from summarygen.writers import writer_for

from ..conftest import ROOT

PAYLOADS = {
    "phish link": "x>)[phish](https://evil.example/login)(<y",
    "blocks": "\n\n# Heading\n\n- item one\n- item two\n\n1. first\n\n"
    "| a | b |\n|---|---|\n| c | d |\n\n",
    "autolinks and html": '<https://evil.example/a> <a href="https://evil.example/b">b</a> '
    "[c][ref] www.evil.example https://evil.example/d\n\n[ref]: https://evil.example/c\n",
    "inline and containers": "**bold** _em_ `code` ![alt](phone) [w]{.status-red}\n\n"
    "::: note Evil\ninside\n:::\n\n> quote\n\n---\n\nSetext\n===\n",
    "escapes and entities": r"\[x\](https://evil.example) &#91;x&#93;(https://evil.example) "
    "&lt;script&gt; %5Bx%5D(javascript:alert(1))",
}

Leaf = tuple[str | int, ...]


def _dotted(path: Leaf) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _leaves(value: Any, path: Leaf = ()) -> list[Leaf]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, (*path, i))]
    return [path] if isinstance(value, str) else []


def _get(data: Any, path: Leaf) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Leaf, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def injected(sample: Path, payload: str) -> tuple[Record, int]:
    """The sample with ``payload`` appended to every string field its rules accept, and how
    many fields took it."""
    original = parse(sample.read_text(encoding="utf-8")).data
    data = parse(sample.read_text(encoding="utf-8")).data
    leaves = _leaves(data)
    for leaf in leaves:
        _set(data, leaf, f"{_get(data, leaf)} {payload} {MARKER}")
    for _ in range(10):
        try:
            record = validate_source(Source(data), str(sample))
        except RecordError as error:
            refused = {problem.field for problem in error.problems}
            for leaf in leaves:
                dotted = _dotted(leaf)
                if any(dotted == f or dotted.startswith((f + ".", f + "[")) for f in refused):
                    _set(data, leaf, _get(original, leaf))
            continue
        taken = sum(_get(data, leaf) != _get(original, leaf) for leaf in leaves)
        return record, taken
    raise AssertionError("the injected record never validated")


def structure(document: Document) -> tuple[list[Any], Counter[str]]:
    """What a template decides: blocks other than paragraphs, in order, and styled runs."""
    shape: list[Any] = []
    runs: Counter[str] = Counter()

    def count(items: tuple[Run, ...]) -> None:
        for run in items:
            if run.link:
                runs[f"link {run.link}"] += 1
            if run.strong:
                runs["strong"] += 1
            if run.emphasis:
                runs["emphasis"] += 1
            if run.status:
                runs[f"status {run.status}"] += 1

    for block in document.walk():
        if isinstance(block, Heading):
            shape.append(("heading", block.level))
            count(block.runs)
        elif isinstance(block, Paragraph):
            count(block.runs)
        elif isinstance(block, ListBlock):
            shape.append(("list", block.ordered, len(block.items)))
            for item in block.items:
                count(item)
        elif isinstance(block, Table):
            shape.append(("table", len(block.header), len(block.rows)))
            for row in (block.header, *block.rows):
                for cell in row:
                    count(cell)
        elif isinstance(block, Callout):
            shape.append(("callout", block.style, block.number))
            count(block.title)
        elif isinstance(block, Figure):
            shape.append(("figure", block.picture))
        elif isinstance(block, EasyReadRow):
            shape.append(("easy-read-row", block.picture))
            count(block.runs)
    return shape, runs


SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_no_record_field_adds_structure_the_template_did_not_write(sample: Path) -> None:
    record = validate_source(parse(sample.read_text(encoding="utf-8")), str(sample))
    expected = {doc: structure(compose(record, doc)) for doc in documents_for(record)}
    for name, payload in PAYLOADS.items():
        attacked, taken = injected(sample, payload)
        assert taken > 200, f"{name}: only {taken} fields took the payload"
        for doc in documents_for(record):
            composed = compose(attacked, doc)
            assert structure(composed) == expected[doc], f"{name} changed {doc}"
            assert MARKER in _text(composed), f"{name}: not published as text in {doc}"


MARKER = "zqx-marker"


def _text(document: Document) -> str:
    parts: list[str] = []
    for block in document.walk():
        if isinstance(block, Heading | Paragraph | EasyReadRow):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts.extend("".join(run.text for run in item) for item in block.items)
        elif isinstance(block, Table):
            parts.extend("".join(r.text for r in cell) for row in block.rows for cell in row)
        elif isinstance(block, Callout):
            parts.append("".join(run.text for run in block.title))
    return " ".join(parts)


def _links_in_files(document: Document) -> dict[str, set[str]]:
    templates = TemplateFolder()
    found: dict[str, set[str]] = {}
    page = lxml_html.fromstring(writer_for("html")(document, templates))
    found["html"] = {str(href) for href in page.xpath("//a/@href") if not href.startswith("#")}
    with zipfile.ZipFile(io.BytesIO(writer_for("docx")(document, templates))) as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
    found["docx"] = set(re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels))
    with pikepdf.open(io.BytesIO(writer_for("pdf")(document, templates))) as pdf:
        found["pdf"] = {
            str(annot.A.URI)
            for page_ in pdf.pages
            for annot in page_.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
        }
    return found


def test_press_statement_files_link_only_to_the_checked_contact_fields() -> None:
    sample = ROOT / "samples" / "child-m.yaml"
    attacked, _ = injected(sample, " ".join(PAYLOADS.values()))
    document = compose(attacked, "press-statement")
    wanted = {"mailto:press@westmere-scp.example.org", "tel:+44-1632-960481"}
    assert _links_in_files(document) == {"html": wanted, "docx": wanted, "pdf": wanted}


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{{ link("here", "http://example.org") }}', "only to an https:, mailto: or tel:"),
        ('{{ link("here", "javascript:alert(1)") }}', "only to an https:, mailto: or tel:"),
        ('{{ link("here", "example.org") }}', "only to an https:, mailto: or tel:"),
        ("[here](http://example.org)", "the template links to 'http://example.org'"),
        ("[here](ftp://example.org)", "the template links to 'ftp://example.org'"),
    ],
)
def test_a_template_may_link_only_to_https_mailto_and_tel(
    tmp_path: Path, template: str, message: str
) -> None:
    (tmp_path / "press-statement.md.j2").write_text(f"# Title\n\n{template}\n")
    record = validate_source(parse((ROOT / "samples" / "child-m.yaml").read_text()), "r")
    with pytest.raises(TemplateError, match=re.escape(message)):
        compose(record, "press-statement", TemplateFolder(tmp_path))


def test_a_template_link_address_cannot_end_the_link(tmp_path: Path) -> None:
    """An address is percent-encoded: brackets and line breaks in it stay in the address."""
    (tmp_path / "press-statement.md.j2").write_text(
        '# Title\n\n{{ link("here", "https://example.org/a>)[x](https://evil.example)'
        '\\n\\n# H") }}\n'
    )
    record = validate_source(parse((ROOT / "samples" / "child-m.yaml").read_text()), "r")
    markdown, _ = compose_markdown(record, "press-statement", TemplateFolder(tmp_path))
    document = compose(record, "press-statement", TemplateFolder(tmp_path))
    assert [type(block).__name__ for block in document.blocks] == ["Heading", "Paragraph"], markdown
    (run,) = document.blocks[1].runs  # type: ignore[union-attr]
    assert run.text == "here"
    assert run.link is not None and run.link.startswith("https://example.org/a%3E%29%5Bx%5D")
