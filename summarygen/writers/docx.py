"""The DOCX writer: a Document written with the styles of ``templates/reference.docx``.

A thin walk, like pandoc's DOCX writer: each block becomes paragraphs (or a data table) in a
named style of the reference document, which ``tools/make_reference_docx.py`` makes (or an
organisation replaces with its own). Nothing here sets a font, a size or a colour; the one
exception is the shading of an action's status, which is meaning rather than look (and the
status is always in words as well).

Decisions, so that the DOCX, HTML and PDF stay alike and Word's accessibility checker is content:

- The cover block (label, title, subjects, partnership, date and, for a made-up sample, a
  visible fiction notice) uses the Cover styles (Cover Title looks like Title, Cover Subjects
  like Subtitle), not headings, so the Document's own headings keep Heading 1 as their top
  level. The cover, the fiction notice and the credits are in styles of their own so that a
  reader of the file leaves them out of measurement, as the build does (see
  :mod:`.boilerplate`); a reference document without Cover Title or Cover Subjects gets them,
  based on its Title and Subtitle. A heading is never more than one
  level below the one before it (a skip is clamped), so the outline has no holes.
- A callout (briefing box, note, quote) is a panel of shaded, barred paragraphs in its own
  styles ("Box Title", "Box Text", "Box List Bullet", ...), not a one-cell table, so a screen
  reader reads it as text. A numbered box's title starts with its number ("1. Background").
  Headings, tables, figures and easy read rows inside a callout are written as they would be
  outside it (and so break the panel); compose does not put them there.
- An easy read row is one "Easy Read" paragraph: the picture (with its alt text) in line, a
  tab, then the sentence, with a hanging indent and a tab stop as wide as the picture column,
  so the sentence stands beside the picture and its wrapped lines line up under its first.
  No layout tables anywhere: a screen reader reads a table cell by cell, and Word's
  accessibility checker asks every table for a header row. In an easy read document every
  paragraph and list uses the Easy Read styles (16 pt).
- Each numbered list restarts at its own ``start``: it gets its own numbering instance.
- A data table's first row is its header: marked to repeat on each page, and the table carries
  its caption as Word's table title (``w:tblCaption``) as well as in a Caption paragraph above.
- A picture's alt text is its ``wp:docPr`` description only (see :meth:`_add_picture`).
- Core properties: title, subject, author, keywords and language from the Meta; created and
  modified are the first day of the publication month, or absent when there is no date yet.
  Zip entries carry a fixed date, so the same Document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar, cast

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle, _TableStyle
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from .._templates import TemplateFolder
from ..document import (
    Block,
    Callout,
    Chart,
    Document,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Meta,
    Paragraph,
    Run,
    Runs,
    Status,
    Table,
    plain_text,
)
from ..errors import RenderError
from .boilerplate import DOCX_BASED_ON, DOCX_COVER_SUBJECTS, DOCX_COVER_TITLE, FICTION_NOTICE

REFERENCE = "reference.docx"

# Status shading: pale enough for black text to keep well over 7:1 contrast. The colour only
# repeats what the words say ("Red: overdue"), for readers who scan the table.
STATUS_SHADING: dict[Status, str] = {
    "not-started": "E4E4E4",
    "red": "F8CFCF",
    "amber": "FFE0A3",
    "green": "CDEBD3",
    "complete": "CADCF0",
}

# Layout, not look: how big the easy read pictures and figures are on the page.
EASY_READ_PICTURE_WIDTH = Cm(2.2)
EASY_READ_PICTURE_COLUMN = Cm(3)
FIGURE_WIDTH = Cm(4)

DEEPEST_HEADING = 6


@dataclass(frozen=True)
class _TextStyles:
    """The paragraph styles for running text and lists in one context."""

    text: str
    bullet: str
    number: str
    title: str = ""


BODY = _TextStyles("Normal", "List Bullet", "List Number")
EASY_READ = _TextStyles("Easy Read", "Easy Read List Bullet", "Easy Read List Number")
CALLOUT_STYLES: dict[str, _TextStyles] = {
    "box": _TextStyles("Box Text", "Box List Bullet", "Box List Number", "Box Title"),
    "note": _TextStyles("Note Text", "Note List Bullet", "Note List Number", "Note Title"),
    "quote": _TextStyles("Quote", "Quote List Bullet", "Quote List Number", "Quote Title"),
}

REQUIRED_STYLES: tuple[str, ...] = (
    "Normal",
    "Title",
    "Subtitle",
    "Cover Label",
    "Cover Meta",
    "Fiction Notice",
    *(f"Heading {level}" for level in range(1, DEEPEST_HEADING + 1)),
    *(name for styles in (BODY, EASY_READ) for name in (styles.text, styles.bullet, styles.number)),
    *(
        name
        for styles in CALLOUT_STYLES.values()
        for name in (styles.title, styles.text, styles.bullet, styles.number)
    ),
    "Caption",
    "Figure",
    "Table Text",
    "Table Heading",
    "Credits",
    "Header",
    "Footer",
    "Hyperlink",
    "Data Table",
)


def write(document: Document, templates: TemplateFolder) -> bytes:
    """The Document as the bytes of a .docx file."""
    word = docx.Document(str(templates.path(REFERENCE)))
    missing = [name for name in REQUIRED_STYLES if name not in word.styles]
    if missing:
        raise RenderError(f"{REFERENCE} lacks the styles: {', '.join(missing)}")
    for name, based_on in DOCX_BASED_ON.items():
        if name not in word.styles:
            style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles[based_on]
    _DocxBuilder(word, templates, document.meta).build(document.blocks)
    buffer = io.BytesIO()
    word.save(buffer)
    return with_fixed_timestamps(buffer.getvalue())


_S = TypeVar("_S", bound=BaseStyle)


class _DocxBuilder:
    def __init__(self, word: WordDocument, templates: TemplateFolder, meta: Meta) -> None:
        self.word = word
        self.templates = templates
        self.meta = meta
        self.text_styles = EASY_READ if meta.audience == "easy-read" else BODY
        self.heading_level = 0
        self._styles: dict[str, BaseStyle] = {}

    def _style(self, name: str) -> ParagraphStyle:
        return self._style_of(name, ParagraphStyle)

    def _style_of(self, name: str, kind: type[_S]) -> _S:
        # python-docx finds a style by name with a walk over every style: look each up once.
        if name not in self._styles:
            self._styles[name] = self.word.styles[name]
        return cast(_S, self._styles[name])

    def build(self, blocks: Sequence[Block]) -> None:
        _empty_body(self.word)
        if any(isinstance(b, Table) and len(b.header) >= WIDE_TABLE_COLUMNS for b in blocks):
            _make_landscape(self.word)
        self._set_properties()
        self._add_header_and_footer()
        self._add_cover()
        self._add_blocks(blocks, self.text_styles)
        for credit in self.meta.credits:
            self.word.add_paragraph(credit, style=self._style("Credits"))

    # --- document level ---------------------------------------------------------------------

    def _set_properties(self) -> None:
        meta = self.meta
        properties = self.word.core_properties
        title = f"{meta.title} – {meta.label}" if meta.label else meta.title
        properties.title = _core_property(f"DRAFT: {title}" if meta.draft else title)
        properties.subject = _core_property(meta.label)
        properties.author = _core_property(meta.author or meta.partnership)
        properties.keywords = _core_property(", ".join(meta.keywords))
        properties.language = meta.language
        properties.comments = ""
        properties.last_modified_by = ""
        properties.revision = 1
        published = _first_day_of(meta.date)
        if published is None:
            # python-docx has no way to remove a date; its element is the only route.
            element = properties._element
            for name in ("dcterms:created", "dcterms:modified"):
                for old in element.findall(qn(name)):
                    element.remove(old)
        else:
            properties.created = properties.modified = published
        defaults = self.word.styles.element.find(qn("w:docDefaults"))
        language = None if defaults is None else defaults.find(f".//{qn('w:lang')}")
        if language is not None:
            language.set(qn("w:val"), meta.language)

    def _add_header_and_footer(self) -> None:
        meta = self.meta
        section = self.word.sections[0]
        header = section.header.paragraphs[0]
        header.style = self._style("Header")
        header.add_run(f"{meta.partnership}\t{meta.label}")
        if meta.draft:
            mark = header.insert_paragraph_before(style=self._style("Header"))
            mark.add_run("DRAFT: not for publication").bold = True
        footer = section.footer.paragraphs[0]
        footer.style = self._style("Footer")
        footer.add_run(f"{meta.title}\tPage ")
        _add_field(footer, "PAGE")
        footer.add_run(" of ")
        _add_field(footer, "NUMPAGES")
        if section.orientation == WD_ORIENT.LANDSCAPE:
            # The reference's right tab stop is set for a portrait page: move it to the edge.
            for paragraph in (header, footer):
                stops = paragraph.paragraph_format.tab_stops
                style = paragraph.style
                inherited = style.paragraph_format.tab_stops if style is not None else []
                for stop in inherited:
                    stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
                stops.add_tab_stop(Length(_text_width(self.word)), WD_TAB_ALIGNMENT.RIGHT)

    def _add_cover(self) -> None:
        meta = self.meta
        self.word.add_paragraph(meta.label, style=self._style("Cover Label"))
        self.word.add_paragraph(meta.title, style=self._style(DOCX_COVER_TITLE))
        if meta.subjects:
            subjects = _and_list(meta.subjects)
            self.word.add_paragraph(subjects, style=self._style(DOCX_COVER_SUBJECTS))
        self.word.add_paragraph(meta.partnership, style=self._style("Cover Meta"))
        if meta.date:
            self.word.add_paragraph(meta.date, style=self._style("Cover Meta"))
        if meta.fiction:
            self.word.add_paragraph(FICTION_NOTICE, style=self._style("Fiction Notice"))

    # --- blocks -----------------------------------------------------------------------------

    def _add_blocks(self, blocks: Sequence[Block], styles: _TextStyles) -> None:
        for group in blocks:
            if isinstance(group, EasyReadRow):
                self._add_easy_read_row(group)
            elif isinstance(group, Heading):
                self._add_heading(group)
            elif isinstance(group, Paragraph):
                self._add_runs(self.word.add_paragraph(style=self._style(styles.text)), group.runs)
            elif isinstance(group, ListBlock):
                self._add_list(group, styles)
            elif isinstance(group, Table):
                self._add_table(group)
            elif isinstance(group, Figure):
                self._add_figure(group)
            elif isinstance(group, Chart):
                self._add_chart(group)
            elif isinstance(group, Callout):
                self._add_callout(group)
            else:  # pragma: no cover - the Block union is closed
                raise RenderError(f"the DOCX writer cannot write {type(group).__name__}")

    def _add_heading(self, heading: Heading) -> None:
        level = max(1, min(heading.level, self.heading_level + 1, DEEPEST_HEADING))
        self.heading_level = level
        self._add_runs(self.word.add_paragraph(style=self._style(f"Heading {level}")), heading.runs)

    def _add_list(self, block: ListBlock, styles: _TextStyles) -> None:
        style = styles.number if block.ordered else styles.bullet
        num_id = self._list_numbering(style, restart_at=block.start if block.ordered else None)
        for item in block.items:
            paragraph = self.word.add_paragraph(style=self._style(style))
            if num_id is not None:
                _set_numbering(paragraph, num_id)
            self._add_runs(paragraph, item)

    def _list_numbering(self, style_name: str, restart_at: int | None) -> int | None:
        """The numbering every item of a list names (None if the style has no list).

        Naming it on each paragraph, not only in the style, is what makes LibreOffice show the
        bullets. A numbered list gets a numbering instance of its own that starts at
        ``restart_at``, so it does not carry on from the list before.
        """
        style = self._style(style_name).element
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None:
            return None
        if restart_at is None:
            return int(num_id.get(qn("w:val")))
        numbering = self.word.part.numbering_part.element
        abstract_id = numbering.num_having_numId(int(num_id.get(qn("w:val")))).abstractNumId.val
        instance = numbering.add_num(abstract_id)
        instance.add_lvlOverride(ilvl=0).add_startOverride(restart_at)
        return int(instance.numId)

    def _add_table(self, block: Table) -> None:
        columns = max([len(block.header), *(len(row) for row in block.rows)], default=0)
        if columns == 0:
            return
        if block.caption:
            self.word.add_paragraph(block.caption, style=self._style("Caption"))
        rows = ([block.header] if block.header else []) + list(block.rows)
        table = self.word.add_table(rows=len(rows), cols=columns)
        table.style = self._style_of("Data Table", _TableStyle)
        table.autofit = False
        widths = _column_widths(rows, columns, _text_width(self.word))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        has_header = bool(block.header)
        _set_table_look(table, header_row=has_header, banded_rows=True)
        if block.caption:
            _set_table_caption(table, block.caption)
        for row_index, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            in_header = has_header and row_index == 0
            if in_header:  # body rows may split across pages: long cells must not leave gaps
                _append_to_row_properties(row._tr, "w:tblHeader")
            style = self._style("Table Heading" if in_header else "Table Text")
            for index, cell in enumerate(row.cells):
                cell.width = widths[index]
                paragraph = cell.paragraphs[0]
                paragraph.style = style
                if index < len(cells):
                    self._add_runs(paragraph, cells[index], in_cell=cell)

    def _add_figure(self, figure: Figure) -> None:
        paragraph = self.word.add_paragraph(style=self._style("Figure"))
        self._add_picture(paragraph, figure.picture, figure.alt, FIGURE_WIDTH)
        if figure.caption:
            self._add_runs(self.word.add_paragraph(style=self._style("Caption")), figure.caption)

    def _add_callout(self, callout: Callout) -> None:
        styles = CALLOUT_STYLES[callout.style]
        title = callout.title
        if callout.number is not None:
            title = (Run(f"{callout.number}. "), *title)
        if callout.style == "quote":  # a quote comes first, then who said it, as in print
            self._add_blocks(callout.blocks, styles)
            if title:
                attribution = (Run("— "), *title)
                self._add_runs(self.word.add_paragraph(style=self._style(styles.text)), attribution)
            return
        if title:
            self._add_runs(self.word.add_paragraph(style=self._style(styles.title)), title)
        self._add_blocks(callout.blocks, styles)

    def _add_easy_read_row(self, row: EasyReadRow) -> None:
        """One point: the picture, a tab, the sentence, in one "Easy Read" paragraph.

        A hanging indent as wide as the picture column, with a tab stop at its edge, puts the
        sentence beside the picture's foot and lines up any line it wraps onto with it. (A
        picture lowered with ``w:position`` would centre the first line on it in Word, but
        LibreOffice ignores that on a drawing, so the two would differ.) Not a table: a
        screen reader reads a layout table cell by cell, and Word's checker asks every table
        for a header row.
        """
        paragraph = self.word.add_paragraph(style=self._style(EASY_READ.text))
        layout = paragraph.paragraph_format
        layout.left_indent = EASY_READ_PICTURE_COLUMN
        layout.first_line_indent = Length(-EASY_READ_PICTURE_COLUMN)
        layout.tab_stops.add_tab_stop(EASY_READ_PICTURE_COLUMN)
        layout.keep_together = True
        # Spacing "at least" the style's line height, not a multiple of the tallest thing on
        # the line: a multiple of the picture's height would push the sentence far below it.
        layout.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        layout.line_spacing = self._easy_read_line_height()
        self._add_picture(paragraph, row.picture, row.alt, EASY_READ_PICTURE_WIDTH)
        paragraph.add_run("\t")
        self._add_runs(paragraph, row.runs)

    def _easy_read_line_height(self) -> Length:
        """The Easy Read style's line height (its size times its line spacing multiple)."""
        style: ParagraphStyle | None = self._style(EASY_READ.text)
        spacing = self._style(EASY_READ.text).paragraph_format.line_spacing
        size = None
        while style is not None and size is None:
            size = style.font.size
            style = style.base_style
        if size is None:
            size = Pt(16)
        multiple = spacing if isinstance(spacing, float) else 1.0
        return Length(int(size * multiple))

    # --- inline -----------------------------------------------------------------------------

    def _add_runs(self, paragraph: WordParagraph, runs: Runs, in_cell: _Cell | None = None) -> None:
        for run in runs:
            word_run = paragraph.add_run(
                run.text, style=self._style_of("Hyperlink", CharacterStyle) if run.link else None
            )
            if run.strong:
                word_run.bold = True
            if run.emphasis:
                word_run.italic = True
            if run.link:
                _wrap_in_hyperlink(paragraph, word_run.element, run.link)
            if run.status is not None:
                fill = STATUS_SHADING[run.status]
                if in_cell is not None:
                    _shade_cell(in_cell, fill)
                else:
                    _shade_run(word_run.element, fill)

    def _add_chart(self, chart: Chart) -> None:
        """The chart as a picture with its alt text and caption, then its numbers as a table."""
        from .chart import chart_png, chart_width_points

        # A plain paragraph, not the "Figure" style: LibreOffice exports a paragraph of that
        # style as a Figure of its own, without alt text, around the picture's Figure.
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(
            io.BytesIO(chart_png(chart)), width=Pt(chart_width_points())
        )
        shape._inline.docPr.set("descr", chart.alt)  # as _add_picture: the alt text only
        self.word.add_paragraph(chart.title, style=self._style("Caption"))
        self._add_table(chart.table)

    def _add_picture(self, paragraph: WordParagraph, name: str, alt: str, width: Length) -> None:
        picture = self.templates.picture(name)
        shape = paragraph.add_run().add_picture(str(picture.path), width=width)
        # python-docx has no alt text API: Word reads it from the drawing's wp:docPr "descr".
        # No "title" as well: LibreOffice joins title and description into one /Alt ("A house -
        # A house"), and a screen reader would read the alt text twice.
        shape._inline.docPr.set("descr", alt or picture.alt)


