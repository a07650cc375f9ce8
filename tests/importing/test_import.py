"""`summarygen import`: a draft record from overview reports written the way partnerships
write them (FICTION: the reports are invented, see content.py)."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from summarygen import load_record
from summarygen.cli import app
from summarygen.composer import compose
from summarygen.documents import DOCUMENT_TYPES
from summarygen.errors import RecordError
from summarygen.importing import draft_yaml, import_report
from summarygen.importing._structure import section_of, strip_numbering
from summarygen.importing._values import read_date, read_status

from ..conftest import MINIMAL
from . import content as c
from . import content_w as w
from . import shapes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MISSING = "required field is missing"

Shape = Callable[[Path], Path]
SHAPES: list[Any] = [
    shapes.heading_styles,
    shapes.bold_paragraphs,
    shapes.tables,
    shapes.pandoc_markdown,
    pytest.param(shapes.libreoffice_odt, marks=pytest.mark.client),
]


def same(text: str) -> str:
    """Text as compared: pandoc and LibreOffice make straight quotes curly."""
    return " ".join(text.replace("’", "'").split())


def prose(value: Any) -> str:
    assert set(value) == {"professional"}, "only the report's own wording is filled in"
    return same(value["professional"])


@pytest.fixture(scope="module", params=SHAPES, ids=lambda shape: shape.__name__)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp(request.param.__name__)
    report = request.param(folder)
    return report, import_report(report)


def test_reports_are_of_the_size_partnerships_write(imported: Any) -> None:
    _, draft = imported
    assert 1500 <= draft.total_words <= 3000


def test_at_least_nine_words_in_ten_are_placed(imported: Any) -> None:
    _, draft = imported
    assert draft.placed_share >= 0.9, draft.notes
    # every word is either placed or noted, never both, never lost
    noted = sum(len(note.split(": ", 1)[1].split()) for note in draft.notes)
    assert draft.placed_words + noted == draft.total_words


def test_every_recommendation_is_found(imported: Any) -> None:
    _, draft = imported
    recommendations = draft.data["recommendations"]
    assert [r["id"] for r in recommendations] == [f"R{n}" for n in range(1, 7)]
    texts = [
        prose(r["text"]).removesuffix(f" (Finding {min(n, 4)})")
        for n, r in enumerate(recommendations, 1)
    ]
    assert texts == [same(text) for text in c.RECOMMENDATIONS]


def test_every_action_is_found_with_its_fields(imported: Any) -> None:
    _, draft = imported
    actions = draft.data["actions"]
    assert len(actions) == len(c.ACTIONS)
    assert [prose(a["action"]) for a in actions] == [same(a.action) for a in c.ACTIONS]
    assert [a["recommendation"] for a in actions] == [f"R{a.recommendation}" for a in c.ACTIONS]
    assert [a["lead"] for a in actions] == [a.lead for a in c.ACTIONS]
    assert [a["due"] for a in actions] == [
        "2025-03",
        "2025-06",
        "2025-03-31",
        "2025-06",
        "2025-09",
        "2025-03",
        "2025-12",
        "2025-12-31",
    ]
    assert [a["status"] for a in actions] == [
        "green",
        "amber",
        "complete",
        "not-started",
        "red",
        "green",
        "amber",
        "red",
    ]
    agencies = {agency["id"]: agency["name"] for agency in draft.data["agencies"]}
    assert [same(agencies[a["agency"]]) for a in actions] == [same(a.agency) for a in c.ACTIONS]


def test_episodes_findings_and_glossary_are_found(imported: Any) -> None:
    _, draft = imported
    episodes = draft.data["episodes"]
    assert [prose(e["title"]) for e in episodes] == [same(e.title) for e in c.EPISODES]
    assert [(e["date"], e["end"]) for e in episodes] == [
        ("2021-09", "2021-12"),
        ("2022-01", "2022-07"),
        ("2023-03", "2023-10"),
        ("2023-11", "2024-02"),
    ]
    findings = draft.data["findings"]
    assert [prose(f["title"]) for f in findings] == [same(f.title) for f in c.FINDINGS]
    assert prose(findings[0]["analysis"]) == same(" ".join(c.FINDINGS[0].paragraphs))
    assert [g["term"] for g in draft.data["glossary"]] == [term for term, _ in c.GLOSSARY]
    assert draft.data["methodology"]["approach"] == "systems"
    assert draft.data["review"]["title"] == c.TITLE
    assert draft.data["review"]["kind"] == "lcspr"
    assert draft.data["review"]["partnership"] == c.PARTNERSHIP


def test_what_has_no_place_is_noted_with_where_it_came_from(imported: Any) -> None:
    _, draft = imported
    acknowledgements = [n for n in draft.notes if "thanks Child P" in n]
    assert len(acknowledgements) == 1
    assert acknowledgements[0].startswith("paragraph ")
    assert "under 'Acknowledgements'" in acknowledgements[0]


def test_the_draft_loads_and_validate_names_only_missing_fields(
    imported: Any, tmp_path: Path
) -> None:
    report, draft = imported
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(draft, report.name), encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == draft.data
    with pytest.raises(RecordError) as raised:
        load_record(path)
    problems = raised.value.problems
    assert problems and all(MISSING in problem.message for problem in problems), [
        str(p) for p in problems
    ]
    assert {p.field for p in problems} >= {"subjects", "review.id", "review.dates"}


def test_a_completed_draft_validates(imported: Any, tmp_path: Path) -> None:
    """Once the author adds what the report could not give, the draft is a record."""
    _, draft = imported
    data = copy.deepcopy(draft.data)
    minimal = yaml.safe_load(MINIMAL)
    data["review"] = {**minimal["review"], **data["review"]}
    data["subjects"] = minimal["subjects"]
    for recommendation in data["recommendations"]:
        recommendation.setdefault("findings", ["F1"])
        recommendation.setdefault("to", "The partnership")
    path = tmp_path / "record.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    record = load_record(path)
    assert len(record.actions) == len(c.ACTIONS)
    assert record.notes == draft.notes


# --- the command ---------------------------------------------------------------------------


def test_a_draft_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    report = shapes.heading_styles(tmp_path)
    (tmp_path / "out" / "draft.yaml").mkdir(parents=True)  # a folder where the file should go
    result = CliRunner().invoke(
        app, ["import", str(report), "-o", str(tmp_path / "out" / "draft.yaml"), "--force"]
    )
    assert result.exit_code == 2 and "cannot be written" in result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["draft.yaml"]


def test_command_writes_the_draft_and_says_what_share_it_placed(tmp_path: Path) -> None:
    report = shapes.heading_styles(tmp_path)
    output = tmp_path / "child-p.yaml"
    result = CliRunner().invoke(app, ["import", str(report), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "Placed 2,083 of 2,128 words of the report (98%)" in result.output
    assert f"summarygen validate {output}" in result.output
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["review"]["title"] == c.TITLE
    again = CliRunner().invoke(app, ["import", str(report), "-o", str(output)])
    assert again.exit_code == 2 and "already exists" in again.output
    validated = CliRunner().invoke(app, ["validate", str(output)])
    assert validated.exit_code == 2
    assert "subjects: required field is missing" in validated.output
    assert "Traceback" not in validated.output


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("damaged.docx", b"not a zip", "cannot be read as a .docx file"),
        ("report.pdf", b"%PDF-1.7", "cannot be imported"),
        ("missing.docx", None, "cannot be read"),
    ],
)
def test_bad_report_is_named_and_nothing_is_written(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    report = tmp_path / name
    if data is not None:
        report.write_bytes(data)
    output = tmp_path / "draft.yaml"
    result = CliRunner().invoke(app, ["import", str(report), "-o", str(output)])
    assert result.exit_code == 2
    assert name in result.output and message in result.output
    assert not output.exists()
    assert list(tmp_path.iterdir()) == ([report] if data is not None else [])


def test_markdown_report_is_read_too(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(shapes.markdown_text().split("---\n", 2)[2], encoding="utf-8")
    draft = import_report(report)
    assert draft.placed_share >= 0.9
    assert len(draft.data["recommendations"]) == 6 and len(draft.data["actions"]) == 8


# --- reading Word as its readers do --------------------------------------------------------


def _run(paragraph: Any, tag: str, text: str, *, bold: bool = False) -> None:
    wrapper = etree.SubElement(paragraph._p, f"{{{W}}}{tag}")
    wrapper.set(f"{{{W}}}id", "1")
    wrapper.set(f"{{{W}}}author", "Reviewer")
    run = etree.SubElement(wrapper, f"{{{W}}}r")
    if bold:
        etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}b")
    element = etree.SubElement(run, f"{{{W}}}{'delText' if tag == 'del' else 't'}")
    element.text = text


def test_tracked_changes_are_read_accepted(tmp_path: Path) -> None:
    word = docx.Document()
    heading = word.add_paragraph()
    heading.add_run("Backg").bold = True
    _run(heading, "ins", "round", bold=True)
    body = word.add_paragraph("The family moved to Brackenmoor. ")
    _run(body, "del", "Withdrawn words about the school.")
    _run(body, "ins", "Inserted words about housing.")
    word.add_paragraph("Recommendation 1: The partnership should act.")
    buffer = io.BytesIO()
    word.save(buffer)
    report = tmp_path / "tracked.docx"
    report.write_bytes(buffer.getvalue())
    draft = import_report(report)
    assert draft.data["background"] == {
        "professional": "The family moved to Brackenmoor. Inserted words about housing."
    }
    assert "Withdrawn" not in draft_yaml(draft, "tracked.docx")
    assert draft.data["recommendations"][0]["to"] == "The partnership"


# --- rules as tables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("3. Background", "background"),
        ("3.1 Family background", "background"),
        ("Section 4: Why this review was held", "introduction"),
        ("Terms of Reference", "terms_of_reference"),
        ("Recomendations", "recommendations"),
        ("Backround to the family", "background"),
        ("Key Practice Episodes", "episodes"),
        ("Analysis", "findings"),
        ("What went well", "good_practice"),
        ("Conclusions", "conclusion"),
        ("Glossary of terms", "glossary"),
        ("The voice of the child", "perspectives.child"),
        ("Acknowledgements", "notes"),
        ("Child P's school life", None),
        ("Housing", None),
    ],
)
def test_headings_are_matched_by_meaning(heading: str, section: str | None) -> None:
    assert section_of(strip_numbering(heading)[0])[0] == section


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("March 2025", "2025-03"),
        ("Q2 2025", "2025-06"),
        ("2025 Q4", "2025-12"),
        ("31/03/2025", "2025-03-31"),
        ("1.9.2025", "2025-09-01"),
        ("2025-03", "2025-03"),
        ("By end of Sept 2025", "2025-09"),
        ("Mar 25", "2025-03"),
        ("12 June 2025", "2025-06-12"),
        ("Ongoing", None),
        ("Immediate", None),
        ("31/02/2025", None),
        ("March or June 2025", None),
    ],
)
def test_dates_as_reports_write_them(text: str, date: str | None) -> None:
    read = read_date(text)
    assert (read.iso() if read else None) == date


@pytest.mark.parametrize(
    ("text", "status", "progress"),
    [
        ("Red", "red", None),
        ("AMBER - some delay", "amber", None),
        ("Green", "green", None),
        ("Complete", "complete", None),
        ("Completed", "complete", None),
        ("Blue", "complete", None),
        ("Not started", "not-started", None),
        ("On track", "green", None),
        ("In progress", None, None),
        ("75%", None, 75),
        ("100%", "complete", 100),
    ],
)
def test_statuses_as_reports_write_them(
    text: str, status: str | None, progress: int | None
) -> None:
    reading = read_status(text)
    assert (reading.status, reading.progress) == (status, progress)


def test_notes_are_never_put_into_a_document(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL)
    data["notes"] = ["Zebulon Quartermaine note that must stay out of every document"]
    path = tmp_path / "record.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    record = load_record(path)
    assert record.notes == data["notes"]
    for document in DOCUMENT_TYPES:
        try:
            composed = compose(record, document)
        except Exception:  # a document the minimal record has too little for
            continue
        assert "Zebulon" not in repr(composed.blocks)


# --- a second report, written differently ---------------------------------------------------


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("themed")
    report = shapes.themed_scr(folder)
    return report, import_report(report)


def test_themed_report_places_nine_words_in_ten(themed: Any) -> None:
    _, draft = themed
    assert 1500 <= draft.total_words <= 3000
    assert draft.placed_share >= 0.9, draft.notes


def test_themed_report_parts_are_found_by_meaning(themed: Any) -> None:
    _, draft = themed
    data = draft.data
    assert data["review"] == {
        "kind": "scr",
        "partnership": w.PARTNERSHIP,
        "title": w.TITLE,
    }
    assert data["methodology"]["approach"] == "SILP"
    assert prose(data["perspectives"]["family"]) == same(" ".join(w.FAMILY))
    assert prose(data["perspectives"]["child"]) == same(" ".join(w.CHILD))
    assert prose(data["board_response"]) == same(" ".join(w.RESPONSE))
    assert [prose(f["title"]) for f in data["findings"]] == [t for t, _ in w.THEMES]
    assert [prose(g) for g in data["good_practice"]] == w.GOOD_PRACTICE
    assert [(e["date"], prose(e["summary"])) for e in data["episodes"]] == [
        (read_date(when).iso(), event)  # type: ignore[union-attr]
        for when, _, event in w.CHRONOLOGY
    ]
    assert [g["term"] for g in data["glossary"]] == [term for term, _ in w.GLOSSARY]


def test_themed_report_recommendations_and_actions(themed: Any) -> None:
    _, draft = themed
    recommendations = draft.data["recommendations"]
    assert [(r["id"], prose(r["text"])) for r in recommendations] == [
        (f"R{n}", text) for n, text in enumerate(w.RECOMMENDATIONS, 1)
    ]
    actions = draft.data["actions"]
    assert [(a["id"], a["recommendation"], prose(a["action"])) for a in actions] == [
        (f"A{no}", rec, action) for no, rec, _, action, *_ in w.ACTIONS
    ]
    assert [a.get("due") for a in actions] == ["2021-09", None, "2021-09", "2021-12-31"]
    assert [a.get("status") for a in actions] == ["complete", None, "green", "amber"]
    assert [a["progress"] for a in actions] == [100, 60, 80, 50]
    # what it could not read is left for the author, with where it was
    assert any("row 3" in n and n.endswith(": Ongoing") for n in draft.notes)
    assert any(
        "row 3" in n and "until then the action reads as not started" in n for n in draft.notes
    )


def test_themed_draft_validates_with_only_missing_fields(themed: Any, tmp_path: Path) -> None:
    report, draft = themed
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(draft, report.name), encoding="utf-8")
    with pytest.raises(RecordError) as raised:
        load_record(path)
    assert all(MISSING in p.message for p in raised.value.problems)
    assert "actions[1].due" in {p.field for p in raised.value.problems}
