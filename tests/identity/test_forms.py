"""Identifiers in the forms word processors, PDF layout and careless typing give them (issue
10, sections 1 and 2): split by a line break, two spaces, a non-breaking or thin space, a tab
or a dash of any kind; with invisible code points, look-alike letters from other scripts or
formatting marks inside; hyphenated at a line end. Each row is one form; every pattern detector
and every kind of register entry is tried. Phone numbers are from Ofcom's drama ranges, every
name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarygen.identity.detect import Allowed, find_identifiers
from summarygen.identity.extract import extract_parts
from summarygen.identity.parts import TextPart
from summarygen.identity.register import ProtectedEntry

from .test_detect import assert_masked

FIELD_CASES = Path(__file__).resolve().parents[3] / "shared" / "field-cases"
"""The project's shared folder lies beside the repository, here and in CI."""

# Every separator that may stand between two parts of an identifier.
SEPARATORS = {
    "two spaces": "  ",
    "a line break": "\n",
    "a space and a Windows line break": " \r\n",
    "a tab": "\t",
    "a non-breaking space": "\u00a0",
    "a thin space": "\u2009",
    "a narrow non-breaking space": "\u202f",
    "a figure space": "\u2007",
}
DASHES = {
    "a hyphen": "-",
    "a non-breaking hyphen": "\u2011",
    "a figure dash": "\u2012",
    "an en dash": "\u2013",
    "an em dash": "\u2014",
    "a minus sign": "\u2212",
}


def found(text: str, register: list[ProtectedEntry] | None = None) -> list[str]:
    findings = find_identifiers([TextPart("f.txt", "page 1", text)], register or [], Allowed())
    return [f.check for f in findings if f.severity == "error"]


# --- 1. Separators and line breaks --------------------------------------------------------

PATTERN_FORMS: list[tuple[str, str, str]] = []
"""(check, a sentence with {} where the separator goes, the separator's description)"""
for name, sep in SEPARATORS.items():
    PATTERN_FORMS += [
        ("identity.postcode", f"The family lived at SW1A{sep}1AA for a year.", name),
        ("identity.phone", f"Her mobile was 07700{sep}900123 then.", name),
        ("identity.phone", f"The surgery is on 0161{sep}496{sep}0000.", name),
        ("identity.nhs-number", f"Her NHS number, 943 476{sep}5919, was on the letter.", name),
        ("identity.nhs-number", f"Her NHS number, 943{sep}476{sep}5919, was on it.", name),
        ("identity.ni-number", f"His NI number was AB 12 34{sep}56 C in the file.", name),
        ("identity.full-date", f"She was born on 14{sep}March 2012 in the town.", name),
        ("identity.full-date", f"She was born on 14 March{sep}2012 in the town.", name),
        ("identity.full-date", f"She was born on March{sep}14, 2012 in the town.", name),
    ]
for name, dash in DASHES.items():
    PATTERN_FORMS += [
        ("identity.phone", f"She rang 07700{dash}900{dash}456 twice.", name),
        ("identity.nhs-number", f"The record shows 943{dash}476{dash}5919.", name),
        ("identity.full-date", f"She was born 14{dash}03{dash}2012 in the town.", name),
        ("identity.full-date", f"She was born 14{dash}Mar{dash}2012 in the town.", name),
    ]

for name, dash in DASHES.items():  # a line broken after the dash, as a PDF breaks it
    PATTERN_FORMS += [
        ("identity.nhs-number", f"The record shows 943{dash}\n476{dash}\r\n5919.", name),
        ("identity.full-date", f"She was born 14{dash}\r\n03{dash}2012 in the town.", name),
        ("identity.full-date", f"Born on 2012{dash}03{dash}\n14 in the town.", name),
        ("identity.full-date", f"d.o.b. 14{dash}Mar{dash}\n2012 in the town.", name),
        ("identity.full-date", f"d.o.b. 14\r\n{dash}03{dash}2012 in the town.", name),
        ("identity.nhs-number", f"The record shows 943\n{dash}476{dash}5919.", name),
    ]
