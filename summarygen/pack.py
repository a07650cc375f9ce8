"""Build the publication pack: every document in every format, published all at once or not at all.

Files are written to a staging folder beside the pack and moved into place only when
everything succeeded, so a failed build leaves an earlier pack exactly as it was.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._templates import TemplateFolder
from .compose import DOCUMENT_TYPES, compose
from .document import (
    Callout,
    Document,
    EasyReadRow,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)
from .errors import RenderError, SummarygenError
from .record import Record
from .writers import FORMATS, writer_for


@dataclass(frozen=True)
class BuiltFile:
    document: str
    format: str
    path: Path
    size: int


@dataclass
class BuiltDocument:
    document: Document
    files: list[BuiltFile] = field(default_factory=list)
    pages: int | None = None

    @property
    def words(self) -> int:
        return count_words(document_text(self.document))


@dataclass
class Pack:
    folder: Path
    documents: list[BuiltDocument]

    @property
    def notices(self) -> list[str]:
        return [notice for built in self.documents for notice in built.document.notices]


Progress = Callable[[str], None]
"""Called with a short description before each step (for a progress display)."""


def file_name(record: Record, document: str, fmt: str) -> str:
    return f"{record.review.id}-{document}.{fmt}"


def build_pack(
    record: Record,
    out: Path,
    *,
    documents: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    templates: TemplateFolder | None = None,
    progress: Progress | None = None,
) -> Pack:
    """Write the pack to ``out/<review id>/``, replacing an earlier pack only on success."""
    templates = templates or TemplateFolder()
    documents = list(documents or DOCUMENT_TYPES)
    formats = list(formats or FORMATS)
    out.mkdir(parents=True, exist_ok=True)
    target = out / record.review.id
    staging = Path(tempfile.mkdtemp(prefix=f".{record.review.id}.staging-", dir=out))
    try:
        built = [
            _build_document(record, document, formats, templates, staging, progress)
            for document in documents
        ]
        _publish(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for item in built:
        item.files = [
            BuiltFile(f.document, f.format, target / f.path.name, f.size) for f in item.files
        ]
    return Pack(target, built)


def _build_document(
    record: Record,
    document: str,
    formats: list[str],
    templates: TemplateFolder,
    staging: Path,
    progress: Progress | None,
) -> BuiltDocument:
    if progress:
        progress(f"{document}: composing")
    built = BuiltDocument(compose(record, document, templates))
    for fmt in formats:
        if progress:
            progress(f"{document}: writing {fmt.upper()}")
        try:
            data = writer_for(fmt)(built.document, templates)
        except SummarygenError:
            raise
        except Exception as error:  # a writer's library failed: name the document and format
            raise RenderError(f"{document}: {fmt.upper()}: {error}") from error
        path = staging / file_name(record, document, fmt)
        path.write_bytes(data)
        built.files.append(BuiltFile(document, fmt, path, len(data)))
        if fmt == "pdf":
            built.pages = count_pdf_pages(data)
    return built


def _publish(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def count_pdf_pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def document_text(document: Document) -> str:
    parts: list[str] = []
    for block in document.walk():
        if isinstance(block, Heading | Paragraph | EasyReadRow):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts.extend(plain_text(item) for item in block.items)
        elif isinstance(block, Table):
            parts.extend(plain_text(cell) for row in (block.header, *block.rows) for cell in row)
        elif isinstance(block, Callout):
            parts.append(plain_text(block.title))
    return "\n".join(parts)


def count_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
