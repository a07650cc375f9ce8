"""Accessibility rules for Word documents (.docx): the rules of Word's Accessibility Checker that
can be read from the file, and the WCAG 2.1 AA ones it leaves out (title, language, headers
and footers). Rules, severities, messages, thresholds and the "how to fix it in Word" advice are
data in ``summarygen/rules/accessibility-docx.yaml``, each with where it comes from.

python-docx opens the package, names the styles and gives the core properties and the header
and footer parts; the rules read the body's XML with lxml. The document is read as it reads
with tracked changes accepted: a deleted picture, paragraph or table row (``w:del``,
``w:moveFrom``) is not there, an inserted one is. Paragraphs inside text boxes are checked as
paragraphs (links, contrast, spacing); of the two copies Word writes of a drawing
(``mc:Choice``, and ``mc:Fallback`` for old versions), one is read.

Each finding's ``where`` is in Word's terms ("section 'Background', paragraph 3", "table 2
(under 'Actions')", "the picture in paragraph 5") and its ``location`` is the part
(``word/document.xml``). Paragraphs are counted from the heading they stand under, empty ones
left out, as a reader counts them on the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import Problem, RecordError
from ..findings import Finding, Severity

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


@cache
def _w(name: str) -> str:
    """``name`` in the WordprocessingML namespace (``pPr/pStyle`` names a path)."""
    return "/".join(f"{{{W}}}{part}" for part in name.split("/"))


_P, _R, _T, _TAB, _BR, _TBL, _TR, _TC = (
    _w(n) for n in ("p", "r", "t", "tab", "br", "tbl", "tr", "tc")
)
_HYPERLINK, _DRAWING, _PICT, _TXBX = _w("hyperlink"), _w("drawing"), _w("pict"), _w("txbxContent")
_VAL = _w("val")
_RPR, _RSTYLE, _PSTYLE, _VANISH = _w("rPr"), _w("rStyle"), _w("pPr/pStyle"), _w("vanish")
_ALTERNATE, _CHOICE, _FALLBACK = (
    f"{{{MC}}}{name}" for name in ("AlternateContent", "Choice", "Fallback")
)
_GONE = {_w("del"), _w("moveFrom"), _w("delText"), _w("instrText"), f"{{{MC}}}Fallback"}
"""What is not in the document as it reads: tracked deletions and moves-away, field codes, and
the fallback copy of a drawing."""
_PROPERTIES = {_w("pPr"), _w("rPr"), _w("tblPr"), _w("trPr"), _w("tcPr"), _w("sectPr")}

KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt graphic",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape": "shape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup": "group of shapes",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas": "drawing canvas",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
}
"""What a drawing is, by its ``a:graphicData`` uri, in the words Word's menus use."""

HIGHLIGHTS = {
    "black": "000000",
    "blue": "0000FF",
    "cyan": "00FFFF",
    "green": "00FF00",
    "magenta": "FF00FF",
    "red": "FF0000",
    "yellow": "FFFF00",
    "white": "FFFFFF",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
}
"""Word's highlight colours (``w:highlight``), ECMA-376 Part 1, 17.18.40."""


@dataclass(frozen=True)
class _Rule:
    id: str
    severity: Severity
    message: str
    suggestion: str


@dataclass(frozen=True)
class _Rules:
    rules: dict[str, _Rule]
    long_document_words: int
    heading_min_size_pt: float
    heading_max_words: int
    blank_paragraphs: int
    spaces: int
    tabs: int
    contrast_normal: float
    contrast_large: float
    large_size_pt: float
    large_bold_size_pt: float
    vague_links: frozenset[str]
    bare_url: re.Pattern[str]
    file_name: re.Pattern[str]
    furniture: re.Pattern[str]


