"""Read a PDF into Document blocks: a tagged PDF by its structure tree, an untagged one by
its layout.

**Tagged** (our Typst PDFs, and Word's and LibreOffice's tagged exports): pikepdf walks the
structure tree; PDFium (pypdfium2) gives each character of a page with the page object it
belongs to, and so its marked-content id (MCID). Each H1–H6, P, LBody (or LI), TD/TH, TOCI
and Caption is its own unit, with the text of the marked content under it, in the tree's
(logical) order. Content outside the tree is left out: artifacts (running headers and
footers, page numbers) carry no MCID. List labels (Lbl) and figures are left out, as the
build leaves them out; so are elements marked as boilerplate with the user property
:data:`summarygen.writers.boilerplate.PDF_PROPERTY`. Custom roles are resolved through the
tree's /RoleMap.

**Untagged**: PDFium's text page gives the lines in reading order with each character's box
and font size. Lines are grouped into blocks where the gap between them is wider than the
line spacing, where the font size or boldness changes (a heading: larger, or short and all
bold) or where a bullet glyph starts a line;
lines that repeat at the same place on most pages (running headers and footers, "Page 2 of
9") are dropped.

In both, words broken at a line end are joined (see :func:`.lines.join_broken_words`).
"""

from __future__ import annotations

import ctypes
import io
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Block
from ..writers.boilerplate import PDF_PROPERTY
from .lines import BULLETS, ReadUnit, blocks_of, join_broken_words, tidy

_HEADINGS = {f"H{level}": level for level in range(1, 7)} | {"H": 1, "Title": 1}
_PARAGRAPHS = {"P", "Caption", "Note", "Quote", "BlockQuote", "Index", "Bibentry"}
_ITEMS = {"LBody", "LI", "TOCI"}
_CELLS = {"TD", "TH"}
_UNITS = _HEADINGS.keys() | _PARAGRAPHS | _ITEMS | _CELLS
_LEFT_OUT = {"Lbl", "Figure", "Formula", "Artifact", "NonStruct_Artifact"}
_STANDARD = _UNITS | _LEFT_OUT | {
    "Document", "Part", "Art", "Sect", "Div", "NonStruct", "Private", "TOC", "L", "Table",
    "THead", "TBody", "TFoot", "TR", "Span", "Link", "Annot", "Reference", "Code", "Form",
    "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "BibEntry", "Sub", "Em", "Strong",
    "DocumentFragment", "Aside", "FENote",
}  # fmt: skip


def read_pdf(data: bytes) -> list[Block]:
    """The blocks of a PDF (its bytes), by structure tree when it is tagged, else by layout."""
    document = pdfium.PdfDocument(data)
    try:
        pages = _Pages(document)
        with pikepdf.open(io.BytesIO(data)) as pike:
            root = pike.Root.get("/StructTreeRoot")
            if root is not None and "/K" in root:
                blocks = _StructureReader(pike, root, pages).blocks()
                if blocks or not pages.any_text():
                    return blocks
        return _layout_blocks(pages)
    finally:
        document.close()


def unit_elements(pike: pikepdf.Pdf, data: bytes) -> list[tuple[Any, str, str]]:
    """Each unit element of a tagged PDF (open in ``pike``; ``data`` its bytes), in reading
    order, with its standard type and its text on the first and last pages (elsewhere its
    text is empty): what a writer needs to mark the cover and the credits. Reading every
    page's characters would take four times as long as Typst takes to write the file."""
    document = pdfium.PdfDocument(data)
    try:
        root = pike.Root.get("/StructTreeRoot")
        if root is None:
            return []
        ends = {0, len(document) - 1}
        reader = _StructureReader(pike, root, _Pages(document, only=ends))
        reader.blocks()
        return reader.found
    finally:
        document.close()


# --- the characters of a page ---------------------------------------------------------------


@dataclass
class _Char:
    text: str
    mcid: int | None
    """None for a character PDFium generated (a space or line break between words)."""
    box: tuple[float, float, float, float]
    """left, right, bottom, top in points."""
    size: float
    bold: bool = False


