"""Every piece of text in a written file, and where it was: what an identity scan reads.

``extract_parts(path)`` returns the file name and everything a reader, a search engine or a
metadata viewer could see in the file, as :class:`TextPart` pieces with a location a person
can follow. It over-scans on purpose: when it is unclear whether a value is text, it is
included, and the detectors decide.

- DOCX (any zip of XML parts): every XML part and every ``.rels`` file. Each paragraph
  (``w:p``, and DrawingML ``a:p`` in shapes and charts) is one piece, its runs joined, so a
  name split across runs is whole; field instructions, comments in the XML, text outside
  paragraphs (core, app and custom properties) and the attributes that hold human text or
  a target (alt text, titles, authors, content control alias and tag, document variables,
  table captions, external link targets) are pieces of their own. The zip entry names too.
- PDF: each page's text; the Info dictionary; XMP metadata; and every text string found by
  walking the objects from the catalogue (bookmarks, structure tree /Alt /ActualText /E /T,
  annotations, link targets, embedded file names, form fields, named destinations).
  Page text comes from PDFium (pypdfium2): pypdf's ``extract_text`` took longer on a pack's
  42 pages than the whole scan may take.
- HTML: the title, the text of each block element (inline elements joined into it), every
  attribute that can hold text or a target (``data:`` payloads in base64 are left out),
  style and script text, and comments.
- Anything else: the bytes as text, when they decode.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from ..errors import RenderError
from .parts import TextPart

FILE_NAME = "file name"

Found = Iterator[tuple[str, str]]
"""(location, text) pairs, as each format's reader finds them."""


def extract_parts(path: Path) -> list[TextPart]:
    """The file name, then every piece of text in the file, each with where it was.

    Raises :class:`RenderError` naming the file when it cannot be read."""
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RenderError(
            f"{file}: cannot read it to scan it: {error.strerror or error}"
        ) from error
    read = _READERS.get(path.suffix.lower(), _plain_texts)
    try:
        found = list(read(data))
    except Exception as error:  # any library's failure on a damaged file: name the file
        kind = path.suffix.lstrip(".").upper() or "file"
        raise RenderError(f"{file}: cannot read this {kind} to scan it: {error}") from error
    parts = [TextPart(file, FILE_NAME, file)]
    parts.extend(TextPart(file, location, text) for location, text in found if text.strip())
    return parts


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _with_unquoted(location: str, target: str) -> Found:
    """A link target, and its percent-decoded form when that differs (what people see)."""
    yield location, target
    decoded = unquote(target)
    if decoded != target:
        yield location, decoded


# ------------------------------------------------------------------------------------ DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_VARIANT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
_CUSTOM_PROPERTY = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
)

_PARAGRAPHS = frozenset({f"{_W}p", f"{_A}p"})
_RUN_TEXT = frozenset({f"{_W}t", f"{_W}delText", f"{_A}t", f"{_MATH}t"})
_FIELD_INSTRUCTIONS = frozenset({f"{_W}instrText", f"{_W}delInstrText"})
_LINE_BREAKS = frozenset({f"{_W}br", f"{_W}cr", f"{_A}br"})
_RUN = f"{_W}r"
_TAB = f"{_W}tab"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"

_XML_PART_SUFFIXES = (".xml", ".rels", ".vml", ".svg")

_TEXT_ATTRIBUTES = frozenset(
    {
        "descr",  # wp:docPr, pic:cNvPr: alt text
        "title",  # docPr title, VML o:title
        "alt",  # VML alt text
        "name",  # docPr name, bookmark names, document variables, custom property names
        "author",  # comments and tracked changes
        "initials",
        "userId",  # w15:presenceInfo: often an e-mail address
        "tooltip",
        "instr",  # w:fldSimple field instruction
        "anchor",  # w:hyperlink to a bookmark
        "docLocation",
        "href",  # VML o:href
        "string",  # VML text path (WordArt)
    }
)
"""Attributes (by local name, in any namespace) whose value is human text or a target."""

_TEXT_VALUE_ELEMENTS = frozenset(
    {
        "alias",  # content control title
        "tag",  # content control tag
        "tblCaption",
        "tblDescription",
        "docVar",  # document variable (settings.xml)
        "default",  # form field default text
        "helpText",
        "statusText",
        "listEntry",
        "format",
        "connectString",  # mail merge data source: can hold a path with a user name
        "query",
    }
)
"""Elements whose ``val`` attribute is human text."""

_NAMED_BY_WORD = frozenset(
    {"lsdException", "compatSetting", "font", "clrScheme", "fontScheme", "fmtScheme"}
)
"""Elements whose ``name`` is one Word or the theme gives (latent styles, compatibility
settings, fonts, theme parts), never one an author types."""


