"""The text of a PDF for the identity scan: page text (PDFium), marked content, the Info
dictionary, XMP metadata, every text string and structure type reachable from the catalogue,
and the files embedded in it (qpdf, through pikepdf).

Every string is read by qpdf's parser, as a PDF reader reads it: a literal string with
balanced parentheses (``(Zebulon (Z) Quartermaine)``) or escapes (``\\101``), a hex string
(``<5A6562>``), and text in UTF-16 or UTF-8 with a byte order mark are all whole text.
Content streams are parsed by qpdf too, never searched with regular expressions: the property
lists of marked content (``/Span <</ActualText (...)>> BDC``) hold /Alt, /ActualText and /E
text that a screen reader speaks in place of the glyphs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pikepdf
import pypdfium2 as pdfium
from lxml import etree
from lxml import html as lxml_html

from .parts import Carried, Found, carried_note, prefixed
from .xmltext import word_set as _word_set
from .xmltext import xmp_text

Embedded = Callable[[str, bytes], Found]
"""Reads a file embedded in the PDF (its name, its bytes), as the scan reads any file."""

_T = pikepdf.ObjectType
_STRING, _NAME, _ARRAY = _T.string, _T.name_, _T.array
_DICTIONARY, _STREAM = _T.dictionary, _T.stream


def pdf_texts(data: bytes, embedded: Embedded | None = None) -> Found:
    """Every piece of text in a PDF (its bytes), with where it was, then what only an earlier
    version kept inside it holds; the files it embeds are read with ``embedded``, when given.
    Raises ``ValueError`` for a PDF locked by a password, and pikepdf's or PDFium's error for
    a damaged one."""
    current = list(_version_texts(data, embedded))
    yield from current
    yield from _earlier_version_texts(data, set(current))


_END_OF_FILE = re.compile(rb"%%EOF")
_MOST_EARLIER_VERSIONS = 20


def _earlier_version_texts(data: bytes, current: set[tuple[str, str] | Carried]) -> Found:
    """What earlier versions of an incrementally saved PDF hold that the current one does
    not. Each incremental save appends its changes after the last ``%%EOF`` and keeps all
    that came before, so the file up to an earlier ``%%EOF`` is that earlier version, whole:
    a page before a name was removed from it, say. A piece that cannot be opened (the first
    part of a linearized file, ``%%EOF`` inside a stream) is not a version and is skipped."""
    ends = [match.end() for match in _END_OF_FILE.finditer(data)][:-1]
    note = carried_note("earlier_version")
    for end in ends[-_MOST_EARLIER_VERSIONS:]:
        try:
            pieces = list(_version_texts(data[:end], None))
        except Exception:  # not a version of the file: nothing more to read in it
            continue
        for piece in pieces:
            if piece not in current and piece[1].strip():
                yield f"{note} › {piece[0]}", piece[1]


def _version_texts(data: bytes, embedded: Embedded | None) -> Found:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise ValueError("the PDF is encrypted with a password") from error
    with pdf:
        yield from _info_texts(pdf)
        yield from _page_texts(data)
        for number, page in enumerate(pdf.pages, start=1):
            yield from _marked_content_texts(page.obj, f"page {number}: marked content")
        yield from _object_texts(pdf, embedded)


def _page_texts(data: bytes) -> Found:
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


def _info_texts(pdf: pikepdf.Pdf) -> Found:
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return
    for key, value in info.items():
        text = _text(value)
        if text is None and _code(value) == _NAME:
            text = _name_text(value)
        if text is not None:
            yield f"metadata: {key}", text


def _code(value: Any) -> pikepdf.ObjectType | None:
    """The kind of a PDF object; ``None`` for the numbers, booleans and nulls that pikepdf
    gives as Python values."""
    return getattr(value, "_type_code", None)


def _text(value: Any) -> str | None:
    """A PDF string as text (qpdf decodes PDFDocEncoding, and UTF-16 or UTF-8 after a byte
    order mark), or None for any other object, or for a binary string (an id, a key, a
    signature): one with control characters that is not UTF-8 either."""
    if _code(value) != _STRING:
        return None
    text = _LANGUAGE_ESCAPE.sub("", str(value))
    controls = len(_CONTROL.findall(text))
    if not controls:
        return text
    try:
        return bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        pass
    if controls <= len(text) * _MOST_CONTROLS_IN_TEXT:  # text with a stray byte: keep it
        return _CONTROL.sub(" ", text)
    return None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_LANGUAGE_ESCAPE = re.compile("\x1b[^\x1b]{0,8}\x1b")
"""A language code inside a Unicode text string (ISO 32000-2, 7.9.2.2): ESC en ESC."""
_MOST_CONTROLS_IN_TEXT = 0.1
"""A string with more control characters than this share (and not UTF-8) is binary: an
id, a key, a signature."""
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _name_text(name: Any) -> str:
    """A name without its slash, its ``#xx`` escapes undone (``/Zebulon#20Q``: "Zebulon Q")."""
    raw = _NAME_ESCAPE.sub(
        lambda match: bytes.fromhex(match.group(1).decode()), str(name)[1:].encode()
    )
    return raw.decode("utf-8", "replace")


