"""Text as laid out on a page, back to the text that was written: words broken at a line end
are joined, and line breaks inside a unit become spaces.

Shared by every reader that meets laid-out lines (PDF, plain text), so a justified, hyphenated
paragraph measures as the same paragraph typed on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..document import Block, Heading, ListBlock, Paragraph, Run, Runs, Table

SOFT_HYPHEN = "\u00ad"
LINE_END_HYPHENS = "\ufffe\x02"
"""What PDFium gives for a hyphen at a line end (U+FFFE in its page text, U+0002 char by
char): a hyphenation, or a word's own hyphen ("multi-agency" broken after "multi-"); PDFium
cannot tell which."""

BULLETS = "•◦▪▫■□●○‣⁃–\uf0b7\uf0a7\uf076\uf0d8"
"""Glyphs that start a list item at the start of a line: the usual bullets, an en dash, and
the private-use symbol-font bullets Word and LibreOffice write (U+F0B7 and friends)."""

_SOFT_BREAK = re.compile(rf"{SOFT_HYPHEN}\s*")
_HARD_BREAK = re.compile(rf"\b([^\W\d_]+)(?:-[ \t]*\r?\n\s*|[{LINE_END_HYPHENS}]\s*)([^\W\d_]+)")
_STRAY_HYPHEN = re.compile(f"[{LINE_END_HYPHENS}]")
_LINE_END = re.compile(r"[ \t]*\r?\n[ \t]*")


def join_broken_words(text: str) -> str:
    """``text`` (lines separated by newlines) with words broken at a line end joined.

    A soft hyphen (U+00AD) always joins. A hard hyphen at a line end (or what PDFium gives
    for one, :data:`LINE_END_HYPHENS`) joins the two halves when the hyphenated form is not a
    dictionary word and the joined form is ("safe-/guarding" → "safeguarding"); otherwise
    the hyphen stays ("well-/being", "multi-/agency"). The dictionary is the CMU
    Pronouncing Dictionary the syllable counter uses. Line breaks then become single spaces."""
    from ..checks.syllables import in_dictionary

    text = _SOFT_BREAK.sub("", text)

    def hard(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        hyphenated, joined = f"{left}-{right}", left + right
        if not in_dictionary(hyphenated) and in_dictionary(joined):
            return joined
        return hyphenated

    text = _HARD_BREAK.sub(hard, text)
    text = _STRAY_HYPHEN.sub("-", text)
    return _LINE_END.sub(" ", text)


def tidy(text: str) -> str:
    """One line of text: whitespace runs (and no-break spaces) as one space, ends trimmed."""
    return " ".join(text.split())


def runs_of(text: str) -> Runs:
    """Plain text as the runs of a block."""
    return (Run(tidy(text)),)


@dataclass
class ReadUnit:
    """One unit as a reader found it, before it becomes a block."""

    kind: Literal["heading", "paragraph", "item", "table"]
    text: str = ""
    level: int = 1
    rows: list[list[str]] = field(default_factory=list)
    page: int | None = None
    """The page it starts on (from 1), for a reader of a file with pages."""


def blocks_of(units: list[ReadUnit]) -> list[Block]:
    """Units in reading order as Document blocks: neighbouring items make one list."""
    blocks: list[Block] = []
    items: list[Runs] = []
    pages: list[int | None] = []

    def close_list() -> None:
        if items:
            known = tuple(pages) if any(page is not None for page in pages) else ()
            blocks.append(ListBlock(tuple(items), pages=known))
            items.clear()
            pages.clear()

    for unit in units:
        if unit.kind != "item":
            close_list()
        if unit.kind == "item":
            items.append(runs_of(unit.text))
            pages.append(unit.page)
        elif unit.kind == "heading":
            blocks.append(Heading(unit.level, runs_of(unit.text), page=unit.page))
        elif unit.kind == "paragraph":
            blocks.append(Paragraph(runs_of(unit.text), page=unit.page))
        else:
            rows = [tuple(runs_of(cell) for cell in row) for row in unit.rows if row]
            if rows:
                blocks.append(Table(rows[0], tuple(rows[1:]), page=unit.page))
    close_list()
    return blocks
