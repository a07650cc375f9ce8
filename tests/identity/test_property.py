"""Property-based: every form of issue 10's sections 1, 2 and 4 is blocked wherever it is
planted, and the clean samples stay clean.

How the cases are counted (issue 10, "Done means": at least 1,000 cases):

- ``test_every_planted_form_is_blocked_in_text``: 250 generated examples, each planting 5
  forms (so 1,250 cases) into one text, one sentence each with a marker word beside it
  ("zq3x"). Detection runs over the text part as the gate gives it; each planted sentence must
  carry an error-level identity finding (the marker is in the finding's quoted sentence).
- ``test_planted_forms_are_blocked_in_docx_pdf_and_html``: the full round trip: 17
  examples, each planting 20 forms into the sample record, writing the children's version as
  DOCX, tagged PDF (Typst) and HTML, and reading each back with the gate's extractors (1,020
  cases). Forms that only a PDF reader produces (PDFium's U+FFFE) or
  that a record cannot hold are planted in the text test only.
- ``test_the_clean_samples_raise_nothing_with_this_register``: both samples, every document
  and format, with the same register: no error and no register finding.

Every name, place and number is invented; phone numbers are from Ofcom's drama ranges.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarygen import Record, build_pack, compose, load_record
from summarygen._templates import TemplateFolder
from summarygen.findings import Finding, Severity
from summarygen.identity.detect import find_identifiers
from summarygen.identity.extract import extract_parts
from summarygen.identity.gate import allowed_by
from summarygen.identity.parts import TextPart
from summarygen.identity.register import ProtectedEntry
from summarygen.pack import IdentityBlocked, file_name
from summarygen.record.yaml_source import parse
from summarygen.writers import writer_for

from ..conftest import SAMPLES

REGISTER = [
    ProtectedEntry("name", "Samantha Whitfield", 1, ("surname",)),
    ProtectedEntry("name", "Zebulon Quartermaine", 2, ("surname",)),
    ProtectedEntry("place", "Orchard Way", 1),
    ProtectedEntry("school", "Fennimore Bright Academy", 1),
    ProtectedEntry("date", "2012-03-14", 1),
    ProtectedEntry("other", "AB12 CDE", 1),
]
NAMES = [("Samantha", "Whitfield"), ("Zebulon", "Quartermaine")]

SPACES = ["  ", "\n", " \r\n", "\t", "\u00a0", "\u2009", "\u202f", " "]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]
HIDDEN = [
    "\u200d",
    "\u200c",
    "\u034f",
    "\u2063",
    "\ufe0f",
    "\ufe00",
    "\u180e",
    "\u00ad",
    "\u200b",
    "\u2060",
]
LOOK_ALIKES = {
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u03bf",
    "i": "\u0456",
    "S": "\u0405",
    "c": "\u0441",
    "p": "\u0440",
    "Z": "\u0396",
}


@dataclass(frozen=True)
class Form:
    kind: str
    text: str
    round_trip: bool = True
    """Whether a record can hold it and a writer print it (not PDFium's U+FFFE)."""


def _hide(word: str, how: str, where: int, mark: str) -> str:
    """``word`` with something hiding it: an invisible mark, a look-alike letter or a
    formatting mark inside, at ``where`` (1 .. len - 1)."""
    where = max(1, min(len(word) - 1, where))
    if how == "hidden":
        return word[:where] + mark + word[where:]
    if how == "look-alike":
        for index, letter in enumerate(word):
            if letter in LOOK_ALIKES and index >= where - 1:
                return word[:index] + LOOK_ALIKES[letter] + word[index + 1 :]
        return word.replace(word[0], LOOK_ALIKES.get(word[0], word[0]), 1)
    if how == "bold":
        return word[:where] + "**" + word[where:] + "**"
    if how == "underscore":
        return word[:where] + "_" + word[where:]
    return word


@st.composite
def register_name_forms(draw: st.DrawFn) -> Form:
    first, last = draw(st.sampled_from(NAMES))
    how = draw(
        st.sampled_from(
            [
                "plain",
                "hidden",
                "look-alike",
                "bold",
                "underscore",
                "line-end hyphen",
                "line-end U+FFFE",
            ]
        )
    )
    where = draw(st.integers(1, 8))
    mark = draw(st.sampled_from(HIDDEN))
    hidden_first = _hide(first, how, where, mark)
    hidden_last = _hide(last, how, where, mark)
    round_trip = how != "line-end U+FFFE"
    if how == "line-end hyphen":
        hidden_last = f"{last[:where]}-\n{last[where:]}"
    elif how == "line-end U+FFFE":
        hidden_last = f"{last[:where]}\ufffe\r\n{last[where:]}"
    sep = draw(st.sampled_from(SPACES))
    shape = draw(
        st.sampled_from(
            [
                "full",
                "initial",
                "initial no stop",
                "surname first",
                "email",
                "alone",
                "title",
                "capitals",
            ]
        )
    )
    text = {
        "full": f"{hidden_first}{sep}{hidden_last}",
        "initial": f"{first[0]}.{sep}{hidden_last}",
        "initial no stop": f"{first[0]}{sep.replace(chr(10), ' ')}{hidden_last}",
        "surname first": f"{hidden_last},{sep}{hidden_first}",
        "email": f"{first.lower()}.{last.lower()}@example.org",
        "alone": f"the {hidden_last} family",
        "title": f"Mrs{sep}{hidden_last}",
        "capitals": f"{hidden_first.upper()}{sep}{hidden_last.upper()}",
    }[shape]
    return Form(f"register name, {shape}, {how}", text, round_trip)


@st.composite
def register_other_forms(draw: st.DrawFn) -> Form:
    sep = draw(st.sampled_from(SPACES))
    dash = draw(st.sampled_from(DASHES))
    choice = draw(
        st.sampled_from(
            ["place", "school", "school dash", "code", "code dash", "date", "day and month"]
        )
    )
    text = {
        "place": f"Orchard{sep}Way",
        "school": f"Fennimore{sep}Bright{sep}Academy",
        "school dash": f"Fennimore{dash}Bright Academy",
        "code": f"AB12{sep}CDE",
        "code dash": f"AB12{dash}CDE",
        "date": f"14{sep}March{sep}2012",
        "day and month": f"14{sep}March",
    }[choice]
    return Form(f"register {choice}", text)


@st.composite
def pattern_forms(draw: st.DrawFn) -> Form:
    sep = draw(st.sampled_from(SPACES))
    dash = draw(st.sampled_from(DASHES))
    choice = draw(
        st.sampled_from(
            [
                "postcode",
                "postcode 2",
                "phone",
                "phone dash",
                "landline",
                "nhs",
                "nhs dash",
                "ni",
                "dob",
                "dob short",
                "dob dash",
                "address",
            ]
        )
    )
    text = {
        "postcode": f"SW1A{sep}1AA",
        "postcode 2": f"M1{sep}1AE",
        "phone": f"07700{sep}900{sep}123",
        "phone dash": f"07700{dash}900{dash}456",
        "landline": f"0161{sep}496{sep}0000",
        "nhs": f"943{sep}476{sep}5919",
        "nhs dash": f"943{dash}476{dash}5919",
        "ni": f"AB{sep}12{sep}34{sep}56{sep}C",
        "dob": f"born on 14{sep}March{sep}2013",
        "dob short": f"DOB: 14{sep}Mar{sep}13",
        "dob dash": f"d.o.b. 14{dash}03{dash}2013",
        "address": f"14{sep}Larch{sep}Avenue",
    }[choice]
    return Form(choice, text)


FORMS = st.one_of(register_name_forms(), register_other_forms(), pattern_forms())


def sentences(forms: list[Form]) -> list[str]:
    return [f"Later {marker(i)} said {form.text} was there." for i, form in enumerate(forms)]


def marker(i: int) -> str:
    """A word beside the i-th planted form; no marker is part of another (zq1x, zq10x)."""
    return f"zq{i}x"


def blocked(findings: list[Finding], marker: str) -> bool:
    return any(
        f.severity is Severity.ERROR and f.check.startswith("identity.") and marker in f.text
        for f in findings
    )


@settings(max_examples=250, deadline=None, derandomize=True)
@given(forms=st.lists(FORMS, min_size=5, max_size=5))
def test_every_planted_form_is_blocked_in_text(forms: list[Form]) -> None:
    text = " ".join(sentences(forms))
    findings = find_identifiers([TextPart("f.pdf", "page 1", text)], REGISTER, allowed_by_sample())
    for i, form in enumerate(forms):
        assert blocked(findings, marker(i)), (form.kind, repr(form.text))


_SAMPLE_DATA: dict[str, Any] = {}


def sample_data() -> dict[str, Any]:
    if not _SAMPLE_DATA:
        child_m = next(sample for sample in SAMPLES if sample.stem == "child-m")
        data = parse(child_m.read_text(encoding="utf-8")).data
        assert isinstance(data, dict)
        _SAMPLE_DATA.update(data)
    import copy

    return copy.deepcopy(_SAMPLE_DATA)


def allowed_by_sample() -> Any:
    return allowed_by(Record.model_validate(sample_data()), "children")


@settings(
    max_examples=17,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(forms=st.lists(FORMS.filter(lambda form: form.round_trip), min_size=20, max_size=20))
def test_planted_forms_are_blocked_in_docx_pdf_and_html(forms: list[Form]) -> None:
    data = sample_data()
    holder = data["findings"][1]["analysis"]
    holder["child"] = f"{holder['child']} " + " ".join(sentences(forms))
    record = Record.model_validate(data)
    composed = compose(record, "children")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("docx", "pdf", "html"):
            target = Path(folder) / file_name(record, "children", fmt)
            target.write_bytes(writer_for(fmt)(composed, TemplateFolder()))
            findings = find_identifiers(
                extract_parts(target), REGISTER, allowed_by(record, "children")
            )
            for i, form in enumerate(forms):
                assert blocked(findings, marker(i)), (fmt, form.kind, repr(form.text))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_the_clean_samples_raise_nothing_with_this_register(sample: Path, tmp_path: Path) -> None:
    try:
        pack = build_pack(load_record(sample), tmp_path, register=REGISTER)
        checks = pack.checks
    except IdentityBlocked as error:  # pragma: no cover - the failure this test is for
        checks = error.results  # type: ignore[assignment]
    identity = [f for c in checks for f in c.findings if f.check.startswith("identity.")]
    assert [f for f in identity if f.severity is Severity.ERROR] == []
    assert [f for f in identity if f.check == "identity.register"] == []