# --- marked content


_MARKED_CONTENT_OPERATORS = "BDC DP BMC MP"
_NOT_TEXT_PROPERTIES = frozenset({"/Lang", "/MCID", "/Type", "/O"})


def _marked_content_texts(holder: Any, location: str) -> Found:
    """The text in the marked content of a page or form XObject's content stream: every
    string in an inline property list (/ActualText, /Alt, /E and any other key), and tags
    that are not standard structure types. A property list named from the resources is read
    with them, by the object walk."""
    for instruction in pikepdf.parse_content_stream(holder, _MARKED_CONTENT_OPERATORS):
        operands = instruction.operands
        if not operands:
            continue
        tag = operands[0]
        if _code(tag) == _NAME and str(tag) not in _STANDARD_TYPES:
            yield f"{location} tag", _name_text(tag)
        properties = operands[1] if len(operands) > 1 else None
        if properties is not None and _code(properties) == _DICTIONARY:
            for key, value in properties.items():
                text = _text(value)
                if text is not None and key not in _NOT_TEXT_PROPERTIES:
                    yield f"{location} {key}", text


_STANDARD_TYPES = _word_set(
    "/Document /DocumentFragment /Part /Art /Sect /Div /BlockQuote /Caption /TOC /TOCI /Index"
    " /NonStruct /Private /Aside /Title /FENote /Sub /P /Note /H /H1 /H2 /H3 /H4 /H5 /H6 /L /LI"
    " /Lbl /LBody /Table /TR /TH /TD /THead /TBody /TFoot /Span /Quote /Reference /BibEntry"
    " /Code /Link /Annot /Ruby /RB /RT /RP /Warichu /WT /WP /Figure /Formula /Form /Em"
    " /Strong /Artifact /OC /Tx /ReversedChars /Clip /Header /Footer /Watermark /Background"
    " /Layout /Page /Pagination"
)
"""Standard structure types of PDF 1.7 and 2.0 (ISO 32000-2, 14.8.4), marked-content tags
for artifacts, optional content and form fields, and artifact subtypes: never a name an
author typed. Any other structure type or tag, and every role map entry, is read as text."""


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

_NAMES_ARE_TEXT = frozenset({"/RoleMap", "/ClassMap"})
"""Dictionaries whose keys an authoring tool named: custom structure types and classes."""

_ANNOTATION_SUBTYPES = _word_set(
    "/Text /Link /FreeText /Line /Square /Circle /Polygon /PolyLine /Highlight /Underline"
    " /Squiggly /StrikeOut /Stamp /Caret /Ink /Popup /FileAttachment /Sound /Movie /Widget"
    " /Screen /PrinterMark /TrapNet /Watermark /3D /Redact /RichMedia"
)


