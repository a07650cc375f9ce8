"""Read a document (.docx, .pdf, .html, .md, .txt) into a Document, so the same checks run on
it as on the pack. One reader per format, shared by every check:

- ``.docx``: :mod:`.docx` (tracked changes accepted; text boxes, footnotes and endnotes);
- ``.pdf``: :mod:`.pdf` (a tagged PDF by its structure tree, an untagged one by its layout);
- ``.html``: :mod:`.html` (block elements; hidden elements left out);
- ``.md``: :mod:`.text` with markdown-it-py; ``.txt``: :mod:`.text`, by blank lines and bullets.

Text our writers mark as boilerplate (:mod:`summarygen.writers.boilerplate`) is left out, as
the build leaves it out. Structure is kept where the file has it: headings, list items and
table cells stay separate units. Text inside pictures (a scan) cannot be read: such a file
gives a Document with no blocks.
"""

from __future__ import annotations

from pathlib import Path

from .._files import unpacked_too_big
from ..checks.units import units
from ..document import Block, Document, Meta
from ..errors import Problem, RecordError

READABLE = (".docx", ".pdf", ".html", ".htm", ".md", ".markdown", ".txt")
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp", ".bmp")
"""Pictures: accepted, so that a scan gets the answer that it has no text we can read."""
NO_TEXT = "no text found (a scan? text inside pictures cannot be checked)"
SAVE_AS = {
    ".doc": "an older Word document (.doc): open it in Word and save it as .docx",
    ".odt": "an OpenDocument text (.odt): open it in LibreOffice or Word and save it as .docx "
    "or .pdf",
    ".rtf": "a Rich Text file (.rtf): open it in Word or LibreOffice and save it as .docx or .pdf",
    ".pages": "an Apple Pages document: in Pages, choose File, Export To, Word (or PDF)",
    ".wpd": "a WordPerfect document: open it and save it as .docx or .pdf",
    ".xps": "an XPS document: print it to PDF",
}
"""Document formats people have that we do not read, and how to get one we do."""
DAMAGED = {
    ".docx": "is not a Word document (.docx): it may be an older .doc, or damaged; open it in "
    "Word and save it as .docx",
    ".pdf": "is not a PDF that can be read: it may be damaged, or not a PDF at all; open it "
    "and save or print it as PDF again",
}
"""What a file that fails to open means, for a person (never the library's own words, such
as "File is not a zip file" or PDFium's "Data format error")."""
MAX_BYTES = 50_000_000


def read_file(path: Path, audience: str) -> Document:
    """A document file as a Document for the checks (never for the writers).

    Raises :class:`RecordError` naming the file for a file that cannot be read (missing, too
    big, not UTF-8, damaged, an ending we do not read)."""
    suffix = path.suffix.lower()
    if suffix in SAVE_AS:
        raise _problem(path, f"is {SAVE_AS[suffix]}; then check that file")
    if suffix not in READABLE + PICTURES:
        raise _problem(
            path,
            f"cannot check {suffix or 'a file without an ending'} files; "
            f"use one of: {', '.join(READABLE)}",
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _problem(path, "is over 50 MB; is this the right file?")
        data = path.read_bytes()
        if suffix == ".docx" and (too_big := unpacked_too_big(data)) is not None:
            raise _problem(path, too_big)
    except FileNotFoundError:
        raise _problem(path, "no such file") from None
    except OSError as error:
        raise _problem(path, f"cannot be read: {error.strerror}") from None
    try:
        blocks = read_bytes(data, suffix)
    except RecordError:
        raise
    except UnicodeDecodeError:
        raise _problem(path, "is not UTF-8 text; save it as UTF-8") from None
    except Exception as error:  # a damaged file: say so, no traceback
        said = DAMAGED.get(suffix, f"could not be read as {suffix[1:].upper()}: it may be damaged")
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            said = "is locked with a password: save a copy without the password, and check that"
        raise _problem(path, said) from None
    meta = Meta(
        document=path.name,
        label=path.name,
        title=path.stem,
        audience=audience,
        register="",
        review_id="",
        partnership="",
        subjects=(),
        date="",
    )
    return Document(meta, tuple(blocks))


def has_text(document: Document) -> bool:
    """Whether the Document holds any text to measure (a scanned PDF holds none)."""
    return any(unit.text.strip() for unit in units(document))


def read_bytes(data: bytes, suffix: str) -> list[Block]:
    """The blocks of a file's bytes, read as the format its ending (``.pdf``...) names; a
    picture has none."""
    if suffix in PICTURES:
        return []
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(data)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if suffix in (".html", ".htm"):
        from .html import read_html

        return read_html(data)
    from .text import read_markdown_text, read_plain_text

    text = data.decode("utf-8-sig")
    return read_plain_text(text) if suffix == ".txt" else read_markdown_text(text)


def _problem(path: Path, message: str) -> RecordError:
    return RecordError([Problem(str(path), None, None, "", message)])
