"""The issue's round trip: YAML -> export -> LibreOffice opens and saves the DOCX ->
validate -> the same record, field for field; and the form keeps what makes it a form."""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from summarygen.cli import app
from summarygen.record import Record, load_record
from summarygen.record.word import GUIDANCE_STYLE, is_record_form, write_form

from ..clients.libreoffice import (
    WORD_IMPORT,
    LibreOfficeFailed,
    _run_in_own_process_group,
    soffice,
)
from .forms import SAMPLES, column, dumped, edited, table_under, with_readability

pytestmark = pytest.mark.client
runner = CliRunner()


def resaved_by_libreoffice(files: Sequence[Path], out_dir: Path) -> list[Path]:
    """Each DOCX as LibreOffice opens and saves it again (one soffice call)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarygen-soffice-profile-") as profile:
        command = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"--infilter={WORD_IMPORT}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            *(str(path) for path in files),
        ]
        returncode, output = _run_in_own_process_group(command, dict(os.environ), 180.0)
    saved = [out_dir / path.name for path in files]
    if returncode != 0 or not all(path.is_file() for path in saved):
        raise LibreOfficeFailed(
            f"soffice exited with {returncode}\n$ {shlex.join(command)}\n{output}"
        )
    return saved


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Word form of each sample and the empty form, after LibreOffice."""
    folder = tmp_path_factory.mktemp("forms")
    forms = []
    for sample in SAMPLES:
        form = folder / f"{sample.stem}.docx"
        result = runner.invoke(app, ["export", str(sample), str(form)])
        assert result.exit_code == 0, result.output
        forms.append(form)
    empty = folder / "empty.docx"
    write_form(empty)
    readability = folder / "readability.docx"
    write_form(readability, with_readability(SAMPLES[0]))
    saved = resaved_by_libreoffice([*forms, empty, readability], folder / "libreoffice")
    return {path.stem: path for path in saved}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_libreoffice_round_trip_gives_the_same_record(
    sample: Path, resaved: dict[str, Path]
) -> None:
    form = resaved[sample.stem]
    result = runner.invoke(app, ["validate", str(form)])
    assert result.exit_code == 0, result.output
    assert dumped(load_record(form)) == dumped(load_record(sample))


def test_an_edit_after_libreoffice_arrives(resaved: dict[str, Path], tmp_path: Path) -> None:
    form = tmp_path / "review.docx"
    form.write_bytes(resaved["child-m"].read_bytes())

    def edit(document: object) -> None:
        table = table_under(document, "Actions")
        cell = table.rows[1].cells[column(table, "Due")]
        cell.paragraphs[0].text = "2026-01"

    edited(form, edit)
    assert load_record(form).actions[0].due.iso() == "2026-01"


def test_the_form_stays_a_form_through_libreoffice(resaved: dict[str, Path]) -> None:
    """Its subject (which makes `check` read it as a record), title, language, guidance
    style, heading styles and repeating header rows survive LibreOffice."""
    form = resaved["empty"]
    assert is_record_form(form)
    document = docx.Document(str(form))
    assert document.core_properties.title == "Case review record"
    styles = {p.style.name for p in document.paragraphs}
    assert {GUIDANCE_STYLE, "Title", "Heading 1", "Heading 2"} <= styles
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    languages = {
        element.get(qn("w:val"))
        for element in document.styles.element.iter(qn("w:lang"))
        if element.get(qn("w:val"))
    }
    assert "en-GB" in languages


def test_the_part_written_in_yaml_survives_libreoffice(resaved: dict[str, Path]) -> None:
    """Its indented lines keep their spaces through LibreOffice."""
    expected = Record.model_validate(with_readability(SAMPLES[0]))
    assert dumped(load_record(resaved["readability"])) == dumped(expected)
