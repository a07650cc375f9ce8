"""The text of a Document as the units a reader meets: each heading, paragraph, list item,
table cell and easy read point on its own, under the section heading it stands in.

Each unit also says where it stands for a person (:attr:`Unit.where`): the section heading
and its number under it ("section 'Background', paragraph 3"), with the page for a file that
has pages. A finding is located by the unit its text is in (:func:`located`), and for a
document built from a record, by the record field its sentence came from (``source``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..document import (
    Block,
    Callout,
    Chart,
    Document,
    EasyReadRow,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    TextSource,
    plain_text,
)
from ..findings import Finding

UnitKind = Literal["heading", "paragraph", "item", "cell", "point", "title"]


@dataclass(frozen=True)
class Unit:
    section: str
    kind: UnitKind
    text: str
    where: str = field(default="", compare=False)
    """For a person: "page 2, section 'Findings', paragraph 1"."""


def units(document: Document) -> list[Unit]:
    return list(_units(document.blocks, _Counter()))


@dataclass
class _Counter:
    """Numbers the units of each kind under the current section heading."""

    section: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def heading(self, text: str) -> None:
        self.section = text
        self.counts = {}

    def where(self, noun: str, page: int | None, *, count: bool = True) -> str:
        if count:
            self.counts[noun] = self.counts.get(noun, 0) + 1
        number = self.counts.get(noun, 0)
        parts = [f"page {page}"] if page is not None else []
        if self.section:
            parts.append(f"section '{self.section}'")
        parts.append(f"{noun} {number}")
        return ", ".join(parts)


def _units(blocks: tuple[Block, ...], counter: _Counter) -> Iterator[Unit]:
    for block in blocks:
        if isinstance(block, Heading):
            counter.heading(block.text)
            on_page = f"page {block.page}, " if block.page is not None else ""
            where = f"{on_page}the heading '{block.text}'"
            yield Unit(counter.section, "heading", block.text, where)
        elif isinstance(block, Paragraph):
            where = counter.where("paragraph", block.page)
            yield Unit(counter.section, "paragraph", block.text, where)
        elif isinstance(block, ListBlock):
            for index, item in enumerate(block.items):
                item_page = block.pages[index] if index < len(block.pages) else None
                where = counter.where("list item", item_page)
                yield Unit(counter.section, "item", plain_text(item), where)
        elif isinstance(block, Table):
            counter.where("table", block.page)
            for row_number, row in enumerate((block.header, *block.rows), start=1):
                for cell in row:
                    if text := plain_text(cell).strip():
                        table = counter.where("table", block.page, count=False)
                        yield Unit(counter.section, "cell", text, f"{table}, row {row_number}")
        elif isinstance(block, EasyReadRow):
            yield Unit(counter.section, "point", block.text, counter.where("point", None))
        elif isinstance(block, Chart):  # its caption and its table: what a reader reads
            yield Unit(counter.section, "title", block.title, counter.where("chart", None))
            yield from _units((block.table,), counter)
        elif isinstance(block, Callout):
            if block.title:
                # a numbered box's number is published with its title ("1. Background")
                number = f"{block.number}. " if block.number is not None else ""
                title = number + plain_text(block.title)
                section = f"section '{counter.section}', " if counter.section else ""
                yield Unit(counter.section, "title", title, f"{section}the box '{title}'")
            yield from _units(block.blocks, counter)


def located(
    findings: Sequence[Finding], text_units: Sequence[Unit], document: Document
) -> list[Finding]:
    """``findings`` with ``where`` (and, for a built document, ``source``) filled in from
    the unit each one's text is in: the first unit of its section holding the text, else
    the first unit anywhere. A finding already located, or about no text, is kept as is."""
    by_section: dict[str, list[Unit]] = {}
    for each in text_units:
        by_section.setdefault(each.section, []).append(each)
    result = []
    for finding in findings:
        if finding.where or not finding.text:
            result.append(finding)
            continue
        unit = _unit_of(finding, by_section.get(finding.section, []), text_units)
        if unit is None:
            result.append(finding)
            continue
        source = _source_of(finding.text, unit.text, document.sources)
        result.append(replace(finding, where=unit.where, source=finding.source or source))
    return result


def _unit_of(
    finding: Finding, in_section: Sequence[Unit], text_units: Sequence[Unit]
) -> Unit | None:
    for candidates in (in_section, text_units):
        for unit in candidates:
            if finding.text in unit.text:
                return unit
    return None


def _source_of(sentence: str, unit_text: str, sources: Sequence[TextSource]) -> str:
    """The record place of ``sentence`` (in a unit whose text is ``unit_text``): the longest
    record text written into this unit that holds the whole sentence; "" when there is none,
    or two different fields hold the same text (no guessing)."""
    candidates = [s for s in sources if sentence in s.text and s.text in unit_text]
    if not candidates:
        return ""
    longest = max(len(s.text) for s in candidates)
    best = {s.label(sentence) for s in candidates if len(s.text) == longest}
    return best.pop() if len(best) == 1 else ""


_BODY = re.compile(
    r"(?:word/document\.xml|page \d+|<[a-z0-9]+>|text|as shown, hidden text left out)"
    r"(?:: (?P<note>.*))?"
)
"""Identity scan locations that are a file's running text (not its properties, headers or
pictures): a finding there can be placed in a section and paragraph."""
_MASK = "\u2026"


def located_in_text(findings: Sequence[Finding], document: Document) -> list[Finding]:
    """Identity findings in a file's running text, placed by the unit that holds the words
    around what was found (their quote masks it: "Her mobile was 0…3 and she rang"): their
    ``where`` becomes that unit's ("section 'Contact', paragraph 2"), with the scan's note (a
    tracked deletion) kept. Others, and any not found, are kept as they are."""
    text_units = units(document)
    result = []
    for finding in findings:
        body = _BODY.fullmatch(finding.location.rpartition(" › ")[2]) if finding.location else None
        around = _stretches(finding.text) if body and "›" not in finding.location else []
        unit = _unit_around(around, text_units)
        if body is None or unit is None:
            result.append(finding)
            continue
        note = body.group("note")
        where = f"{unit.where}, {note}" if note else unit.where
        source = _source_around(around, unit.text, document.sources)
        result.append(replace(finding, where=where, source=finding.source or source))
    return result


def _stretches(quote: str) -> list[str]:
    """The unmasked stretches of ``quote`` (each without the letter the mask keeps beside
    it), if they hold three words or more; else none."""
    pieces = quote.split(_MASK)
    if len(pieces) < 2:
        return []
    stretches = []
    for index, piece in enumerate(pieces):
        start = 1 if index > 0 else 0
        end = len(piece) - 1 if index < len(pieces) - 1 else len(piece)
        stretch = piece[start:end].strip()
        if stretch:
            stretches.append(stretch)
    return stretches if sum(len(stretch.split()) for stretch in stretches) >= 3 else []


def _source_around(stretches: Sequence[str], unit_text: str, sources: Sequence[TextSource]) -> str:
    """The record place of the text around an identifier: the longest record text in the
    unit that holds every stretch; "" when none, or two fields hold the same text."""
    candidates = [
        s for s in sources if s.text in unit_text and all(part in s.text for part in stretches)
    ]
    if not candidates:
        return ""
    longest = max(len(s.text) for s in candidates)
    best = {s.label(stretches[0]) for s in candidates if len(s.text) == longest}
    return best.pop() if len(best) == 1 else ""


def _unit_around(stretches: Sequence[str], text_units: Sequence[Unit]) -> Unit | None:
    """The first unit holding every stretch of text around what was found."""
    if not stretches:
        return None
    for unit in text_units:
        if all(stretch in unit.text for stretch in stretches):
            return unit
    return None
