"""The text of a Document as the units a reader meets: each heading, paragraph, list item,
table cell and easy read point on its own, under the section heading it stands in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..document import (
    Block,
    Callout,
    Document,
    EasyReadRow,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)

UnitKind = Literal["heading", "paragraph", "item", "cell", "point", "title"]


@dataclass(frozen=True)
class Unit:
    section: str
    kind: UnitKind
    text: str


def units(document: Document) -> list[Unit]:
    return list(_units(document.blocks, ""))


def _units(blocks: tuple[Block, ...], section: str) -> Iterator[Unit]:
    for block in blocks:
        if isinstance(block, Heading):
            section = block.text
            yield Unit(section, "heading", block.text)
        elif isinstance(block, Paragraph):
            yield Unit(section, "paragraph", block.text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield Unit(section, "item", plain_text(item))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    if text := plain_text(cell).strip():
                        yield Unit(section, "cell", text)
        elif isinstance(block, EasyReadRow):
            yield Unit(section, "point", block.text)
        elif isinstance(block, Callout):
            if block.title:
                # a numbered box's number is published with its title ("1. Background")
                number = f"{block.number}. " if block.number is not None else ""
                yield Unit(section, "title", number + plain_text(block.title))
            yield from _units(block.blocks, section)
