"""Every version tells the same facts: should-flag and should-pass cases for each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen import DOCUMENT_TYPES, compose, load_record
from summarygen._templates import TemplateFolder
from summarygen.checks.consistency import consistency_findings
from summarygen.document import Document, Meta, Paragraph, Run

from ..conftest import MINIMAL, SAMPLES


def pack(text: str, tmp_path: Path, templates: TemplateFolder | None = None) -> list[str]:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    record = load_record(path)
    documents = {doc: compose(record, doc, templates) for doc in DOCUMENT_TYPES}
    return [f"{f.check} {f.document}: {f.message}" for f in consistency_findings(record, documents)]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_the_samples_are_consistent(sample: Path) -> None:
    record = load_record(sample)
    documents = {doc: compose(record, doc) for doc in DOCUMENT_TYPES}
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