for name, dash in DASHES.items():  # found by an attacker: a postcode split by a dash
    PATTERN_FORMS += [
        ("identity.postcode", f"The family lived at SW1A{dash}1AA for a year.", name),
        ("identity.postcode", f"The family lived at b1 {dash} 1aa for a year.", name),
    ]
for name, mark in {"a full stop": ".", "a slash": "/", "an underscore": "_"}.items():
    PATTERN_FORMS += [
        ("identity.postcode", f"The family lived at SW1A{mark}1AA for a year.", name),
        ("identity.nhs-number", f"The record shows 943{mark}476{mark}5919.", name),
    ]
PATTERN_FORMS += [
    ("identity.full-date", "She was born 14/\n03/2012 in the town.", "a slash at a line end"),
    ("identity.full-date", "She was born 14.03.\n2012 in the town.", "a stop at a line end"),
]


@pytest.mark.parametrize(("check", "text", "separator"), PATTERN_FORMS)
def test_a_pattern_identifier_split_by_any_separator_is_found(
    check: str, text: str, separator: str
) -> None:
    assert check in found(text), (separator, text)


REGISTER = [
    ProtectedEntry("name", "Zebulon Quartermaine", 1, ("surname",)),
    ProtectedEntry("place", "Orchard Way", 1),
    ProtectedEntry("school", "Fennimore Bright Academy", 1),
    ProtectedEntry("other", "AB12 CDE", 1),
]
REGISTER_FORMS: list[tuple[str, str]] = []
for name, sep in SEPARATORS.items():
    REGISTER_FORMS += [
        (f"It was Zebulon{sep}Quartermaine who rang.", name),
        (f"They lived on Orchard{sep}Way then.", name),
        (f"He went to Fennimore{sep}Bright{sep}Academy until May.", name),
        (f"The car was AB12{sep}CDE that day.", name),
    ]
for name, dash in DASHES.items():
    REGISTER_FORMS += [
        (f"He went to Fennimore\r\n{dash}Bright Academy until May.", f"a line break, {name}"),
        (f"He went to Fennimore{dash}\nBright Academy until May.", f"{name}, a line break"),
        (f"He went to Fennimore{dash}Bright Academy until May.", name),
        (f"The car was AB12{dash}CDE that day.", name),
    ]


@pytest.mark.parametrize(("text", "separator"), REGISTER_FORMS)
def test_a_register_entry_split_by_any_separator_is_found(text: str, separator: str) -> None:
    assert "identity.register" in found(text, REGISTER), (separator, text)


NEAR_MISSES = [
    # two numbers on two lines are not one number
    "The meeting was on 14\nMarch was mentioned later.",
    "There were 943 referrals\n476 of them in 2019.",
    "Page 12\n\n34 pupils were in the class.",
    "Call 999\n111 is for advice.",
    "The ledger showed 943 4765 919.",
    "Between 2019\u20132021 there were 3 referrals.",
    "Paragraphs 3\u20134 and 12\u201314 say so.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_numbers_that_are_not_identifiers_still_pass(text: str) -> None:
    assert found(text) == [], text


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("09-pdf-postcode-wrapped.pdf", "identity.postcode"),
        ("18-postcode-double-space.txt", "identity.postcode"),
        ("19-postcode-line-break.txt", "identity.postcode"),
        ("20-nhs-number-line-break.txt", "identity.nhs-number"),
    ],
)
def test_field_cases_of_split_identifiers(name: str, check: str) -> None:
    path = FIELD_CASES / name
    if not path.exists():
        pytest.skip("field cases are not on this machine")
    findings = find_identifiers(extract_parts(path), [], Allowed())
    assert check in [f.check for f in findings]


# --- 2. Characters that hide a name -------------------------------------------------------

