"""Read plain text and hand-written Markdown into Document blocks.

Markdown is read with the markdown-it-py parser our templates are read with (CommonMark with
tables, ``{.class}`` spans and ``:::`` containers), but without their restrictions: any
heading, paragraph, list item (nested lists too), table cell or quoted paragraph is a unit;
code blocks and raw HTML are not prose and are left out.

Plain text: a blank line ends a paragraph; a line starting with a bullet (``-``, ``*``, ``•``
and the other :data:`.lines.BULLETS`) or a number (``1.``, ``2)``) is a list item; any other
line carries on the paragraph or item above it, with a word broken at the line end joined
(see :func:`.lines.join_broken_words`).
"""

from __future__ import annotations

import re

from ..document import Block
from .lines import BULLETS, ReadUnit, blocks_of, join_broken_words, tidy
from .markdown import parser

_MARKDOWN = parser()
_ITEM_START = re.compile(rf"^\s*(?:[-*+{BULLETS}]|\d{{1,3}}[.)])\s+")


def read_markdown_text(text: str) -> list[Block]:
    """The blocks of a Markdown text."""
    units: list[ReadUnit] = []
    rows: list[list[str]] | None = None
    context: list[str] = []
    level = 1
    for token in _MARKDOWN.parse(text):
        kind = token.type
        if kind.endswith("_open"):
            context.append(kind.removesuffix("_open"))
            if kind == "heading_open":
                level = int(token.tag[1:])
            if kind == "table_open":
                rows = []
            elif kind == "tr_open" and rows is not None:
                rows.append([])
        elif kind.endswith("_close"):
            if context:
                context.pop()
            if kind == "table_close" and rows is not None:
                units.append(ReadUnit("table", rows=rows))
                rows = None
        elif kind == "inline":
            content = tidy(
                "".join(
                    " " if child.type in ("softbreak", "hardbreak") else child.content
                    for child in token.children or []
                    if child.type in ("text", "code_inline", "softbreak", "hardbreak")
                )
            )
            if rows is not None and rows:
                rows[-1].append(content)
            elif not content:
                continue
            elif context and context[-1] == "heading":
                units.append(ReadUnit("heading", content, level=level))
            elif "list_item" in context:
                units.append(ReadUnit("item", content))
            else:
                units.append(ReadUnit("paragraph", content))
    return blocks_of(units)


def read_plain_text(text: str) -> list[Block]:
    """The blocks of a plain text."""
    units: list[ReadUnit] = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        pieces: list[tuple[bool, list[str]]] = []
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            start = _ITEM_START.match(line)
            if start:
                pieces.append((True, [line[start.end() :]]))
            elif pieces:
                pieces[-1][1].append(line)
            else:
                pieces.append((False, [line]))
        for item, lines in pieces:
            joined = tidy(join_broken_words("\n".join(lines)))
            units.append(ReadUnit("item" if item else "paragraph", joined))
    return blocks_of(units)