class _Pages:
    """Each page's characters, read once, when first asked for."""

    def __init__(self, document: pdfium.PdfDocument, only: set[int] | None = None) -> None:
        self.document = document
        self.only = only
        """If given, the pages whose characters are read; the others read as empty."""
        self._chars: dict[int, list[_Char]] = {}
        self._marked: dict[int, dict[int, str]] = {}

    def __len__(self) -> int:
        return len(self.document)

    def chars(self, index: int) -> list[_Char]:
        if index not in self._chars:
            wanted = self.only is None or index in self.only
            self._chars[index] = list(_page_chars(self.document, index)) if wanted else []
        return self._chars[index]

    def marked_text(self, index: int, mcid: int) -> str:
        """The text of one marked-content sequence, with the line breaks and spaces PDFium
        finds after it."""
        if index not in self._marked:
            texts: dict[int, list[str]] = {}
            current: int | None = None
            for char in self.chars(index):
                if char.mcid is not None:
                    current = char.mcid
                if current is not None and current >= 0:
                    texts.setdefault(current, []).append(char.text)
            self._marked[index] = {mcid: "".join(parts) for mcid, parts in texts.items()}
        return self._marked[index].get(mcid, "")

    def any_text(self) -> bool:
        return any(char.text.strip() for index in range(len(self)) for char in self.chars(index))


def _page_chars(document: pdfium.PdfDocument, index: int) -> Iterator[_Char]:
    page = document[index]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        mcids: dict[int | None, int] = {}
        left, right = ctypes.c_double(), ctypes.c_double()
        bottom, top = ctypes.c_double(), ctypes.c_double()
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code == 0:
                continue
            text = chr(code)
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            address = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
            mcid: int | None = None
            if address is not None:
                if address not in mcids:
                    mcids[address] = pdfium_c.FPDFPageObj_GetMarkedContentID(obj)
                mcid = mcids[address]
            pdfium_c.FPDFText_GetCharBox(
                raw, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                ctypes.byref(top),
            )  # fmt: skip
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            bold = pdfium_c.FPDFText_GetFontWeight(raw, i) >= BOLD_WEIGHT
            box = (left.value, right.value, bottom.value, top.value)
            yield _Char(text, mcid, box, size, bold)
    finally:
        textpage.close()
        page.close()


# --- tagged: the structure tree -------------------------------------------------------------


