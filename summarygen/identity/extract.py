"""Every piece of text in a written file, and where it was: what an identity scan reads.

``extract_parts(path)`` returns the file name and everything a reader, a search engine or a
metadata viewer could see in the file, as :class:`TextPart` pieces with a location a person
can follow. It over-scans on purpose: when it is unclear whether a value is text, it is
included, and the detectors decide.

- DOCX (any zip of XML parts): every XML part and every ``.rels`` file. Each paragraph
  (``w:p``, DrawingML ``a:p`` in shapes and charts, a spreadsheet's shared string) is one
  piece, its runs joined, so a name split across runs is whole; field instructions, comments
  in the XML, text outside paragraphs (core, app and custom properties, custom XML) and the
  attributes that hold human text or a target (alt text, titles, comment and revision
  authors, content control alias and tag, document variables, table captions, external link
  targets; every attribute of custom XML) are pieces of their own. The zip entry names too.
  A paragraph with tracked changes is read as it shows and, when it has deleted text, as it
  was: that reading is a :class:`Carried` piece whose deleted text alone is reported ("in a
  tracked deletion"). Files inside the package (``w:altChunk`` parts, embedded objects) are
  read by the reader for their suffix, :data:`MAX_DEPTH` files deep at most.
- PDF (:mod:`.extract_pdf`): page text; the Info dictionary; XMP metadata; marked content;
  every text string found by walking the objects from the catalogue; attachments.
- HTML: the title, the text of each block element (inline elements joined into it), every
  attribute that can hold text or a target (``data:`` payloads in base64 are left out),
  style and script text, and comments. A web archive (.mht) part by part.
- RTF: its text (striprtf). Text files (.txt, .md, .csv): UTF-8 or UTF-16 as marked, else
  Windows-1252.
- Anything else: the bytes as text, when they decode.
"""

from __future__ import annotations

import email
import email.policy
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from ..errors import RenderError
from .parts import Carried, Found, Span, TextPart, carried_note, prefixed
from .xmltext import local_name, safe_parser, word_set, xml_comments

FILE_NAME = "file name"


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
        found = list(read(data, 0))
    except Exception as error:  # any library's failure on a damaged file: name the file
        kind = path.suffix.lstrip(".").upper() or "file"
        raise RenderError(f"{file}: cannot read this {kind} to scan it: {error}") from error
    parts = [TextPart(file, FILE_NAME, file)]
    for piece in found:
        if isinstance(piece, Carried):
            parts.append(TextPart(file, piece.location, piece.text, piece.spans))
        elif piece[1].strip():
            parts.append(TextPart(file, *piece))
    return parts


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

_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

_PARAGRAPHS = frozenset({f"{_W}p", f"{_A}p", f"{_SHEET}si", f"{_SHEET}is"})
"""Word and DrawingML paragraphs, and a spreadsheet's shared or inline strings (runs too)."""
_RUN_TEXT = frozenset({f"{_W}t", f"{_W}delText", f"{_A}t", f"{_MATH}t", f"{_SHEET}t"})
_FIELD_INSTRUCTIONS = frozenset({f"{_W}instrText", f"{_W}delInstrText"})
_LINE_BREAKS = frozenset({f"{_W}br", f"{_W}cr", f"{_A}br"})
_RUN = f"{_W}r"
_DELETED = frozenset({f"{_W}del", f"{_W}moveFrom"})
"""Tracked changes whose text was deleted (or moved away): kept in the file all the same."""
_INSERTED = frozenset({f"{_W}ins", f"{_W}moveTo"})
_REVISIONS = (*_DELETED, *_INSERTED)
_HIDDEN = (f"{_W}vanish", f"{_W}specVanish", f"{_W}webHidden")
"""Run properties that hide a run's text on the page (it is still in the file)."""
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
        "attr",  # smart tag or custom XML attribute: Word's person-name smart tag holds it
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
    " or parent::a:t or parent::m:t or parent::s:t)]",
    namespaces={"w": _W[1:-1], "a": _A[1:-1], "m": _MATH[1:-1], "s": _SHEET[1:-1]},
)
"""Text that is not a run of a paragraph (read with its paragraph): core properties,
custom XML, chart values..."""
_ATTRIBUTES_TO_READ = _TEXT_ATTRIBUTES | {"val", "Target"}