@cache
def rules() -> _Rules:
    """The rules of ``accessibility-docx.yaml``, read once."""
    from .._resources import read_rules_yaml

    data = read_rules_yaml("accessibility-docx.yaml")
    look, contrast, links = data["heading_look"], data["contrast"], data["links"]
    return _Rules(
        rules={
            rule_id: _Rule(
                rule_id,
                Severity(rule["severity"]),
                " ".join(rule["message"].split()),
                " ".join(rule["suggestion"].split()),
            )
            for rule_id, rule in data["rules"].items()
        },
        long_document_words=int(data["long_document_words"]),
        heading_min_size_pt=float(look["min_size_pt"]),
        heading_max_words=int(look["max_words"]),
        blank_paragraphs=int(data["blank_paragraphs_in_a_row"]),
        spaces=int(data["spaces_in_a_row"]),
        tabs=int(data["tabs_in_a_row"]),
        contrast_normal=float(contrast["normal"]),
        contrast_large=float(contrast["large"]),
        large_size_pt=float(contrast["large_size_pt"]),
        large_bold_size_pt=float(contrast["large_bold_size_pt"]),
        vague_links=frozenset(str(text).lower() for text in links["vague"]),
        bare_url=re.compile(links["bare_url"], re.IGNORECASE),
        file_name=re.compile(data["file_name"], re.IGNORECASE),
        furniture=re.compile(data["furniture"], re.IGNORECASE),
    )


# --- the document as it reads ---------------------------------------------------------------


@dataclass
class _Paragraph:
    element: Any
    text: str
    """As it reads, with tabs as tabs (field codes and deletions left out)."""
    runs: list[Any]
    """The runs that read (``w:r``), in order, outside text boxes."""
    drawings: list[Any]
    links: list[Any]
    section: str
    number: int
    """Counted from the heading it stands under, empty paragraphs left out (0 if empty)."""
    in_table: bool
    in_box: bool
    part: str

    where: str
    """For a person, in Word's terms: "section 'Background', paragraph 3"."""


@dataclass
class _Table:
    element: Any
    number: int
    section: str
    rows: list[list[Any]] = field(default_factory=list)
    """The cells (``w:tc``) of each row that reads."""

    @property
    def where(self) -> str:
        return f"table {self.number}" + (f" (under '{self.section}')" if self.section else "")


