from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def documents_of(sample: Path) -> list[str]:
    """The documents a sample makes (no progress report without action plan updates...)."""
    from summarygen import load_record
    from summarygen.documents import documents_for

    return documents_for(load_record(sample))


SAMPLE_DOCUMENTS = [(sample, document) for sample in SAMPLES for document in documents_of(sample)]
"""Every (sample, document) pair a build makes."""

# A small valid record. Tests change one line of it at a time, so line numbers matter:
# keep it stable, and add to the end.
MINIMAL = """\
review:
  id: child-t
  kind: lcspr
  guidance: WT2023
  partnership: Testshire Safeguarding Children Partnership
  title: Review concerning Child T
  reviewers:
    - name: Invented Reviewer
      role: Independent reviewer
  chair:
    name: Invented Chair
    role: Independent scrutineer
  dates:
    incident: 2024-01
    period: {from: 2023-01, to: 2024-01}
subjects:
  - pseudonym: Child T
    age: "12"
    harm: neglect
    outcome: serious harm
agencies:
  - id: cs
    name: Children's Social Care
episodes:
  - id: E1
    date: 2023-05
    agencies: [cs]
    title: First contact
    summary: A referral was made.
findings:
  - id: F1
    title: Information was not shared
    analysis: Agencies held parts of the picture.
    episodes: [E1]
recommendations:
  - id: R1
    text: Share information.
    to: The partnership
    findings: [F1]
actions:
  - id: A1
    recommendation: R1
    agency: cs
    action: Agree a protocol.
    lead: Head of Service
    due: 2025-03
"""


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(text: str, name: str = "record.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
