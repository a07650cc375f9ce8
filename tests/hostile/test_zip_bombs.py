"""A Word document that unpacks to far more than any document of text (a "zip bomb": a few MB
that unpack to gigabytes) is refused before it is parsed, by every command that opens one:
check FILE, validate of a Word record, import. Exit 2, a message, no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from summarygen._files import MAX_UNPACKED_BYTES
from summarygen.cli import app


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DOCX with a padding part that unpacks past the limit (it compresses to ~0.3 MB)."""
    folder = tmp_path_factory.mktemp("bomb")
    plain = folder / "plain.docx"
    document = docx.Document()
    document.add_paragraph("A statement of a few words.")
    document.save(str(plain))
    path = folder / "review.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
        padding = zipfile.ZipInfo("word/padding.xml")
        padding.compress_type = zipfile.ZIP_DEFLATED
        with target.open(padding, "w", force_zip64=True) as part:
            chunk = b" " * 1_000_000
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                part.write(chunk)
    assert path.stat().st_size < 5_000_000
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{bomb}", "--audience", "public"],
        ["validate", "{bomb}"],
        ["import", "{bomb}", "-o", "{out}"],
    ],
    ids=["check", "validate", "import"],
)
def test_a_zip_bomb_is_refused_before_it_is_read(
    bomb: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [part.format(bomb=bomb, out=tmp_path / "draft.yaml") for part in command]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "unpacks to" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "draft.yaml").exists()
