"""Writers: each turns a Document into the bytes of one file format.

Every writer is ``write(document, templates) -> bytes``; none knows about records.
"""

from __future__ import annotations

from collections.abc import Callable

from .._templates import TemplateFolder
from ..document import Document

Writer = Callable[[Document, TemplateFolder], bytes]

FORMATS: tuple[str, ...] = ("docx", "pdf", "html")


def writer_for(fmt: str) -> Writer:
    if fmt == "docx":
        from .docx import write as write_docx

        return write_docx
    if fmt == "pdf":
        from .pdf import write as write_pdf

        return write_pdf
    if fmt == "html":
        from .html import write as write_html

        return write_html
    raise ValueError(f"unknown format {fmt}")
