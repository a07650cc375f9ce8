"""Generate ``templates/reference.docx``: the Word template that holds every style of a DOCX.

Like pandoc's reference.docx, it is the one place where a DOCX's look is decided. The DOCX writer
(:mod:`summarygen.writers.docx`) opens it, empties its body and only *names* styles; it sets no
font, size or colour of its own. To restyle every DOCX, change this script and run it again from
the repository root (the result is the same bytes every time)::

    .venv/bin/python tools/make_reference_docx.py

An organisation may instead put its own ``reference.docx`` in its templates folder (edited in
Word, say): it must keep the style names in :data:`STYLE_NAMES` (the list is printed by
``--names``); each list style names its list definition (``w:numPr``), as here.

Choices, so that the next person knows what to keep:

- Language en-GB in the style defaults and in the document settings (spelling, hyphenation,
  screen reader voice).
- One font for everything, "Atkinson Hyperlegible" (made for low-vision readers, SIL OFL), named
  in the style defaults only. The font table tells Word to fall back to Arial (a sans-serif with
  similar widths) where it is not installed.
- A type scale with clear steps: body 11 pt at 1.3 line spacing, Heading 3 13.5 pt, Heading 2
  16 pt, Heading 1 20 pt, Title 28 pt; Easy Read 16 pt. Headings in dark teal, bold, kept with
  the next paragraph; no italics and no capitals for emphasis (both are harder to read).
- Callouts (briefing boxes, notes, quotes) are paragraph styles with a shaded panel and a bar
  on the left, not tables, so a screen reader reads them as text. Each kind has a title style,
  a text style and two list styles whose bar sits at the same place as the text's.
- Tables: "Data Table" (borders, shaded header row, light banding) and "Layout Table" (no
  borders, for the easy read picture-and-sentence rows).
- Page A4 portrait, margins 2.5 cm; header and footer 1.25 cm from the edge.
- No trace of the tool that made the template: no "python-docx" author or description, no
  thumbnail, no Mac Word leftovers (customXml, stylesWithEffects, webSettings, rsids).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle

from summarygen.writers.docx import with_fixed_timestamps

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "templates" / "reference.docx"

LANGUAGE = "en-GB"
FONT = "Atkinson Hyperlegible"
FALLBACK_FONT = "Arial"

# Colours (hex RGB). Text colours keep at least 7:1 contrast on white (WCAG AAA), fills are pale
# enough for black text to keep that contrast too.
TEAL = "0B5563"  # headings, bars, title
INK = "1A1A1A"  # body text
MUTED = "474747"  # cover details, captions, header and footer (9:1 on white)
LINK_BLUE = "1558A6"  # links, underlined as well (7:1 on white)
BOX_FILL = "E7F2F3"
NOTE_FILL = "FFF4D6"
NOTE_BAR = "A3620A"
QUOTE_FILL = "F3F5F6"
TABLE_LINE = "8DAEB4"
TABLE_HEADER_FILL = "D2E6E9"
TABLE_BAND_FILL = "F4F8F9"

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN = Cm(2.5)
TEXT_WIDTH_TWIPS = round((PAGE_WIDTH - 2 * MARGIN) / 635)  # EMU to twentieths of a point

# Where list text starts, and how far a bullet hangs to its left.
LIST_INDENT_TWIPS = 425  # 0.75 cm
# Callout panels: a bar this wide at the margin, then this gap before the text.
PANEL_BAR_PT = 4.5
PANEL_GAP_PT = 8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--names", action="store_true", help="print the style names and stop")
    arguments = parser.parse_args(argv)
    if arguments.names:
        print("\n".join(STYLE_NAMES))
        return 0
    arguments.output.write_bytes(build_reference())
    print(f"wrote {arguments.output}")
    return 0


def build_reference() -> bytes:
    document = docx.Document()
    _strip_package(document)
    _set_page(document)
    _set_defaults(document)
    _clear_numbering(document)
    _remove_styles(document)
    _add_styles(document)
    _set_core_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return with_fixed_timestamps(buffer.getvalue())


# --- the package ---------------------------------------------------------------------------

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>summarygen</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)

SETTINGS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:settings {nsdecls('w')}>"
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    "<w:compat>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="15"/>'
    "</w:compat>"
    f'<w:themeFontLang w:val="{LANGUAGE}"/>'
    '<w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/>'
    "</w:settings>"
)

FONT_TABLE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:fonts {nsdecls('w')}>"
    f'<w:font w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>'
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{FALLBACK_FONT}"><w:panose1 w:val="020B0604020202020204"/>'
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507"/>'
    '<w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

_UNWANTED_PACKAGE_PARTS = (RT.THUMBNAIL,)
_UNWANTED_DOCUMENT_PARTS = (
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def _strip_package(document: docx.document.Document) -> None:
    """Drop python-docx's leftovers and put in clean settings, font table and app properties."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in _UNWANTED_PACKAGE_PARTS or rel.reltype == RT.EXTENDED_PROPERTIES:
            del package.rels[rel_id]
    package.relate_to(
        Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML.encode(), package),
        RT.EXTENDED_PROPERTIES,
    )
    replacements = {
        RT.SETTINGS: (PackURI("/word/settings.xml"), CT.WML_SETTINGS, SETTINGS_XML),
        RT.FONT_TABLE: (PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, FONT_TABLE_XML),
    }
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _UNWANTED_DOCUMENT_PARTS or rel.reltype in replacements:
            del document.part.rels[rel_id]
    for reltype, (partname, content_type, xml) in replacements.items():
        part = Part.load(partname, content_type, xml.encode(), package)
        document.part.relate_to(part, reltype)
    # The body keeps only its section properties (python-docx's template has no paragraphs).
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _set_page(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.25)
    section.gutter = Cm(0)
    sect_pr = section._sectPr
    for name in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect_pr.attrib.pop(qn(name), None)


