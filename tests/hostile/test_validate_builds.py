"""`validate` says yes only to what `build` can build (issue 11, section 2).

The record rules (pictures, control characters) are rows of test_records.py; here are the
cases the writer handles instead, and validate's --templates.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
from typer.testing import CliRunner

from summarygen import load_record
from summarygen._templates import TemplateFolder
from summarygen.cli import app
from summarygen.composer import compose
from summarygen.writers import writer_for

from ..conftest import MINIMAL, ROOT

LONG_TITLE = "Review concerning Child T, " + "and what the partnership learned " * 10
KEYWORDS = [f"keyword number {n} about practice" for n in range(20)]


def test_a_title_and_keywords_too_long_for_docx_properties_are_cut_not_refused(
    write,  # type: ignore[no-untyped-def]
) -> None:
    text = MINIMAL.replace("title: Review concerning Child T", f"title: {LONG_TITLE}")
    text += "keywords:\n" + "".join(f"  - {k}\n" for k in KEYWORDS)
    path = write(text)
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0
    document = compose(load_record(path), "overview")
    written = docx.Document(io.BytesIO(writer_for("docx")(document, TemplateFolder())))
    properties = written.core_properties
    assert len(properties.title) == 255
    assert properties.title.endswith("…")
    assert properties.title.startswith(LONG_TITLE.strip()[:200])
    assert len(properties.keywords) <= 255
    assert properties.keywords.endswith("…")
    assert properties.keywords.startswith(", ".join(KEYWORDS)[:200])
    assert any(p.text == LONG_TITLE.strip() for p in written.paragraphs), "the cover keeps it all"


def test_a_short_title_is_not_cut(write) -> None:  # type: ignore[no-untyped-def]
    document = compose(load_record(write(MINIMAL)), "overview")
    written = docx.Document(io.BytesIO(writer_for("docx")(document, TemplateFolder())))
    assert written.core_properties.title == "Review concerning Child T – Overview report"


def test_validate_checks_pictures_against_the_templates_folder_given(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    (folder / "pictures").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "pictures" / "home.png", folder / "pictures" / "barn.png")
    (folder / "pictures" / "pictures.yaml").write_text(
        '"barn":\n  file: "barn.png"\n  alt: "A barn."\n', encoding="utf-8"
    )
    record = tmp_path / "record.yaml"
    record.write_text(
        MINIMAL + "easy_read:\n  why:\n    - text: We looked at a farm.\n      picture: barn\n",
        encoding="utf-8",
    )
    without = CliRunner().invoke(app, ["validate", str(record)])
    assert without.exit_code == 2
    assert "easy_read.why[0].picture: no picture named 'barn'" in without.stderr
    given = CliRunner().invoke(app, ["validate", str(record), "--templates", str(folder)])
    assert given.exit_code == 0, given.stderr
    document = compose(
        load_record(record, pictures=TemplateFolder(folder).pictures),
        "easy-read",
        TemplateFolder(folder),
    )
    assert "barn" in [getattr(block, "picture", None) for block in document.walk()]


def test_validate_refuses_a_templates_folder_that_build_refuses(tmp_path: Path) -> None:
    """A templates folder whose file links outside it passed validate and failed build
    (found by a new user): validate now checks every file of the folder as build would."""
    folder = tmp_path / "templates"
    folder.mkdir()
    secret = tmp_path / "elsewhere.css"
    secret.write_text("body {}", encoding="utf-8")
    (folder / "style.css").symlink_to(secret)
    record = tmp_path / "record.yaml"
    record.write_text(MINIMAL, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(record), "--templates", str(folder)])
    assert result.exit_code == 2
    assert "style.css leads outside the folder" in result.stderr
    assert "Traceback" not in result.output
