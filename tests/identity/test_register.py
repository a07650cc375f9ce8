"""The protected register: both forms, numbering, masking, and errors located by line and
field without ever repeating an entry. Every name here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen import _files as files_module
from summarygen.errors import Problem, RecordError
from summarygen.identity.register import (
    ProtectedEntry,
    category_of,
    load_register,
    mask,
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(RecordError) as caught:
        load_register(path)
    return caught.value.problems


def assert_never_repeated(error_problems: list[Problem], *secrets: str) -> None:
    for problem in error_problems:
        for secret in secrets:
            assert secret.lower() not in str(problem).lower(), problem


# --- Masking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("Zebulon Quartermaine", "Z…e"),
        ("2012-03-14", "2…4"),
        ("  Orla\n Fennimore-Bright ", "O…t"),
        ("Abi", "A…i"),
        ("Al", "…"),
        ("Q", "…"),
    ],
)
def test_mask_shows_first_and_last_letters_only(value: str, masked: str) -> None:
    assert mask(value) == masked


def test_an_entry_is_named_by_category_number_and_masked_form() -> None:
    entry = ProtectedEntry("name", "Zebulon Quartermaine", 3, ("surname",))
    assert entry.masked == "name #3, Z…e"
    assert str(entry) == "name #3, Z…e"
    assert "Quartermaine" not in repr(entry)
    assert "Zebulon" not in repr(entry)
    assert ProtectedEntry("date", "2012-03-14", 1).masked == "date #1, 2…4"


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Name", "name"),
        ("NAMES", "name"),
        ("places", "place"),
        ("School", "school"),
        ("schools", "school"),
        ("Dates", "date"),
        ("other", "other"),
        ("others", "other"),
        ("Nickname", None),
        ("Ref", None),
    ],
)
def test_category_labels(label: str, category: str | None) -> None:
    assert category_of(label) == category


# --- Plain text -------------------------------------------------------------------------------

PLAIN = """\
# Protected register for Child Q. Never publish this file.

Zebulon Quartermaine
Name: Orla Fennimore-Bright
names: Ignatius Pellow
14 March 2012
School: Quillon Park Primary School
PLACES: Larkspur Close
Flat 7, Harrowgate Mews
Ref: QX-4471
07700 900987
"""


def test_plain_text_register(tmp_path: Path) -> None:
    entries = load_register(write(tmp_path, "protected.txt", PLAIN))
    # issue 10: a line is read by its shape (a name, a place, a school, a date, a code), and
    # a person's surname counts on its own by default
    assert [(e.category, e.value, e.number, e.alone) for e in entries] == [
        ("name", "Zebulon Quartermaine", 1, ("surname",)),
        ("name", "Orla Fennimore-Bright", 2, ("surname",)),
        ("name", "Ignatius Pellow", 3, ("surname",)),
        ("date", "2012-03-14", 1, ()),
        ("school", "Quillon Park Primary School", 1, ()),
        ("place", "Larkspur Close", 1, ()),
        ("place", "Flat 7, Harrowgate Mews", 2, ()),
        ("other", "Ref: QX-4471", 1, ()),
        ("other", "07700 900987", 2, ()),
    ]
    assert [e.line for e in entries] == [3, 4, 5, 6, 7, 8, 9, 10, 11]


@pytest.mark.parametrize(
    "written",
    [
        "14 March 2012",
        "14th March 2012",
        "March 14, 2012",
        "14/03/2012",
        "14.03.12",
        "2012-03-14",
        "14-Mar-2012",
        "Date: 14 Mar 2012",
        "Wednesday 14 March 2012",
    ],
)
def test_plain_text_dates_in_any_common_form(tmp_path: Path, written: str) -> None:
    (entry,) = load_register(write(tmp_path, "protected.txt", written + "\n"))
    assert (entry.category, entry.value) == ("date", "2012-03-14")


def test_a_bom_and_windows_line_endings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "protected.txt"
    path.write_bytes("\ufeffName: Zoë Pellingham\r\nPlace: Larkspur Close\r\n".encode())
    entries = load_register(path)
    assert [(e.category, e.value) for e in entries] == [
        ("name", "Zoë Pellingham"),
        ("place", "Larkspur Close"),
    ]


def test_plain_text_errors_give_the_line_and_never_the_entry(tmp_path: Path) -> None:
    text = """\