ZEBULON = ProtectedEntry("name", "Zebulon Quartermaine", 1, ("surname",))
SAMANTHA = ProtectedEntry("name", "Samantha Whitfield", 2)
HIDDEN = {
    "zero-width joiner": "\u200d",
    "zero-width non-joiner": "\u200c",
    "combining grapheme joiner": "\u034f",
    "invisible separator": "\u2063",
    "variation selector 16": "\ufe0f",
    "variation selector 1": "\ufe00",
    "Mongolian vowel separator": "\u180e",
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "left-to-right mark": "\u200e",
    "byte order mark": "\ufeff",
    "tag space": "\U000e0020",
}
HIDDEN_FORMS = [
    (f"The notes say Zeb{mark}ulon Quarter{mark}maine was there.", name)
    for name, mark in HIDDEN.items()
] + [(f"The notes say Sa{mark}mantha Whitfield was there.", name) for name, mark in HIDDEN.items()]


@pytest.mark.parametrize(("text", "mark"), HIDDEN_FORMS)
def test_invisible_code_points_inside_a_name_hide_nothing(text: str, mark: str) -> None:
    assert "identity.register" in found(text, [ZEBULON, SAMANTHA]), mark


LOOK_ALIKES = [
    ("Ѕamantha Whitfield", "Cyrillic capital dze for S"),
    ("Samаntha Whitfield", "Cyrillic a"),
    ("Samantha Whіtfield", "Cyrillic i"),
    ("Samantha Whitfıeld", "Latin dotless i"),
    ("Ζebulon Quartermaine", "Greek capital zeta"),
    ("Zebulοn Quartermaine", "Greek omicron"),
    ("Zebulon Quartermaine".replace("a", "\u0430"), "every a Cyrillic"),
    ("Quartermaіne", "the surname alone, with a Cyrillic i"),
    ("ＺＥＢＵＬＯＮ QUARTERMAINE", "full-width letters"),
    ("𝐙𝐞𝐛𝐮𝐥𝐨𝐧 Quartermaine", "mathematical bold letters"),
]


@pytest.mark.parametrize(("name", "how"), LOOK_ALIKES)
def test_look_alike_letters_are_folded_and_said(name: str, how: str) -> None:
    findings = find_identifiers(
        [TextPart("f.txt", "page 1", f"The notes say {name} was there.")],
        [ZEBULON, SAMANTHA],
        Allowed(),
    )
    hits = [f for f in findings if f.check == "identity.register"]
    assert hits, how
    if how not in ("full-width letters", "mathematical bold letters"):
        assert "written with look-alike letters" in hits[0].message, hits[0].message
    assert_masked(findings, ["Zebulon", "Samantha", "Whitfield", "Quartermaine", name])


def test_a_plain_name_is_not_said_to_use_look_alike_letters() -> None:
    findings = find_identifiers(
        [TextPart("f.txt", "page 1", "Samantha Whitfield was there.")], [SAMANTHA], Allowed()
    )
    assert "look-alike" not in findings[0].message


FORMATTING = [
    "Sam**antha** Whitfield came.",
    "**Sam**antha Whitfield came.",
    "Sam_antha Whitfield came.",
    "Sam__antha__ Whitfield came.",
    "Sam*antha* Whit*field* came.",
    "Samantha `Whitfield` came.",
    "Sam~~antha~~ Whitfield came.",
    "Samantha Whit-\nfield came.",
    "Samantha Whit\ufffe\r\nfield came.",
    "Samantha Whit\ufffefield came.",
    "Samantha Whit\u00ad\nfield came.",
    "Samantha Whit\u2010\nfield came.",
    # a hyphen typed inside a name, not at a line end (found by an attacker)
    "Samantha Whit-field came.",
    "Samantha Whit\u2010field came.",
    "Sam\u2011antha Whitfield came.",
]


@pytest.mark.parametrize("text", FORMATTING)
def test_formatting_marks_and_line_end_hyphens_inside_a_name_hide_nothing(text: str) -> None:
    assert "identity.register" in found(text, [SAMANTHA]), text


def test_a_snake_case_file_name_still_counts_as_the_name() -> None:
    assert "identity.register" in found("See samantha_whitfield_notes.docx", [SAMANTHA])