class _Styles:
    """Style names, heading levels and run look (size, bold, colour, shading) through each
    style's ``w:basedOn`` chain, down to the document defaults."""

    def __init__(self, styles_element: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph = ""
        self.default_character = ""
        for style in styles_element.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"), "")
            self.by_id[style_id] = style
            if style.get(_w("default")) in ("1", "true", "on"):
                kind = style.get(_w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id
        self.defaults = styles_element.find(_w("docDefaults/rPrDefault/rPr"))
        self._cache: dict[tuple[str, str], Any] = {}
        self._inherited: dict[tuple[str, str, str], Any] = {}

    def name(self, style_id: str) -> str:
        style = self.by_id.get(style_id)
        name = None if style is None else style.find(_w("name"))
        return "" if name is None else str(name.get(_VAL, ""))

    def chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(_w("basedOn"))
            style_id = "" if based is None else str(based.get(_VAL, ""))

    def find(self, style_id: str, path: str) -> Any:
        """The first ``path`` element along the style's chain (cached)."""
        key = (style_id, path)
        if key not in self._cache:
            self._cache[key] = next(
                (
                    found
                    for style in self.chain(style_id)
                    if (found := style.find(path)) is not None
                ),
                None,
            )
        return self._cache[key]

    def heading_level(self, paragraph_style: str, p_pr: Any) -> int | None:
        """1-9 for a paragraph with an outline level (Word's headings), else None."""
        level = None if p_pr is None else p_pr.find(_w("outlineLvl"))
        if level is None:
            level = self.find(paragraph_style, _w("pPr/outlineLvl"))
        if level is not None:
            value = int(level.get(_VAL, "9"))
            return value + 1 if value < 9 else None
        match = re.fullmatch(r"heading ([1-9])", self.name(paragraph_style).lower())
        return int(match.group(1)) if match else None

    def run_property(self, run: Any, paragraph_style: str, name: str) -> Any:
        """The ``w:<name>`` that applies to the run: its own, its character style's, its
        paragraph style's, the defaults'."""
        tag = _w(name)
        properties = run.find(_RPR)
        character = ""
        if properties is not None:
            own = properties.find(tag)
            if own is not None:
                return own
            character_style = properties.find(_RSTYLE)
            if character_style is not None:
                character = str(character_style.get(_VAL, ""))
        key = (paragraph_style, character, name)
        if key not in self._inherited:
            found = self.find(character, _w(f"rPr/{name}")) if character else None
            if found is None:
                found = self.find(paragraph_style or self.default_paragraph, _w(f"rPr/{name}"))
            if found is None and self.defaults is not None:
                found = self.defaults.find(tag)
            self._inherited[key] = found
        return self._inherited[key]


def _on(flag: Any) -> bool:
    """Whether an on/off property (``<w:b/>``, ``w:val="0"``...) is on."""
    return flag is not None and str(flag.get(_VAL, "true")).lower() not in ("0", "false", "off")


def _paragraph_style(p: Any) -> str:
    style = p.find(_PSTYLE)
    return "" if style is None else str(style.get(_VAL, ""))


class _Reader:
    """The paragraphs and tables of one part, in reading order."""

    def __init__(self, styles: _Styles, part: str) -> None:
        self.styles = styles
        self.part = part
        self.paragraphs: list[_Paragraph] = []
        self.tables: list[_Table] = []
        self.section = ""
        self.number = 0
        self.headings: list[tuple[int, _Paragraph]] = []
        self.anchor = ""
        """Where the paragraph holding the text boxes being read is."""

    def container(self, element: Any, *, in_table: bool = False, in_box: bool = False) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _GONE or tag in _PROPERTIES:
                continue
            if tag == _P:
                self.paragraph(child, in_table=in_table, in_box=in_box)
            elif tag == _TBL:
                self.table(child, in_box=in_box)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.container(content, in_table=in_table, in_box=in_box)
            else:  # w:ins, w:customXml, w:moveTo around paragraphs
                self.container(child, in_table=in_table, in_box=in_box)

    def paragraph(self, p: Any, *, in_table: bool, in_box: bool) -> None:
        runs: list[Any] = []
        drawings: list[Any] = []
        links: list[Any] = []
        boxes: list[Any] = []
        _walk(p, runs, drawings, links, boxes)
        text = "".join(_run_text(run) for run in runs)
        style = _paragraph_style(p)
        level = None if in_table or in_box else self.styles.heading_level(style, p.find(_w("pPr")))
        heading = level is not None and bool(text.strip())
        # paragraphs are numbered as the readability checks number them: those with text,
        # outside tables and text boxes; a picture on its own is placed by the one before it
        counted = bool(text.strip()) and not in_box and not in_table
        if heading:
            self.section = " ".join(text.split())
            self.number = 0
        elif counted:
            self.number += 1
        if heading:
            where = f"the heading '{self.section}'"
        elif in_box:
            where = f"a text box in {self.anchor}"
        else:
            if in_table:
                place = f"a cell of table {len(self.tables)}"
            elif counted:
                place = f"paragraph {self.number}"
            elif drawings:
                place = (
                    f"after paragraph {self.number}" if self.number else "before paragraph 1"
                )
            else:
                place = f"an empty paragraph after paragraph {self.number}"
                if not self.number:
                    place = "an empty paragraph" + (" under the heading" if self.section else "")
            where = f"section '{self.section}', {place}" if self.section else place
        paragraph = _Paragraph(
            p,
            text,
            runs,
            drawings,
            links,
            self.section,
            self.number if counted and not heading else 0,
            in_table,
            in_box,
            self.part,
            where,
        )
        self.paragraphs.append(paragraph)
        if level is not None and heading:
            self.headings.append((level, paragraph))
        if boxes:
            outer, self.anchor = self.anchor, where
            for box in boxes:
                self.container(box, in_box=True)
            self.anchor = outer

    def table(self, tbl: Any, *, in_box: bool) -> None:
        table = _Table(tbl, len(self.tables) + 1, self.section)
        self.tables.append(table)
        for row in _reading(tbl, _TR):
            properties = row.find(_w("trPr"))
            if properties is not None and properties.find(_w("del")) is not None:
                continue  # a deleted row
            cells = list(_reading(row, _TC))
            table.rows.append(cells)
            for cell in cells:
                self.container(cell, in_table=True, in_box=in_box)


def _reading(element: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``element`` that read, through ``w:ins``/``w:sdt`` wrappers."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _GONE:
            continue
        if child.tag == tag:
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _reading(content, tag)
        elif child.tag in (_w("ins"), _w("customXml")):
            yield from _reading(child, tag)


def _walk(
    element: Any, runs: list[Any], drawings: list[Any], links: list[Any], boxes: list[Any]
) -> None:
    """Gather what reads in ``element`` (a paragraph, a link, a cell): its runs, the drawings
    in them, its links, and the text boxes of the drawings (read apart, as paragraphs)."""
    for child in element:
        tag = child.tag
        if tag == _R:
            properties = child.find(_RPR)
            if properties is not None and _on(properties.find(_VANISH)):
                continue
            runs.append(child)
            for inner in child:
                if inner.tag in (_DRAWING, _PICT):
                    _add_drawing(inner, drawings, boxes)
                elif inner.tag == _ALTERNATE:  # mc:Choice is read, mc:Fallback is a copy
                    choice = inner.find(_CHOICE)
                    for drawing in () if choice is None else choice:
                        if drawing.tag in (_DRAWING, _PICT):
                            _add_drawing(drawing, drawings, boxes)
        elif not isinstance(tag, str) or tag in _GONE or tag in _PROPERTIES:
            continue
        elif tag == _HYPERLINK:
            links.append(child)
            _walk(child, runs, drawings, links, boxes)
        else:  # w:ins, w:moveTo, w:smartTag, w:sdt, w:fldSimple...
            _walk(child, runs, drawings, links, boxes)


def _add_drawing(drawing: Any, drawings: list[Any], boxes: list[Any]) -> None:
    drawings.append(drawing)
    found = [
        box
        for box in drawing.iter(_TXBX)
        if not any(a.tag == _FALLBACK for a in box.iterancestors(_FALLBACK))
    ]
    boxes.extend(
        box for box in found if not any(outer in found for outer in box.iterancestors(_TXBX))
    )


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BR and child.get(_w("type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _field_results(runs: list[Any]) -> list[Any]:
    """The runs that are not between a field's begin and separate (its code)."""
    kept: list[Any] = []
    depth: list[bool] = []
    in_code = False
    for run in runs:
        char = run.find(_w("fldChar"))
        if char is not None:
            kind = char.get(_w("fldCharType"))
            if kind == "begin":
                depth.append(in_code)
                in_code = True
            elif kind == "separate":
                in_code = False
            elif kind == "end":
                in_code = depth.pop() if depth else False
            continue
        if not in_code:
            kept.append(run)
    return kept


# --- the rules ---------------------------------------------------------------------------------


class _Finder:
    def __init__(self, document_name: str) -> None:
        self.document = document_name
        self.rules = rules()
        self.found: list[Finding] = []

    def add(
        self,
        rule_id: str,
        *,
        section: str = "",
        text: str = "",
        where: str = "",
        location: str = "word/document.xml",
        **values: object,
    ) -> None:
        rule = self.rules.rules[rule_id]
        self.found.append(
            Finding(
                check=f"accessibility.{rule_id}",
                severity=rule.severity,
                document=self.document,
                section=section,
                text=" ".join(text.split()),
                message=rule.message.format(**values),
                suggestion=rule.suggestion.format(**values),
                location=location,
                where=where,
            )
        )


def findings(path: Path) -> list[Finding]:
    """Accessibility findings for the DOCX file at ``path`` (worst first is the caller's job).

    Raises :class:`summarygen.errors.RecordError` (a :class:`SummarygenError`) for a file that
    is not a Word document."""
    import docx

    try:
        word = docx.Document(io.BytesIO(path.read_bytes()))
    except Exception as error:  # not a zip, no main part, broken XML: python-docx's errors vary
        message = f"cannot open it as a Word document: {error}"
        raise RecordError([Problem(str(path), None, None, "", message)]) from None
    return _check(word, path.name)


def _check(word: Any, name: str) -> list[Finding]:
    styles = _Styles(word.styles.element)
    body = _Reader(styles, "word/document.xml")
    body.container(word.element.body)
    finder = _Finder(name)
    page_fill = _page_fill(word.element)
    _pictures(finder, body)
    _tables(finder, body)
    _headings(finder, body, styles)
    _blank_and_spacing(finder, body)
    _links(finder, body)
    _contrast(finder, body, styles, page_fill)
    _properties(finder, word, styles)
    _headers_and_footers(finder, word, styles, body)
    return finder.found


def _pictures(finder: _Finder, body: _Reader) -> None:
    for paragraph in body.paragraphs:
        for drawing in paragraph.drawings:
            kind, alt, decorative, floating, has_text = _drawing(drawing)
            where = f"the {kind} in {paragraph.where}"
            if not decorative and not has_text:
                if not alt:
                    finder.add(
                        "alt-text",
                        section=paragraph.section,
                        text=paragraph.text,
                        where=where,
                        location=paragraph.part,
                        kind=kind,
                    )
                elif finder.rules.file_name.match(alt):
                    finder.add(
                        "alt-text-file-name",
                        section=paragraph.section,
                        text=alt,
                        where=where,
                        location=paragraph.part,
                        kind=kind,
                    )
            if floating:
                finder.add(
                    "floating-object",
                    section=paragraph.section,
                    text=paragraph.text,
                    where=where,
                    location=paragraph.part,
                    kind=kind,
                )


def _drawing(drawing: Any) -> tuple[str, str, bool, bool, bool]:
    """(kind, alt text, marked decorative, floating, holds text) of a ``w:drawing``/``w:pict``."""
    if drawing.tag == _PICT:  # VML, from Word 2007 and older converters
        shape = next((s for s in drawing.iter() if s.get("alt") is not None), None)
        alt = "" if shape is None else str(shape.get("alt", "")).strip()
        has_image = any(True for _ in drawing.iter(f"{{{V}}}imagedata"))
        has_text = any(True for _ in drawing.iter(f"{{{V}}}textbox"))
        floating = any(
            "position:absolute" in str(s.get("style", "")).replace(" ", "")
            for s in drawing.iter(f"{{{V}}}shape", f"{{{V}}}rect", f"{{{V}}}group")
        )
        # only a VML picture asks for alt text: a VML shape without one is a rule or a line
        return ("picture", alt, False, floating, has_text or not has_image)
    holder = drawing.find(f"{{{WP}}}anchor")
    floating = holder is not None
    if holder is None:
        holder = drawing.find(f"{{{WP}}}inline")
    if holder is None:
        return ("picture", "", False, False, False)
    properties = holder.find(f"{{{WP}}}docPr")
    alt = ""
    decorative = False
    if properties is not None:
        alt = str(properties.get("descr") or properties.get("title") or "").strip()
        decorative = any(_on_attribute(d) for d in properties.iter(f"{{{DECORATIVE}}}decorative"))
    data = holder.find(f"{{{A}}}graphic/{{{A}}}graphicData")
    kind = KINDS.get("" if data is None else str(data.get("uri", "")), "picture")
    has_text = any(True for _ in holder.iter(_TXBX))
    return (kind, alt, decorative, floating, has_text)


def _on_attribute(element: Any) -> bool:
    return str(element.get("val", "1")).lower() in ("1", "true", "on")


def _tables(finder: _Finder, body: _Reader) -> None:
    for table in body.tables:
        first = table.element.find(_TR)
        rows = table.rows
        if not rows:
            continue
        text = " | ".join(_cell_text(cell) for cell in rows[0])
        common = {"section": table.section, "where": table.where, "text": text}
        if not _has_header(table.element, rows):
            finder.add("table-header", **common)
        if _merged_or_split(rows, first):
            finder.add("table-merged-cells", **common)
        blank = _blank_line(rows)
        if blank:
            finder.add("table-blank-cells", line=blank, **common)


def _has_header(tbl: Any, rows: list[list[Any]]) -> bool:
    """Word's header row: the first row repeats as a header (``w:tblHeader``) or the table's
    style options have Header Row ticked (``w:tblLook`` firstRow)."""
    first_row = rows[0][0].getparent() if rows[0] else None
    if first_row is not None:
        header = first_row.find(_w("trPr/tblHeader"))
        if _on(header):
            return True
    look = tbl.find(_w("tblPr/tblLook"))
    if look is None:
        return False
    first = look.get(_w("firstRow"))
    if first is not None:
        return first in ("1", "true", "on")
    value = str(look.get(_VAL, ""))
    return bool(re.fullmatch(r"[0-9A-Fa-f]{1,4}", value)) and bool(int(value, 16) & 0x20)


def _merged_or_split(rows: list[list[Any]], first: Any) -> bool:
    for row in rows:
        for cell in row:
            properties = cell.find(_w("tcPr"))
            if properties is None:
                continue
            span = properties.find(_w("gridSpan"))
            if span is not None and str(span.get(_VAL, "1")) not in ("1", "0", ""):
                return True
            if (
                properties.find(_w("vMerge")) is not None
                or properties.find(_w("hMerge")) is not None
            ):
                return True
        parent = row[0].getparent() if row else None
        if parent is not None:
            properties = parent.find(_w("trPr"))
            if properties is not None and (
                properties.find(_w("gridBefore")) is not None
                or properties.find(_w("gridAfter")) is not None
            ):
                return True
    return len({len(row) for row in rows}) > 1


def _cell_text(cell: Any) -> str:
    runs: list[Any] = []
    _walk(cell, runs, [], [], [])
    return " ".join("".join(_run_text(run) for run in runs).split())


def _cell_blank(cell: Any) -> bool:
    return not _cell_text(cell) and not any(True for _ in cell.iter(_DRAWING, _PICT))


def _blank_line(rows: list[list[Any]]) -> str:
    """ "row" or "column" if a whole row or column (of a table of two or more) is empty."""
    if len(rows) > 1 and any(row and all(_cell_blank(cell) for cell in row) for row in rows):
        return "row"
    width = min(len(row) for row in rows)
    if width > 1 and any(all(_cell_blank(row[i]) for row in rows) for i in range(width)):
        return "column"
    return ""


def _headings(finder: _Finder, body: _Reader, styles: _Styles) -> None:
    rules = finder.rules
    words = sum(len(p.text.split()) for p in body.paragraphs)
    if not body.headings and words >= rules.long_document_words:
        finder.add("no-headings", where="the whole document", words=words)
    for (before, _), (after, heading) in zip(body.headings, body.headings[1:], strict=False):
        if after > before + 1:
            finder.add(
                "heading-order",
                section=heading.section,
                text=heading.text,
                where=heading.where,
                before=before,
                after=after,
                needed=before + 1,
            )
    for paragraph in body.paragraphs:
        if paragraph.in_table or paragraph.in_box or not paragraph.number:
            continue
        if _looks_like_heading(paragraph, styles, rules):
            finder.add(
                "fake-heading",
                section=paragraph.section,
                text=paragraph.text,
                where=paragraph.where,
                location=paragraph.part,
            )


def _looks_like_heading(paragraph: _Paragraph, styles: _Styles, rules: _Rules) -> bool:
    text = paragraph.text.strip()
    if (
        not text
        or len(text.split()) > rules.heading_max_words
        or text.endswith((".", ":", ";", ","))
    ):
        return False
    style = _paragraph_style(paragraph.element)
    runs = [run for run in paragraph.runs if _run_text(run).strip()]
    if not runs:
        return False
    bold = all(_on(styles.run_property(run, style, "b")) for run in runs)
    sizes = [_size_pt(styles.run_property(run, style, "sz")) for run in runs]
    large = all(size >= rules.heading_min_size_pt for size in sizes)
    if not (bold and large):
        return False
    # made so by its own formatting: its style alone is not bold and large
    style_bold = _on(styles.find(style or styles.default_paragraph, _w("rPr/b")))
    style_size = _size_pt(
        styles.find(style or styles.default_paragraph, _w("rPr/sz"))
        if style or styles.default_paragraph
        else None
    )
    return not (style_bold and style_size >= rules.heading_min_size_pt)


def _size_pt(size: Any) -> float:
    """A ``w:sz`` (half-points) in points; Word's default, 10 pt, where none is set."""
    if size is None:
        return 10.0
    try:
        return int(size.get(_VAL, "20")) / 2
    except ValueError:
        return 10.0


def _blank_and_spacing(finder: _Finder, body: _Reader) -> None:
    rules = finder.rules
    blank_run: list[_Paragraph] = []

    def close() -> None:
        if len(blank_run) >= rules.blank_paragraphs:
            first = blank_run[0]
            before = body.paragraphs.index(first)
            previous = next(
                (
                    p
                    for p in reversed(body.paragraphs[:before])
                    if (p.text.strip() or p.drawings) and not p.in_table and not p.in_box
                ),
                None,
            )
            where = (
                f"after {previous.where}"
                if previous is not None
                else "at the start of the document"
            )
            finder.add("blank-paragraphs", section=first.section, where=where, count=len(blank_run))
        blank_run.clear()

    for paragraph in body.paragraphs:
        if paragraph.in_table or paragraph.in_box:
            close()
            continue
        properties = paragraph.element.find(_w("pPr"))
        breaks = any(br.get(_w("type")) == "page" for run in paragraph.runs for br in run.iter(_BR))
        section_end = properties is not None and properties.find(_w("sectPr")) is not None
        if not paragraph.text.strip() and not paragraph.drawings and not breaks and not section_end:
            blank_run.append(paragraph)
            continue
        close()
        text = paragraph.text.rstrip()  # what trails the last word lines nothing up
        what = ""
        if re.search(f" {{{rules.spaces},}}", text.lstrip(" ")):
            what = "spaces"
        elif re.search(f"(?:\t *){{{rules.tabs},}}", text):
            what = "tabs"
        if what:
            finder.add(
                "spaces-for-layout",
                section=paragraph.section,
                text=paragraph.text,
                where=paragraph.where,
                location=paragraph.part,
                what=what,
            )
    close()


def _links(finder: _Finder, body: _Reader) -> None:
    rules = finder.rules
    for paragraph in body.paragraphs:
        for link in paragraph.links:
            runs: list[Any] = []
            _walk(link, runs, [], [], [])
            text = " ".join("".join(_run_text(run) for run in _field_results(runs)).split())
            if not text:
                continue
            bare = text.strip().rstrip(".,;:)")
            if rules.bare_url.match(bare):
                reason = "it is a bare web address, which a screen reader spells out"
            elif bare.lower().strip("“”\"'()[] ") in rules.vague_links:
                reason = f'"{text}" makes no sense out of its sentence'
            else:
                continue
            finder.add(
                "link-text",
                section=paragraph.section,
                text=text,
                where=paragraph.where,
                location=paragraph.part,
                reason=reason,
            )


def _contrast(finder: _Finder, body: _Reader, styles: _Styles, page_fill: str) -> None:
    rules = finder.rules
    for paragraph in body.paragraphs:
        style = _paragraph_style(paragraph.element)
        paragraph_fill = _fill(paragraph.element.find(_w("pPr/shd")))
        if paragraph_fill is None:
            paragraph_fill = _fill(styles.find(style or styles.default_paragraph, _w("pPr/shd")))
        cell_fill = None
        if paragraph.in_table:
            cell = next(paragraph.element.iterancestors(_TC), None)
            if cell is not None:
                cell_fill = _fill(cell.find(_w("tcPr/shd")))
        for run in paragraph.runs:
            text = _run_text(run).strip()
            if not text:
                continue
            colour = styles.run_property(run, style, "color")
            foreground = None if colour is None else str(colour.get(_VAL, "auto"))
            if foreground is None or not re.fullmatch(r"[0-9A-Fa-f]{6}", foreground):
                continue  # automatic colour: Word picks black or white against the background
            highlight = styles.run_property(run, style, "highlight")
            background = None
            if highlight is not None and highlight.get(_VAL, "none") in HIGHLIGHTS:
                background = HIGHLIGHTS[str(highlight.get(_VAL))]
            if background is None:
                background = _fill(styles.run_property(run, style, "shd"))
            background = background or paragraph_fill or cell_fill or page_fill
            ratio = contrast_ratio(foreground, background)
            size = _size_pt(styles.run_property(run, style, "sz"))
            bold = _on(styles.run_property(run, style, "b"))
            large = size >= rules.large_size_pt or (bold and size >= rules.large_bold_size_pt)
            needed = rules.contrast_large if large else rules.contrast_normal
            if ratio < needed:
                finder.add(
                    "contrast",
                    section=paragraph.section,
                    text=text,
                    where=paragraph.where,
                    location=paragraph.part,
                    ratio=f"{int(ratio * 10) / 10:.1f}",
                    needed=f"{needed:g}",
                )
                break  # one finding a paragraph


def _fill(shading: Any) -> str | None:
    """The fill colour of a ``w:shd``, or None (none, automatic, or a theme colour alone)."""
    if shading is None:
        return None
    fill = str(shading.get(_w("fill"), "auto"))
    if re.fullmatch(r"[0-9A-Fa-f]{6}", fill) and shading.get(_VAL) != "nil":
        return fill.upper()
    return None


def _page_fill(document: Any) -> str:
    background = document.find(_w("background"))
    colour = None if background is None else background.get(_w("color"))
    if colour and re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
        return str(colour).upper()
    return "FFFFFF"


@cache
def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour given as six hex digits (0 to 1)."""
    channels = []
    for index in (0, 2, 4):
        value = int(colour[index : index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two colours (1 to 21): (L1 + 0.05) / (L2 + 0.05)."""
    one, two = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(one, two), min(one, two)
    return (lighter + 0.05) / (darker + 0.05)


def _properties(finder: _Finder, word: Any, styles: _Styles) -> None:
    if not (word.core_properties.title or "").strip():
        finder.add("title", where="File > Info > Properties", location="docProps/core.xml")
    if not _has_language(word, styles):
        finder.add("language", where="the whole document", location="word/styles.xml")


def _has_language(word: Any, styles: _Styles) -> bool:
    def set_in(element: Any) -> bool:
        return any(
            lang.get(_VAL) or lang.get(_w("bidi")) or lang.get(_w("eastAsia"))
            for lang in element.iter(_w("lang"))
        )

    return set_in(word.styles.element) or set_in(word.element.body)


def _headers_and_footers(finder: _Finder, word: Any, styles: _Styles, body: _Reader) -> None:
    said = " ".join(" ".join(p.text.split()) for p in body.paragraphs).lower()
    seen: set[str] = set()
    for section in word.sections:
        for kind, parts in (
            ("header", (section.header, section.first_page_header, section.even_page_header)),
            ("footer", (section.footer, section.first_page_footer, section.even_page_footer)),
        ):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                name = str(part.part.partname).lstrip("/")
                if name in seen:
                    continue
                seen.add(name)
                reader = _Reader(styles, name)
                reader.container(part._element)
                for paragraph in reader.paragraphs:
                    runs = _field_results(paragraph.runs)
                    text = "".join(_run_text(run) for run in runs)
                    for piece in re.split(r"[\t\n]|\s{2,}", text):
                        piece = " ".join(piece.split())
                        if not piece or finder.rules.furniture.match(piece):
                            continue
                        if _without_page_numbers(piece).lower() in said:
                            continue
                        finder.add(
                            "header-footer-only",
                            text=piece,
                            where=f"the page {kind}",
                            location=name,
                            part=kind,
                        )


def _without_page_numbers(text: str) -> str:
    return re.sub(r"\s*\bpage\b.*$", "", text, flags=re.IGNORECASE).strip() or text
