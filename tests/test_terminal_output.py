"""What the terminal shows a person: the verdict first, in one screen; numbers as people
write them; where a finding is (never a part name such as ``word/document.xml``); help that
reads well; a JSON object for every outcome of ``check --format json``; and plain words
for a file that cannot be read or written.

Every test runs the real command (a subprocess, with a fixed width in ``COLUMNS``) and
reads what it printed."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import docx
import pytest
from rich.cells import cell_len

from summarygen.report import plural, shown_number

from .conftest import MINIMAL, ROOT, SAMPLES

SCREEN = 50
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run(
    *args: str | Path, width: int = 100, cwd: Path | None = None, preexec: object = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": str(width), "LINES": "50"}
    for name in ("FORCE_COLOR", "NO_COLOR", "TERMINAL_WIDTH"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=cwd,
        check=False,
        preexec_fn=preexec,  # type: ignore[arg-type]
    )


def screen_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes on a terminal ``width`` columns wide (a long line wraps)."""
    return sum(max(1, math.ceil(cell_len(line.rstrip()) / width)) for line in text.splitlines())


@cache
def default_check(sample: Path, width: int) -> subprocess.CompletedProcess[str]:
    """``summarygen check samples/NAME.yaml`` as a user runs it, from the repository."""
    return run("check", sample.relative_to(ROOT), width=width, cwd=ROOT)


# -- 1. The verdict first, in one screen --------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_default_check_fits_one_screen_and_says_where_the_rest_is(sample: Path, width: int) -> None:
    result = default_check(sample, width)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    shown = result.stdout
    assert screen_lines(shown, width) <= SCREEN, shown
    assert shown.count("meets its targets") + shown.count("needs attention") >= 8
    assert f"summarygen check {sample.relative_to(ROOT)} --details" in shown
    assert "--format json" in shown
    assert "--report" in shown  # how to get the full list as a page
    assert "Needs attention first" in shown  # both samples have warnings
    for metric in ("reading", "grade", "average", "longest"):
        assert metric in shown


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_tick_beside_a_warning_count(sample: Path, width: int) -> None:
    for line in default_check(sample, width).stdout.splitlines():
        if re.search(r"\d+ (warnings?|errors?)\b", line) and "meets its targets" in line:
            assert "✓" not in line, line
            assert line.lstrip().startswith("!"), line


def test_default_check_names_the_report_it_wrote(tmp_path: Path) -> None:
    report = tmp_path / "child-m report.html"
    result = run("check", SAMPLES[0], "--report", report, width=80)
    assert report.is_file()
    assert str(report) in result.stdout.replace("\n", "")
    assert screen_lines(result.stdout, 80) <= SCREEN


LONG = (
    "The partnership and its agencies will look again at how the school, the police and the "
    "council share what they know about a child who goes missing from home, so that the "
    "next child is helped sooner than this child was helped by all of them together."
)
PLAIN = "We looked at what happened to the family. We are sorry for what went wrong. " * 12


@pytest.mark.parametrize(
    ("text", "verdict", "symbol"),
    [
        (PLAIN, "meets its targets", "✓"),
        (PLAIN + "\n\n" + LONG, "needs attention: 1 error", "✗"),
    ],
    ids=["clean", "error"],
)
def test_verdict_words_and_symbol_agree(
    tmp_path: Path, text: str, verdict: str, symbol: str
) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(text)
    result = run("check", path, "--audience", "general", width=120)
    line = next(line for line in result.stdout.splitlines() if "statement.txt " in line)
    assert verdict in line and line.lstrip().startswith(symbol), result.stdout


