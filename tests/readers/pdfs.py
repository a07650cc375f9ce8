"""Make the PDFs the reader tests read: Typst (tagged, or with its tags taken out) and
LibreOffice (from a DOCX), so the cases are built here rather than stored as binaries."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import typst


def typst_pdf(source: str, folder: Path) -> bytes:
    """A tagged PDF of Typst markup (written by the test, never from record text)."""
    main = folder / "main.typ"
    main.write_text(source, encoding="utf-8")
    return bytes(typst.compile(str(main), root=str(folder)))


def untagged(pdf: bytes) -> bytes:
    """The same PDF without its structure tree: what an untagged producer writes."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in opened.Root:
                del opened.Root[key]
        output = io.BytesIO()
        opened.save(output)
        return output.getvalue()


def libreoffice_pdf(docx: Path, *, tagged: bool) -> bytes:
    """The DOCX exported to PDF by LibreOffice, with or without tags."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed"
    options = {"UseTaggedPDF": {"type": "boolean", "value": "true" if tagged else "false"}}
    target = f"pdf:writer_pdf_Export:{json.dumps(options)}"
    out = docx.parent / ("tagged" if tagged else "untagged")
    profile = docx.parent / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / docx.with_suffix(".pdf").name).read_bytes()
