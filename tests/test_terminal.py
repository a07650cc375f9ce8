"""Terminal output is text, never markup: whatever comes from a record, a file or a path is
printed as the characters it is (rich markup, terminal escape sequences, bidi controls).

Each test runs the real command and reads what its rich Console wrote, with and without
colour forced on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, SAMPLES

HOSTILE_TITLES = [
    "Review [/x] of [bold red]markup[/]",
    "[link=https://evil.example/login]Review[/link] of Child T",
    "Review of [on red]Child T[/on red] :warning: [/]",
    r"Review \[escaped] of [b]Child[/b] T",
]
HOSTILE_FOLDERS = ["cases [draft]", "[bold red]shouting[/]", "[/x] closed", "a\x1b[2Jb"]
ANSI = re.compile(r"\x1b\[\??[0-9;]*[A-Za-z]")
"""Our own colour and cursor codes (CSI sequences; the progress line hides the cursor)."""


def run(
    *args: str | Path, colour: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "400"}
    environment.pop("NO_COLOR", None)
    if colour:
        environment["FORCE_COLOR"] = "1"
        environment["TERM"] = "xterm-256color"
    else:
        environment.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "summarygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=cwd,
    )


def shown(result: subprocess.CompletedProcess[str]) -> str:
    """What a person reads: stdout and stderr without our own colour codes."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "MarkupError" not in result.stdout + result.stderr
    text = ANSI.sub("", result.stdout + result.stderr)
    assert "\x1b" not in text, "an escape sequence from the input reached the terminal"
    return text


def visible(text: str) -> str:
    """How the terminal shows a control character: as its escape, never obeyed."""
    return text.replace("\x1b", "\\x1b")


def hostile_record(folder: Path, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "child-q.yaml"
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    record.write_text(
        MINIMAL.replace("  title: Review concerning Child T", f'  title: "{quoted}"'),
        encoding="utf-8",
    )
    return record


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_validate_prints_a_title_as_written(tmp_path: Path, title: str, colour: bool) -> None:
    record = hostile_record(tmp_path / "cases [draft]", title)
    result = run("validate", record, colour=colour)
    assert result.returncode == 0, result.stderr
    assert f"{record}: {title} (" in shown(result)


@pytest.mark.parametrize("folder", HOSTILE_FOLDERS)
def test_paths_are_printed_as_they_are(tmp_path: Path, folder: str) -> None:
    good = hostile_record(tmp_path / folder, "Review concerning Child T")
    assert f"{visible(str(good))}: Review concerning Child T" in shown(run("validate", good))
    bad = tmp_path / folder / "bad.yaml"
    bad.write_text(MINIMAL.replace("kind: lcspr", "kind: lscpr"), encoding="utf-8")
    result = run("validate", bad, colour=True)
    assert result.returncode == 2
    assert f"1 problem in {visible(str(bad))}" in shown(result)


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_build_prints_a_hostile_title_and_path_and_publishes(tmp_path: Path, colour: bool) -> None:
    """The case of issue 11: the pack was published, then the summary crashed."""
    title = HOSTILE_TITLES[0]
    record = hostile_record(tmp_path / "cases [draft]", title)
    out = tmp_path / "[bold red]pack[/]"
    result = run(
        "build",
        record,
        "-o",
        out,
        "--documents",
        "press-statement",
        "--formats",
        "html",
        colour=colour,
    )
    assert result.returncode in (0, 1), result.stderr
    text = shown(result)
    assert title in text
    assert f"Wrote 1 file to {out / 'child-t'}" in text
    assert f"Check report: {out / 'child-t' / 'child-t-check-report.html'}" in text


def test_a_build_failure_message_is_printed_as_written(tmp_path: Path) -> None:
    (tmp_path / "[/x] cases").mkdir(parents=True)
    out = tmp_path / "[/x] cases" / "[bold]out"
    out.write_text("a file, not a folder")
    result = run("build", SAMPLES[0], "-o", out, "--formats", "html", colour=True)
    assert result.returncode == 2
    assert f"cannot write the pack to {out}" in shown(result)


def test_check_quotes_a_hand_written_file_as_written(tmp_path: Path) -> None:
    """Finding quotes come from someone's file: markup and escape sequences in them are text."""
    sentence = (
        "The [bold red]worker[/] and the [/x] manager and the \x1b]0;pwned\x07 team and the "
        "school and the doctor and the nurse and the family and the police all met on many "
        "days in the long year to talk about what had happened and what to do next."
    )
    folder = tmp_path / "\x1b[31m[draft]"
    folder.mkdir()
    statement = folder / "statement.txt"
    statement.write_text(sentence + "\n", encoding="utf-8")
    result = run("check", statement, "--audience", "children", colour=True)
    assert result.returncode == 1
    text = shown(result)
    assert "The [bold red]worker[/] and the [/x] manager and the " in text
    # The reader may drop the control characters or keep them; the terminal never obeys them.
    assert "]0;pwned" in text
    assert "\x07" not in result.stdout


def test_progress_descriptions_are_not_markup() -> None:
    """The build's progress line shows document names as text (they are ours today, but the
    column must not read markup if one ever carries a name from a record)."""
    from rich.console import Console

    from summarygen.cli import progress_display

    console = Console(record=True, width=200, force_terminal=True)
    with progress_display(console) as progress:
        progress.add_task("[bold red]overview[/]: composing [/x]", total=None)
        progress.refresh()
    assert "[bold red]overview[/]: composing [/x]" in console.export_text()
