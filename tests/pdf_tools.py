"""Open PDFs with independent readers: pikepdf and the command-line tools.

``qpdf`` (apt qpdf), ``pdftotext``/``pdfinfo`` (apt poppler-utils) and ``pdfua`` (PyPI,
installed beside the Python running the tests). A missing tool fails the test that needs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest


def tool(name: str) -> str:
    """The path of a command-line tool: the venv's own first (pdfua), then PATH."""
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"the tests need the command-line tool '{name}'; install it first")
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool(command[0]), *command[1:]], capture_output=True, text=True, timeout=60, check=False
    )


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, depth first, in reading order."""

    def walk(node: object) -> Iterator[pikepdf.Dictionary]:
        if isinstance(node, pikepdf.Array):
            for child in node:
                yield from walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            yield from walk(node.get("/K"))

    yield from walk(pdf.Root.StructTreeRoot.get("/K"))


def tags(pdf: pikepdf.Pdf) -> list[str]:
    return [str(element.S) for element in struct_elements(pdf)]


def children(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
