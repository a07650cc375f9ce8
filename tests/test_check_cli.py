"""`summarygen check` and the checks in `build`, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import lxml.html
import pytest

from .conftest import MINIMAL, SAMPLES


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


HARD_PRESS = (
    "The safeguarding partnership has subsequently commenced the implementation of a "
    "comprehensive multi-agency strategic framework in order to facilitate the identification "
    "of vulnerable adolescents who may be putting themselves at risk of exploitation, "
    "notwithstanding considerable organisational complexity. " * 6
)
EASY = "We are sorry. We looked at what happened. You can talk to us. We will help you. " * 10


def test_check_record_json_is_the_documented_contract() -> None:
    result = run("check", SAMPLES[0], "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert {d["document"] for d in data["documents"]} >= {"overview", "easy-read", "children"}
    for document in data["documents"]:
        assert set(document) >= {"document", "audience", "metrics", "targets", "findings"}
        assert set(document["metrics"]) >= {
            "words",
            "sentences",
            "syllables",
            "flesch_reading_ease",
            "flesch_kincaid_grade",
            "average_sentence_words",
            "longest_sentence_words",
            "polysyllable_share",
            "passive_share",
            "smog",
            "too_short",
        }
        for target in document["targets"]:
            assert set(target) >= {"metric", "target", "value", "met"}
        for finding in document["findings"]:
            assert set(finding) >= {"check", "severity", "section", "text", "message", "suggestion"}
    assert result.returncode == (0 if data["passed"] else 1)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_hand_written_press_statement_is_checked_in_any_format(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"statement{suffix}"
    if suffix == ".docx":
        word = docx.Document()
        word.add_heading("Statement", level=1)
        word.add_paragraph(HARD_PRESS)
        word.save(str(path))
    elif suffix == ".html":
        path.write_text(
            f"<html><body><main><h1>Statement</h1><p>{HARD_PRESS}</p></main></body></html>"
        )
    else:
        path.write_text(f"# Statement\n\n{HARD_PRESS}\n")
    result = run("check", path, "--audience", "press-statement", "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    (document,) = data["documents"]
    assert document["audience"] == "public"
    checks = {f["check"] for f in document["findings"]}
    assert "language.victim-blaming" in checks
    assert any(f["severity"] == "error" for f in document["findings"])
    missed = [t["metric"] for t in document["targets"] if t["met"] is False]
    assert "flesch_reading_ease" in missed


def test_plain_easy_text_passes_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "easy.txt"
    path.write_text(EASY)
    result = run("check", path, "--audience", "easy-read")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "meets its targets" in result.stdout or "✓" in result.stdout


def test_fail_on_warning_is_stricter(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Our staff utilise a robust approach. " * 20)
    lenient = run("check", path, "--audience", "public", "--format", "json")
    strict = run("check", path, "--audience", "public", "--format", "json", "--fail-on", "warning")
    assert lenient.returncode == 0, lenient.stdout
    assert strict.returncode == 1


def test_too_short_to_score_says_so(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text("Stay safe. Talk to us.")
    result = run("check", path, "--audience", "children")
    assert "too short to score" in result.stdout
    data = json.loads(run("check", path, "--audience", "children", "--format", "json").stdout)
    assert all(t["met"] is None for t in data["documents"][0]["targets"])


def test_html_report_is_written(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = run("check", SAMPLES[0], "--documents", "easy-read,children", "--report", report)
    assert result.returncode in (0, 1)
    page = lxml.html.fromstring(report.read_bytes())
    assert page.get("lang") == "en-GB"
    assert len(page.xpath("//section")) == 3  # two documents and the pack as a whole
    assert page.xpath("//div[@role='img']")  # a bar per target, with a text alternative


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nothing.txt", "--audience", "children"), "no such file"),
        (("statement.odt", "--audience", "children"), "save it as .docx or .pdf"),
        (("statement.txt",), "--audience"),
        (("statement.txt", "--audience", "toddlers"), "unknown audience"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "statement.txt").write_text("Hello.")
    (tmp_path / "statement.odt").write_text("Hello.")
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "check", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_record_can_relax_a_target_for_one_review(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + "readability:\n  children:\n    targets:\n"
        + "      - {metric: flesch_reading_ease, min: 10}\n"
    )
    record = tmp_path / "record.yaml"
    record.write_text(text)
    data = json.loads(run("check", record, "--documents", "children", "--format", "json").stdout)
    (target,) = [t for t in data["documents"][0]["targets"] if t["metric"] == "flesch_reading_ease"]
    assert target["target"] == 10


def test_build_writes_reports_into_the_pack_and_strict_publishes_nothing(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        MINIMAL.replace(
            "summary: A referral was made.",
            "summary: The child was putting herself at risk by going missing.",
        )
    )
    out = tmp_path / "out"
    strict = run("build", record, "-o", out, "--formats", "html", "--strict")
    assert strict.returncode == 1
    assert "Nothing was published" in strict.stderr
    assert not (out / "child-t").exists()
    relaxed = run("build", record, "-o", out, "--formats", "html")
    assert relaxed.returncode == 1
    report = json.loads((out / "child-t" / "child-t-check-report.json").read_text())
    assert not report["passed"]
    assert (out / "child-t" / "child-t-check-report.html").is_file()


def test_terminal_output_wraps_every_message_and_suggestion_in_full_at_80_columns() -> None:
    """A narrow terminal wraps the advice of the full listing (--details); it never cuts the
    end of a sentence off."""
    sample = SAMPLES[0]
    findings = json.loads(run("check", sample, "--format", "json").stdout)["documents"]
    terminal = subprocess.run(
        [sys.executable, "-m", "summarygen", "check", str(sample), "--details"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    ).stdout
    assert max(len(line) for line in terminal.splitlines()) <= 80
    flowing = " ".join(line.strip(" │╭╮╰╯─") for line in terminal.splitlines())
    flowing = " ".join(flowing.split())
    for document in findings:
        for finding in document["findings"]:
            for said in (finding["message"], finding["suggestion"]):
                assert " ".join(said.split()) in flowing, said