def _set_core_properties(document: docx.document.Document) -> None:
    properties = document.core_properties
    properties.author = ""
    properties.title = ""
    properties.subject = ""
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.last_modified_by = ""
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


# --- defaults and numbering ----------------------------------------------------------------


def _set_defaults(document: docx.document.Document) -> None:
    """Font, size, language and spacing every style starts from."""
    styles = document.styles.element
    for old in styles.findall(qn("w:docDefaults")):
        styles.remove(old)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}>"
            "<w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            f'<w:color w:val="{INK}"/>'
            '<w:sz w:val="22"/><w:szCs w:val="22"/>'
            f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault>"
            "<w:pPrDefault><w:pPr>"
            '<w:spacing w:after="160" w:line="312" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault>"
            "</w:docDefaults>"
        ),
    )


def _clear_numbering(document: docx.document.Document) -> None:
    """No list definitions but ours: each list style adds its own (see :func:`_set_list`)."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)


def _list_level(level: int, bullet: bool, text_twips: int, style_id: str) -> str:
    indent = text_twips + LIST_INDENT_TWIPS * level
    if bullet:
        symbol, fmt = ("•", "◦", "▪")[level % 3], "bullet"
    else:
        symbol, fmt = f"%{level + 1}.", ("decimal", "lowerLetter", "lowerRoman")[level % 3]
    linked_style = f'<w:pStyle w:val="{style_id}"/>' if level == 0 else ""
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{linked_style}'
        f'<w:lvlText w:val="{symbol}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{LIST_INDENT_TWIPS}"/></w:pPr>'
        "</w:lvl>"
    )


# --- styles ----------------------------------------------------------------------------------

_KEPT_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List")


def _remove_styles(document: docx.document.Document) -> None:
    """Every style python-docx's template brings but the four defaults, which lose their looks.

    Normal Table keeps Word's usual cell margins and indent, which every table style builds on.
    """
    for style in list(document.styles):
        if style.name not in _KEPT_STYLES:
            style.delete()
    for name in _KEPT_STYLES:
        element = document.styles[name].element
        for child in list(element):
            if child.tag in (qn("w:pPr"), qn("w:rPr"), qn("w:rsid")):
                element.remove(child)


@dataclass(frozen=True)
class Panel:
    """How a callout kind looks: a shaded panel with a bar on its left."""

    name: str  # "Box", "Note", "Quote"
    fill: str
    bar: str
    title_colour: str


PANELS = (
    Panel("Box", BOX_FILL, TEAL, TEAL),
    Panel("Note", NOTE_FILL, NOTE_BAR, INK),
    Panel("Quote", QUOTE_FILL, TEAL, TEAL),
)


def _panel_style_names(panel: Panel) -> tuple[str, str, str, str]:
    text = "Quote" if panel.name == "Quote" else f"{panel.name} Text"
    return (
        f"{panel.name} Title",
        text,
        f"{panel.name} List Bullet",
        f"{panel.name} List Number",
    )


STYLE_NAMES: tuple[str, ...] = (
    "Normal",
    "Title",
    "Subtitle",
    "Cover Label",
    "Cover Title",
    "Cover Subjects",
    "Cover Meta",
    "Fiction Notice",
    *(f"Heading {level}" for level in range(1, 7)),
    "List Bullet",
    "List Number",
    "Caption",
    "Figure",
    "Table Text",
    "Table Heading",
    *(name for panel in PANELS for name in _panel_style_names(panel)),
    "Easy Read",
    "Easy Read List Bullet",
    "Easy Read List Number",
    "Easy Read Picture",
    "Credits",
    "Header",
    "Footer",
    "Hyperlink",
    "Data Table",
    "Layout Table",
)

# Word's own styles are written with builtin=True so that Word maps them to its localised
# names and its navigation pane; ours are marked as custom styles.
_BUILTIN_STYLES = {
    "Title",
    "Subtitle",
    *(f"Heading {level}" for level in range(1, 7)),
    "List Bullet",
    "List Number",
    "Caption",
    "Quote",
    "Header",
    "Footer",
    "Hyperlink",
}


def _add_styles(document: docx.document.Document) -> None:
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.widow_control = True
    normal.quick_style = True

    _add_cover_styles(document)
    _add_heading_styles(document)
    _add_list_styles(document)
    _add_figure_and_table_styles(document)
    for panel in PANELS:
        _add_panel_styles(document, panel)
    _add_easy_read_styles(document)
    _add_page_furniture_styles(document)

    missing = [name for name in STYLE_NAMES if name not in document.styles]
    if missing:
        raise RuntimeError(f"styles not made: {missing}")


def _paragraph_style(
    document: docx.document.Document,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    colour: str | None = None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep_with_next: bool | None = None,
    next_style: str | None = None,
) -> ParagraphStyle:
    style = document.styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in _BUILTIN_STYLES
    )
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles[base]
    style.quick_style = True
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)
    paragraph = style.paragraph_format
    if before is not None:
        paragraph.space_before = Pt(before)
    if after is not None:
        paragraph.space_after = Pt(after)
    if line is not None:
        paragraph.line_spacing = line
    if keep_with_next is not None:
        paragraph.keep_with_next = keep_with_next
    if next_style is not None:
        style.next_paragraph_style = document.styles[next_style]
    return style


def _add_cover_styles(document: docx.document.Document) -> None:
    _paragraph_style(
        document, "Cover Label", size=14, bold=True, colour=TEAL, after=4, keep_with_next=True
    )
    title = _paragraph_style(
        document,
        "Title",
        size=28,
        bold=True,
        colour=TEAL,
        after=10,
        line=1.1,
        keep_with_next=True,
    )
    title.paragraph_format.keep_together = True
    _paragraph_style(
        document, "Subtitle", size=16, colour=INK, after=12, line=1.15, keep_with_next=True
    )
    # The cover's title and pseudonyms look like Title and Subtitle, in styles of their own
    # so that a reader of the file can tell them from the prose it measures (see
    # summarygen/writers/boilerplate.py).
    _paragraph_style(document, "Cover Title", base="Title")
    _paragraph_style(document, "Cover Subjects", base="Subtitle")
    _paragraph_style(document, "Cover Meta", size=12, colour=MUTED, after=2)
    notice = _paragraph_style(document, "Fiction Notice", bold=True, before=14, after=18, line=1.15)
    _set_paragraph_panel(notice, fill=NOTE_FILL, bar=NOTE_BAR, kind="boxed")


# (size, space before, space after) for Heading 1..6
HEADING_SCALE = ((20, 26, 8), (16, 20, 6), (13.5, 16, 4), (12, 14, 4), (11, 12, 2), (11, 12, 2))


def _add_heading_styles(document: docx.document.Document) -> None:
    for level, (size, before, after) in enumerate(HEADING_SCALE, start=1):
        style = _paragraph_style(
            document,
            f"Heading {level}",
            size=size,
            bold=True,
            colour=TEAL if level <= 3 else INK,
            before=before,
            after=after,
            line=1.15,
            keep_with_next=True,
            next_style="Normal",
        )
        style.paragraph_format.keep_together = True
        style.priority = 9
        _append_to_pPr(style, parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))


def _add_list_styles(document: docx.document.Document) -> None:
    for name, bullet in (("List Bullet", True), ("List Number", False)):
        style = _paragraph_style(document, name, after=4)
        _set_list(document, style, bullet=bullet, left_twips=LIST_INDENT_TWIPS)


def _add_figure_and_table_styles(document: docx.document.Document) -> None:
    _paragraph_style(
        document,
        "Caption",
        size=10,
        bold=True,
        colour=MUTED,
        before=8,
        after=4,
        line=1.15,
        keep_with_next=True,
    )
    _paragraph_style(document, "Figure", before=8, after=2, line=1.0, keep_with_next=True)
    _paragraph_style(document, "Table Text", size=10, after=0, line=1.15)
    _paragraph_style(document, "Table Heading", base="Table Text", bold=True, keep_with_next=True)

    borders = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="{TABLE_LINE}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    data = document.styles.add_style("Data Table", WD_STYLE_TYPE.TABLE)
    data.base_style = document.styles["Normal Table"]
    data.quick_style = True
    data.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            '<w:tblStyleRowBandSize w:val="1"/>'
            f"<w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    data.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{TABLE_HEADER_FILL}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )
    data.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="band2Horz">'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{TABLE_BAND_FILL}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )

    layout = document.styles.add_style("Layout Table", WD_STYLE_TYPE.TABLE)
    layout.base_style = document.styles["Normal Table"]
    none = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    layout.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            f"<w:tblBorders>{none}</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )


def _add_panel_styles(document: docx.document.Document, panel: Panel) -> None:
    title_name, text_name, bullet_name, number_name = _panel_style_names(panel)
    text = _paragraph_style(document, text_name, before=0, after=6)
    _set_paragraph_panel(text, fill=panel.fill, bar=panel.bar)
    title = _paragraph_style(
        document,
        title_name,
        size=12.5,
        bold=True,
        colour=panel.title_colour,
        before=16,
        after=0,
        line=1.3,
        keep_with_next=True,
        next_style=text_name,
    )
    _set_paragraph_panel(title, fill=panel.fill, bar=panel.bar, kind="title")
    for name, bullet in ((bullet_name, True), (number_name, False)):
        style = _paragraph_style(document, name, base=text_name, after=4)
        text_twips = _pt_to_twips(PANEL_BAR_PT + PANEL_GAP_PT) + LIST_INDENT_TWIPS
        _set_list(document, style, bullet=bullet, left_twips=text_twips)


def _add_easy_read_styles(document: docx.document.Document) -> None:
    _paragraph_style(document, "Easy Read", size=16, before=0, after=14, line=1.35)
    for name, bullet in (("Easy Read List Bullet", True), ("Easy Read List Number", False)):
        style = _paragraph_style(document, name, base="Easy Read", after=8)
        _set_list(document, style, bullet=bullet, left_twips=2 * LIST_INDENT_TWIPS)
    picture = _paragraph_style(document, "Easy Read Picture", before=0, after=0, line=1.0)
    picture.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_page_furniture_styles(document: docx.document.Document) -> None:
    credits = _paragraph_style(
        document, "Credits", size=9, colour=MUTED, before=20, after=2, line=1.15
    )
    # Space above the first credit only.
    _append_to_pPr(credits, parse_xml(f"<w:contextualSpacing {nsdecls('w')}/>"))
    header = _paragraph_style(document, "Header", size=9, colour=MUTED, after=0, line=1.15)
    header.style_id = "Header"  # Word's own id (python-docx would derive "header")
    header.paragraph_format.tab_stops.add_tab_stop(
        Pt(TEXT_WIDTH_TWIPS / 20), WD_TAB_ALIGNMENT.RIGHT
    )
    _append_to_pPr(header, _border("bottom", "4", TABLE_LINE, space="4"))
    footer = _paragraph_style(document, "Footer", size=9, colour=MUTED, after=0, line=1.15)
    footer.style_id = "Footer"
    footer.paragraph_format.tab_stops.add_tab_stop(
        Pt(TEXT_WIDTH_TWIPS / 20), WD_TAB_ALIGNMENT.RIGHT
    )
    _append_to_pPr(footer, _border("top", "4", TABLE_LINE, space="4"))

    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
    assert isinstance(link, CharacterStyle)
    link.base_style = document.styles["Default Paragraph Font"]
    link.font.color.rgb = RGBColor.from_string(LINK_BLUE)
    link.font.underline = True
    link.unhide_when_used = True
    link.priority = 99


# --- pieces of paragraph properties python-docx has no API for ------------------------------

# CT_PPr's children, in the order the schema requires.
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _append_to_pPr(style: BaseStyle, element: BaseOxmlElement, *, replace: bool = False) -> None:
    """Put ``element`` into the style's paragraph properties at its place in the schema order."""
    p_pr = style.element.get_or_add_pPr()
    if replace:
        for old in p_pr.findall(element.tag):
            p_pr.remove(old)
    tag = element.tag.split("}")[1]
    later = _PPR_ORDER[_PPR_ORDER.index(f"w:{tag}") + 1 :]
    p_pr.insert_element_before(element, *later)


