"""Helpers for reading text out of XML that both the Word and the PDF readers use (Word parts
are XML; a PDF carries XMP metadata as XML), kept apart so neither reader imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree


def safe_parser(*, recover: bool = False) -> Any:
    """An lxml parser that neither expands entities nor reaches the network or a DTD: the
    files scanned were written by anyone."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=recover)


def word_set(words: str) -> frozenset[str]:
    """The words of a text (split at spaces) as a set: long lists of names read as prose."""
    return frozenset(words.split())


def local_name(tag: str) -> str:
    """``{namespace}name`` or ``prefix:name`` without its namespace: ``name``."""
    return tag.rpartition("}")[2]


def xml_comments(root: Any) -> Iterator[str]:
    """The text of every XML comment in a tree, and beside its root element."""
    siblings = (*root.itersiblings(preceding=True), *root.itersiblings())
    for comment in (*root.iter(etree.Comment), *siblings):
        if isinstance(comment, etree._Comment) and comment.text:
            yield comment.text


_XMP_LAYOUT_ATTRIBUTES = frozenset({"lang", "parseType", "about"})
_XMP_IDENTIFIERS = frozenset(
    {"DocumentID", "InstanceID", "OriginalDocumentID", "documentID", "instanceID"}
)
"""Properties that hold a generated id (xmpMM:, and stRef: in a derived-from or history
entry), never human text: a random id can look like a postcode."""
_XML_TAG = re.compile(rb"<[^>]*>")


def xmp_text(data: bytes) -> str:
    """XMP metadata (bytes of XML) without its tags: the text of every element and every
    attribute value (XMP may store a property as an attribute), one per line. XML that does
    not parse is read with its tags dropped."""
    try:
        root = etree.fromstring(data.strip(b"\x00 \t\r\n"), safe_parser(recover=True))
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
                if local_name(key) not in _XMP_LAYOUT_ATTRIBUTES | _XMP_IDENTIFIERS
            )
            if local_name(element.tag) in _XMP_IDENTIFIERS:
                if element.tail and element.tail.strip():
                    texts.append(element.tail.strip())
                continue
        for text in (element.text, element.tail):
            if text and text.strip():
                texts.append(text.strip())
    return "\n".join(texts)
