"""A report as units in reading order, each with where it is ("paragraph 41", "table 3").

A Word document is read as :mod:`summarygen.readers.docx` reads it (tracked changes
accepted, text boxes and notes included), and besides: whether all of a paragraph is bold,
since many reports make their headings by making a Normal paragraph bold, and the name of
its style. Other formats (.md, .txt, .html) are read by their readers; a paragraph all in
``**strong**`` counts as bold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..document import Block, Heading, ListBlock, Paragraph, Runs, Table
from ..readers.docx import _Reader, _tag
from ..readers.lines import ReadUnit

_RUN, _RUN_PROPERTIES, _BOLD = _tag("w:r"), _tag("w:rPr"), _tag("w:b")
_TEXT = _tag("w:t")
_RUN_STYLE = _tag("w:rStyle")
_VAL = _tag("w:val")


@dataclass(frozen=True)
class Unit:
    """One piece of the report: a heading, a paragraph, a list item or a table."""

    kind: Literal["heading", "paragraph", "item", "table"]
    text: str
    where: str
    """Where a reader finds it: "paragraph 41", "table 3"."""
    level: int = 1
    bold: bool = False
    title: bool = False
    """In Word's "Title" style: the report's title."""
    rows: list[list[str]] = field(default_factory=list)

    @property
    def words(self) -> int:
        if self.kind == "table":
            return sum(len(cell.split()) for row in self.rows for cell in row)
        return len(self.text.split())


class _BoldReader(_Reader):
    """The shared DOCX reader, also noting which paragraphs are bold and which are titles."""

    def __init__(self, styles: dict[str, str], bold_styles: set[str]) -> None:
        super().__init__(styles)
        self.bold_styles = bold_styles
        self.bold: set[int] = set()
        self.titles: set[int] = set()

    def paragraph(self, p: Any) -> None:
        before = len(self.units)
        super().paragraph(p)
        if len(self.units) > before and self.units[before].kind != "table":
            style = self._style(p)
            if style.lower() == "title":
                self.titles.add(before)
            if self._bold(p, style):
                self.bold.add(before)

    def _bold(self, p: Any, style: str) -> bool:
        """Whether every run with text in ``p`` is bold (directly, by its character style or
        by the paragraph's style)."""
        paragraph_bold = style in self.bold_styles
        seen = False
        for run in p.iter(_RUN):
            if not any((t.text or "").strip() for t in run.iter(_TEXT)):
                continue
            seen = True
            properties = run.find(_RUN_PROPERTIES)
            bold = paragraph_bold
            if properties is not None:
                run_style = properties.find(_RUN_STYLE)
                if (
                    run_style is not None
                    and self.styles.get(str(run_style.get(_VAL, "")), "") in self.bold_styles
                ):
                    bold = True
                flag = properties.find(_BOLD)
                if flag is not None:
                    bold = flag.get(_VAL, "true").lower() not in ("0", "false", "off")
            if not bold:
                return False
        return seen


def read_docx_units(data: bytes) -> list[Unit]:
    """The units of a .docx file (its bytes)."""
    import io

    import docx

    word = docx.Document(io.BytesIO(data))
    styles = {style.style_id: (style.name or "") for style in word.styles}
    bold_styles = {
        style.name or ""
        for style in word.styles
        if getattr(style, "font", None) is not None and style.font.bold
    }
    reader = _BoldReader(styles, bold_styles)
    reader.body(word.element.body)
    return _numbered(reader.units, reader.bold, reader.titles)


def _numbered(units: list[ReadUnit], bold: set[int], titles: set[int]) -> list[Unit]:
    out: list[Unit] = []
    paragraphs = tables = 0
    for index, unit in enumerate(units):
        if unit.kind == "table":
            tables += 1
            rows = [row for row in unit.rows if any(cell for cell in row)]
            out.append(Unit("table", "", f"table {tables}", rows=rows))
        else:
            paragraphs += 1
            out.append(
                Unit(
                    unit.kind,
                    unit.text,
                    f"paragraph {paragraphs}",
                    level=unit.level,
                    bold=index in bold,
                    title=index in titles,
                )
            )
    return out


def units_of_blocks(blocks: list[Block]) -> list[Unit]:
    """Units of blocks read by another reader (Markdown, plain text, HTML)."""
    units: list[ReadUnit] = []
    bold: set[int] = set()

    def text(runs: Runs) -> str:
        return " ".join("".join(run.text for run in runs).split())

    def strong(runs: Runs) -> bool:
        return bool(runs) and all(run.strong for run in runs if run.text.strip())

    for block in blocks:
        if isinstance(block, Heading) and text(block.runs):
            units.append(ReadUnit("heading", text(block.runs), level=block.level))
        elif isinstance(block, Paragraph) and text(block.runs):
            if strong(block.runs):
                bold.add(len(units))
            units.append(ReadUnit("paragraph", text(block.runs)))
        elif isinstance(block, ListBlock):
            for item in block.items:
                if not text(item):
                    continue
                if strong(item):
                    bold.add(len(units))
                units.append(ReadUnit("item", text(item)))
        elif isinstance(block, Table):
            rows = [[text(cell) for cell in block.header]]
            rows += [[text(cell) for cell in row] for row in block.rows]
            units.append(ReadUnit("table", rows=rows))
    return _numbered(units, bold, set())


def read_units(data: bytes, suffix: str) -> list[Unit]:
    """The units of a report's bytes, read as the format ``suffix`` (".docx"...) names."""
    if suffix == ".docx":
        return read_docx_units(data)
    from ..readers.files import read_bytes

    return units_of_blocks(read_bytes(data, suffix))
