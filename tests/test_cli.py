"""The command line as a user meets it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from summarygen.record.yaml_source import parse

from .conftest import MINIMAL, SAMPLES


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("summarygen ")


@pytest.mark.parametrize("command", ["validate", "schema", "new", "build"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert re.search(r"Examples?:\s+summarygen " + command, result.stdout), result.stdout


def test_samples_validate() -> None:
    assert len(SAMPLES) >= 2
    result = run("validate", *SAMPLES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓") == len(SAMPLES)


def test_five_mistakes_exit_2_all_reported_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINIMAL.replace("kind: lcspr", "kind: lscpr")
        .replace("    harm: neglect", "    harms: neglect")
        .replace("due: 2025-03", "due: 2025-13")
        .replace("findings: [F1]", "findings: [F2]")
        .replace('age: "12"', "age: [12]"),
        encoding="utf-8",
    )
    result = run("validate", bad)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad) + ":")]
    assert [line.split(": ")[1] for line in lines] == [
        "review.kind",
        "subjects[0].age",
        "subjects[0].harms",
        "recommendations[0].findings[0]",
        "actions[0].due",
    ]
    assert f"5 problems in {bad}" in result.stderr


def test_good_and_bad_records_together_exit_2_and_report_both(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = run("validate", good, missing)
    assert result.returncode == 2
    assert "✓" in result.stdout
    assert f"{missing}: no such file" in result.stderr


def test_usage_error_exits_2() -> None:
    assert run("validate").returncode == 2
    assert run("no-such-command").returncode == 2


def test_schema_is_json_schema_that_accepts_the_samples_and_rejects_a_typo() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for sample in SAMPLES:
        data = parse(sample.read_text(encoding="utf-8")).data
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], sample
    typo = parse(MINIMAL.replace("recommendations:", "recomendations:")).data
    assert not validator.is_valid(typo)


def assert_only_placeholders(result: subprocess.CompletedProcess[str]) -> None:
    """The starter is a well-formed record whose only problems are its placeholders (exit 1,
    not 2: see tests/test_starter.py)."""
    assert result.returncode == 1, result.stderr
    problems = [line for line in result.stderr.splitlines() if ": " in line]
    assert problems
    assert all("placeholder" in line for line in problems), result.stderr


def test_new_writes_a_starter_that_validates_and_points_at_its_schema(tmp_path: Path) -> None:
    target = tmp_path / "child-q.yaml"
    result = run("new", target)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=summarygen-record.schema.json\n")
    assert (tmp_path / "summarygen-record.schema.json").is_file()
    assert_only_placeholders(run("validate", target))
    again = run("new", target)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert target.read_text(encoding="utf-8") == text


def test_new_makes_the_folder_it_is_asked_to_write_in(tmp_path: Path) -> None:
    """The README says `summarygen new reviews/child-q.yaml`; a fresh copy has no reviews/."""
    target = tmp_path / "reviews" / "child-q.yaml"
    result = run("new", target)
    assert result.returncode == 0, result.stderr
    assert_only_placeholders(run("validate", target))
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    blocked = run("new", tmp_path / "a-file" / "child-q.yaml")
    assert blocked.returncode == 2
    assert "cannot make the folder" in blocked.stderr
    assert "Traceback" not in blocked.stderr


def test_installed_console_script_matches_module() -> None:
    script = Path(sys.executable).with_name("summarygen")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout == run("--version").stdout