# comment
Zebulon Quartermaine
Date: 31 February 2012
Date: April 2013
Name:
X
Date: the day after Ignatius Pellow's party
"""
    found = problems(write(tmp_path, "protected.txt", text))
    assert [(p.line, p.field) for p in found] == [
        (3, "date"),
        (4, "date"),
        (5, "name"),
        (6, "other"),
        (7, "date"),
    ]
    assert "date #1 is not a date" in found[0].message
    assert "only a month and year" in found[1].message
    assert "nothing after 'Name:'" in found[2].message
    assert "too short" in found[3].message
    assert all(p.file.endswith("protected.txt") for p in found)
    assert_never_repeated(
        found, "31 February 2012", "April 2013", "Ignatius Pellow", "Zebulon", "day after"
    )


def test_a_month_and_year_alone_is_not_a_register_date(tmp_path: Path) -> None:
    (problem,) = problems(write(tmp_path, "protected.txt", "March 2012\n"))
    assert problem.line == 1
    assert "only a month and year, which may be published" in problem.message


# --- YAML -------------------------------------------------------------------------------------

YAML = """\
# Protected register for Child Q.
names:
  - Zebulon Quartermaine
  - {name: Orla Fennimore-Bright, alone: [surname]}
  - name: Ignatius Tobiah Pellow
    alone: [first, middle, surname]
  - name: Zoë Pellingham
    alone: surname
places:
  - Larkspur Close
  - Stoke Abbas-on-Wend
schools:
  - St Aldwyth's C of E Primary School
dates:
  - 2012-03-14
  - 14/03/2012
  - 7 June 2015
  - June 9, 2016
other:
  - "07700 900987"
  - 01234567
  - no
"""


def test_yaml_register(tmp_path: Path) -> None:
    entries = load_register(write(tmp_path, "protected.yaml", YAML))
    assert [(e.category, e.value, e.number, e.alone) for e in entries] == [
        ("name", "Zebulon Quartermaine", 1, ("surname",)),  # the surname counts by default
        ("name", "Orla Fennimore-Bright", 2, ("surname",)),
        ("name", "Ignatius Tobiah Pellow", 3, ("first", "middle", "surname")),
        ("name", "Zoë Pellingham", 4, ("surname",)),
        ("place", "Larkspur Close", 1, ()),
        ("place", "Stoke Abbas-on-Wend", 2, ()),
        ("school", "St Aldwyth's C of E Primary School", 1, ()),
        ("date", "2012-03-14", 1, ()),
        ("date", "2012-03-14", 2, ()),
        ("date", "2015-06-07", 3, ()),
        ("date", "2016-06-09", 4, ()),
        # YAML would read 01234567 as an octal number and "no" as false: kept as written
        ("other", "07700 900987", 1, ()),
        ("other", "01234567", 2, ()),
        ("other", "no", 3, ()),
    ]


def test_yaml_alone_accepts_the_usual_words(tmp_path: Path) -> None:
    text = "names:\n  - {name: Orla Fennimore-Bright, alone: [last name, Forename]}\n"
    (entry,) = load_register(write(tmp_path, "protected.yml", text))
    assert entry.alone == ("surname", "first")


def test_json_is_read_as_yaml(tmp_path: Path) -> None:
    text = '{"names": [{"name": "Zebulon Quartermaine", "alone": ["surname"]}]}'
    (entry,) = load_register(write(tmp_path, "protected.json", text))
    assert (entry.value, entry.alone) == ("Zebulon Quartermaine", ("surname",))


def test_an_empty_register_is_empty(tmp_path: Path) -> None:
    assert load_register(write(tmp_path, "protected.yaml", "# nothing yet\n")) == []
    assert load_register(write(tmp_path, "protected.yaml", "names:\nplaces: []\n")) == []
    assert load_register(write(tmp_path, "protected.txt", "\n# nothing\n\n")) == []


def test_a_category_given_twice_is_merged(tmp_path: Path) -> None:
    text = "names: [Zebulon Quartermaine]\nplaces: [Larkspur Close]\nname: [Ignatius Pellow]\n"
    entries = load_register(write(tmp_path, "protected.yaml", text))
    assert [(e.category, e.number) for e in entries] == [("name", 1), ("place", 1), ("name", 2)]


YAML_ERRORS = """\
names:
  - Zebulon Quartermaine
  - {name: Orla Fennimore-Bright, alone: [nickname]}
  - {alone: [surname]}
  - {name: Ignatius Pellow, nick: Iggy Pellow}
  - [Tamsin, Rook]
relatives:
  - Hesper Quartermaine
dates:
  - 2012-02-30
  - April 2013
  - the Tuesday Zebulon left
