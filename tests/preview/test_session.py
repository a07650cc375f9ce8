"""What the preview works out on each save: only the documents a change touches are composed
and checked again; what changed is said in words; a broken record shows its problems and
recovers; identifiers are masked in the text and the notes; record text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen.documents import documents_for
from summarygen.identity.register import load_register
from summarygen.preview import PreviewSession, changes
from summarygen.preview.highlight import KINDS, render_document
from summarygen.record import load_record

from .conftest import HARD_SENTENCE, HARD_SENTENCE_TEXT, SHORTER, edited

HARD = "readability.long-sentence"


def hard_sentences(session: PreviewSession, document: str) -> list[str]:
    state = session.snapshot.documents[document]
    return [f.text for f in state.check.findings if f.check == HARD]


def test_the_first_snapshot_holds_every_document_checked(record: Path) -> None:
    session = PreviewSession(record)
    snapshot = session.refresh()
    assert snapshot.ok
    assert list(snapshot.documents) == documents_for(load_record(record))
    assert HARD_SENTENCE_TEXT in hard_sentences(session, "children")
    assert snapshot.pack is not None


def test_shortening_a_hard_sentence_recomposes_only_what_reads_it(record: Path) -> None:
    session = PreviewSession(record)
    before = session.refresh()
    record.write_text(edited(record.read_text(), HARD_SENTENCE, SHORTER))
    after = session.refresh()
    assert HARD_SENTENCE_TEXT not in hard_sentences(session, "children")
    # the children's text changed; a document that never reads the introduction is the
    # very Document composed before (not composed again)
    assert after.documents["children"].version == after.version
    assert after.documents["action-plan"].document is before.documents["action-plan"].document
    assert after.documents["action-plan"].version == before.documents["action-plan"].version
    said = changes(before, after)
    children = next(line for line in said if line.startswith("children:"))
    assert "1 fewer hard sentence" in children
    assert "FRE" in children or "FK grade" in children
    assert not any(line.startswith("action-plan:") for line in said)


def test_saving_the_same_text_changes_nothing(record: Path) -> None:
    session = PreviewSession(record)
    before = session.refresh()
    record.write_text(record.read_text())
    after = session.refresh()
    assert changes(before, after) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("  kind: lcspr", "  kind: lcspx", 17, "review.kind"),
        ("  child: >-\n    In February", "  child: >-\n  In February", None, None),
    ],
    ids=["wrong value", "broken indentation"],
)
def test_a_broken_record_shows_its_problems_then_recovers(
    record: Path, old: str, new: str, line: int | None, field: str | None
) -> None:
    session = PreviewSession(record)
    good = session.refresh()
    text = record.read_text()
    record.write_text(edited(text, old, new))
    broken = session.refresh()
    assert not broken.ok
    assert not broken.documents
    problem = broken.problems[0]
    assert problem.file.endswith("child-m.yaml")
    assert problem.line is not None
    if line is not None:
        assert problem.line == line
    if field is not None:
        assert problem.field == field
    assert changes(good, broken) == []
    record.write_text(text)
    again = session.refresh()
    assert again.ok
    assert list(again.documents) == documents_for(load_record(record))
    assert changes(broken, again) == ["The record reads again: the documents are back."]


def test_every_highlight_is_focusable_and_described(record: Path) -> None:
    session = PreviewSession(record)
    session.refresh()
    state = session.snapshot.documents["children"]
    rendered = render_document(state)
    html = str(rendered.html)
    assert html.count("<mark ") == html.count('tabindex="0" data-note=')
    assert html.count("<mark ") >= 1
    notes = str(rendered.notes)
    for number in range(1, html.count("<mark ") + 1):
        assert f'aria-describedby="note-{number}"' in html
        assert f'id="note-{number}"' in notes
    # the hard sentence is marked as one, and its note says why and how to fix it
    assert 'class="hl k-long s-warning"' in html
    assert "Fix: " in notes
    assert len({kind.id for kind in KINDS}) == len(KINDS)


def test_word_findings_mark_their_words(record: Path) -> None:
    session = PreviewSession(record)
    session.refresh()
    state = session.snapshot.documents["press-statement"]
    jargon = [f for f in state.check.findings if f.check == "language.jargon"]
    assert jargon
    html = str(render_document(state).html)
    words = jargon[0].message.split("'")[1]
    assert f'k-jargon s-{jargon[0].severity.value}" tabindex="0"' in html
    marked = html.split("k-jargon", 1)[1].split(">", 1)[1].split("</mark>", 1)[0]
    assert marked == words


def test_record_text_stays_text(record: Path) -> None:
    session = PreviewSession(record)
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    record.write_text(
        edited(
            record.read_text(),
            "This is a crime. We wanted",
            f"This is a crime {hostile}. We wanted",
        )
    )
    session.refresh()
    html = str(render_document(session.snapshot.documents["children"]).html)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_an_identifier_is_highlighted_and_masked_everywhere(record: Path, tmp_path: Path) -> None:
    protected = tmp_path / "protected.txt"
    protected.write_text("Zebulon Quartermaine\n")
    session = PreviewSession(record, register=load_register(protected))
    record.write_text(
        edited(
            record.read_text(), "This is a crime.", "Zebulon Quartermaine saw it. This is a crime."
        )
    )
    session.refresh()
    state = session.snapshot.documents["children"]
    rendered = render_document(state)
    page = str(rendered.html) + str(rendered.notes)
    assert "k-identity s-error" in page
    assert "Zebulon" not in page and "Quartermaine" not in page
    assert all("Zebulon" not in f.text + f.message for f in state.check.findings)


def test_a_waiver_added_later_is_heard_by_unchanged_documents(record: Path) -> None:
    session = PreviewSession(record)
    record.write_text(
        edited(record.read_text(), "This is a crime.", "This is a crime. Call 07700 900123.")
    )
    session.refresh()
    found = [
        f
        for f in session.snapshot.documents["children"].check.findings
        if f.check.startswith("identity.")
    ]
    assert found, "the postcode is not found: the test proves nothing"
    waiver = "waivers:\n  - text: 07700 900123\n    reason: A number kept for drama, no one's.\n"
    record.write_text(record.read_text() + "\n" + waiver)
    before = session.snapshot.documents["children"].document
    session.refresh()
    state = session.snapshot.documents["children"]
    assert state.document is before  # not composed again
    assert not [f for f in state.check.findings if f.check.startswith("identity.")]


def test_a_record_problem_that_quotes_an_identifier_shows_it_masked(
    record: Path, tmp_path: Path
) -> None:
    """A problem quotes the value it refuses: a protected name typed in a date field."""
    protected = tmp_path / "protected.txt"
    protected.write_text("Zebulon Quartermaine\n")
    session = PreviewSession(record, register=load_register(protected))
    text = record.read_text()
    due = text[text.index("due: ") : text.index("\n", text.index("due: "))]
    record.write_text(edited(text, due, "due: Zebulon Quartermaine SW1A 1AA"))
    snapshot = session.refresh()
    assert not snapshot.ok
    said = " ".join(problem.message for problem in snapshot.problems)
    assert "is not a date" in said
    assert "Zebulon" not in said and "Quartermaine" not in said and "SW1A 1AA" not in said
