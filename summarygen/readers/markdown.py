"""Markdown (as our templates write it) to a Document, with markdown-it-py.

Beyond CommonMark: pipe tables; ``[words]{.status-green}`` spans for action status;
``::: box N Title``, ``::: note Title`` and ``::: quote Title`` containers; and
``::: point PICTURE`` for an easy read point; ``::: chart TITLE`` around a table of
labels and whole numbers for a bar chart. Raw HTML is never passed through: it is
read as the literal text it is.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin

from ..document import (
    Bar,
    Block,
    Callout,
    Chart,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Runs,
    Status,
    Table,
    plain_text,
)
from ..errors import TemplateError

CONTAINERS = ("box", "note", "quote", "point", "chart")
STATUSES: tuple[Status, ...] = ("not-started", "red", "amber", "green", "complete")


def parser() -> MarkdownIt:
    """A Markdown parser as our templates need it (CommonMark with tables, status spans and
    the containers); the reader of hand-written Markdown uses it too."""
    return _parser()


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.use(attrs_plugin, spans=True)
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    return md


_MARKDOWN = _parser()

AltText = Callable[[str], str]
"""Gives the alt text of a picture by name (and fails for an unknown picture)."""


def read_markdown(text: str, alt_text: AltText) -> tuple[Block, ...]:
    tokens = _MARKDOWN.parse(text)
    blocks, _ = _blocks(tokens, 0, None, alt_text)
    return tuple(blocks)


def _blocks(
    tokens: list[Token], i: int, until: str | None, alt_text: AltText
) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == until:
            return blocks, i + 1
        if kind == "heading_open":
            blocks.append(Heading(int(token.tag[1:]), _runs(tokens[i + 1])))
            i += 3
        elif kind == "paragraph_open":
            blocks.append(_paragraph(tokens[i + 1], alt_text))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            listed, i = _list(tokens, i)
            blocks.append(listed)
        elif kind == "table_open":
            table, i = _table(tokens, i)
            blocks.append(table)
        elif kind.startswith("container_") and kind.endswith("_open"):
            name = kind.removeprefix("container_").removesuffix("_open")
            inner, i = _blocks(tokens, i + 1, f"container_{name}_close", alt_text)
            blocks.append(_container(name, token.info.strip(), inner, alt_text))
        elif kind == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", alt_text)
            blocks.append(Callout("quote", (), tuple(inner)))
        elif kind == "hr":
            i += 1
        else:
            raise TemplateError(f"the template wrote Markdown we do not publish: {kind}")
    if until is not None:
        raise TemplateError(f"a block was opened and not closed ({until})")
    return blocks, i


def _paragraph(inline: Token, alt_text: AltText) -> Block:
    children = inline.children or []
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        name = str(image.attrs.get("src", ""))
        return Figure(name, image.content or alt_text(name))
    return Paragraph(_runs(inline))


def _container(name: str, info: str, inner: list[Block], alt_text: AltText) -> Block:
    words = unescapeAll(info).split(maxsplit=1)
    rest = words[1] if len(words) > 1 else ""
    if name == "point":
        if len(inner) != 1 or not isinstance(inner[0], Paragraph):
            raise TemplateError("an easy read point holds exactly one paragraph")
        return EasyReadRow(rest, alt_text(rest), inner[0].runs)
    if name == "chart":
        return _chart(unescapeAll(info).strip().removeprefix("chart").strip(), inner)
    if name == "box":
        number, _, title = rest.partition(" ")
        if not number.isdigit():
            raise TemplateError(f"a box needs a number and a title: '::: box {rest}'")
        return Callout("box", (Run(title),), tuple(inner), number=int(number))
    heading = (Run(rest),) if rest else ()
    return Callout("note" if name == "note" else "quote", heading, tuple(inner))


def _chart(title: str, inner: list[Block]) -> Chart:
    """A bar chart from the one table it holds: each row a label (with its status colour, if
    it is a status span) and a whole number."""
    if len(inner) != 1 or not isinstance(inner[0], Table) or not title:
        raise TemplateError("a chart has a title and holds exactly one table")
    table = inner[0]
    bars = []
    for row in table.rows:
        if len(row) != 2 or not plain_text(row[1]).strip().isdigit():
            raise TemplateError("each row of a chart's table is a label and a whole number")
        status = next((run.status for run in row[0] if run.status is not None), None)
        label = plain_text(row[0]).replace("\u00a0", " ").strip()
        bars.append(Bar(label, int(plain_text(row[1])), status))
    alt = f"Bar chart, {title}: " + "; ".join(f"{bar.label}, {bar.value}" for bar in bars) + "."
    return Chart(title, tuple(bars), table, alt)


def _list(tokens: list[Token], i: int) -> tuple[ListBlock, int]:
    opening = tokens[i]
    close = opening.type.replace("_open", "_close")
    items: list[Runs] = []
    i += 1
    while tokens[i].type != close:
        token = tokens[i]
        if token.type == "inline":
            items.append(_runs(token))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            raise TemplateError("lists inside lists are not published: keep lists flat")
        i += 1
    start = int(opening.attrs.get("start", 1)) if opening.type == "ordered_list_open" else 1
    return ListBlock(tuple(items), ordered=opening.type == "ordered_list_open", start=start), i + 1


def _table(tokens: list[Token], i: int) -> tuple[Table, int]:
    header: list[Runs] = []
    rows: list[list[Runs]] = []
    in_head = False
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type == "inline":
            (header if in_head else rows[-1]).append(_runs(token))
        i += 1
    return Table(tuple(header), tuple(tuple(row) for row in rows)), i + 1


def _runs(inline: Token) -> Runs:
    runs: list[Run] = []
    strong = emphasis = 0
    link: str | None = None
    status: Status | None = None
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            runs.append(Run(child.content, bool(strong), bool(emphasis), link, status))
        elif kind == "softbreak" or kind == "hardbreak":
            runs.append(Run(" ", bool(strong), bool(emphasis), link, status))
        elif kind in ("strong_open", "strong_close"):
            strong += 1 if kind.endswith("open") else -1
        elif kind in ("em_open", "em_close"):
            emphasis += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            link = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            link = None
        elif kind == "span_open":
            status = _status(str(child.attrs.get("class", "")))
        elif kind == "span_close":
            status = None
        elif kind == "image":
            raise TemplateError("a picture must stand in a paragraph of its own")
    return _merged(runs)


def _status(css_class: str) -> Status | None:
    for status in STATUSES:
        if css_class == f"status-{status}":
            return status
    raise TemplateError(f"unknown span class '{css_class}'")


def _merged(runs: list[Run]) -> Runs:
    """Join neighbouring runs of the same style, and trim the ends."""
    merged: list[Run] = []
    for run in runs:
        if merged and _same_style(merged[-1], run):
            last = merged.pop()
            run = Run(last.text + run.text, run.strong, run.emphasis, run.link, run.status)
        merged.append(run)
    return tuple(merged)


def _same_style(a: Run, b: Run) -> bool:
    return (a.strong, a.emphasis, a.link, a.status) == (b.strong, b.emphasis, b.link, b.status)