_PARAGRAPH_CONTENT = (
    *_PARAGRAPHS,
    *_RUN_TEXT,
    *_FIELD_INSTRUCTIONS,
    *_LINE_BREAKS,
    _TAB,
    _NO_BREAK_HYPHEN,
)
_LOOSE_TEXT = etree.XPath(
    "//text()[normalize-space()]"
    "[not(parent::w:t or parent::w:delText or parent::w:instrText or parent::w:delInstrText"
    " or parent::a:t or parent::m:t)]",
    namespaces={"w": _W[1:-1], "a": _A[1:-1], "m": _MATH[1:-1]},
)
"""Text that is not a run of a paragraph (read with its paragraph): core properties,
custom XML, chart values..."""
_ATTRIBUTES_TO_READ = _TEXT_ATTRIBUTES | {"val", "Target"}


def _docx_texts(data: bytes) -> Found:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        yield from _with_unquoted("zip entry names", "\n".join(names))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        for info in package.infolist():
            if info.is_dir() or not info.filename.lower().endswith(_XML_PART_SUFFIXES):
                continue
            content = package.read(info)
            if not content.strip():
                continue
            root = etree.fromstring(content, parser)
            yield from _xml_part_texts(info.filename, root)


def _xml_part_texts(part: str, root: Any) -> Found:
    """A part's paragraphs (runs joined) and their field instructions, its text outside
    paragraphs, its attributes that hold text or a target, and its XML comments.

    Paragraphs and loose text are found by lxml's own iteration and XPath, so the many
    elements holding no text (styles, numbering, the theme) cost no Python step for text."""
    for paragraph in root.iter(*_PARAGRAPHS):
        text, field = _paragraph_text(paragraph)
        yield part, text
        yield f"{part}: field", field
    for text in _LOOSE_TEXT(root):
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        yield f"{part}: {_xml_label(owner)}", str(text)
    for element in root.iter(etree.Element):
        for key, value in element.items():
            name = key.rpartition("}")[2]
            if name in _ATTRIBUTES_TO_READ and value.strip():
                yield from _xml_attribute_text(part, element, name, value)
    for comment in _xml_comments(root):
        yield f"{part}: comment", comment


def _xml_attribute_text(part: str, element: Any, name: str, value: str) -> Found:
    """An attribute's value, if it is human text or a target (by its name and element)."""
    element_name = _local_name(element.tag)
    if name == "Target":
        if element.get("TargetMode") == "External":
            yield from _with_unquoted(f"{part}: link", value)
    elif name == "val":
        parent = element.getparent()
        if element_name in _TEXT_VALUE_ELEMENTS or (
            element_name == "name" and parent is not None and parent.tag.endswith("}ffData")
        ):
            yield f"{part}: {element_name}", value
    elif name != "name" or element_name not in _NAMED_BY_WORD:
        yield f"{part}: {element_name} {name}", value


def _paragraph_text(paragraph: Any) -> tuple[str, str]:
    """A paragraph's text (its runs joined; tabs, breaks and no-break hyphens as characters)
    and its field instructions; a paragraph nested in it (a text box) is left to itself."""
    texts: list[str] = []
    fields: list[str] = []
    nested = False
    for element in paragraph.iter(*_PARAGRAPH_CONTENT):
        tag = element.tag
        if tag in _PARAGRAPHS:
            nested = nested or element is not paragraph
        elif nested and next(element.iterancestors(*_PARAGRAPHS)) is not paragraph:
            continue
        elif tag in _RUN_TEXT:
            texts.append(element.text or "")
        elif tag in _FIELD_INSTRUCTIONS:
            fields.append(element.text or "")
        elif tag == _TAB:
            if element.getparent().tag == _RUN:  # not a tab stop of the paragraph's style
                texts.append("\t")
        elif tag == _NO_BREAK_HYPHEN:
            texts.append("-")
        else:
            texts.append("\n")
    return "".join(texts), "".join(fields)


def _xml_comments(root: Any) -> Iterator[str]:
    """The text of every XML comment in a tree, and beside its root element."""
    siblings = (*root.itersiblings(preceding=True), *root.itersiblings())
    for comment in (*root.iter(etree.Comment), *siblings):
        if isinstance(comment, etree._Comment) and comment.text:
            yield comment.text


def _xml_label(element: Any) -> str:
    """What to call an element's text: its local name, or for a property value (``vt:lpwstr``)
    the property it belongs to (a custom property's own name)."""
    while element.tag.startswith(_VARIANT) and element.getparent() is not None:
        element = element.getparent()
    if element.tag == _CUSTOM_PROPERTY and element.get("name"):
        return str(element.get("name"))
    return _local_name(element.tag)


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


