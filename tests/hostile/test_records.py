"""Malformed and hostile records (issue 11): a clear message, exit 2, nothing written.

Every row runs ``summarygen build RECORD -o OUT``; rows that could exhaust the machine (bombs,
nesting, devices, pipes) run it in a real process held to 500 MB of address space and 20 s of
CPU by the operating system (resource limits, not timings), the others in this process
through Typer's runner, for speed. The row's record is also given to :func:`load_record`,
which is what ``validate`` runs, so validate and build agree. A row passes when the exit
code is 2, the message matches, no traceback is printed and OUT holds nothing.
"""

from __future__ import annotations

import itertools
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarygen import RecordError, load_record
from summarygen.cli import app

from ..conftest import MINIMAL, ROOT

SAMPLE = (ROOT / "samples" / "child-m.yaml").read_text(encoding="utf-8")
MEMORY_LIMIT = 500 * 1024 * 1024
CPU_SECONDS = 20


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def sample_with(old: str, new: str) -> str:
    assert SAMPLE.count(old) >= 1, old
    return SAMPLE.replace(old, new, 1)


def minimal_with(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


def _bomb(levels: int) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    names = "abcdefghijklmnop"[:levels]
    for before, name in itertools.pairwise(names):
        text += f"{name}: &{name} [{','.join(['*' + before] * 9)}]\n"
    return text


Maker = Callable[[Path], Path]


def text(content: str | bytes, name: str = "record.yaml") -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return make


def fifo(folder: Path) -> Path:
    path = folder / "record.yaml"
    os.mkfifo(path)
    return path


@dataclass(frozen=True)
class Case:
    id: str
    make: Maker
    message: str
    """A regular expression that stderr must match (``FILE`` stands for the record's path)."""
    stdin: bytes | None = None
    out: Callable[[Path], Path] | None = None
    """Where -o points (made by the case), when the case is about -o."""
    validate: bool = True
    """Whether load_record (what validate runs) must refuse it too."""
    process: bool = False
    """Run in a separate, resource-limited process (for what could exhaust this one)."""


def _a_file(folder: Path) -> Path:
    path = folder / "out"
    path.write_text("not a folder\n")
    return path


def _under_a_file(folder: Path) -> Path:
    return _a_file(folder) / "packs"


def _review_id_is_a_file(folder: Path) -> Path:
    out = folder / "out"
    out.mkdir()
    (out / "child-t").write_text("not a folder\n")
    return out


LOCATED = r"FILE:\d+:\d+: "

CASES = [
    # 1. the record reader
    Case(
        f"alias bomb ({len(_bomb(9))} bytes)",
        text(_bomb(9)),
        LOCATED + r"the alias \*[a-j] would make the record repeat more than 10,000 values",
        process=True,
    ),
    Case(
        f"alias bomb ({len(_bomb(10))} bytes, deeper)",
        text(_bomb(10)),
        LOCATED + r"the alias \*[a-k] would make the record repeat more than 10,000 values",
        process=True,
    ),
    Case(
        "flow nesting 500 deep",
        text("review: " + "[" * 500 + "]" * 500 + "\n"),
        r"FILE:1:3[89]: (brackets \[ \] or \{ \} |values )nest more than 30 levels deep here",
        process=True,
    ),
    Case(
        "200,000 brackets (400 kB)",
        text("review: " + "[" * 200_000 + "]" * 200_000 + "\n"),
        r"FILE:1:\d+: (not valid YAML: )?(brackets \[ \] or \{ \} |values )nest (far too|more "
        r"than 30 levels) deep here",
        process=True,
    ),
    Case(
        "block mappings 500 deep",
        text("".join("  " * i + f"k{i}:\n" for i in range(500)) + "  " * 500 + "x\n"),
        r"FILE:30:\d+: values nest more than 30 levels deep here",
        process=True,
    ),
    Case(
        "alias inside its own anchor",
        text("a: &a [*a]\n"),
        r"FILE:1:8: the alias \*a is inside the value &a it names",
        process=True,
    ),
    Case(
        "merge key of its own mapping",
        text("a: &a\n  b: 1\n  <<: *a\n"),
        r"FILE:3:7: the alias \*a is inside the value &a it names",
    ),
    Case(
        "raw NUL byte",
        text(MINIMAL.encode().replace(b"Child T\n", b"Child\x00 T\n", 1)),
        r"FILE:6:33: the character U\+0000 \(NUL, a null byte\) cannot be in a record",
    ),
    Case(
        "raw BEL byte",
        text(MINIMAL.encode().replace(b"Child T\n", b"Child\x07 T\n", 1)),
        r"FILE:6:33: the character U\+0007 \(BEL, a bell\) cannot be in a record",
    ),
    Case(
        "raw ESC byte in JSON",
        text(b'{"review": "a\x1b[31m"}', "record.json"),
        r"FILE:1:14: the character U\+001B \(ESC, an escape\)",
    ),
    Case(
        "a FIFO with no writer",
        fifo,
        r"FILE: is a named pipe \(FIFO\), not a record file",
        process=True,
    ),
    Case(
        "a device",
        lambda folder: Path("/dev/zero"),
        r"/dev/zero: is a device, not a record file",
        process=True,
    ),
    Case(
        "more than 5 MB through a pipe",
        lambda folder: Path("/dev/stdin"),
        r"/dev/stdin: is more than 5 MB; a record may be at most 5 MB",
        stdin=b"# " + b"x" * 5_100_000 + b"\n",
        validate=False,
        process=True,
    ),
    Case(
        "-o is a file",
        text(MINIMAL),
        r"cannot write the pack to \S+/out: it is a file",
        out=_a_file,
        validate=False,
    ),
    Case(
        "-o is under a file",
        text(MINIMAL),
        r"cannot write the pack to \S+/out/packs: \S+/out is a file",
        out=_under_a_file,
        validate=False,
    ),
    Case(
        "-o/<review id> is a file",
        text(MINIMAL),
        r"cannot write the pack to \S+/out/child-t: it is a file",
        out=_review_id_is_a_file,
        validate=False,
    ),
    Case(
        "colon inside a value",
        text(minimal_with("title: Review concerning Child T", "title: Review: Child T")),
        r"FILE:6:16: not valid YAML: a colon and a space are not expected here\. Usual cause: "
        r"a colon inside a value: put the value in quotes",
    ),
    Case(
        "tab indentation",
        text(minimal_with("  kind: lcspr", "\tkind: lcspr")),
        r"FILE:3:1: not valid YAML: a tab character is not allowed here\. Usual cause: "
        r"indenting with the Tab key",
    ),
    Case(
        "quote never closed, at the end",
        text(minimal_with("due: 2025-03", 'due: "2025-03')),
        r"FILE:47:1: not valid YAML: the file ends inside a quoted value \(it opens at "
        r"line 46, column 10\)\. Usual cause: a quote opened and never closed",
    ),
    Case(
        "quote never closed, in the middle",
        text(minimal_with("title: Review concerning Child T", 'title: "Review concerning')),
        r"FILE:18:11: not valid YAML: .* The quoted value "
        r"before it runs on from line 6: is a closing quote missing there\?",
    ),
    Case(
        "backslash in double quotes",
        text(minimal_with("title: Review concerning Child T", r'title: "C:\path\Review"')),
        r"FILE:6:1[34]: not valid YAML: a backslash inside double quotes .* Usual cause: a "
        r"backslash in a double-quoted value",
    ),
    # 2. validate says yes only to what build can build
    Case(
        "unknown easy read picture",
        text(sample_with("picture: hurt", "picture: hurtt")),
        LOCATED + r"easy_read\.why\[0\]\.picture: no picture named 'hurtt'; did you mean 'hurt'\?",
    ),
    Case(
        "control character escaped in prose",
        text(minimal_with("summary: A referral was made.", r'summary: "A referral\a was made."')),
        r"FILE:29:14: episodes\[0\]\.summary: the text holds the control character U\+0007 "
        r"\(BEL, a bell\) \(character 11, after 'A referral'\)",
    ),
    Case(
        "control character in JSON prose",
        text('{"review": {"title": "A\\u0000B"}}', "record.json"),
        r"FILE:1:22: review\.title: the text holds the control character U\+0000",
    ),
    Case(
        "lone surrogate in JSON prose",
        text('{"review": {"title": "A\\ud800B"}}', "record.json"),
        r"FILE:1:2\d: (review\.title: the text holds the control character U\+D800|not valid "
        r"YAML: this \\u escape names no character)",
    ),
    # 3. links only where the record says "this is a link"
    Case(
        "email that writes a Markdown link",
        text(
            sample_with(
                "email: press@westmere-scp.example.org",
                'email: "x>)[phish](https://evil.example/login)(<y"',
            )
        ),
        LOCATED + r"comms\.contact\.email: 'x>\)\[phish\]\(https://evil\.example/login\)\(<y' "
        r"is not an email address",
    ),
    Case(
        "phone that writes a Markdown link",
        text(sample_with("phone: 01632 960481", 'phone: "0 [x](https://evil.example)"')),
        LOCATED + r"comms\.contact\.phone: '0 \[x\]\(https://evil\.example\)' is not a phone "
        r"number",
    ),
    Case(
        "email that adds a heading",
        text(
            sample_with(
                "email: press@westmere-scp.example.org",
                'email: "press@westmere-scp.example.org\\n\\n# Heading"',
            )
        ),
        LOCATED + r"comms\.contact\.email: 'press@westmere-scp\.example\.org↵↵# Heading' is "
        r"not an email address",
    ),
    Case(
        "phone with too few digits",
        text(sample_with("phone: 01632 960481", "phone: '0163'")),
        LOCATED + r"comms\.contact\.phone: '0163' is not a phone number: .*too few or too many",
    ),
]

# 7. names that travel: every name Windows keeps for a device, in any case
CASES += [
    Case(
        f"Windows device name {name}",
        text(minimal_with("id: child-t", f"id: {name}")),
        rf"FILE:2:7: review\.id: '{name}' cannot be used: Windows keeps the name "
        rf"{name.upper()} for a device",
    )
    for name in ("con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9")
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_record_exits_2_with_a_message_and_writes_nothing(
    tmp_path: Path, case: Case
) -> None:
    record = case.make(tmp_path)
    out = case.out(tmp_path) if case.out else tmp_path / "pack"
    before = sorted(tmp_path.rglob("*"))
    arguments = ["build", str(record), "-o", str(out)]
    if case.process:
        result = subprocess.run(
            [sys.executable, "-m", "summarygen", *arguments],
            input=case.stdin if case.stdin is not None else b"",
            capture_output=True,
            timeout=120,
            preexec_fn=_limits,
        )
        code, stderr = result.returncode, result.stderr.decode("utf-8", "replace")
        stdout = result.stdout.decode("utf-8", "replace")
    else:
        ran = CliRunner().invoke(app, arguments)
        assert ran.exception is None or isinstance(ran.exception, SystemExit), ran.exception
        code, stderr, stdout = ran.exit_code, ran.stderr, ran.stdout
    assert code == 2, stderr[-2000:]
    assert "Traceback" not in stderr + stdout
    assert re.search(case.message.replace("FILE", re.escape(str(record))), stderr), stderr
    assert sorted(tmp_path.rglob("*")) == before, "something was written"
    if case.validate:
        with pytest.raises(RecordError) as caught:
            load_record(record)
        problems = "\n".join(str(problem) for problem in caught.value.problems)
        assert re.search(case.message.replace("FILE", re.escape(str(record))), problems)


def test_cases_cover_every_part_of_the_issue() -> None:
    assert len(CASES) >= 30


def test_real_records_and_a_sparing_alias_still_load(write) -> None:  # type: ignore[no-untyped-def]
    """The bounds leave room for every real record: the samples, and an alias used once."""
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        load_record(sample)
    shared = minimal_with("to: The partnership", "to: &owner The partnership").replace(
        "lead: Head of Service", "lead: *owner"
    )
    assert load_record(write(shared)).actions[0].lead == "The partnership"
