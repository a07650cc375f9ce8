"""Mistakes in a Word form are named in Word's terms, all at once, with exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarygen.cli import app
from summarygen.errors import RecordError
from summarygen.record import load_record

from .forms import SAMPLES, column, edited, form_of, heading, table_under

runner = CliRunner()


def _cell(section: str, row: int, name: str, text: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        table = table_under(document, section)
        cell = table.rows[row].cells[column(table, name)]
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        cell.paragraphs[0].text = text

    return edit


def _field(section: str, name: str, text: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        for row in table_under(document, section).rows:
            if row.cells[0].text == name:
                row.cells[1].paragraphs[0].text = text

    return edit


def _rename_heading(old: str, new: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        heading(document, old).runs[0].text = new

    return edit


def _rename_column(section: str, old: str, new: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        table = table_under(document, section)
        table.rows[0].cells[column(table, old)].paragraphs[0].runs[0].text = new

    return edit


def _before_label(section_after: str, text: str) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        # the first paragraph after the heading and its guidance is the first label
        p = heading(document, "Background")._p.getnext().getnext()
        from docx.text.paragraph import Paragraph

        Paragraph(p, document._body).insert_paragraph_before(text)

    return edit


SHOULD_FLAG = [
    (
        "impossible date in a list table",
        _cell("Actions", 3, "Due", "2025-13"),
        "review.docx: Actions table, row 3, \"Due\": '2025-13' is not a date: there is no month 13",
    ),
    (
        "misspelt heading",
        _rename_heading("Recommendations", "Recomendations"),
        'review.docx: heading "Recomendations" is not a part of the record: did you mean '
        '"Recommendations"?',
    ),
    (
        "misspelt sub-heading",
        _rename_heading("Reviewers", "Reveiwers"),
        'review.docx: heading "Reveiwers" under \u201cReview\u201d is not a part of the record: '
        'did you mean "Reviewers"?',
    ),
    (
        "misspelt column",
        _rename_column("Actions", "Due", "Dew"),
        'review.docx: Actions table: column "Dew" is not a field: did you mean "Due"?',
    ),
    (
        "bad value in a field table",
        _field("Review", "Id", "Child M"),
        "review.docx: Review table, \"Id\": 'Child M' is not allowed: use lowercase letters, "
        "digits and hyphens only",
    ),
    (
        "bad value in a flattened group",
        _field("Review", "Dates: incident", "2024-02-30"),
        "review.docx: Review table, \"Dates: incident\": '2024-02-30' is not a date: February "
        "2024 has 29 days",
    ),
    (
        "unknown choice",
        _cell("Actions", 1, "Status", "purple"),
        "review.docx: Actions table, row 1, \"Status\": 'purple' is not allowed: use "
        "'not-started', 'red', 'amber', 'green' or 'complete'",
    ),
    (
        "emptied required cell",
        _cell("Actions", 2, "Lead", ""),
        'review.docx: Actions table, row 2, "Lead": required field is missing',
    ),
    (
        "unknown id in a cell of ids",
        _cell("Episodes", 1, "Agencies", "nowhere-agency"),
        'review.docx: Episodes table, row 1, "Agencies", line 1:',
    ),
    (
        "text before any reader's label",
        _before_label("Background", "Zebulon wrote this first."),
        "review.docx: section \"Background\": 'Zebulon wrote this first.' comes before any "
        "reader's label",
    ),
    (
        "deleted heading: its text falls into a table's section",
        lambda d: _delete_heading(d, "Conclusion"),
        'review.docx: section "Good practice": \'',
    ),
    (
        "deleted part",
        lambda d: _delete_part(d, "Subjects", "Family"),
        'review.docx: no heading "Subjects": add the heading "Subjects" and its part',
    ),
    (
        "emptied group row",
        lambda d: [_field("Review", name, "")(d) for name in ("Chair: name", "Chair: role")],
        'review.docx: Review table, "Chair": fill in the rows "Chair: name", "Chair: role"',
    ),
    (
        "misspelt row of a field table",
        lambda d: _set_label(d, "Review", "Partnership", "Partnershp"),
        'review.docx: Review table: "Partnershp" is not a field: did you mean "Partnership"?',
    ),
]


def _delete_heading(document: Any, text: str) -> None:
    element = heading(document, text)._p
    element.getparent().remove(element)


def _delete_part(document: Any, text: str, up_to: str) -> None:
    element, end = heading(document, text)._p, heading(document, up_to)._p
    while element is not end:
        following = element.getnext()
        element.getparent().remove(element)
        element = following


def _set_label(document: Any, section: str, old: str, new: str) -> None:
    for row in table_under(document, section).rows:
        if row.cells[0].text == old:
            row.cells[0].paragraphs[0].text = new


@pytest.mark.parametrize(
    ("edit", "expected"), [case[1:] for case in SHOULD_FLAG], ids=[c[0] for c in SHOULD_FLAG]
)
def test_a_mistake_is_named_in_words_terms(
    edit: Callable[[Any], None], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    form = form_of(SAMPLES[0], Path("."))
    edited(form, edit)
    result = runner.invoke(app, ["validate", "review.docx"])
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    for case in SHOULD_FLAG:
        edited(form, case[1])
    with pytest.raises(RecordError) as caught:
        load_record(form)
    # one problem for each mistake: a misspelt heading, column or row is read as meant, so
    # its content is checked and not reported missing
    assert len(caught.value.problems) == len(SHOULD_FLAG), caught.value


def test_a_file_that_is_not_a_word_document_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "review.docx"
    broken.write_text("not a zip", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2
    assert "is not a Word document (.docx) that can be opened" in result.output


def test_a_document_that_is_not_a_form_is_named_once(tmp_path: Path) -> None:
    import docx

    report = tmp_path / "report.docx"
    document = docx.Document()
    document.add_heading("Executive summary", level=1)
    document.add_paragraph("Fennimore Bright Academy made a report.")
    document.save(str(report))
    result = runner.invoke(app, ["validate", str(report)])
    assert result.exit_code == 2
    assert "is not a record written in Word" in result.output
    assert "1 problem in" in result.output


def test_export_says_what_is_wrong_with_the_place_to_write(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarygen.cli import app

    runner = CliRunner()
    sample = str(SAMPLES[0])
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    for target, said in (
        ("folder.docx", "is a folder"),
        ("dangling.yaml", "already exists"),
    ):
        result = runner.invoke(app, ["export", sample, str(tmp_path / target)])
        assert result.exit_code == 2, result.output
        assert said in result.output and "Traceback" not in result.output
    made = tmp_path / "new" / "sub" / "review.docx"
    assert runner.invoke(app, ["export", sample, str(made)]).exit_code == 0
    assert made.is_file()
    assert not (tmp_path / "nowhere.yaml").exists()