def test_a_warning_is_not_ticked(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    sentence = (  # 28 words: long for the general reader (over 25), not too long (over 30)
        "We looked at how the school and the police and the council talked to each other "
        "about the boy and his mum and his dad and his sisters."
    )
    assert len(sentence.split()) == 28
    path.write_text(PLAIN + "\n\n" + sentence)
    result = run("check", path, "--audience", "general", width=120)
    line = next(line for line in result.stdout.splitlines() if "statement.txt " in line)
    assert "meets its targets (1 warning)" in line and line.lstrip().startswith("!"), line


def test_details_lists_every_finding_and_json_keeps_them_all() -> None:
    details = run("check", SAMPLES[0], "--details", width=100)
    data = json.loads(run("check", SAMPLES[0], "--format", "json").stdout)
    findings = sum(len(d["findings"]) for d in data["documents"])
    listed = len(re.findall(r"^│ (error|warning|suggestion) ", details.stdout, re.MULTILINE))
    assert listed == findings > 100
    assert not re.search(r"(?<![\d.,])1 (sentences|words|errors|warnings)\b", details.stdout)


def test_build_table_uses_the_same_words_and_prints_its_notices(tmp_path: Path) -> None:
    result = run(
        "build", SAMPLES[0], "-o", tmp_path, "--formats", "html", "--documents", "overview"
    )
    assert result.returncode in (0, 1), result.stderr
    assert "meets its targets" in result.stdout or "needs attention" in result.stdout
    for line in result.stdout.splitlines():
        if re.search(r"\d+ warnings?", line):
            assert "✓" not in line, line
    # The overview falls back to the plain wording for texts with no professional one.
    assert re.search(
        r"notice: overview: \d+ texts? (has|have) no professional wording", result.stdout
    )


# -- Where a finding is ---------------------------------------------------------------------


def identifying_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Background", 1)
    for _ in range(12):
        document.add_paragraph(
            "The school and the police met to talk about what had happened and what they "
            "would do next for the family."
        )
    document.add_paragraph("Write to zebulon.quartermaine@example.org for more.")
    document.sections[0].footer.paragraphs[0].text = "Contact zebulon.quartermaine@example.org"
    document.save(path)
    return path


def test_terminal_never_shows_a_part_name_but_json_keeps_it(tmp_path: Path) -> None:
    path = identifying_docx(tmp_path / "statement.docx")
    for extra in ((), ("--details",)):
        result = run("check", path, "--audience", "general", *extra, width=120)
        assert result.returncode == 1, result.stderr
        assert "word/" not in result.stdout and ".xml" not in result.stdout, result.stdout
        assert "statement.docx" in result.stdout
    data = json.loads(run("check", path, "--audience", "general", "--format", "json").stdout)
    locations = {f.get("location") for d in data["documents"] for f in d["findings"]}
    assert {"word/document.xml", "word/footer1.xml"} <= locations


# -- Numbers as people write them -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "near", "shown"),
    [
        (68.2, None, "68"),
        (40.0, 40, "40"),
        (9.71, 14, "9.7"),
        (14.61, 25, "15"),
        (25.4, 25, "25.4"),  # rounding to 25 would hide that it misses ≤ 25
        (24.6, 25, "24.6"),
        (5449, None, "5,449"),
        (3.0, None, "3"),
    ],
)
def test_numbers_as_people_write_them(value: float, near: float | None, shown: str) -> None:
    assert shown_number(value, near) == shown


def test_plurals() -> None:
    assert [plural(n, "sentence") for n in (0, 1, 2)] == [
        "0 sentences",
        "1 sentence",
        "2 sentences",
    ]
    assert plural(1376, "word") == "1,376 words"


def test_no_decimals_where_they_mean_nothing() -> None:
    shown = default_check(SAMPLES[0], 120).stdout
    assert not re.search(r"\b\d+\.0\b", shown), shown
    assert re.search(r"\b40 words \(≤ 40\)", shown)  # the overview's longest sentence


