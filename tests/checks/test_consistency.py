"""Every version tells the same facts: should-flag and should-pass cases for each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen import compose, load_record
from summarygen._templates import TemplateFolder
from summarygen.checks.consistency import consistency_findings
from summarygen.document import Document, Meta, Paragraph, Run
from summarygen.documents import documents_for

from ..conftest import MINIMAL, SAMPLES


def pack(text: str, tmp_path: Path, templates: TemplateFolder | None = None) -> list[str]:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    record = load_record(path)
    documents = {doc: compose(record, doc, templates) for doc in documents_for(record)}
    return [f"{f.check} {f.document}: {f.message}" for f in consistency_findings(record, documents)]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_the_samples_are_consistent(sample: Path) -> None:
    record = load_record(sample)
    documents = {doc: compose(record, doc) for doc in documents_for(record)}
    assert consistency_findings(record, documents) == []


def test_minimal_record_is_consistent(tmp_path: Path) -> None:
    assert pack(MINIMAL, tmp_path) == []


SECOND_FINDING = MINIMAL.replace(
    "recommendations:\n",
    "  - id: F2\n    title: Nobody asked the child\n    analysis: The child was not asked.\n"
    "recommendations:\n",
)


def test_a_finding_without_a_recommendation_is_an_error(tmp_path: Path) -> None:
    assert pack(SECOND_FINDING, tmp_path) == [
        "consistency.finding-without-recommendation pack: finding F2 leads to no recommendation"
    ]


def test_a_recommendation_without_an_action_is_an_error(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    findings: [F1]\nactions:",
        "    findings: [F1]\n  - id: R2\n    text: Audit records.\n    to: The partnership\n"
        "    findings: [F1]\nactions:",
    )
    assert pack(text, tmp_path) == [
        "consistency.recommendation-without-action pack: recommendation R2 has no action in "
        "the action plan"
    ]


def test_a_template_that_drops_a_recommendation_is_caught(tmp_path: Path) -> None:
    ours = tmp_path / "templates"
    ours.mkdir()
    (ours / "executive-summary.md.j2").write_text("# Summary\n\nWe made some recommendations.\n")
    assert pack(MINIMAL, tmp_path, TemplateFolder(ours)) == [
        "consistency.recommendation-missing executive-summary: recommendation R1 is not in the "
        "executive summary"
    ]


def test_a_template_that_rewords_a_recommendation_is_caught(tmp_path: Path) -> None:
    ours = tmp_path / "templates"
    ours.mkdir()
    (ours / "recommendations.md.j2").write_text(
        "# Recommendations\n\n{% for rec in record.recommendations %}"
        "## {{ rec.id }}\n\n{{ t(rec.text) | upper }}\n\n{% endfor %}"
    )
    assert pack(MINIMAL, tmp_path, TemplateFolder(ours)) == [
        "consistency.recommendation-wording recommendations: recommendation R1 is not worded as "
        "in the record"
    ]


def prose(text: str) -> dict[str, Document]:
    meta = Meta(
        "press-statement", "Press statement", "T", "public", "plain", "x", "P", ("Child T",), ""
    )
    return {"press-statement": Document(meta, (Paragraph((Run(text),)),))}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The review makes two recommendations.", True),
        ("The review makes 3 findings.", True),
        ("It looked at four key practice episodes.", True),
        ("The review makes one recommendation.", False),
        ("The review makes 1 recommendation and one finding.", False),
        ("Two of the recommendations are for the police.", False),
        ("The plan listed 14 actions for the mother.", False),
        ("Recommendation 2 is national.", False),
    ],
)
def test_counts_in_prose(tmp_path: Path, text: str, flagged: bool) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(MINIMAL)
    record = load_record(path)
    found = [f for f in consistency_findings(record, prose(text)) if f.check == "consistency.count"]
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We met Child T twice.", False),
        ("We met child T twice.", True),
        ("We met Child-T twice.", True),
        ("We met ChildT twice.", True),
        ("Children took part.", False),
        ("A child told us.", False),
    ],
)
def test_pseudonym_written_the_same_way(tmp_path: Path, text: str, flagged: bool) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(MINIMAL)
    record = load_record(path)
    found = [
        f for f in consistency_findings(record, prose(text)) if f.check == "consistency.pseudonym"
    ]
    assert bool(found) is flagged


def findings_of(check: str, text: str, tmp_path: Path, record_text: str = MINIMAL) -> list[str]:
    path = tmp_path / "record.yaml"
    path.write_text(record_text)
    record = load_record(path)
    return [f.message for f in consistency_findings(record, prose(text)) if f.check == check]


# MINIMAL's dates: incident 2024-01, period 2023-01 to 2024-01, episode 2023-05, due 2025-03.
@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("In May 2023 a referral was made.", False),
        ("On 3 May 2023 a referral was made.", False),  # the record knows the month
        ("The review began in January 2024.", False),
        ("The protocol is due by March 2025.", False),  # an action's due date
        ("In 2023 agencies met.", False),
        ("Working Together 2018 sets out the duty.", False),
        ("The Children Act 1989 applies.", False),
        ("In June 2023 a referral was made.", True),
        ("On 3 June 2023 a referral was made.", True),
        ("On 03/06/2023 a referral was made.", True),
        ("In Sept 2022 the family moved.", True),
        ("Agencies first met in 2019.", True),
    ],
)
def test_dates_agree_with_the_record(tmp_path: Path, text: str, flagged: bool) -> None:
    assert bool(findings_of("consistency.date", text, tmp_path)) is flagged


def test_a_date_in_the_professional_text_is_known(tmp_path: Path) -> None:
    record = MINIMAL.replace(
        "summary: A referral was made.", "summary: A referral was made in June 2023."
    )
    written = "In June 2023 a referral was made."
    assert findings_of("consistency.date", written, tmp_path, record) == []


def test_a_plain_text_that_dates_an_event_differently_is_caught(tmp_path: Path) -> None:
    record = MINIMAL.replace(
        "title: First contact",
        "title:\n      professional: First contact in June 2023\n"
        "      plain: First asked for help in July 2023",
    )
    assert pack(record, tmp_path) == [
        "consistency.date executive-summary: says 'July 2023', a date that is in neither the "
        "record's dates nor its professional text"
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We met Child T twice.", False),
        ("Child T's mother spoke to us.", False),
        ("The child met us.", False),
        ("Children A to C took part.", False),
        ("We met Child N twice.", True),
        ("Baby K was born early.", True),
        ("As in the review of Child Q, nobody asked.", True),
    ],
)
def test_a_pseudonym_that_is_not_this_reviews_is_flagged(
    tmp_path: Path, text: str, flagged: bool
) -> None:
    assert bool(findings_of("consistency.unknown-pseudonym", text, tmp_path)) is flagged


def test_a_year_alone_in_the_text_does_not_vouch_for_every_month_of_it(tmp_path: Path) -> None:
    record = MINIMAL.replace(
        "summary: A referral was made.", "summary: A referral was made in 2023."
    )
    assert findings_of("consistency.date", "In June 2023 a referral was made.", tmp_path, record)
    assert not findings_of("consistency.date", "In 2023 a referral was made.", tmp_path, record)