places: Larkspur Close
schools:
  - {name: Quillon Park Primary School}
other:
  -
  - "Q"
"""


def test_yaml_errors_give_line_and_field_and_never_the_entry(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "protected.yaml", YAML_ERRORS))
    located = [(p.line, p.field) for p in found]
    assert located == [
        (3, "names[1].alone"),
        (4, "names[2]"),
        (5, "names[3]"),
        (6, "names[4]"),
        (7, ""),
        (10, "dates[0]"),
        (11, "dates[1]"),
        (12, "dates[2]"),
        (13, "places"),
        (15, "schools[0]"),
        (17, "other[0]"),
        (18, "other[1]"),
    ]
    messages = [p.message for p in found]
    assert "is not a part of a name: use first, middle or surname" in messages[0]
    assert "has no 'name'" in messages[1]
    assert "only 'name' and 'alone'" in messages[2]
    assert "not a list" in messages[3]
    assert "is not a category" in messages[4]
    assert "date #1 is not a date" in messages[5]
    assert "only a month and year" in messages[6]
    assert "give a list" in messages[8]
    assert "only a name may be a mapping" in messages[9]
    assert "empty entry" in messages[10]
    assert "too short" in messages[11]
    assert_never_repeated(
        found,
        "Zebulon",
        "Fennimore",
        "Hesper",
        "Ignatius",
        "Iggy",
        "Tamsin",
        "nickname",
        "relatives",
        "2012-02-30",
        "April 2013",
        "Tuesday",
        "Larkspur",
        "Quillon",
    )


def test_a_register_that_is_not_a_mapping(tmp_path: Path) -> None:
    (problem,) = problems(write(tmp_path, "protected.yaml", "- Zebulon Quartermaine\n"))
    assert (problem.line, problem.column) == (1, 1)
    assert "names:, places:" in problem.message
    assert_never_repeated([problem], "Zebulon")


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    text = "names:\n  - Zebulon Quartermaine\n  - 'Orla Fennimore-Bright\n"
    (problem,) = problems(write(tmp_path, "protected.yaml", text))
    assert problem.line is not None and problem.line >= 3
    assert problem.message.startswith("not valid YAML")
    assert_never_repeated([problem], "Zebulon", "Fennimore")


# --- The file ---------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path / "nowhere.txt")
    assert problem.message == "no such file"


def test_a_folder_is_not_a_register(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path)
    assert "is a folder" in problem.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "protected.txt"
    path.write_bytes("Name: Zoë Pellingham\n".encode("latin-1"))
    (problem,) = problems(path)
    assert "is not UTF-8" in problem.message
    assert_never_repeated([problem], "Pellingham")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files_module, "MAX_BYTES", 100)
    path = write(tmp_path, "protected.txt", "Name: Zebulon Quartermaine\n" * 10)
    (problem,) = problems(path)
    assert "a protected register may be at most" in problem.message


def test_the_size_limit_is_the_records() -> None:
    assert files_module.MAX_BYTES == 5_000_000


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("names:\n  - Zebulon\x00 Quartermaine\n", 2, "U+0000"),
        ("names:\n  - Zebulon\x07\n", 2, "U+0007"),
        ("names: " + "[" * 500 + "]" * 500 + "\n", 1, "nest more than"),
        ("a: &a [*a]\n", 1, "inside the value"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n"
                for i in range(8)
            ),
            4,
            "repeat more than",
        ),
    ],
)
def test_a_hostile_register_is_a_located_problem(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    """The register is read with the record's bounded YAML reader: a NUL byte, deep
    nesting or an alias bomb is a problem with its line, never a traceback or a hang."""
    register = tmp_path / "protected.yaml"
    register.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_register(register)
    (problem,) = caught.value.problems
    assert problem.line == line
    assert says in problem.message
    assert "Zebulon" not in str(caught.value)


def test_a_mistyped_label_is_a_problem_not_an_other_entry(tmp_path: Path) -> None:
    """'Nmae: Samuel Redfield' was read as 'other', looked for only as written, and the
    name was not protected (found by a new user). An unknown label is a problem, named;
    an entry that truly holds a colon is written after 'other:'."""
    text = "Nmae: Samuel Redfield\nother: Ref: 12345\nPlace: Orchard Way\n"
    found = problems(write(tmp_path, "protected.txt", text))
    assert [(p.line, p.field) for p in found] == [(1, "")]
    assert "'Nmae:' is not a category: did you mean 'name:'?" in found[0].message
    assert "Redfield" not in found[0].message
