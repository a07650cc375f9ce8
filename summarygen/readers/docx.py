"""Read a Word document (.docx) into Document blocks, as it reads with tracked changes accepted.

python-docx opens the package and names the styles; the text of each paragraph is read from
its XML with lxml, because python-docx's ``Paragraph.text`` reads only the paragraph's direct
runs and hyperlinks: it drops runs inside a tracked insertion (``w:ins``), a content control
(``w:sdt``), a simple field (``w:fldSimple``) or a move (``w:moveTo``). Here:

- a paragraph whose mark is a tracked deletion runs into the next paragraph;
- runs in ``w:ins``, ``w:moveTo``, hyperlinks, content controls, smart tags and simple
  fields are read; ``w:del`` and ``w:moveFrom`` are not (their text is ``w:delText`` or lies
  inside them); hidden runs (``w:vanish``) are not;
- of a field, the result is read and the code (``w:instrText``) is not;
- a tab or line break inside a paragraph is a space, a no-break hyphen a hyphen, a soft
  hyphen nothing;
- each paragraph of a text box, a footnote and an endnote is its own unit (text boxes
  after the paragraph that anchors them, notes at the end); of the two copies Word writes
  of a text box (``mc:Choice`` and the older ``mc:Fallback``), one is read;
- a heading is a paragraph in a "Heading N" or "Title" style; a list item one in a "List"
  style or with numbering; a table is rows of cells (a cell's paragraphs joined);
- paragraphs in the styles of :data:`summarygen.writers.boilerplate.DOCX_STYLES` (the cover,
  fiction notice and credits our writer marks) are left out, as the build leaves them out.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from ..document import Block
from ..writers.boilerplate import DOCX_STYLES
from .lines import ReadUnit, blocks_of, tidy

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BOILERPLATE = {name.lower() for name in DOCX_STYLES}


def _tag(name: str) -> str:
    prefix, local = name.split(":")
    return "{" + (W if prefix == "w" else MC) + "}" + local


_P, _R, _T, _TBL, _TR, _TC = (_tag(f"w:{n}") for n in ("p", "r", "t", "tbl", "tr", "tc"))
_SKIPPED = {
    _tag(n)
    for n in (
        "w:del",
        "w:moveFrom",
        "w:pPr",
        "w:rPr",
        "w:instrText",
        "w:delText",
        "w:txbxContent",
        "mc:Fallback",
    )
}
_SPACES = {_tag(n) for n in ("w:tab", "w:br", "w:cr", "w:ptab")}
_NO_BREAK_HYPHEN = _tag("w:noBreakHyphen")
_TEXT_BOX = _tag("w:txbxContent")
_FALLBACK = _tag("mc:Fallback")
_FIELD_CHAR = _tag("w:fldChar")
_FIELD_TYPE = _tag("w:fldCharType")
_VAL = _tag("w:val")
_NUMBERING = f"{_tag('w:pPr')}/{_tag('w:numPr')}"
_DELETED_MARK = f"{_tag('w:pPr')}/{_tag('w:rPr')}/{_tag('w:del')}"


def read_docx(data: bytes) -> list[Block]:
    """The blocks of a .docx file (its bytes)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    word = docx.Document(io.BytesIO(data))
    styles = {style.style_id: (style.name or "") for style in word.styles}
    reader = _Reader(styles)
    reader.body(word.element.body)
    for relationship in (RT.FOOTNOTES, RT.ENDNOTES):
        for rel in word.part.rels.values():
            if rel.reltype == relationship and not rel.is_external:
                notes = etree.fromstring(rel.target_part.blob)
                for note in notes:
                    if note.get(_tag("w:type")) in (None, "normal"):
                        reader.body(note)
    return reader.blocks()


