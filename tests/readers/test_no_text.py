"""A PDF or picture with no text to read is not "meets its targets" (issue 9, section 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarygen.cli import app

from .pdfs import typst_pdf

MESSAGE = "no text found (a scan? text inside pictures cannot be checked)"


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_check_of_a_file_with_no_text_says_so_and_fails(tmp_path: Path, kind: str) -> None:
    if kind == "pdf":
        path = tmp_path / "scan.pdf"
        path.write_bytes(typst_pdf("#set page(width: 5cm, height: 5cm)\n#rect()\n", tmp_path))
    else:
        from PIL import Image

        path = tmp_path / "scan.png"
        Image.new("RGB", (40, 20), "white").save(path)
    result = CliRunner().invoke(app, ["check", str(path), "--audience", "general"])
    assert result.exit_code == 1
    assert MESSAGE in " ".join(result.output.split())
    assert "meets" not in result.output


def test_a_file_with_text_is_checked_as_before(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The partnership has published its review.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--audience", "general"])
    assert result.exit_code == 0
    assert "no text found" not in result.output