def _docx_texts(data: bytes, depth: int) -> Found:
    """A DOCX, or any Office Open XML package (an XLSX or PPTX embedded in it): every XML
    part, and every file inside it that can be read as text (a part pasted in whole with
    ``w:altChunk``, an embedded object) by its own reader, with the file's name first."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        yield from _with_unquoted("zip entry names", "\n".join(names))
        parser = safe_parser()
        for info in package.infolist():
            name = info.filename
            if info.is_dir():
                continue
            if not name.lower().endswith(_XML_PART_SUFFIXES):
                if PurePosixPath(name).suffix.lower() in _EMBEDDED_READERS:
                    yield from prefixed(name, _embedded_texts(name, package.read(info), depth))
                continue
            content = package.read(info)
            if not content.strip():
                continue
            root = etree.fromstring(content, parser)
            yield from _xml_part_texts(name, root, every_attribute=_is_custom_xml(name))


def _is_custom_xml(name: str) -> bool:
    """A custom XML data part (``customXml/item1.xml``), not its properties (``itemProps1``:
    a generated id and schema addresses)."""
    return name.startswith("customXml/item") and not name.startswith("customXml/itemProps")


def _xml_part_texts(part: str, root: Any, *, every_attribute: bool = False) -> Found:
    """A part's paragraphs (runs joined) and their field instructions, its text outside
    paragraphs, its attributes that hold text or a target (``every_attribute``: all of them
    but namespace declarations, for custom XML, whose schema is anyone's), and its XML
    comments.

    Paragraphs and loose text are found by lxml's own iteration and XPath, so the many
    elements holding no text (styles, numbering, the theme) cost no Python step for text."""
    revised = next(root.iter(*_REVISIONS), None) is not None
    hidden = next(root.iter(*_HIDDEN), None) is not None
    for paragraph in root.iter(*_PARAGRAPHS):
        if revised:
            yield from _revised_paragraph_texts(part, paragraph)
        else:
            text, field, _ = _paragraph_text(paragraph)
            yield part, text
            yield f"{part}: field", field
        if hidden and next(paragraph.iter(*_HIDDEN), None) is not None:
            # also as it shows: hidden text inside a name must not hide the name
            shown, _, _ = _paragraph_text(paragraph, leave_out=_DELETED, without_hidden=True)
            yield f"{part}: as shown, hidden text left out", shown
    for text in _LOOSE_TEXT(root):
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        yield f"{part}: {_xml_label(owner)}", str(text)
    for element in root.iter(etree.Element):
        for key, value in element.items():
            name = key.rpartition("}")[2]
            if not value.strip():
                continue
            if name in _ATTRIBUTES_TO_READ:
                yield from _xml_attribute_text(part, element, name, value)
            elif every_attribute:
                yield f"{part}: {local_name(element.tag)} {name}", value
    for comment in xml_comments(root):
        yield f"{part}: comment", comment


def _revised_paragraph_texts(part: str, paragraph: Any) -> Found:
    """A paragraph with tracked changes, read twice: as it shows (insertions in, deletions
    out), and, when it has deleted text, as it was (deletions in, insertions out) with the
    deleted text marked. Each reading has the words its author wrote, side by side: joining
    both would glue a deleted name to the word that replaced it ("QuartermaineFather"), or
    split a word corrected inside it ("Quarter|mayne|maine")."""
    shown, field, _ = _paragraph_text(paragraph, leave_out=_DELETED)
    yield part, shown
    yield f"{part}: field", field
    was, _, spans = _paragraph_text(paragraph, leave_out=_INSERTED, mark=_DELETED)
    if spans:  # even a deleted space: it joined two words that were a name
        yield Carried(f"{part}: {carried_note('tracked_deletion')}", was, tuple(spans))


def _xml_attribute_text(part: str, element: Any, name: str, value: str) -> Found:
    """An attribute's value, if it is human text or a target (by its name and element)."""
    element_name = local_name(element.tag)
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


def _paragraph_text(
    paragraph: Any,
    *,
    leave_out: frozenset[str] = frozenset(),
    mark: frozenset[str] = frozenset(),
    without_hidden: bool = False,
) -> tuple[str, str, list[Span]]:
    """A paragraph's text (its runs joined; tabs, breaks and no-break hyphens as characters),
    its field instructions, and the spans of its text inside a tracked change in ``mark``;
    text inside a tracked change in ``leave_out`` is left out, and so is hidden text
    (``w:vanish``...) if ``without_hidden``. A paragraph nested in it (a
    text box) is left to itself."""
    texts: list[str] = []
    fields: list[str] = []
    spans: list[Span] = []
    length = 0
    nested = False
    revisions = leave_out | mark
    hidden_runs = (
        {hide.getparent().getparent() for hide in paragraph.iter(*_HIDDEN)}
        if without_hidden
        else set()
    )  # each w:vanish sits in a w:rPr of its w:r
    for element in paragraph.iter(*_PARAGRAPH_CONTENT):
        if hidden_runs and element.getparent() in hidden_runs:
            continue
        tag = element.tag
        if tag in _PARAGRAPHS:
            nested = nested or element is not paragraph
            continue
        if nested and next(element.iterancestors(*_PARAGRAPHS)) is not paragraph:
            continue
        if tag in _FIELD_INSTRUCTIONS:
            fields.append(element.text or "")
            continue
        if tag in _RUN_TEXT:
            text = element.text or ""
        elif tag == _TAB:
            if element.getparent().tag != _RUN:  # a tab stop of the paragraph's style
                continue
            text = "\t"
        elif tag == _NO_BREAK_HYPHEN:
            text = "-"
        else:
            text = "\n"
        if revisions:
            change = next(element.iterancestors(*_REVISIONS), None)
            kind = None if change is None else change.tag
            if kind in leave_out:
                continue
            if kind in mark:
                if spans and spans[-1][1] == length:
                    spans[-1] = (spans[-1][0], length + len(text))
                else:
                    spans.append((length, length + len(text)))
        texts.append(text)
        length += len(text)
    return "".join(texts), "".join(fields), spans


def _xml_label(element: Any) -> str:
    """What to call an element's text: its local name, or for a property value (``vt:lpwstr``)
    the property it belongs to (a custom property's own name)."""
    while element.tag.startswith(_VARIANT) and element.getparent() is not None:
        element = element.getparent()
    if element.tag == _CUSTOM_PROPERTY and element.get("name"):
        return str(element.get("name"))
    return local_name(element.tag)


# ------------------------------------------------------------------------------------ HTML

_INLINE_HTML = word_set(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp"
    " small span strike strong sub sup time tt u var wbr"
)
"""Elements whose text runs on within the block around them."""

_LITERAL_HTML = frozenset({"pre", "textarea", "script", "style"})
"""Elements whose whitespace is kept as written."""

_STRUCTURAL_HTML_ATTRIBUTES = word_set(
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


def _html_texts(data: bytes, depth: int) -> Found:
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
    hidden = _HIDDEN_HTML(root)
    if hidden:
        # also as it shows: a hidden element inside a name must not hide the name
        for element in hidden:
            if element.getparent() is not None:
                element.drop_tree()  # its tail stays
        yield from prefixed("as shown, hidden text left out", _html_element_texts(root, []))


_HIDDEN_HTML = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or contains(translate(@style, "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'display:none') or "
    "contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), "
    "'visibility:hidden') or contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', "
    "'abcdefghijklmnopqrstuvwxyz'), 'font-size:0')]"
)
"""Elements a browser does not show: the ``hidden`` attribute, ``aria-hidden``, and styles
that hide (spaces and case in the style ignored)."""


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


def _plain_texts(data: bytes, depth: int) -> Found:
    """A file of another kind: its bytes as text if they decode (a JSON report, a CSV)."""
    text = _decoded_text(data)
    if text is None:
        return
    yield from _text_and_json_strings(text)


def _text_texts(data: bytes, depth: int) -> Found:
    """A file that is text by its name (.txt, .md, .csv): UTF-8 or UTF-16 as marked, else
    Windows-1252, the code page Word and Notepad write by default in the UK."""
    text = _decoded_text(data)
    yield from _text_and_json_strings(data.decode("cp1252", "replace") if text is None else text)


def _text_and_json_strings(text: str) -> Found:
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


def _rtf_texts(data: bytes, depth: int) -> Found:
    """Rich Text Format (a part pasted into a DOCX, say): its text, by striprtf (RTF is 7-bit
    text with escapes for every other character)."""
    from striprtf.striprtf import rtf_to_text

    text: str = rtf_to_text(data.decode("latin-1"), errors="replace")  # type: ignore[no-untyped-call]
    yield "text", text


def _mime_texts(data: bytes, depth: int) -> Found:
    """A web archive (.mht: MIME, as Word saves a web page or pastes HTML): each part by its
    type or name, its transfer encoding (quoted-printable, base64) undone."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for number, part in enumerate(message.walk(), start=1):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        name = part.get_filename() or str(part.get("Content-Location", "")) or f"part {number}"
        content_type = part.get_content_type()
        if content_type in ("text/html", "application/xhtml+xml"):
            yield from prefixed(name, _html_texts(payload, depth))
        elif content_type == "text/plain":
            yield from prefixed(name, _text_texts(payload, depth))
        elif PurePosixPath(name).suffix.lower() in _EMBEDDED_READERS:
            yield from prefixed(name, _embedded_texts(name, payload, depth))


def _pdf_texts(data: bytes, depth: int) -> Found:
    from .extract_pdf import pdf_texts  # pikepdf and PDFium load only when a PDF is read

    def embedded(name: str, content: bytes) -> Found:
        if PurePosixPath(name).suffix.lower() not in _EMBEDDED_READERS:
            return _plain_texts(content, depth + 1)
        return _embedded_texts(name, content, depth)

    return pdf_texts(data, embedded)


MAX_DEPTH = 3
"""How deep a file inside a file is read (a DOCX pasted into a DOCX embedded in a PDF): three
levels. A file nested deeper cannot be scanned, so it is refused, never passed unread."""


def _embedded_texts(name: str, data: bytes, depth: int) -> Found:
    """A file inside the file being read (``depth`` levels in already), by the reader for
    its name's suffix. Raises ``ValueError`` when it is nested too deep to scan."""
    if depth >= MAX_DEPTH:
        raise ValueError(
            f"{name} is a file inside a file more than {MAX_DEPTH} levels deep: it is not"
            " scanned; take it out of the document"
        )
    return _EMBEDDED_READERS[PurePosixPath(name).suffix.lower()](data, depth + 1)


Reader = Callable[[bytes, int], Found]
"""A format's reader: the file's bytes, how many files deep it is, and what it finds."""

_OFFICE_PACKAGES = word_set(
    ".docx .docm .dotx .dotm .xlsx .xlsm .xltx .xltm .pptx .pptm .potx .potm .ppsx .ppsm"
)
_READERS: dict[str, Reader] = {
    **dict.fromkeys((".docx", ".docm", ".dotx", ".dotm"), _docx_texts),
    ".pdf": _pdf_texts,
    **dict.fromkeys((".html", ".htm", ".xhtml"), _html_texts),
    **dict.fromkeys((".txt", ".md", ".csv"), _text_texts),
    ".rtf": _rtf_texts,
}
"""Readers by the suffix of a file given to the scan; any other file is read as text if it
decodes."""

_EMBEDDED_READERS: dict[str, Reader] = {
    **_READERS,
    **dict.fromkeys(_OFFICE_PACKAGES, _docx_texts),
    **dict.fromkeys((".mht", ".mhtml"), _mime_texts),
}
"""Readers by the suffix of a file inside a DOCX or PDF: an ``altChunk`` part (.docx, .html,
.mht, .rtf, .txt), an embedded Office document (Word, Excel, PowerPoint), an attachment. Not
read: pictures (no text recognition), and objects in the older binary formats (.bin OLE
objects, .doc, .xls), which are listed by name only."""
