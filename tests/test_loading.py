"""Loading tells an author exactly what is wrong: file, line, column, field, message."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen import Record, RecordError, load_record
from summarygen.record import PartialDate

from .conftest import MINIMAL


def test_minimal_record_loads(write) -> None:  # type: ignore[no-untyped-def]
    record = load_record(write(MINIMAL))
    assert isinstance(record, Record)
    assert record.review.dates.incident == PartialDate(2024, 1)
    assert record.recommendations[0].findings == ["F1"]


def replace(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


# (what goes wrong, the record, the one problem expected as "line:column: field: message")
BAD_RECORDS = [
    (
        "typo in a top-level key",
        replace("recommendations:\n", "recomendations:\n"),
        "35:1: recomendations: unknown field 'recomendations': did you mean 'recommendations'?",
    ),
    (
        "typo in a nested key",
        replace("    harm: neglect", "    harms: neglect"),
        "19:5: subjects[0].harms: unknown field 'harms': did you mean 'harm'?",
    ),
    (
        "missing required field",
        replace("  title: Review concerning Child T\n", ""),
        "2:3: review.title: required field is missing",
    ),
    (
        "value not in the allowed list",
        replace("kind: lcspr", "kind: lscpr"),
        "3:9: review.kind: 'lscpr' is not allowed: use 'scr', 'lcspr', 'rapid', 'national' "
        "or 'partnership'",
    ),
    (
        "a list where text is expected",
        replace('age: "12"', "age: [12]"),
        "18:10: subjects[0].age: expected text, got a list",
    ),
    (
        "a number where text or registers are expected",
        replace("summary: A referral was made.", "summary: 42"),
        "29:14: episodes[0].summary: expected text, or a mapping with a text for "
        "professional, plain and/or child, got the number 42",
    ),
    (
        "unknown register",
        replace(
            "summary: A referral was made.",
            "summary:\n      profesional: A referral was made.",
        ),
        "30:7: episodes[0].summary.profesional: unknown field 'profesional': "
        "did you mean 'professional'?",
    ),
    (
        "impossible month",
        replace("due: 2025-03", "due: 2025-13"),
        "46:10: actions[0].due: '2025-13' is not a date: there is no month 13",
    ),
    (
        "impossible day",
        replace("incident: 2024-01", "incident: 2023-02-29"),
        "14:15: review.dates.incident: '2023-02-29' is not a date: February 2023 has 28 days",
    ),
    (
        "date in words",
        replace("date: 2023-05", "date: May 2023"),
        "26:11: episodes[0].date: 'May 2023' is not a date: write YYYY-MM (month and year, "
        "e.g. 2021-03), YYYY-MM-DD or YYYY",
    ),
    (
        "period ends before it starts",
        replace("period: {from: 2023-01, to: 2024-01}", "period: {from: 2024-01, to: 2023-01}"),
        "15:13: review.dates.period: the period ends before it starts",
    ),
    (
        "duplicate id",
        MINIMAL + "  - id: A1\n    recommendation: R1\n    agency: cs\n    action: Audit.\n"
        "    lead: Head of Service\n    due: 2025-06\n",
        "47:9: actions[1].id: duplicate action id 'A1' (first used by actions[0])",
    ),
    (
        "recommendation answers an unknown finding",
        replace("findings: [F1]", "findings: [F2]"),
        "39:16: recommendations[0].findings[0]: refers to finding 'F2', which is not in "
        "findings (known: F1)",
    ),
    (
        "finding draws on an unknown episode",
        replace("episodes: [E1]", "episodes: [E-1]"),
        "34:16: findings[0].episodes[0]: refers to episode 'E-1', which is not in episodes: "
        "did you mean 'E1'?",
    ),
    (
        "action for an unknown agency",
        replace("    agency: cs\n", "    agency: police\n"),
        "43:13: actions[0].agency: refers to agency 'police', which is not in agencies (known: cs)",
    ),
    (
        "bad id characters",
        replace("  - id: R1", "  - id: R 1"),
        [
            "36:9: recommendations[0].id: 'R 1' is not allowed: an id starts with a letter and "
            "holds letters, digits, '.', '_' or '-' only (e.g. R1)",
            "42:21: actions[0].recommendation: refers to recommendation 'R1', which is not in "
            "recommendations: did you mean 'R 1'?",
        ],
    ),
    (
        "key given twice",
        replace('    age: "12"\n', '    age: "12"\n    age: "13"\n'),
        "19:5: subjects[0].age: 'age' is given twice (first at line 18); give it once",
    ),
    (
        "YAML syntax error",
        replace("    role: Independent reviewer", "    role: [Independent reviewer"),
        "10:8: not valid YAML: a list in square brackets [ ] is not closed (it opens at line 9, "
        "column 13). Usual cause: a missing ] or comma, or a value that starts with [ : put "
        "the value in quotes",
    ),
    (
        "empty list where one item is required",
        replace(
            'subjects:\n  - pseudonym: Child T\n    age: "12"\n    harm: neglect\n'
            "    outcome: serious harm\n",
            "subjects: []\n",
        ),
        "16:11: subjects: list should have at least 1 item after validation, not 0",
    ),
    (
        "two children share a pseudonym",
        replace(
            "    outcome: serious harm\n",
            '    outcome: serious harm\n  - pseudonym: child t\n    age: "9"\n'
            "    harm: neglect\n    outcome: serious harm\n",
        ),
        "21:16: subjects[1].pseudonym: pseudonym 'child t' is used for two children: "
        "give each child their own",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in BAD_RECORDS],
    ids=[case[0] for case in BAD_RECORDS],
)
def test_bad_record_reports_line_column_field_and_message(  # type: ignore[no-untyped-def]
    write, text: str, expected: str | list[str]
) -> None:
    path: Path = write(text)
    with pytest.raises(RecordError) as caught:
        load_record(path)
    wanted = [expected] if isinstance(expected, str) else expected
    assert [str(p) for p in caught.value.problems] == [f"{path}:{line}" for line in wanted]


def test_distinct_kinds_of_mistake_are_at_least_twelve() -> None:
    assert len(BAD_RECORDS) >= 12


def test_five_mistakes_are_all_reported_in_one_run(write) -> None:  # type: ignore[no-untyped-def]
    text = (
        MINIMAL.replace("kind: lcspr", "kind: lscpr")
        .replace("    harm: neglect", "    harms: neglect")
        .replace("due: 2025-03", "due: 2025-13")
        .replace("findings: [F1]", "findings: [F2]")
        .replace('age: "12"', "age: [12]")
    )
    with pytest.raises(RecordError) as caught:
        load_record(write(text))
    fields = [p.field for p in caught.value.problems]
    assert fields == [
        "review.kind",
        "subjects[0].age",
        "subjects[0].harms",
        "recommendations[0].findings[0]",
        "actions[0].due",
    ]


def test_json_record_loads_and_locates_errors(write) -> None:  # type: ignore[no-untyped-def]
    import json

    import yaml

    text = json.dumps(_stringify_dates(yaml.safe_load(MINIMAL)), indent=2)
    assert isinstance(load_record(write(text, "record.json")), Record)
    broken = text.replace('"lcspr"', '"lscpr"')
    with pytest.raises(RecordError) as caught:
        load_record(write(broken, "broken.json"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.field) == (4, 13, "review.kind")


def _stringify_dates(value):  # type: ignore[no-untyped-def]
    import datetime

    if isinstance(value, dict):
        return {k: _stringify_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_dates(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()[:7]
    return value


def test_json_syntax_error_is_located(write) -> None:  # type: ignore[no-untyped-def]
    path = write('{\n  "review": {\n    "id": "x",\n  }\n}\n', "record.json")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert str(caught.value.problems[0]) == (
        f"{path}:4:3: not valid JSON: Expecting property name enclosed in double quotes"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\xff\xfe\x00broken", "is not UTF-8 text (byte 0): save it as UTF-8"),
        (
            b"- just\n- a list\n",
            "a record must be a mapping of fields (review:, subjects:, ...); "
            "`summarygen new` writes a starter",
        ),
        (
            b"",
            "a record must be a mapping of fields (review:, subjects:, ...); "
            "`summarygen new` writes a starter",
        ),
    ],
    ids=["missing file", "not utf-8", "not a mapping", "empty"],
)
def test_unreadable_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "record.yaml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert caught.value.problems[0].message == message


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * 5_100_000 + b"\n")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert caught.value.problems[0].message == (
        "is 5.1 MB; a record may be at most 5 MB. Is this the right file?"
    )


def test_unsafe_yaml_tags_are_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("review: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert "review" in [p.field for p in caught.value.problems]


def test_yes_no_on_off_are_words_as_in_yaml_1_2() -> None:
    from summarygen.record.yaml_source import parse

    data = parse("a: no\nb: yes\nc: off\nd: true\ne: False\nf: 2021-03\n").data
    assert data == {"a": "no", "b": "yes", "c": "off", "d": True, "e": False, "f": "2021-03"}