# --- helpers on the XML, where python-docx has no API -------------------------------------------


def _empty_body(word: WordDocument) -> None:
    """Drop whatever the reference's body holds (sample text), keeping its page setup."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


CORE_PROPERTY_LIMIT = 255
"""Characters a DOCX core property (title, subject, keywords...) may hold: python-docx
refuses more, following the ECMA-376 Part 2 schema it writes to. The full title is still
on the cover page and in the footer."""


def _core_property(text: str) -> str:
    """``text``, cut with an ellipsis if it is longer than a core property holds."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"


def _wrap_in_hyperlink(paragraph: WordParagraph, run: BaseOxmlElement, target: str) -> None:
    rel_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", attrs={qn("r:id"): rel_id, qn("w:history"): "1"})
    run.addprevious(hyperlink)
    hyperlink.append(run)


def _add_field(paragraph: WordParagraph, instruction: str) -> None:
    """A field Word and LibreOffice update as they lay out the page ("1" until then)."""

    def field_char(kind: Literal["begin", "separate", "end"]) -> None:
        paragraph.add_run().element.append(
            OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind})
        )

    field_char("begin")
    code = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run().element.append(code)
    field_char("separate")
    paragraph.add_run("1")
    field_char("end")


def _set_numbering(paragraph: WordParagraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def _append_to_row_properties(row: BaseOxmlElement, tag: str) -> None:
    row.get_or_add_trPr().append(OxmlElement(tag))


def _set_table_look(table: WordTable, *, header_row: bool, banded_rows: bool) -> None:
    """Which parts of the table style apply: Word's header row flag, banding; no first column."""
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    flags = {
        "firstRow": header_row,
        "lastRow": False,
        "firstColumn": False,
        "lastColumn": False,
        "noHBand": not banded_rows,
        "noVBand": True,
    }
    bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}
    bits |= {"noHBand": 0x200, "noVBand": 0x400}
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:val"), f"{sum(bits[name] for name, on in flags.items() if on):04X}")


