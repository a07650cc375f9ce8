"""Word forms for the tests: written from the samples, edited as an author edits them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from summarygen.record import Record, load_record
from summarygen.record.word import export_data, write_form

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
"""Every sample record: child-m first (tests that need one record take SAMPLES[0])."""


def form_of(sample: Path, folder: Path, name: str = "review.docx") -> Path:
    """The Word form of ``sample``, written to ``folder/name``."""
    path = folder / name
    write_form(path, export_data(load_record(sample)))
    return path


def heading(document: Any, text: str) -> Paragraph:
    """The heading paragraph ``text``."""
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading") and paragraph.text == text:
            return paragraph
    raise LookupError(text)


def table_under(document: Any, text: str) -> Table:
    """The first table after the heading ``text``."""
    element = heading(document, text)._p.getnext()
    while element is not None and not element.tag.endswith("}tbl"):
        element = element.getnext()
    if element is None:
        raise LookupError(text)
    return Table(element, document.part)


def column(table: Table, name: str) -> int:
    return [cell.text for cell in table.rows[0].cells].index(name)


def edited(path: Path, edit: Any) -> Path:
    """``path`` after ``edit(document)``, saved by python-docx as an author's Word would."""
    document = docx.Document(str(path))
    edit(document)
    document.save(str(path))
    return path


def dumped(record: Record) -> dict[str, Any]:
    return record.model_dump()


def with_readability(sample: Path) -> dict[str, Any]:
    """``sample``'s data with reading-target overrides: the one part written in YAML."""
    data = export_data(load_record(sample))
    data["readability"] = {
        "public": {
            "targets": [{"metric": "flesch_reading_ease", "min": 55.5, "severity": "warning"}],
            "sentences": {"hard": 25, "very_hard": 35},
            "acronyms": "define",
        },
        "children": {"contractions": "allow"},
    }
    return data