def _object_texts(pdf: pikepdf.Pdf, embedded: Embedded | None) -> Found:
    """Every text string in the objects reachable from the catalogue, named by what holds it;
    structure types that are not standard, role map entries, XMP metadata streams, the marked
    content of form XObjects (annotation appearances too), and embedded files.

    Walks depth first with a set of objects already seen, so cycles and shared objects are
    read once. Page content streams are not decoded here (they are the page text)."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, str, str]] = [(pdf.trailer.get("/Root"), "", "")]
    while stack:
        item, kind, key = stack.pop()  # the kind of what holds it, and under which key
        if item is None:
            continue
        if item.is_indirect:
            reference = item.objgen
            if reference in seen:
                continue
            seen.add(reference)
        type_code = _code(item)
        if type_code in (_DICTIONARY, _STREAM):
            kind = _dictionary_kind(item) or kind
            if type_code == _STREAM:
                yield from _stream_texts(item, kind, key)
            if key in _NAMES_ARE_TEXT:
                names = [_name_text(name) for name in item if name not in _STANDARD_TYPES]
                yield f"tag {key}", "\n".join(names)
            if embedded is not None and "/EF" in item:
                yield from _embedded_file_texts(item, embedded)
            for entry, value in item.items():
                code = _code(value)
                if code == _STRING:
                    text = _text(value)
                    if text is not None and entry not in _NOT_TEXT_KEYS:
                        yield _location(kind, entry), text
                        if entry == "/RC":
                            yield _location(kind, entry), _rich_text(text)
                elif code == _NAME:
                    if kind == "tag" and entry == "/S" and str(value) not in _STANDARD_TYPES:
                        yield "tag /S", _name_text(value)
                elif code in (_DICTIONARY, _STREAM, _ARRAY) and entry not in _NOT_WALKED_KEYS:
                    stack.append((value, _CONTEXT_KEYS.get(entry, kind), entry))
        elif type_code == _ARRAY:
            for value in item:
                code = _code(value)
                if code == _STRING:
                    text = _text(value)
                    if text is not None:
                        yield _location(kind, key), text
                elif code in (_DICTIONARY, _STREAM, _ARRAY):
                    stack.append((value, kind, key))


def _stream_texts(stream: Any, kind: str, key: str) -> Found:
    """XMP metadata in a stream, an XFA form (XML holding the fields' values), JavaScript
    written as a stream, or the marked content of a form XObject."""
    if stream.get("/Type") == "/Metadata" or stream.get("/Subtype") == "/XML":
        yield "XMP metadata", xmp_text(stream.read_bytes())
    elif key == "/XFA":
        yield "form field /XFA", xmp_text(stream.read_bytes())
    elif key == "/RC":
        yield _location(kind, key), _rich_text(_stream_text(stream.read_bytes()))
    elif key == "/JS":
        yield "javascript", _stream_text(stream.read_bytes())
    elif stream.get("/Subtype") == "/Form":
        holder = "annotation appearance" if kind == "annotation" else "form XObject"
        yield from _marked_content_texts(stream, f"{holder}: marked content")


def _rich_text(markup: str) -> str:
    """An annotation's or a field's rich text (/RC: XHTML) as a reader shows it: the markup
    around a word in bold would otherwise split it ("Zebulon <b>Quarter</b>maine")."""
    try:
        root = lxml_html.fromstring(markup.encode("utf-8"), parser=_UTF8_HTML)
    except (etree.ParserError, ValueError):  # nothing but a comment or blanks: as written
        return markup
    return str(root.text_content())


_UTF8_HTML = lxml_html.HTMLParser(encoding="utf-8")


def _stream_text(data: bytes) -> str:
    """A stream that holds text: UTF-16 after a byte order mark, else UTF-8, else Latin-1."""
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _embedded_file_texts(filespec: Any, embedded: Embedded) -> Found:
    """The text of a file embedded in the PDF (an attachment, a file annotation's file)."""
    files = filespec.get("/EF")
    if not isinstance(files, pikepdf.Dictionary):
        return
    name = next(
        (text for key in ("/UF", "/F") if (text := _text(filespec.get(key, ""))) is not None),
        "",
    )
    for stream in files.values():
        if _code(stream) == _STREAM:
            yield from prefixed(
                f"embedded file {name}".rstrip(), embedded(name, stream.read_bytes())
            )
            return


def _dictionary_kind(item: Any) -> str:
    type_name = item.get("/Type")
    if type_name == "/StructElem" or ("/S" in item and "/P" in item and "/K" in item):
        return "tag"
    if "/FT" in item:  # a form field, its widget annotation merged into it or not
        return "form field"
    if type_name == "/Annot" or ("/Rect" in item and item.get("/Subtype") in _ANNOTATION_SUBTYPES):
        return "annotation"
    if type_name == "/Filespec" or "/EF" in item:
        return "embedded file"
    if "/URI" in item or item.get("/S") in ("/Launch", "/GoToR", "/GoToE", "/SubmitForm"):
        return "link"
    if "/Title" in item and "/Parent" in item and "/S" not in item:
        return "bookmarks"
    return ""


def _location(kind: str, key: str) -> str:
    if kind == "bookmarks" and key == "/Title":
        return "bookmarks"
    if kind == "link" and key in ("/URI", "/F"):
        return "link"
    if kind == "embedded file" and key in ("/F", "/UF"):
        return "embedded file"
    return f"{kind or 'object'} {key}"