def _set_table_caption(table: WordTable, caption: str) -> None:
    """Word's table title (Table Properties > Alt Text), read by its accessibility checker."""
    table._tbl.tblPr.append(OxmlElement("w:tblCaption", attrs={qn("w:val"): caption}))


def _shade(fill: str) -> BaseOxmlElement:
    attributes = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
    return OxmlElement("w:shd", attrs=attributes)


_TCPR_AFTER_SHD = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
_RPR_AFTER_SHD = (
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _shade_cell(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    properties.insert_element_before(_shade(fill), *_TCPR_AFTER_SHD)


def _shade_run(run: BaseOxmlElement, fill: str) -> None:
    run.get_or_add_rPr().insert_element_before(_shade(fill), *_RPR_AFTER_SHD)


WIDE_TABLE_COLUMNS = 6
"""A document holding a table this wide is printed landscape, as the PDF is."""


def _make_landscape(word: WordDocument) -> None:
    section = word.sections[0]
    if section.page_width is None or section.page_height is None:
        return
    if section.page_width < section.page_height:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _column_widths(rows: Sequence[Sequence[Runs]], columns: int, total: int) -> list[Length]:
    """Share the text width by what each column holds: first enough for the column's longest
    word (so no word breaks), then the rest by how much text the column holds."""
    floors: list[int] = []
    weights: list[float] = []
    for index in range(columns):
        texts = [plain_text(row[index]) for row in rows if index < len(row)]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        floors.append(int((longest_word + 1) * _TABLE_CHARACTER + _CELL_PADDING))
        weights.append(sum(len(text) for text in texts) / max(len(texts), 1))
    spare = total - sum(floors)
    if spare <= 0:
        return [Length(int(total * floor / sum(floors))) for floor in floors]
    weight_sum = sum(weights) or 1.0
    return [
        Length(floor + int(spare * weight / weight_sum))
        for floor, weight in zip(floors, weights, strict=True)
    ]


_TABLE_CHARACTER = Pt(6.2)
"""About the width of one character of table text (bold, in the reference's table size)."""
_CELL_PADDING = Cm(0.45)


def _text_width(word: WordDocument) -> int:
    section = word.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        raise RenderError(f"{REFERENCE} has no page size or margins")
    return int(width - left - right)


def _and_list(items: Sequence[str]) -> str:
    """Names joined the English way: "A", "A and B", "A, B and C"."""
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}


def _first_day_of(printed: str) -> dt.datetime | None:
    """The first day of a printed month ("May 2025"), or None if it is not one."""
    words = printed.split()
    if len(words) != 2 or words[0].lower() not in _MONTHS or not words[1].isdigit():
        return None
    return dt.datetime(int(words[1]), _MONTHS[words[0].lower()], 1, tzinfo=dt.UTC)


def with_fixed_timestamps(data: bytes) -> bytes:
    """The same package with every zip entry dated 1980-01-01 (python-docx stamps the time)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return output.getvalue()
