"""The Word form of a record reads back as the same record, and an author's edits in Word
arrive in the right field."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from typer.testing import CliRunner

from summarygen.cli import app
from summarygen.record import Record, Register, RegisterText, load_record
from summarygen.record.word import FORM_SUBJECT, GUIDANCE_STYLE, is_record_form, write_form
from summarygen.record.word_form import REGISTER_LABELS, record_parts

from .forms import SAMPLES, column, dumped, edited, form_of, heading, table_under

runner = CliRunner()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_form_of_a_sample_reads_back_as_the_same_record(sample: Path, tmp_path: Path) -> None:
    form = form_of(sample, tmp_path)
    assert dumped(load_record(form)) == dumped(load_record(sample))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_export_both_ways_keeps_the_record(sample: Path, tmp_path: Path) -> None:
    form, back = tmp_path / "review.docx", tmp_path / "record.yaml"
    result = runner.invoke(app, ["export", str(sample), str(form)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", str(form), str(back)])
    assert result.exit_code == 0, result.output
    assert dumped(load_record(back)) == dumped(load_record(sample))
    # the record's field order, as the author's YAML has it
    written = yaml.safe_load(back.read_text(encoding="utf-8"))
    original = yaml.safe_load(sample.read_text(encoding="utf-8"))
    assert list(written) == list(original)
    assert list(written["review"]) == [k for k in original["review"] if k in written["review"]]


def test_export_refuses_to_overwrite_and_names_bad_records(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    result = runner.invoke(app, ["export", str(SAMPLES[0]), str(form)])
    assert result.exit_code == 2
    assert "already exists" in result.output
    edited(form, lambda d: _set(table_under(d, "Actions"), 1, "Due", "2025-13"))
    target = tmp_path / "record.yaml"
    result = runner.invoke(app, ["export", str(form), str(target)])
    assert result.exit_code == 2
    assert 'Actions table, row 1, "Due"' in result.output
    assert not target.exists()


def _set(table: object, row: int, name: str, text: str) -> None:
    cell = table.rows[row].cells[column(table, name)]  # type: ignore[attr-defined]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    cell.paragraphs[0].text = text


@pytest.mark.parametrize(("typed", "status"), [("Amber", "amber"), ("Not started", "not-started")])
def test_a_status_as_word_capitalises_it_is_the_same_status(
    typed: str, status: str, tmp_path: Path
) -> None:
    """Word's AutoCorrect capitalises the first letter typed in a table cell."""
    form = form_of(SAMPLES[0], tmp_path)
    edited(form, lambda d: _set(table_under(d, "Actions"), 2, "Status", typed))
    assert load_record(form).actions[1].status.value == status


