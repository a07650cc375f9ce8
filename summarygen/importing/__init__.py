"""A draft record from an overview report written without the template (``summarygen import``).

:func:`import_report` reads a report (.docx; also .md, .txt, .html) and returns a
:class:`Draft`: every piece of text it could place in its field of the record, every piece
it could not in the record's ``notes`` with where it came from, and how many of the
report's words it placed. :func:`draft_yaml` writes the draft as YAML in the schema's field
order. The report's prose goes into the ``professional`` wording only; pseudonyms, ids the
report does not number, and dates it cannot read are left for the author, and
``summarygen validate`` names what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._files import unpacked_too_big, whole_file_problem
from ..record.schema import Record, Review
from ._place import Placement, finish, place_units
from ._units import read_units

SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".html", ".htm")
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Draft:
    """A draft record: its fields (plain data, schema order), notes, and word counts."""

    data: dict[str, Any]
    notes: list[str]
    placed_words: int
    total_words: int

    @property
    def placed_share(self) -> float:
        """Placed words over all the report's words, 0–1 (1 for an empty report)."""
        return self.placed_words / self.total_words if self.total_words else 1.0


def import_report(path: Path) -> Draft:
    """The draft record of the report at ``path``. Raises RecordError (naming the file) if
    it cannot be read."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise whole_file_problem(
            name, "cannot be imported: give a Word document (.docx), or .md, .txt or .html"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise whole_file_problem(name, f"cannot be read: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise whole_file_problem(name, "is more than 50 MB; is this the right file?")
    if suffix == ".docx" and (too_big := unpacked_too_big(data)) is not None:
        raise whole_file_problem(name, too_big)
    try:
        units = read_units(data, suffix)
    except Exception as error:  # a damaged or mislabelled file: python-docx, zip, lxml, utf-8
        raise whole_file_problem(
            name,
            f"cannot be read as a {suffix} file ({type(error).__name__}); "
            "open it in Word and save it again as a .docx",
        ) from None
    placement = place_units(units)
    finish(placement, units)
    total = sum(unit.words for unit in units)
    return Draft(_in_schema_order(placement), placement.notes, placement.placed, total)


def _in_schema_order(placement: Placement) -> dict[str, Any]:
    data = placement.data
    review = data.get("review", {})
    data["review"] = {key: review[key] for key in Review.model_fields if key in review}
    ordered = {key: data[key] for key in Record.model_fields if key in data}
    if placement.notes:
        ordered["notes"] = list(placement.notes)
    return ordered


class _Dumper(yaml.SafeDumper):
    """Long and multi-paragraph text as YAML block scalars, which an author can edit."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 70 or ": " in value:  # folded: no quotes to escape, lines kept short
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def draft_yaml(draft: Draft, source: str) -> str:
    """The draft as a YAML record, with a comment saying where it came from and what next."""
    header = (
        f"# A DRAFT record made by `summarygen import` from {source}.\n"
        "# The report's text is in the `professional` wording only. Fill in what the report\n"
        "# did not say (pseudonyms, review id, dates...), move what is in `notes` to its\n"
        "# place or delete it, then run `summarygen validate` on this file: it names every\n"
        "# field still missing. Never put a real name here.\n\n"
    )
    body = yaml.dump(draft.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
    return header + body


__all__ = ["SUFFIXES", "Draft", "draft_yaml", "import_report"]