# ------------------------------------------------------------------------------------ HTML

_INLINE_HTML = _word_set(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp"
    " small span strike strong sub sup time tt u var wbr"
)
"""Elements whose text runs on within the block around them."""

_LITERAL_HTML = frozenset({"pre", "textarea", "script", "style"})
"""Elements whose whitespace is kept as written."""

_STRUCTURAL_HTML_ATTRIBUTES = _word_set(
    "align aria-colcount aria-colindex aria-controls aria-current aria-describedby"
    " aria-expanded aria-hidden aria-labelledby aria-level aria-live aria-rowcount"
    " aria-rowindex async autocomplete border charset checked class colspan crossorigin"
    " decoding defer dir disabled draggable enctype headers height hidden http-equiv"
    " integrity lang loading max maxlength media method min minlength nonce readonly"
    " referrerpolicy rel required role rowspan scope selected sizes span spellcheck start"
    " step tabindex target translate type width xml:lang"
)
"""Attributes that hold only layout, ids of other elements, switches or numbers. Every other
attribute (alt, title, aria-label, href, src, content, placeholder, value, id, data-*...) is
read."""

_WHITESPACE = re.compile(r"\s+")
_BASE64_DATA_URI = re.compile(r"data:[^,\s\"')]*;base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)


def _html_texts(data: bytes) -> Found:
    if not data.strip():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        parser = lxml_html.HTMLParser()
    else:
        parser = lxml_html.HTMLParser(encoding="utf-8")
    root = lxml_html.document_fromstring(data, parser=parser)
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        if isinstance(sibling, etree._Comment) and sibling.text:
            yield "comment", sibling.text
    yield from _html_element_texts(root, [])


def _html_element_texts(element: Any, enclosing: list[str]) -> Found:
    """An element's attributes and comments and, for a block element, its text with the
    text of its inline elements joined in; then the same for everything inside it. The
    text of an inline element and every tail go to the block around (``enclosing``)."""
    tag = element.tag
    if isinstance(tag, str):
        name = tag.lower()
        if element.attrib:
            yield from _html_attribute_texts(name, element)
        pieces = enclosing if name in _INLINE_HTML else []
        if name == "br":
            pieces.append("\n")
        if element.text:
            pieces.append(element.text)
        for child in element:
            yield from _html_element_texts(child, pieces)
        if pieces is not enclosing:
            yield _html_block_text(name, "".join(pieces))
    elif isinstance(element, etree._Comment) and element.text:
        yield "comment", element.text
    if element.tail:
        enclosing.append(element.tail)


def _html_block_text(tag: str, text: str) -> tuple[str, str]:
    location = "title" if tag == "title" else f"<{tag}>"
    if tag == "style":
        text = _BASE64_DATA_URI.sub("data:", text)
    if tag not in _LITERAL_HTML:
        text = _WHITESPACE.sub(" ", text).strip()
    return location, text


def _html_attribute_texts(tag: str, element: Any) -> Found:
    for key, value in element.attrib.items():
        name = str(key).lower()
        if name in _STRUCTURAL_HTML_ATTRIBUTES or not value.strip():
            continue
        location = f"<{tag} {name}>"
        if "data:" in value.lower():
            text = _without_base64_payloads(value)
            if text.replace("data:", "").strip():
                yield location, text
        else:
            yield from _with_unquoted(location, value)


def _without_base64_payloads(value: str) -> str:
    """A value holding ``data:`` URIs: base64 payloads dropped (pictures, fonts), any other
    payload percent-decoded, since it is text a browser shows."""
    stripped = _BASE64_DATA_URI.sub("data:", value)
    return unquote(stripped)


# ------------------------------------------------------------------------------ other files


def _plain_texts(data: bytes) -> Found:
    """A file of another kind: its bytes as text if they decode (a JSON report, a CSV)."""
    text = _decoded_text(data)
    if text is None:
        return
    yield "text", text
    if "\\u" in text:  # JSON escapes hide letters from a plain search: add the strings
        try:
            value = json.loads(text)
        except ValueError:
            return
        yield "JSON strings", "\n".join(_json_strings(value))


def _decoded_text(data: bytes) -> str | None:
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _pdf_texts(data: bytes) -> Found:
    from .extract_pdf import pdf_texts  # pypdf and PDFium load only when a PDF is read

    return pdf_texts(data)


_READERS: dict[str, Callable[[bytes], Found]] = {
    ".docx": _docx_texts,
    ".docm": _docx_texts,
    ".dotx": _docx_texts,
    ".dotm": _docx_texts,
    ".pdf": _pdf_texts,
    ".html": _html_texts,
    ".htm": _html_texts,
    ".xhtml": _html_texts,
}
