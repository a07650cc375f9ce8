"""Read an HTML page into Document blocks, with lxml.

What is read: the page's ``<main>`` (the whole ``<body>`` when it has none). Each block
element (heading, paragraph, list item, table cell, ``<div>`` holding text of its own...) is
its own unit, holding its text up to the next block inside it. A ``<br>`` inside a paragraph
is a space.

What is not read: scripts, styles and templates; hidden elements (the ``hidden``
attribute, ``aria-hidden="true"``, ``display: none`` in a ``style`` attribute), as a reader
never sees them; and elements marked with
:data:`summarygen.writers.boilerplate.HTML_ATTRIBUTE` (our cover, header and footer), as the
build does not measure them.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from ..document import Block
from ..writers.boilerplate import HTML_ATTRIBUTE
from .lines import ReadUnit, blocks_of, tidy

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_ITEMS = {"li", "dt", "dd"}
_CELLS = {"td", "th"}
_BLOCKS = {
    *_HEADINGS, *_ITEMS, *_CELLS, "p", "div", "section", "article", "aside", "main", "header",
    "footer", "nav", "blockquote", "figure", "figcaption", "caption", "address", "pre", "ul",
    "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "details", "summary", "fieldset",
    "legend", "form", "hgroup", "body", "center", "dialog", "search", "menu",
}  # fmt: skip
_NOT_READ = ("script", "style", "noscript", "template", "head", "title", "svg", "math")
_META_CHARSET = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.IGNORECASE)


def parse_page(data: bytes) -> Any:
    """The page's element tree (lxml), read in the encoding a browser would use."""
    return lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding=_encoding(data)))


def read_html(data: bytes) -> list[Block]:
    """The blocks of an HTML page (its bytes)."""
    root = parse_page(data)
    for element in list(root.iter(*_NOT_READ)):
        _drop(element)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _left_out(element):
            _drop(element)
    for br in list(root.iter("br")):
        br.tail = " " + (br.tail or "")
        br.drop_tree()
    main = (root.xpath("//main") or root.xpath("//body") or [root])[0]
    units: list[ReadUnit] = []
    _visit(main, units)
    return blocks_of(units)


def _encoding(data: bytes) -> str | None:
    """The page's encoding: the one it declares (a byte order mark or a ``<meta>`` charset in
    its first 1,024 bytes, where the HTML standard's prescan looks), else UTF-8 when the bytes
    are UTF-8 (what every editor saves today; libxml2 would read them as Latin-1), else
    Windows-1252, the browsers' fallback. ``None`` leaves a declared encoding to lxml."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _META_CHARSET.search(
        data[:1024]
    ):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def _left_out(element: Any) -> bool:
    return HTML_ATTRIBUTE in element.attrib or is_hidden(element)


def is_hidden(element: Any) -> bool:
    """Whether an element (and all in it) is hidden from every reader: the ``hidden``
    attribute, ``aria-hidden="true"``, or ``display: none`` in its ``style`` attribute."""
    attributes = element.attrib
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or bool(_DISPLAY_NONE.search(attributes.get("style", "")))
    )


def _drop(element: Any) -> None:
    if element.getparent() is not None:
        element.drop_tree()


def _visit(element: Any, units: list[ReadUnit]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        rows = []
        for tr in element.iter("tr"):
            if next(tr.iterancestors("table")) is element:
                rows.append([tidy(cell.text_content()) for cell in tr if cell.tag in _CELLS])
        if any(cell for row in rows for cell in row):
            units.append(ReadUnit("table", rows=rows))
        return
    own: list[str] = [element.text or ""]
    for child in element:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in _BLOCKS:
            _emit(tag, "".join(own), units)
            own = []
            _visit(child, units)
        else:
            own.append(child.text_content() if child_tag else "")
        own.append(child.tail or "")
    _emit(tag, "".join(own), units)


def _emit(tag: str, text: str, units: list[ReadUnit]) -> None:
    text = tidy(text)
    if not text:
        return
    if tag in _HEADINGS:
        units.append(ReadUnit("heading", text, level=_HEADINGS[tag]))
    elif tag in _ITEMS:
        units.append(ReadUnit("item", text))
    else:
        units.append(ReadUnit("paragraph", text))
