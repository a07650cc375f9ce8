"""The protected register means what it says (issue 10, section 4): a plain-text line is read
by its shape and protects a name as fully as the YAML form; a surname counts on its own by
default; a surname that is a common word counts where written as a name; no allowance in the
record cancels an entry, and a record that allows a protected entry is refused (exit 2).
Every name is invented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarygen import Record, build_pack
from summarygen.errors import RecordError
from summarygen.identity.detect import Allowed, find_identifiers
from summarygen.identity.gate import register_conflicts
from summarygen.identity.parts import TextPart
from summarygen.identity.register import ProtectedEntry, load_register
from summarygen.record.yaml_source import parse

from ..conftest import SAMPLES
from .test_detect import assert_masked

CHILD_M = next(sample for sample in SAMPLES if sample.stem == "child-m")


def entries(tmp_path: Path, text: str, name: str = "protected.txt") -> list[ProtectedEntry]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_register(path)


NOTHING_ALLOWED = Allowed()


def register_hits(
    text: str, register: list[ProtectedEntry], allowed: Allowed = NOTHING_ALLOWED
) -> list[str]:
    findings = find_identifiers([TextPart("f.txt", "page 1", text)], register, allowed)
    assert_masked(findings, [e.value for e in register])
    return [f.message for f in findings if f.check == "identity.register"]


# --- A plain-text line is read by its shape -----------------------------------------------

SHAPES = [
    ("Samantha Whitfield", "name"),
    ("Mrs Samantha Jane Whitfield", "name"),
    ("Zebulon Quartermaine-Pell", "name"),
    ("Whitfield", "name"),
    ("Orchard Way", "place"),
    ("14 Larch Avenue", "place"),
    ("Flat 3, 22 Orchard Way", "place"),
    ("Stoke Abbas-on-Wend", "other"),
    ("Fennimore Bright Academy", "school"),
    ("St Aldwyth's C of E Primary School", "school"),
    ("Little Acorns Nursery", "school"),
    ("14 March 2012", "date"),
    ("2012-03-14", "date"),
    ("SW1A 1AA", "other"),
    ("07700 900123", "other"),
    ("943 476 5919", "other"),
    ("the blue house by the canal", "other"),
    ("Name: Orchard Way", "name"),
]


@pytest.mark.parametrize(("line", "category"), SHAPES)
def test_a_plain_text_line_is_read_by_its_shape(tmp_path: Path, line: str, category: str) -> None:
    (entry,) = entries(tmp_path, line + "\n")
    assert entry.category == category
    assert entry.read_as  # how it was understood, for `summarygen register`


NAME_FORMS = [
    "Samantha Whitfield was seen.",
    "S. Whitfield was seen.",
    "S Whitfield was seen.",
    "Whitfield, Samantha was seen.",
    "Mail samantha.whitfield@example.org today.",
    "Ms Whitfield was seen.",
    "The Whitfield family moved.",
    "Whitfield's mother rang.",
    "SAMANTHA WHITFIELD",
]


@pytest.mark.parametrize("text", NAME_FORMS)
@pytest.mark.parametrize("form", ["plain", "yaml string", "yaml mapping"])
def test_a_name_protects_every_form_in_either_register_form(
    tmp_path: Path, text: str, form: str
) -> None:
    registers = {
        "plain": ("protected.txt", "Samantha Whitfield\n"),
        "yaml string": ("protected.yaml", "names: [Samantha Whitfield]\n"),
        "yaml mapping": ("protected.yaml", "names:\n  - {name: Samantha Whitfield}\n"),
    }
    name, content = registers[form]
    assert register_hits(text, entries(tmp_path, content, name)), (form, text)


def test_alone_none_turns_the_surname_alone_off(tmp_path: Path) -> None:
    register = entries(
        tmp_path, "names:\n  - {name: Samantha Whitfield, alone: []}\n", "protected.yaml"
    )
    assert register[0].alone == ()
    assert register_hits("The Whitfield family moved.", register) == []
    assert register_hits("Samantha Whitfield moved.", register)


# --- A surname that is also a common word -------------------------------------------------

GREEN = ProtectedEntry("name", "Jolene Green", 1, ("surname",))


@pytest.mark.parametrize(
    "text",
    ["Staff told Green about the plan.", "The Greens moved in May.", "Mrs Green was told."],
)
def test_a_common_word_surname_counts_where_written_as_a_name(text: str) -> None:
    messages = register_hits(text, [GREEN])
    assert messages, text
    if not text.startswith("Mrs"):
        assert "a common word" in messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "The green door was open.",
        "They walked on the village green.",
        "green",
        "Green spaces were planned.",  # a sentence's start: any word is capitalised there
        "Status: Red (off track), Amber (some delay), Green (on track).",
        "G: on track",
        "Green: on track (80%)",
        "They lived off Green Lane.",
    ],
)
def test_a_common_word_surname_in_lower_case_is_not_the_name(text: str) -> None:
    assert register_hits(text, [GREEN]) == []


# --- No allowance cancels an entry --------------------------------------------------------

ZEBULON = ProtectedEntry("name", "Zebulon Quartermaine", 1, ("surname",))


@pytest.mark.parametrize(
    "allowed",
    [
        Allowed(names=("Zebulon Quartermaine",)),
        Allowed(names=("Dr Zebulon Quartermaine",)),
        Allowed(pseudonyms=("Zebulon Quartermaine",)),
        Allowed(pseudonyms=("Mr Quartermaine",)),
        Allowed(waived=("Zebulon Quartermaine",)),
        Allowed(organisations=("Quartermaine House",)),
    ],
)
def test_no_allowance_cancels_a_register_entry(allowed: Allowed) -> None:
    for text in ("Zebulon Quartermaine wrote it.", "Dr Quartermaine wrote it.", "Mr Quartermaine"):
        assert register_hits(text, [ZEBULON], allowed), (allowed, text)


def sample_with(path: tuple[str | int, ...], value: str) -> Record:
    data = parse(CHILD_M.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    holder = data
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return Record.model_validate(data)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("review", "reviewers", 0, "name"), "Dr Zebulon Quartermaine", "review.reviewers[0].name"),
        (("review", "chair", "name"), "Zebulon Quartermaine", "review.chair.name"),
        (("subjects", 0, "pseudonym"), "Quartermaine", "subjects[0].pseudonym"),
        (("family", 0, "role"), "Mr Quartermaine", "family[0].role"),
    ],
)
def test_a_record_that_allows_a_protected_entry_is_refused(
    path: tuple[str | int, ...], value: str, field: str, tmp_path: Path
) -> None:
    record = sample_with(path, value)
    problems = register_conflicts(record, [ZEBULON])
    assert [p.field for p in problems] == [field]
    assert "Quartermaine" not in str(problems[0]) and "Zebulon" not in str(problems[0])
    assert "Name #1, Z…e" in problems[0].message
    with pytest.raises(RecordError):
        build_pack(record, tmp_path, register=[ZEBULON], formats=["html"])
    assert not any(tmp_path.iterdir())


def test_the_build_command_exits_2_naming_the_field(tmp_path: Path) -> None:
    text = CHILD_M.read_text(encoding="utf-8")
    data = parse(text).data
    assert isinstance(data, dict)
    chair = data["review"]["chair"]["name"]
    record = tmp_path / "record.yaml"
    record.write_text(text.replace(chair, "Zebulon Quartermaine"), encoding="utf-8")
    protected = tmp_path / "protected.txt"
    protected.write_text("Zebulon Quartermaine\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarygen",
            "build",
            str(record),
            "-o",
            str(tmp_path / "out"),
            "--formats",
            "html",
            "--protected",
            str(protected),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "review.chair.name" in result.stderr
    assert "Quartermaine" not in result.stderr + result.stdout


# --- summarygen register FILE ---------------------------------------------------------------


def test_the_register_command_says_how_each_entry_was_read_masked(tmp_path: Path) -> None:
    protected = tmp_path / "protected.txt"
    protected.write_text(
        "Samantha Whitfield\nOrchard Way\nFennimore Bright Academy\n14 March 2012\nSW1A 1AA\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "register", str(protected)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for secret in ("Samantha", "Whitfield", "Orchard", "Fennimore", "March", "SW1A"):
        assert secret not in out, secret
    for said in ("name #1, S…d", "place #1, O…y", "school #1, F…y", "date #1, 2…4", "other #1"):
        assert said in out, said
    assert "surname on its own" in out
    assert "line 1" in out


def test_the_register_command_exits_2_on_a_bad_register(tmp_path: Path) -> None:
    protected = tmp_path / "protected.yaml"
    protected.write_text("names: {oops\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "register", str(protected)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