def _border(side: str, size: str, colour: str, space: str = "0") -> BaseOxmlElement:
    return parse_xml(
        f"<w:pBdr {nsdecls('w')}>"
        f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{colour}"/>'
        "</w:pBdr>"
    )


def _pt_to_twips(points: float) -> int:
    return round(points * 20)


def _set_paragraph_panel(style: ParagraphStyle, *, fill: str, bar: str, kind: str = "text") -> None:
    """Shading and borders of a callout panel paragraph (``kind``: title, text or boxed).

    Text: a bar at the margin, the text ``PANEL_GAP_PT`` right of it. Word and LibreOffice draw
    a left border ``w:space`` points left of where the paragraph's first line starts, so list
    styles (hanging indent) share the text's settings and keep their bar in line.

    Title: the same bar and a thin rule on top. Word and LibreOffice join consecutive paragraphs
    with identical borders into one panel; a title's borders differ, so each callout starts a
    panel of its own, even straight after another one.

    Boxed: a frame all round (the fiction notice).
    """
    bar_left = (
        f'<w:left w:val="single" w:sz="{round(PANEL_BAR_PT * 8)}" w:space="{PANEL_GAP_PT}"'
        f' w:color="{bar}"/>'
    )
    if kind == "boxed":
        sides = "".join(
            f'<w:{side} w:val="single" w:sz="12" w:space="{PANEL_GAP_PT}" w:color="{bar}"/>'
            for side in ("top", "left", "bottom", "right")
        )
        text_indent = Pt(PANEL_GAP_PT + 1.5)
    elif kind == "title":
        sides = f'<w:top w:val="single" w:sz="6" w:space="4" w:color="{bar}"/>{bar_left}'
        text_indent = Pt(PANEL_BAR_PT + PANEL_GAP_PT)
    else:
        sides = bar_left
        text_indent = Pt(PANEL_BAR_PT + PANEL_GAP_PT)
    _append_to_pPr(style, parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"), replace=True)
    _append_to_pPr(
        style, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )
    paragraph = style.paragraph_format
    paragraph.left_indent = text_indent
    paragraph.right_indent = Pt(PANEL_GAP_PT)


def _set_list(
    document: docx.document.Document, style: ParagraphStyle, *, bullet: bool, left_twips: int
) -> None:
    """Make ``style`` a list style with a list definition of its own.

    The list's text starts ``left_twips`` from the margin and its bullet or number hangs
    ``LIST_INDENT_TWIPS`` to the left. The definition repeats the style's indent: Word takes the
    indent from the definition when a paragraph names its list directly (as the writer does, so
    that LibreOffice shows the bullets too), from the style otherwise.
    """
    numbering = document.part.numbering_part.element
    list_id = len(numbering.findall(qn("w:num"))) + 1
    levels = "".join(_list_level(level, bullet, left_twips, style.style_id) for level in range(3))
    numbering.insert_element_before(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
        ),
        "w:num",
        "w:numIdMacAtCleanup",
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{list_id}">'
            f'<w:abstractNumId w:val="{list_id}"/></w:num>'
        )
    )
    _append_to_pPr(
        style,
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{list_id}"/></w:numPr>'
        ),
    )
    style.paragraph_format.left_indent = Pt(left_twips / 20)
    style.paragraph_format.first_line_indent = Pt(-LIST_INDENT_TWIPS / 20)


if __name__ == "__main__":
    sys.exit(main())