class _Reader:
    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.units: list[ReadUnit] = []
        self.carry = ""
        """Text of paragraphs whose mark is deleted, waiting for the paragraph it joins."""

    def body(self, container: Any) -> None:
        for child in container:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag not in _SKIPPED:  # w:sdt, w:customXml, w:ins around paragraphs
                self.body(_content(child))

    def paragraph(self, p: Any) -> None:
        boxes: list[Any] = []
        own = _text(p, boxes)
        if p.find(_DELETED_MARK) is not None:
            # the paragraph mark is a tracked deletion: accepted, it runs into the next one
            self.carry += own
            for box in boxes:
                self.body(box)
            return
        text = tidy(self.carry + own)
        self.carry = ""
        style = self._style(p)
        if text and style.lower() not in _BOILERPLATE:
            lowered = style.lower()
            if lowered.startswith("heading") or lowered == "title":
                level = int(lowered[-1]) if lowered[-1].isdigit() else 1
                self.units.append(ReadUnit("heading", text, level=level))
            elif lowered.startswith("list") or p.find(_NUMBERING) is not None:
                self.units.append(ReadUnit("item", text))
            else:
                self.units.append(ReadUnit("paragraph", text))
        for box in boxes:
            self.body(box)

    def _style(self, p: Any) -> str:
        style = p.find(f"{_tag('w:pPr')}/{_tag('w:pStyle')}")
        if style is None:
            return ""
        style_id = str(style.get(_VAL, ""))
        return self.styles.get(style_id, style_id)

    def table(self, tbl: Any) -> None:
        rows: list[list[str]] = []
        nested: list[Any] = []
        for tr in tbl.iter(_TR):
            if _owning_table(tr) is not tbl:
                continue
            cells: list[str] = []
            for tc in tr.iter(_TC):
                if _owning_table(tc) is not tbl:
                    continue
                parts: list[str] = []
                for child in tc:
                    if child.tag == _P and self._style(child).lower() not in _BOILERPLATE:
                        boxes: list[Any] = []
                        parts.append(tidy(_text(child, boxes)))
                        nested.extend(boxes)
                    elif child.tag == _TBL:
                        nested.append(child)
                cells.append(" ".join(part for part in parts if part))
            rows.append(cells)
        if any(cell for row in rows for cell in row):
            self.units.append(ReadUnit("table", rows=rows))
        for inner in nested:
            if inner.tag == _TBL:
                self.table(inner)
            else:
                self.body(inner)

    def blocks(self) -> list[Block]:
        return blocks_of(self.units)


def _content(element: Any) -> Any:
    """A content control's content (``w:sdtContent``); any other wrapper itself."""
    content = element.find(_tag("w:sdtContent"))
    return element if content is None else content


def _owning_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _text(p: Any, boxes: list[Any]) -> str:
    """The paragraph's text as it reads with changes accepted; text boxes in it go to
    ``boxes``."""
    parts: list[str] = []
    in_code = [False]  # inside a complex field, between "begin" and "separate"
    depth: list[bool] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _TEXT_BOX:
                boxes.append(child)
                continue
            if tag in _SKIPPED:
                continue
            if tag == _R:
                properties = child.find(_tag("w:rPr"))
                if properties is not None and _on(properties.find(_tag("w:vanish"))):
                    walk_boxes(child)
                    continue
            if tag == _FIELD_CHAR:
                kind = child.get(_FIELD_TYPE)
                if kind == "begin":
                    depth.append(in_code[0])
                    in_code[0] = True
                elif kind == "separate":
                    in_code[0] = False
                elif kind == "end":
                    in_code[0] = depth.pop() if depth else False
                continue
            if tag == _T:
                if not in_code[0]:
                    parts.append(child.text or "")
            elif tag in _SPACES:
                if not in_code[0]:
                    parts.append(" ")
            elif tag == _NO_BREAK_HYPHEN:
                if not in_code[0]:
                    parts.append("-")
            else:
                walk(child)

    def walk_boxes(element: Any) -> None:
        for box in element.iter(_TEXT_BOX):
            if not any(a.tag == _FALLBACK for a in box.iterancestors()):
                boxes.append(box)

    walk(p)
    return "".join(parts)


def _on(flag: Any) -> bool:
    """Whether an on/off property (``<w:vanish/>``, ``w:val="0"``...) is on."""
    if flag is None:
        return False
    return flag.get(_VAL, "true").lower() not in ("0", "false", "off")