def test_report_page_says_numbers_and_readers_as_people_do(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    run("check", SAMPLES[0], "--report", report)
    page = report.read_text()
    text = re.sub(r"<[^>]+>", " ", page)
    assert not re.search(r"(?<![\d.,])1 (sentences|words|errors|warnings|suggestions)\b", text)
    assert "for professional)" not in text and "for professionals and inspectors" in text
    assert not re.search(r"\b40\.0\b", text)


# -- check --format json: a JSON object for every outcome -------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("nothing.docx", "--audience", "general"), 2, "no such file"),
        (("statement.txt",), 2, "--audience"),
        (("statement.txt", "--audience", "general", "--fail-on", "bogus"), 2, "bogus"),
        (("empty.txt", "--audience", "general"), 1, "no text found"),
        (("broken.docx", "--audience", "general"), 2, "not a Word document"),
    ],
    ids=["missing", "no-audience", "bad-option", "no-text", "damaged"],
)
def test_json_for_every_outcome(
    tmp_path: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    (tmp_path / "statement.txt").write_text(PLAIN)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.docx").write_text("not a zip")
    for form in (("--format", "json"), ("--format=json",)):
        result = run("check", *args, *form, cwd=tmp_path)
        assert result.returncode == code, result.stderr
        data = json.loads(result.stdout)
        assert data["passed"] is False and data["exit_code"] == code
        assert said in data["error"]
        assert "Value error" not in data["error"]
        assert said in ANSI.sub("", result.stderr).replace("\n", " ") or code == 2


# -- Plain words for a file that cannot be read, or written -----------------------------------


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("report.docx", b"PK not really", "is not a Word document (.docx)"),
        ("old.docx", b"\xd0\xcf\x11\xe0 an old .doc renamed", "it may be an older .doc"),
        ("report.pdf", b"%PDF-1.7 damaged", "is not a PDF that can be read"),
        ("report.odt", b"x", "save it as .docx or .pdf"),
        ("report.rtf", b"{\\rtf1 x}", "save it as .docx or .pdf"),
        ("report.doc", b"x", "save it as .docx"),
        ("report.pages", b"x", "Export To"),
    ],
)
def test_a_file_that_cannot_be_read_is_said_in_words(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run("check", tmp_path / name, "--audience", "general", width=200)
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    for raw in ("File is not a zip file", "Data format error", "PDFium", "Value error"):
        assert raw not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_for_the_report_is_exit_2_in_words(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(PLAIN)
    result = run("check", path, "--audience", "general", "--report", "/dev/full", width=200)
    assert result.returncode == 2
    assert "cannot write the report" in result.stderr and "disk is full" in result.stderr
    assert "Traceback" not in result.stderr


def _small_files() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # files over 20 kB: EFBIG


def test_a_build_that_cannot_write_is_exit_2_in_words(tmp_path: Path) -> None:
    record = tmp_path / "child-t.yaml"
    record.write_text(MINIMAL)
    result = run(
        "build", record, "-o", tmp_path / "pack", "--formats", "docx", preexec=_small_files
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Build failed" in result.stderr and "cannot write" in result.stderr
    assert not (tmp_path / "pack" / "child-t").exists()  # nothing half-written


# -- 4. Help that reads well --------------------------------------------------------------------

def _every_command() -> tuple[str, ...]:
    from summarygen.cli import app

    return tuple(info.name or info.callback.__name__ for info in app.registered_commands)


COMMANDS = _every_command()
"""Every command, those added later too: each reads as the others do."""


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_switches_as_switches_and_usage_without_braces(command: str) -> None:
    result = run(command, "--help", width=80)
    assert result.returncode == 0
    assert "<bool>" not in result.stdout
    for python_type in ("<path>", "<str>", "<int>", "<list"):  # values named in words
        assert python_type not in result.stdout, python_type
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage and "}" not in usage, usage
    # Examples at the end, after the options.
    assert result.stdout.rfind("Example") > result.stdout.rfind("--help")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_paragraphs_do_not_break_mid_phrase(command: str) -> None:
    """At 80 columns a line of the description ends where the next word would not fit, or
    where a paragraph ends: never where the source happened to be wrapped."""
    result = run(command, "--help", width=80)
    description = result.stdout.split("╭")[0]
    lines = [line.strip() for line in description.splitlines()[3:]]
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line and following:
            assert len(line) + 1 + len(following.split()[0]) > 78 - 2, (line, following)


def test_a_switch_takes_no_value() -> None:
    result = run("build", "--help", width=80)
    line = next(line for line in result.stdout.splitlines() if "│ --strict" in line)
    assert re.search(r"--strict\s+Publish nothing", line), line


def test_summarygen_alone_says_what_to_do_first() -> None:
    result = run(width=80)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) <= 7
    for step in (
        "summarygen new ",
        "summarygen validate ",
        "summarygen build ",
        "summarygen check ",
    ):
        assert step in result.stdout
    assert "summarygen --help" in result.stdout


def test_root_help_lists_commands_on_one_line_each() -> None:
    result = run("--help", width=100)
    assert result.returncode == 0
    assert "<bool>" not in result.stdout
    for command in COMMANDS:
        line = next(line for line in result.stdout.splitlines() if f"│ {command} " in line)
        assert line.rstrip().endswith("│") and line.rstrip(" │").endswith("."), line