def test_a_changed_cell_arrives_in_its_field(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    edited(form, lambda d: _set(table_under(d, "Actions"), 2, "Lead", "Head of Quality"))
    record = load_record(form)
    assert record.actions[1].lead == "Head of Quality"
    original = load_record(SAMPLES[0])
    assert record.actions[0] == original.actions[0]
    assert record.actions[2:] == original.actions[2:]


def test_a_changed_field_table_value_arrives_in_its_field(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)

    def edit(document: object) -> None:
        table = table_under(document, "Review")
        for row in table.rows:
            if row.cells[0].text == "Dates: period: from":
                row.cells[1].paragraphs[0].text = "2021-01"

    edited(form, edit)
    assert load_record(form).review.dates.period is not None
    assert load_record(form).review.dates.period.start.iso() == "2021-01"


def test_an_added_table_row_is_a_new_item(tmp_path: Path) -> None:
    form = form_of(SAMPLES[1], tmp_path)

    def edit(document: object) -> None:
        table = table_under(document, "Glossary")
        cells = table.add_row().cells
        cells[column(table, "Term")].text = "Zebulon scale"
        cells[column(table, "Meaning")].text = "A made-up measure for this test."

    edited(form, edit)
    glossary = load_record(form).glossary
    assert glossary[-1].term == "Zebulon scale"
    assert glossary[-1].meaning == "A made-up measure for this test."
    assert len(glossary) == len(load_record(SAMPLES[1]).glossary) + 1


def test_an_added_paragraph_joins_its_section_for_its_reader(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    edited(
        form,
        lambda d: heading(d, "Episodes").insert_paragraph_before("Fennimore Bright added this."),
    )
    before = load_record(SAMPLES[0]).background
    after = load_record(form).background
    assert isinstance(before, RegisterText) and isinstance(after, RegisterText)
    last = [r for r in Register if before.get(r)][-1]
    assert after.get(last) == f"{before.get(last)}\n\nFennimore Bright added this."
    assert [after.get(r) for r in Register if r != last] == [
        before.get(r) for r in Register if r != last
    ]


def test_a_one_text_section_and_line_breaks_read_as_written(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)

    def edit(document: object) -> None:
        conclusion = heading(document, "Conclusion")._p
        element = conclusion.getnext()
        while not element.tag.endswith("}p") or "Heading" in _style(document, element):
            element = element.getnext()
        # drop the section's paragraphs and labels; write one text of two paragraphs
        following = heading(document, "Recommendations")._p
        while element is not following:
            nxt = element.getnext()
            if _style(document, element) != GUIDANCE_STYLE:
                element.getparent().remove(element)
            element = nxt
        first = heading(document, "Recommendations").insert_paragraph_before("Line one")
        first.runs[0].add_break()
        first.runs[0].add_text("line two")
        heading(document, "Recommendations").insert_paragraph_before("Second paragraph.")

    edited(form, edit)
    assert load_record(form).conclusion == "Line one\nline two\n\nSecond paragraph."


def _style(document: object, p: object) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")  # type: ignore[attr-defined]
    if style is None:
        return ""
    style_id = style.get(qn("w:val"))
    return next(s.name for s in document.styles if s.style_id == style_id)  # type: ignore[attr-defined]


def test_tracked_changes_read_accepted(tmp_path: Path) -> None:
    """A tracked insertion in a cell counts, a tracked deletion does not; a row deleted with
    changes tracked is gone."""
    form = form_of(SAMPLES[1], tmp_path)

    def edit(document: object) -> None:
        table = table_under(document, "Actions")
        cell = table.rows[1].cells[column(table, "Lead")]
        paragraph = cell.paragraphs[0]
        old = paragraph.runs[0]._r
        deleted = OxmlElement("w:del")
        deleted.set(qn("w:id"), "1")
        deleted.set(qn("w:author"), "Zebulon Quartermaine")
        run = copy.deepcopy(old)
        for text in run.iter(qn("w:t")):
            text.tag = qn("w:delText")
        deleted.append(run)
        inserted = OxmlElement("w:ins")
        inserted.set(qn("w:id"), "2")
        inserted.set(qn("w:author"), "Zebulon Quartermaine")
        new_run = copy.deepcopy(old)
        new_run.find(qn("w:t")).text = "Named lead by role"
        inserted.append(new_run)
        old.addprevious(deleted)
        old.addprevious(inserted)
        old.getparent().remove(old)
        glossary = table_under(document, "Glossary")
        properties = glossary.rows[-1]._tr.get_or_add_trPr()
        row_deleted = OxmlElement("w:del")
        row_deleted.set(qn("w:id"), "3")
        row_deleted.set(qn("w:author"), "Zebulon Quartermaine")
        properties.append(row_deleted)

    edited(form, edit)
    record = load_record(form)
    original = load_record(SAMPLES[1])
    assert record.actions[0].lead == "Named lead by role"
    assert record.glossary == original.glossary[:-1]


def test_new_writes_an_empty_form_that_validate_reads(tmp_path: Path) -> None:
    form = tmp_path / "review.docx"
    result = runner.invoke(app, ["new", str(form)])
    assert result.exit_code == 0, result.output
    assert is_record_form(form)
    result = runner.invoke(app, ["validate", str(form)])
    assert result.exit_code == 2
    assert f'{form}: Review table, "Id": required field is missing' in result.output


def test_the_form_has_a_heading_per_part_in_the_record_order(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    document = docx.Document(str(form))
    top = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert top == [part.heading for part in record_parts()]
    assert document.paragraphs[0].style.name == "Title"


def test_the_form_is_accessible_itself(tmp_path: Path) -> None:
    """Real headings, a repeating header row on every table, a title, a language, and the
    reminder on its first page."""
    form = tmp_path / "review.docx"
    write_form(form)
    document = docx.Document(str(form))
    properties = document.core_properties
    assert properties.title == "Case review record"
    assert properties.subject == FORM_SUBJECT
    assert properties.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    assert document.tables
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(cell.text for cell in table.rows[0].cells)
    first_page = [p.text for p in document.paragraphs[:3]]
    assert any("Never put a real name here" in text for text in first_page)
    assert not document.inline_shapes


def test_register_labels_are_the_forms_words(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    texts = {p.text for p in docx.Document(str(form)).paragraphs}
    assert set(REGISTER_LABELS.values()) <= texts


def test_check_reads_a_form_as_a_record(tmp_path: Path) -> None:
    """A form without --audience is a record; the same file with --audience is a
    hand-written document."""
    form = form_of(SAMPLES[0], tmp_path)
    edited(form, lambda d: _set(table_under(d, "Actions"), 1, "Due", "2025-13"))
    result = runner.invoke(app, ["check", str(form)])
    assert result.exit_code == 2
    assert 'Actions table, row 1, "Due"' in result.output


@pytest.mark.parametrize("sample", [None, *SAMPLES], ids=lambda p: p.stem if p else "empty")
def test_the_form_passes_the_docx_accessibility_rules(sample: Path | None, tmp_path: Path) -> None:
    from summarygen.accessibility import accessibility_findings

    form = tmp_path / "review.docx"
    if sample is None:
        write_form(form)
    else:
        form = form_of(sample, tmp_path)
    found = accessibility_findings(form)
    if sample is None:  # the empty form's tables each have one blank row to fill in
        found = [f for f in found if f.check != "accessibility.table-blank-cells"]
    assert found == []


def test_the_part_written_in_yaml_reads_back(tmp_path: Path) -> None:
    from .forms import with_readability

    form = tmp_path / "review.docx"
    data = with_readability(SAMPLES[0])
    write_form(form, data)
    record = load_record(form)
    assert record.readability["public"].sentences is not None
    assert dumped(record) == dumped(Record.model_validate(data))


def test_broken_yaml_in_its_part_is_named(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)
    headings = [part.heading for part in record_parts()]
    after = headings[headings.index("Readability") + 1 :]

    def edit(document: object) -> None:
        if after:  # the part after Readability, if the record has one
            heading(document, after[0]).insert_paragraph_before("public: [x")
        else:
            document.add_paragraph("public: [x")  # type: ignore[attr-defined]

    edited(form, edit)
    result = runner.invoke(app, ["validate", str(form)])
    assert result.exit_code == 2
    assert f'{form}: section "Readability" (line 2): not valid YAML' in result.output


def test_numbered_headings_are_read_by_their_words(tmp_path: Path) -> None:
    form = form_of(SAMPLES[1], tmp_path)

    def edit(document: object) -> None:
        heading(document, "Glossary").runs[0].text = "12. Glossary"
        heading(document, "Reviewers").runs[0].text = "1.1 Reviewers"

    edited(form, edit)
    assert dumped(load_record(form)) == dumped(load_record(SAMPLES[1]))


def test_build_from_the_form_makes_the_same_pack(tmp_path: Path) -> None:
    form = form_of(SAMPLES[1], tmp_path)
    packs = {}
    for name, record in (("yaml", SAMPLES[1]), ("word", form)):
        out = tmp_path / name
        options = ["--formats", "html", "--documents", "press-statement,recommendations"]
        result = runner.invoke(app, ["build", str(record), "-o", str(out), *options])
        assert result.exit_code in (0, 1), result.output
        packs[name] = {
            path.relative_to(out): path.read_bytes()
            for path in sorted(out.rglob("*.html"))
            if "check-report" not in path.name
        }
    assert packs["word"] and packs["word"] == packs["yaml"]


def test_exported_yaml_keeps_text_as_data(tmp_path: Path) -> None:
    """Line breaks, words YAML would read as true/false or dates, and markup stay text."""
    from summarygen.record.word import export_data, write_yaml

    data = export_data(load_record(SAMPLES[1]))
    data["conclusion"] = "Line one\nline two\n\nSecond: paragraph # not a comment"
    data["keywords"] = ["yes", "2024-02-03", "*bold* [link](x)", "null"]
    target = tmp_path / "record.yaml"
    write_yaml(target, data, "review.docx")
    assert target.read_text(encoding="utf-8").startswith("# A summarygen case review record")
    assert dumped(load_record(target)) == dumped(Record.model_validate(data))


def test_a_label_may_start_its_paragraph(tmp_path: Path) -> None:
    form = form_of(SAMPLES[0], tmp_path)

    def edit(document: object) -> None:
        follows = heading(document, "Recommendations")
        element = heading(document, "Conclusion")._p.getnext().getnext()
        while element is not follows._p:  # the section's text, after its guidance
            following = element.getnext()
            element.getparent().remove(element)
            element = following
        follows.insert_paragraph_before("For professionals: The system failed Zebulon.")
        follows.insert_paragraph_before("for the public:   Services let Zebulon down.")

    edited(form, edit)
    conclusion = load_record(form).conclusion
    assert isinstance(conclusion, RegisterText)
    assert conclusion.professional == "The system failed Zebulon."
    assert conclusion.plain == "Services let Zebulon down."
    assert conclusion.child is None


def test_a_cell_in_a_content_control_is_read(tmp_path: Path) -> None:
    form = form_of(SAMPLES[1], tmp_path)

    def edit(document: object) -> None:
        table = table_under(document, "Glossary")
        cell = table.rows[1].cells[column(table, "Term")]._tc
        control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        control.append(OxmlElement("w:sdtPr"))
        control.append(content)
        cell.addprevious(control)
        content.append(cell)

    edited(form, edit)
    assert dumped(load_record(form)) == dumped(load_record(SAMPLES[1]))