class _StructureReader:
    def __init__(self, pike: pikepdf.Pdf, root: Any, pages: _Pages) -> None:
        self.pages = pages
        self.page_index = {page.obj.objgen: i for i, page in enumerate(pike.pages)}
        role_map = root.get("/RoleMap")
        self.role_map: dict[str, str] = (
            {str(key)[1:]: str(value)[1:] for key, value in role_map.items()}
            if isinstance(role_map, pikepdf.Dictionary)
            else {}
        )
        self.root = root
        self.seen: set[tuple[int, int]] = set()
        self.found: list[tuple[Any, str, str]] = []
        """Each unit element met, with its standard type and text (for the PDF writer)."""

    def blocks(self) -> list[Block]:
        units: list[ReadUnit] = []
        for kid in _kids(self.root):
            if isinstance(kid, pikepdf.Dictionary):
                self._visit(kid, None, units)
        return blocks_of(units)

    def _role(self, element: Any) -> str:
        """The standard type the element's type maps to (through the /RoleMap)."""
        role = str(element.get("/S", "/NonStruct"))[1:]
        for _ in range(10):
            if role in _STANDARD or role not in self.role_map:
                break
            role = self.role_map[role]
        return role

    def _page_of(self, element: Any, page: int | None) -> int | None:
        page_object = element.get("/Pg")
        if page_object is not None:
            return self.page_index.get(page_object.objgen, page)
        return page

    def _visit(self, element: Any, page: int | None, units: list[ReadUnit]) -> None:
        if element.objgen != (0, 0):
            if element.objgen in self.seen:  # a damaged tree with a loop
                return
            self.seen.add(element.objgen)
        role = self._role(element)
        if role in _LEFT_OUT or _is_boilerplate(element):
            return
        page = self._page_of(element, page)
        if role == "Table":
            rows: list[list[str]] = []
            self._rows(element, page, rows)
            if any(cell for row in rows for cell in row):
                units.append(ReadUnit("table", rows=rows, page=_shown(page)))
            return
        if role in _UNITS:
            nested: list[ReadUnit] = []
            text = self._text(element, page, nested)
            self.found.append((element, role, text))
            if role in _ITEMS:
                # LibreOffice writes LI > LBody > P, with the bullet glyph inside the P
                if not text and nested and nested[0].kind == "paragraph":
                    nested[0].kind = "item"
                for unit in nested[0:1] if not text else []:
                    unit.text = _without_bullet(unit.text)
                text = _without_bullet(text)
            first_page = _shown(self._first_page(element, page))
            for unit in nested:
                if unit.page is None:
                    unit.page = first_page
            if text:
                if role in _HEADINGS:
                    units.append(ReadUnit("heading", text, level=_HEADINGS[role], page=first_page))
                else:
                    units.append(
                        ReadUnit("item" if role in _ITEMS else "paragraph", text, page=first_page)
                    )
            units.extend(nested)
            return
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                self._visit(kid, page, units)

    def _first_page(self, element: Any, page: int | None) -> int | None:
        """The page (index) the element's first marked content is on: a /Pg on it or on
        its first content reference, else the page it inherits."""
        own = self._page_of(element, page)
        for kid in _kids(element):
            if isinstance(kid, int):
                return own
            if isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    return self._page_of(kid, own)
                if "/S" in kid:
                    return self._first_page(kid, own)
        return own

    def _rows(self, element: Any, page: int | None, rows: list[list[str]]) -> None:
        for kid in _kids(element):
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            role = self._role(kid)
            if role in _LEFT_OUT or _is_boilerplate(kid):
                continue
            kid_page = self._page_of(kid, page)
            if role == "TR":
                rows.append([])
                self._rows(kid, kid_page, rows)
            elif role in _CELLS:
                if not rows:
                    rows.append([])
                rows[-1].append(self._text(kid, kid_page, []))
            else:
                self._rows(kid, kid_page, rows)

    def _text(self, element: Any, page: int | None, nested: list[ReadUnit]) -> str:
        """The element's own text; units inside it go to ``nested``, in order."""
        pieces: list[tuple[int | None, str]] = []
        self._collect(element, page, pieces, nested)
        text = ""
        previous_page: int | None = None
        for piece_page, piece in pieces:
            if text and piece_page != previous_page and not text[-1].isspace():
                text += "\n"
            text += piece
            previous_page = piece_page
        return tidy(join_broken_words(text))

    def _collect(
        self,
        element: Any,
        page: int | None,
        pieces: list[tuple[int | None, str]],
        nested: list[ReadUnit],
    ) -> None:
        actual = element.get("/ActualText")
        if actual is not None:
            pieces.append((page, str(actual)))
            return
        for kid in _kids(element):
            if isinstance(kid, int):
                if page is not None:
                    pieces.append((page, self.pages.marked_text(page, kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == "/MCR":
                    kid_page = self._page_of(kid, page)
                    if kid_page is not None and "/MCID" in kid and "/Stm" not in kid:
                        pieces.append((kid_page, self.pages.marked_text(kid_page, int(kid.MCID))))
                elif kind == "/OBJR" or "/S" not in kid:
                    continue
                else:
                    role = self._role(kid)
                    if role in _LEFT_OUT or _is_boilerplate(kid):
                        continue
                    if role in _UNITS or role == "Table":
                        self._visit(kid, page, nested)
                    else:
                        self._collect(kid, self._page_of(kid, page), pieces, nested)


def _shown(page: int | None) -> int | None:
    """A page index as people count pages (from 1)."""
    return None if page is None else page + 1


def _without_bullet(text: str) -> str:
    return text[1:].lstrip() if text[:1] in BULLETS else text


def _is_boilerplate(element: Any) -> bool:
    """Whether the element carries the user property that marks text not measured."""
    attributes = element.get("/A")
    if attributes is None:
        return False
    for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if not isinstance(attribute, pikepdf.Dictionary):
            continue
        if attribute.get("/O") != pikepdf.Name.UserProperties:
            continue
        for prop in attribute.get("/P", []):
            if isinstance(prop, pikepdf.Dictionary) and str(prop.get("/N", "")) == PDF_PROPERTY:
                return bool(prop.get("/V", False))
    return False


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return [_plain(kid) for kid in kids]
    return [_plain(kids)]


def _plain(kid: Any) -> Any:
    if isinstance(kid, int | pikepdf.Dictionary):
        return kid
    try:
        return int(kid)
    except (TypeError, ValueError):
        return kid


# --- untagged: the layout -------------------------------------------------------------------


@dataclass
class _Line:
    page: int
    text: str
    top: float
    bottom: float
    left: float
    size: float
    bold: bool


_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s+\S")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:]\W*$")
_RUN_ON_ENDINGS = ",;-\u00ad\ufffe\x02"
REPEATED_SHARE = 0.6
"""A line at the same place on at least this share of the pages (and on two or more) is a
running header or footer."""
GAP_FACTOR = 0.8
"""A gap between lines wider than this many times the font size starts a new block
(single and 1.15 line spacing leave a gap of about 0.2–0.4 of it)."""
HEADING_STEP = 1.5
"""A line in a font this many points larger than the body text is a heading."""
BOLD_WEIGHT = 600
"""A font weight (100–900) from which a character is bold."""
SHORT_HEADING_WORDS = 15
"""A block all in bold, this short and not ending as a sentence, is a heading."""


def _lines(pages: _Pages) -> list[_Line]:
    lines: list[_Line] = []
    for index in range(len(pages)):
        current: list[_Char] = []
        for char in [*pages.chars(index), _Char("\n", None, (0, 0, 0, 0), 0)]:
            if char.text in "\r\n":
                line = _line_of(index, current)
                if line is not None:
                    lines.append(line)
                current = []
            else:
                current.append(char)
    return lines


def _line_of(page: int, chars: list[_Char]) -> _Line | None:
    text = "".join(char.text for char in chars)
    inked = [char for char in chars if char.text.strip() and char.size > 0]
    if not text.strip() or not inked:
        return None
    sizes = Counter(round(char.size, 1) for char in inked)
    return _Line(
        page,
        text,
        top=max(char.box[3] for char in inked),
        bottom=min(char.box[2] for char in inked),
        left=min(char.box[0] for char in inked),
        size=sizes.most_common(1)[0][0],
        bold=all(char.bold for char in inked),
    )


def _without_running_lines(lines: list[_Line], page_count: int) -> list[_Line]:
    """The lines without running headers and footers: a line that repeats at the same place
    on most pages (:data:`REPEATED_SHARE`), digits aside ("Page 2 of 9"), and stands at the
    top or the bottom of its page with only other such lines between it and the edge. A
    body line that happens to repeat at one place ("by week 3", "by week 4") is kept."""
    if page_count < 2:
        return lines
    places: dict[tuple[str, int], set[int]] = {}
    for line in lines:
        places.setdefault(_place(line), set()).add(line.page)
    needed = max(2, math.ceil(REPEATED_SHARE * page_count))
    running: set[int] = set()
    for page in range(page_count):
        on_page = sorted((line for line in lines if line.page == page), key=lambda line: -line.top)
        for edge in (on_page, on_page[::-1]):  # from the top, then from the bottom
            for line in edge:
                if len(places[_place(line)]) < needed:
                    break
                running.add(id(line))
    return [line for line in lines if id(line) not in running]


def _place(line: _Line) -> tuple[str, int]:
    return _DIGITS.sub("#", tidy(line.text)), round(line.top / 3)


def _layout_blocks(pages: _Pages) -> list[Block]:
    lines = _without_running_lines(_lines(pages), len(pages))
    if not lines:
        return []
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    units: list[ReadUnit] = []
    block: list[_Line] = []

    def close() -> None:
        if not block:
            return
        first = tidy(block[0].text)
        text = tidy(join_broken_words("\n".join(line.text.strip() for line in block)))
        page = block[0].page + 1
        if first[:1] in BULLETS:
            units.append(ReadUnit("item", _without_bullet(text), page=page))
        elif _NUMBERED.match(first):
            units.append(ReadUnit("item", text, page=page))
        elif block[0].size >= body_size + HEADING_STEP or (
            all(line.bold for line in block)
            and len(text.split()) <= SHORT_HEADING_WORDS
            and not _SENTENCE_END.search(text)
        ):
            units.append(ReadUnit("heading", text, level=1, page=page))
        else:
            units.append(ReadUnit("paragraph", text, page=page))
        block.clear()

    for line in lines:
        if block:
            previous = block[-1]
            starts_item = tidy(line.text)[:1] in BULLETS or bool(_NUMBERED.match(tidy(line.text)))
            if line.page != previous.page:
                # a paragraph runs on over a page break mid-sentence, into a small letter
                ended = previous.text.strip()
                runs_on = not _SENTENCE_END.search(ended) and (
                    tidy(line.text)[:1].islower() or ended[-1:] in _RUN_ON_ENDINGS
                )
                new = starts_item or not runs_on
            else:
                gap = previous.bottom - line.top
                new = (
                    starts_item
                    or abs(line.size - previous.size) > 0.5
                    or line.bold != previous.bold
                    or gap > GAP_FACTOR * max(line.size, previous.size)
                    or line.top > previous.top  # a new column
                )
            if new:
                close()
        block.append(line)
    close()
    return blocks_of(units)
