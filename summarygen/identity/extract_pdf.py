"""The text of a PDF for the identity scan: page text (PDFium), marked content, the Info
dictionary, XMP metadata and every text string reachable from the catalogue (pypdf)."""

from __future__ import annotations

import io
import re

import pypdf
import pypdfium2 as pdfium
from lxml import etree
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
    create_string_object,
)

from .extract import Found, _local_name, _word_set


def pdf_texts(data: bytes) -> Found:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("the PDF is encrypted with a password")
    yield from _pdf_info_texts(reader)
    yield from _pdf_page_texts(data)
    yield from _pdf_marked_content_texts(reader)
    yield from _pdf_object_texts(reader)


_MARKED_CONTENT_TEXT = re.compile(
    rb"/(ActualText|Alt|E)\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9A-Fa-f\s]*)>)", re.DOTALL
)
_LITERAL_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_marked_content_texts(reader: pypdf.PdfReader) -> Found:
    """/ActualText, /Alt and /E written in the pages' content streams (marked content): a
    screen reader reads them instead of the glyphs, so a name can hide there behind
    initials."""
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        for match in _MARKED_CONTENT_TEXT.finditer(contents.get_data()):
            key, literal, hexadecimal = match.groups()
            raw = (
                _LITERAL_ESCAPE.sub(_unescape, literal)
                if literal is not None
                else bytes.fromhex(re.sub(rb"\s", b"", hexadecimal).decode("ascii").ljust(2, "0"))
            )
            yield f"page {number}: marked content /{key.decode()}", _pdf_string(raw)


def _unescape(match: re.Match[bytes]) -> bytes:
    escaped = match.group(1)
    if escaped[:1].isdigit():
        return bytes([int(escaped, 8) & 0xFF])
    return _ESCAPED.get(escaped, escaped)


def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return str(create_string_object(raw))


def _pdf_page_texts(data: bytes) -> Found:
    """Each page's text as PDFium lays it out (about 20 times faster than pypdf's)."""
    document = pdfium.PdfDocument(data)
    try:
        for number, page in enumerate(document, start=1):
            text_page = page.get_textpage()
            try:
                yield f"page {number}", text_page.get_text_range()
            finally:
                text_page.close()
                page.close()
    finally:
        document.close()


def _pdf_info_texts(reader: pypdf.PdfReader) -> Found:
    info = _resolved(reader.trailer.get("/Info"))
    if not isinstance(info, DictionaryObject):
        return
    for key, value in info.items():
        text = _pdf_text(_resolved(value))
        if text is None and isinstance(value, NameObject):
            text = str(value)[1:]
        if text is not None:
            yield f"metadata: {key}", text


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _pdf_text(value: object) -> str | None:
    """A PDF string as text (pypdf has decoded PDFDocEncoding and UTF-16 already), or None
    for any other object or for a binary string."""
    if isinstance(value, TextStringObject):
        return str(value)
    if isinstance(value, ByteStringObject):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


# --- the object walk: every text string reachable from the catalogue


_NOT_TEXT_KEYS = frozenset({"/Lang", "/ID", "/O", "/U", "/OE", "/UE", "/Perms"})
"""Keys whose string values are languages, identifiers or keys, never human text."""

_NOT_WALKED_KEYS = frozenset(
    {"/Parent", "/P", "/Pg", "/ParentTree", "/IDTree", "/Headers", "/Font", "/Contents"}
)
"""Keys that lead back up, to structure element ids (a table cell's /Headers), to fonts, or
to content streams (read as page text). Other resources are walked: a picture may carry its
own XMP metadata, a marked-content property list its /ActualText."""

_CONTEXT_KEYS = {
    "/EmbeddedFiles": "embedded file",
    "/Dests": "named destination",
    "/JavaScript": "javascript",
    "/PageLabels": "page labels",
    "/AcroForm": "form field",
    "/OCProperties": "layer",
}
"""Where a string sits under one of these keys, it is named after them."""

