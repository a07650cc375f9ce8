"""Read a document someone wrote by hand (.docx, .pdf, .html, .md, .txt) into a Document,
so the same checks run on it as on the pack. Structure is kept where the file has it:
headings, list items and table cells stay separate units."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..document import (
    Block,
    Document,
    Heading,
    ListBlock,
    Meta,
    Paragraph,
    Run,
    Table,
)
from ..errors import Problem, RecordError

READABLE = (".docx", ".pdf", ".html", ".htm", ".md", ".markdown", ".txt")
MAX_BYTES = 50_000_000


def read_file(path: Path, audience: str) -> Document:
    """A hand-written document as a Document for the checks (never for the writers)."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise _problem(
            path,
            f"cannot check {suffix or 'a file without an ending'} files; "
            f"use one of: {', '.join(READABLE)}",
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _problem(path, "is over 50 MB; is this the right file?")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _problem(path, "no such file") from None
    except OSError as error:
        raise _problem(path, f"cannot be read: {error.strerror}") from None
    try:
        if suffix == ".docx":
            blocks = _docx(data)
        elif suffix == ".pdf":
            blocks = _pdf(data)
        elif suffix in (".html", ".htm"):
            blocks = _html(data)
        else:
            blocks = _text(data.decode("utf-8-sig"), markdown=suffix != ".txt")
    except RecordError:
        raise
    except UnicodeDecodeError:
        raise _problem(path, "is not UTF-8 text; save it as UTF-8") from None
    except Exception as error:  # a damaged file: say so, no traceback
        raise _problem(path, f"could not be read as {suffix[1:].upper()}: {error}") from None
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


def _problem(path: Path, message: str) -> RecordError:
    return RecordError([Problem(str(path), None, None, "", message)])


def _runs(text: str) -> tuple[Run, ...]:
    return (Run(" ".join(text.split())),)


def _docx(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    items: list[tuple[Run, ...]] = []
    for element in document.iter_inner_content():
        if isinstance(element, DocxParagraph):
            text = element.text.strip()
            style = (element.style.name if element.style is not None else "") or ""
            is_item = style.startswith("List") or (
                element._p.pPr is not None and (element._p.pPr.numPr is not None)
            )
            if items and not (is_item and text):
                blocks.append(ListBlock(tuple(items)))
                items = []
            if not text:
                continue
            if is_item:
                items.append(_runs(text))
            elif style.startswith("Heading") or style == "Title":
                level = int(style.split()[-1]) if style[-1].isdigit() else 1
                blocks.append(Heading(level, _runs(text)))
            else:
                blocks.append(Paragraph(_runs(text)))
        elif isinstance(element, DocxTable):
            if items:
                blocks.append(ListBlock(tuple(items)))
                items = []
            rows = [tuple(_runs(cell.text) for cell in row.cells) for row in element.rows]
            if rows:
                blocks.append(Table(rows[0], tuple(rows[1:])))
    if items:
        blocks.append(ListBlock(tuple(items)))
    return blocks


def _pdf(data: bytes) -> list[Block]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    return _text(text, markdown=False)


def _html(data: bytes) -> list[Block]:
    import lxml.html

    root = lxml.html.fromstring(data)
    for junk in root.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    main = (root.xpath("//main") or root.xpath("//body") or [root])[0]
    blocks: list[Block] = []
    for element in main.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table"):
        if element.tag == "table":
            rows = [
                tuple(_runs(cell.text_content()) for cell in row.xpath("./th|./td"))
                for row in element.xpath(".//tr")
            ]
            if rows:
                blocks.append(Table(rows[0], tuple(rows[1:])))
            continue
        if element.xpath("ancestor::table") or (
            element.tag == "p" and element.xpath("ancestor::li")
        ):
            continue
        text = element.text_content().strip()
        if not text:
            continue
        if element.tag.startswith("h"):
            blocks.append(Heading(int(element.tag[1]), _runs(text)))
        elif element.tag == "li":
            blocks.append(ListBlock((_runs(text),)))
        else:
            blocks.append(Paragraph(_runs(text)))
    return blocks


_BULLET = re.compile(r"^\s*(?:[-*•▪◦]|\d+[.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _text(text: str, *, markdown: bool) -> list[Block]:
    """Plain text or Markdown: blank lines part paragraphs; bullets and headings stand alone."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        items: list[tuple[Run, ...]] = []
        for line in lines:
            heading = _MARKDOWN_HEADING.match(line) if markdown else None
            if (heading or _BULLET.match(line)) and paragraph:
                blocks.append(Paragraph(_runs(" ".join(paragraph))))
                paragraph = []
            if heading:
                if items:
                    blocks.append(ListBlock(tuple(items)))
                    items = []
                blocks.append(Heading(len(heading[1]), _runs(heading[2])))
            elif _BULLET.match(line):
                items.append(_runs(_BULLET.sub("", line)))
            elif items:
                items[-1] = _runs(" ".join(r.text for r in items[-1]) + " " + line)
            else:
                paragraph.append(line)
        if items:
            blocks.append(ListBlock(tuple(items)))
        if paragraph:
            blocks.append(Paragraph(_runs(" ".join(paragraph))))
    return blocks
