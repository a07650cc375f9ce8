"""What follows publication: action plan updates and the progress report, agency responses,
the opening statement, and how long a review stays public."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document as WordDocument
from lxml import html as lxml_html

from summarygen import RecordError, TemplateFolder, compose, load_record
from summarygen.document import Callout, Chart, Heading, Paragraph, Table, plain_text
from summarygen.documents import NotInRecord, documents_for, why_not
from summarygen.pack import build_pack, skipped_documents
from summarygen.progress import progress_of
from summarygen.record.schema import Status
from summarygen.writers import writer_for

from .conftest import MINIMAL, SAMPLES
from .test_cli import run

CHILD_Q = next(sample for sample in SAMPLES if sample.stem == "child-q")
CHILD_M = next(sample for sample in SAMPLES if sample.stem == "child-m")
LINES = len(MINIMAL.splitlines())

ACTIONS = MINIMAL.replace(
    "    due: 2025-03\n",
    "    due: 2025-03\n"
    "  - id: A2\n    recommendation: R1\n    agency: cs\n    action: Train staff.\n"
    "    lead: Principal Social Worker\n    due: 2025-09\n    status: green\n"
    "    evidence: Training booked.\n",
)
"""MINIMAL with a second action (A2, green, due September 2025)."""


def updates(*blocks: str) -> str:
    return ACTIONS + "action_plan_updates:\n" + "".join(blocks)


def update(date: str, *actions: str) -> str:
    return f"  - date: {date}\n    actions:\n" + "".join(actions)


def change(action: str, status: str, evidence: str | None = None) -> str:
    text = f"      - action: {action}\n        status: {status}\n"
    return text + (f"        evidence: {evidence}\n" if evidence else "")


# --- the record ----------------------------------------------------------------------------

BAD = [
    (
        "unknown action in an update",
        updates(update("2025-06", change("A9", "green"))),
        "action_plan_updates[0].actions[0].action: refers to action 'A9', which is not in "
        "actions (known: A1, A2)",
    ),
    (
        "an action twice in one update",
        updates(update("2025-06", change("A1", "green"), change("A1", "red"))),
        "action_plan_updates[0].actions[1].action: this update already gives action 'A1' "
        "(at item 1): give it once",
    ),
    (
        "updates out of date order",
        updates(update("2025-06", change("A1", "green")), update("2025-03", change("A1", "red"))),
        "action_plan_updates[1].date: 2025-03 is not after the update before it (2025-06): "
        "list the updates oldest first, one to a date",
    ),
    (
        "unknown agency responding",
        MINIMAL + "agency_responses:\n  - agency: police\n    response: We accept it.\n",
        "agency_responses[0].agency: refers to agency 'police', which is not in agencies "
        "(known: cs)",
    ),
    (
        "unknown recommendation answered",
        MINIMAL
        + "agency_responses:\n  - agency: cs\n    response: We accept it.\n"
        + "    recommendations:\n      - recommendation: R7\n        response: Done.\n",
        "agency_responses[0].recommendations[0].recommendation: refers to recommendation "
        "'R7', which is not in recommendations (known: R1)",
    ),
    (
        "the same agency responding twice",
        MINIMAL
        + "agency_responses:\n  - agency: cs\n    response: We accept it.\n"
        + "  - agency: cs\n    response: We accept it again.\n",
        "agency_responses[1].agency: there is already a response from agency 'cs' (at item "
        "1): give it once",
    ),
    (
        "available for less than a year",
        MINIMAL.replace(
            "    period: {from: 2023-01, to: 2024-01}\n",
            "    period: {from: 2023-01, to: 2024-01}\n    published: 2025-05\n"
            "  publication:\n    available_until: 2026-04\n",
        ),
        "review.publication.available_until: 2026-04 is less than a year after the review "
        "was published (2025-05): a review stays public for at least a year, so write "
        "2026-05 or later",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_wrong_id_or_date_after_publication_is_a_located_problem(
    write,  # type: ignore[no-untyped-def]
    text: str,
    expected: str,
) -> None:
    path: Path = write(text)
    with pytest.raises(RecordError) as caught:
        load_record(path)
    (problem,) = caught.value.problems
    assert problem.line is not None and problem.line > 10
    assert str(problem).split(": ", 1)[1] == expected


@pytest.mark.parametrize("until", ["2026-05", "2026-05-01", "2027", "2030-01"])
def test_a_year_or_more_is_long_enough(write, until: str) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace(
        "    period: {from: 2023-01, to: 2024-01}\n",
        "    period: {from: 2023-01, to: 2024-01}\n    published: 2025-05\n"
        f"  publication:\n    available_until: {until}\n",
    )
    assert load_record(write(text)).review.publication.available_until is not None


def test_every_existing_sample_stays_valid_and_the_third_has_what_follows() -> None:
    record = load_record(CHILD_Q)
    assert len(record.action_plan_updates) == 2
    assert record.agency_responses and record.comms and record.comms.opening_statement
    assert record.fiction
    for sample in SAMPLES:
        load_record(sample)


# --- the action plan over time ----------------------------------------------------------------


def test_progress_counts_moves_evidence_and_overdue_against_the_update_before(
    write,  # type: ignore[no-untyped-def]
) -> None:
    text = updates(
        update("2025-02", change("A1", "amber", "Draft protocol.")),
        update("2025-07", change("A2", "complete", "All staff trained.")),
    )
    progress = progress_of(load_record(write(text)))
    assert progress is not None
    assert [d.iso() for d in progress.dates] == ["2025-02", "2025-07"]
    assert progress.previous is not None and progress.previous.iso() == "2025-02"
    # A2 moved from green to complete; A1 is not named and stays amber
    assert [(m.action.id, m.before, m.after) for m in progress.moves] == [
        ("A2", Status.GREEN, Status.COMPLETE)
    ]
    assert [s.action.id for s in progress.new_evidence] == ["A2"]
    # A1 was due in March 2025: not overdue in February, overdue (and newly so) in July
    assert [s.action.id for s in progress.overdue] == ["A1"]
    assert [s.action.id for s in progress.newly_overdue] == ["A1"]
    assert {t.status: t.actions for t in progress.totals} == {
        Status.COMPLETE: 1,
        Status.GREEN: 0,
        Status.AMBER: 1,
        Status.RED: 0,
        Status.NOT_STARTED: 0,
    }


@pytest.mark.parametrize(
    ("due", "on", "overdue"),
    [
        ("2025-03", "2025-03-31", False),
        ("2025-03", "2025-04", True),
        ("2025-03-10", "2025-03-11", True),
    ],
)
def test_an_action_is_overdue_only_once_its_whole_due_date_has_passed(
    write,  # type: ignore[no-untyped-def]
    due: str,
    on: str,
    overdue: bool,
) -> None:
    text = updates(update(on, change("A2", "green"))).replace("due: 2025-03\n", f"due: {due}\n")
    progress = progress_of(load_record(write(text)))
    assert progress is not None
    assert [s.action.id for s in progress.overdue] == (["A1"] if overdue else [])


def test_a_first_update_is_compared_with_the_plan_as_published(write) -> None:  # type: ignore[no-untyped-def]
    progress = progress_of(load_record(write(updates(update("2025-01", change("A1", "red"))))))
    assert progress is not None and progress.previous is None
    assert [(m.before, m.after) for m in progress.moves] == [(Status.NOT_STARTED, Status.RED)]


# --- the documents ------------------------------------------------------------------------------


def test_a_record_without_updates_has_no_progress_report_and_says_why() -> None:
    record = load_record(CHILD_M)
    assert "progress-report" not in documents_for(record)
    assert why_not(record, "progress-report") == (
        "the record has no action plan updates yet (action_plan_updates:)"
    )
    with pytest.raises(NotInRecord, match="child-m has no progress report"):
        compose(record, "progress-report")
    assert skipped_documents(record)[0] == (
        "progress-report: not made, as the record has no action plan updates yet "
        "(action_plan_updates:)"
    )
    assert documents_for(load_record(CHILD_Q))[-3:] == [
        "progress-report",
        "agency-responses",
        "opening-statement",
    ]


def test_build_notes_the_documents_it_did_not_make_and_refuses_one_asked_for(
    write,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = write(MINIMAL)
    built = run("build", path, "-o", tmp_path / "out", "--formats", "html")
    assert built.returncode == 0, built.stderr
    assert "Note: progress-report: not made, as the record has no action plan updates" in (
        " ".join(built.stdout.split())
    )
    asked = run("build", path, "-o", tmp_path / "out2", "--documents", "progress-report")
    assert asked.returncode == 2
    assert "child-t has no progress report: the record has no action plan updates" in (
        " ".join(asked.stderr.split())
    )
    assert "Traceback" not in asked.stderr
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").rglob("*.html"))


def chart_of(document_blocks: tuple[object, ...]) -> Chart:
    (chart,) = [block for block in document_blocks if isinstance(block, Chart)]
    return chart


def test_the_progress_report_shows_status_in_words_and_colour_and_a_chart_of_the_totals() -> None:
    document = compose(load_record(CHILD_Q), "progress-report")
    assert document.meta.date == "September 2026"  # its cover: the update it reports
    chart = chart_of(document.blocks)
    assert [(bar.label, bar.value, bar.status) for bar in chart.bars] == [
        ("Complete", 5, "complete"),
        ("Green: on track", 0, "green"),
        ("Amber: some delay", 1, "amber"),
        ("Red: off track", 0, "red"),
        ("Not started", 0, "not-started"),
    ]
    assert chart.alt.startswith("Bar chart, Actions by status at September 2026: Complete, 5;")
    assert [plain_text(row[1]) for row in chart.table.rows] == ["5", "0", "1", "0", "0"]
    headings = [h.text for h in document.headings()]
    assert "What changed since March 2026" in headings
    assert "Recommendation R3" in headings
    tables = [block for block in document.walk() if isinstance(block, Table)]
    statuses = {
        run.status for table in tables for row in table.rows for cell in row for run in cell
    }
    assert {"complete", "amber", "red", "green", "not-started"} <= statuses
    text = " ".join(plain_text(cell) for table in tables for row in table.rows for cell in row)
    assert "Overdue" in text  # A2, due June 2026, amber at September 2026


def test_the_chart_is_a_picture_with_alt_text_in_docx_svg_with_a_title_in_html_and_a_figure_in_pdf(
    tmp_path: Path,
) -> None:
    record = load_record(CHILD_Q)
    pack = build_pack(record, tmp_path, documents=["progress-report"])
    files = {file.format: file.path for built in pack.documents for file in built.files}
    alt = chart_of(pack.documents[0].document.blocks).alt

    word = WordDocument(str(files["docx"]))
    described = [
        element.get("descr")
        for element in word.element.body.iter()
        if element.tag.endswith("docPr")
    ]
    assert described == [alt]
    with zipfile.ZipFile(files["docx"]) as archive:
        (png,) = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert archive.read(png).startswith(b"\x89PNG")

    page = lxml_html.fromstring(files["html"].read_bytes())
    (svg,) = page.xpath("//figure[@class='chart']/svg")
    assert svg.get("role") == "img"
    assert svg.findtext("title") == alt
    assert page.xpath("//figure[@class='chart']/figcaption/text()") == [
        "Actions by status at September 2026"
    ]
    (numbers,) = page.xpath("//figure[@class='chart']/following-sibling::div[1]//table")
    assert numbers.xpath(".//th/text()") == ["Status", "Actions"]

    with pikepdf.open(io.BytesIO(files["pdf"].read_bytes())) as pdf:
        figures = [
            str(element.get("/Alt"))
            for element in _struct_elements(pdf.Root.StructTreeRoot)
            if element.get("/S") == "/Figure"
        ]
    assert alt in figures


def _struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            if "/S" in kid:
                found.append(kid)
            found.extend(_struct_elements(kid))
    return found


def test_agency_responses_put_each_recommendation_beside_its_answer() -> None:
    document = compose(load_record(CHILD_Q), "agency-responses")
    assert document.meta.audience == "general"
    tables = [block for block in document.walk() if isinstance(block, Table)]
    assert [plain_text(cell) for cell in tables[1].header] == [
        "The recommendation",
        "The response",
    ]
    recommendation, response = (plain_text(cell) for cell in tables[1].rows[0])
    assert recommendation.startswith("Probation should tell social care")
    assert response.startswith("We now tell social care within 2 working days")
    assert "Probation Service (Quillhaven)" in [h.text for h in document.headings()]


def test_the_opening_statement_is_spoken_text_for_the_public_without_tables() -> None:
    document = compose(load_record(CHILD_Q), "opening-statement")
    assert document.meta.audience == "public"
    assert {block.kind for block in document.walk()} == {"heading", "paragraph"}
    assert len([b for b in document.blocks if b.kind == "paragraph"]) >= 6  # its paragraphs
    html = writer_for("html")(document, TemplateFolder())
    assert b"<table" not in html


def test_the_overview_prints_each_childs_facts_and_the_response_beside_each_recommendation() -> (
    None
):
    record = load_record(next(s for s in SAMPLES if s.stem == "children-a-c"))
    document = compose(record, "overview")
    headings = [h.text for h in document.headings()]
    assert headings.index("The children") < headings.index("Terms of reference")
    (children,) = [
        block
        for block in document.walk()
        if isinstance(block, Table) and plain_text(block.header[0]) == "Child"
    ]
    assert [plain_text(cell) for cell in children.header] == [
        "Child",
        "Age",
        "Gender",
        "Harm",
        "Outcome",
    ]
    assert [[plain_text(cell) for cell in row] for row in children.rows] == [
        [s.pseudonym, s.age, s.gender or "Not given", s.harm, s.outcome] for s in record.subjects
    ]
    blocks = list(document.blocks)
    at = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Recommendation R1"
    )
    following = blocks[at + 1 : at + 5]
    notes = [b for b in following if isinstance(b, Callout) and plain_text(b.title) == "Response"]
    assert notes, "no response beside recommendation R1"
    assert "Accepted" in " ".join(b.text for b in notes[0].blocks if isinstance(b, Paragraph))