_ANNOTATION_SUBTYPES = _word_set(
    "/Text /Link /FreeText /Line /Square /Circle /Polygon /PolyLine /Highlight /Underline"
    " /Squiggly /StrikeOut /Stamp /Caret /Ink /Popup /FileAttachment /Sound /Movie /Widget"
    " /Screen /PrinterMark /TrapNet /Watermark /3D /Redact /RichMedia"
)


def _pdf_object_texts(reader: pypdf.PdfReader) -> Found:
    """Every text string in the objects reachable from the catalogue, named by what holds it.

    Walks depth first with a set of objects already seen, so cycles and shared objects are
    read once. Content streams are not decoded here (they are the page text); XMP metadata
    streams are."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[object, str, str]] = [(reader.trailer.raw_get("/Root"), "", "")]
    while stack:
        item, kind, key = stack.pop()  # the kind of what holds it, and under which key
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            kind = _pdf_dictionary_kind(item) or kind
            if isinstance(item, StreamObject) and _is_xml_metadata(item):
                yield "XMP metadata", _xmp_text(item.get_data())
            for entry, value in item.items():
                text = _pdf_text(value)
                if text is not None:
                    if entry not in _NOT_TEXT_KEYS:
                        yield _pdf_location(kind, entry), text
                elif entry not in _NOT_WALKED_KEYS:
                    stack.append((value, _CONTEXT_KEYS.get(entry, kind), entry))
        elif isinstance(item, ArrayObject):
            for value in item:
                text = _pdf_text(value)
                if text is not None:
                    yield _pdf_location(kind, key), text
                else:
                    stack.append((value, kind, key))


def _pdf_dictionary_kind(item: DictionaryObject) -> str:
    type_name = item.get("/Type")
    if type_name == "/StructElem" or ("/S" in item and "/P" in item and "/K" in item):
        return "tag"
    if type_name == "/Annot" or ("/Rect" in item and item.get("/Subtype") in _ANNOTATION_SUBTYPES):
        return "annotation"
    if type_name == "/Filespec" or "/EF" in item:
        return "embedded file"
    if "/URI" in item or item.get("/S") in ("/Launch", "/GoToR", "/GoToE", "/SubmitForm"):
        return "link"
    if "/Title" in item and "/Parent" in item and "/S" not in item:
        return "bookmarks"
    if "/FT" in item:
        return "form field"
    return ""


def _pdf_location(kind: str, key: str) -> str:
    if kind == "bookmarks" and key == "/Title":
        return "bookmarks"
    if kind == "link" and key in ("/URI", "/F"):
        return "link"
    if kind == "embedded file" and key in ("/F", "/UF"):
        return "embedded file"
    return f"{kind or 'object'} {key}"


def _is_xml_metadata(stream: StreamObject) -> bool:
    return stream.get("/Type") == "/Metadata" or stream.get("/Subtype") == "/XML"


_XMP_LAYOUT_ATTRIBUTES = frozenset({"lang", "parseType", "about"})
_XMP_IDENTIFIERS = frozenset(
    {"DocumentID", "InstanceID", "OriginalDocumentID", "documentID", "instanceID"}
)
"""Properties that hold a generated id (xmpMM:, and stRef: in a derived-from or history
entry), never human text: a random id can look like a postcode."""
_XML_TAG = re.compile(rb"<[^>]*>")


def _xmp_text(data: bytes) -> str:
    """XMP metadata without its tags: the text of every element and every attribute value
    (XMP may store a property as an attribute), one per line."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data.strip(b"\x00 \t\r\n"), parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return _XML_TAG.sub(b"\n", data).decode("utf-8", "replace")
    texts: list[str] = []
    for element in root.iter():
        if isinstance(element.tag, str):
            texts.extend(
                value
                for key, value in element.attrib.items()
                if _local_name(key) not in _XMP_LAYOUT_ATTRIBUTES | _XMP_IDENTIFIERS
            )
            if _local_name(element.tag) in _XMP_IDENTIFIERS:
                if element.tail and element.tail.strip():
                    texts.append(element.tail.strip())
                continue
        for text in (element.text, element.tail):
            if text and text.strip():
                texts.append(text.strip())
    return "\n".join(texts)
