"""Identifiers no one registered (issue 10, section 5): street addresses, a title and a surname
that is not one of the record's named people (but not the author of a public report being
cited), a school, nursery, GP practice or children's home among the record's agencies in a
document for children or the public, and a full date beside a word for birth in any written
form. Every name, street and school is invented."""

from __future__ import annotations

import pytest

from summarygen.findings import Severity
from summarygen.identity.detect import Allowed, find_identifiers
from summarygen.identity.parts import TextPart

from .test_detect import assert_masked

NOTHING_ALLOWED = Allowed()


def found(text: str, allowed: Allowed = NOTHING_ALLOWED) -> list[tuple[str, Severity]]:
    findings = find_identifiers([TextPart("f.txt", "page 1", text)], [], allowed)
    return [(f.check, f.severity) for f in findings]


# --- Street addresses -----------------------------------------------------------------------

ADDRESSES = [
    "The family lived at 14 Larch Avenue for a year.",
    "Police went to Flat 3, 22 Orchard Way that night.",
    "Police went to Flat 3,\n22 Orchard Way that night.",
    "They moved to 7a Quillon Park Road in May.",
    "The letter went to 221 Fennimore Street.",
    "She stayed at 9 Ashcombe  Close for a week.",
    "She stayed at 9 Ashcombe\nClose for a week.",
    "They rented 4 Pellow Gardens.",
    "They rented 12 Brindle Mews.",
]
NOT_ADDRESSES = [
    "The family lived on a road near the school.",
    "He was 14 when they moved to the avenue.",
    "Paragraph 14 Recommendations are set out below.",
    "In 2019 Green Lane was closed.",
    "There were 3 Children's Services teams involved.",
    "Recommendation 4 Way forward: the board agreed.",
]


@pytest.mark.parametrize("text", ADDRESSES)
def test_a_street_address_is_an_error(text: str) -> None:
    assert ("identity.street-address", Severity.ERROR) in found(text), text


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_street_address_near_misses_pass(text: str) -> None:
    assert "identity.street-address" not in [c for c, _ in found(text)], text


# --- A title and a surname -------------------------------------------------------------------

TITLED = [
    "Mrs Hargreaves took him to school.",
    "Dr Okonkwo saw him twice.",
    "Mx Pellingham-Vane attended.",
    "The GP, Dr Ashcombe, was not told.",
    "Mrs Hargreaves told the review she was worried.",
    "Mrs Hargreaves reported the injury.",
    # a report without a year may be a report in the case (a paediatrician's)
    "As Dr Okonkwo's review of the injuries found, they were not accidental.",
    "The paediatric report by Dr Okonkwo was late.",
    "The report was written by Dr Zebulon Ashcombe.",
]
NOT_TITLED = [
    "Mr K did not take part in the review.",
    "Mrs AB spoke to the reviewer.",
    "Lord Laming's report changed practice.",
    "The Munro review (Munro, 2011) said so.",
    "Dr Okonkwo (2016) found the same.",
    "Dr Okonkwo's 2016 inquiry found the same.",
    "See the report by Dr Okonkwo (2016).",
    "The serious case review by Dr Ashcombe in 2012 found the same.",
    "Mrs Hargreaves' 2019 study for the Home Office found this too.",
]


@pytest.mark.parametrize("text", TITLED)
def test_a_title_and_a_surname_is_an_error(text: str) -> None:
    assert ("identity.titled-name", Severity.ERROR) in found(text), text


@pytest.mark.parametrize("text", NOT_TITLED)
def test_single_letters_and_cited_authors_of_public_reports_pass(text: str) -> None:
    assert "identity.titled-name" not in [c for c, _ in found(text)], text


def test_a_named_person_of_the_record_passes() -> None:
    allowed = Allowed(names=("Dr Harriet Okonkwo",))
    assert found("Dr Okonkwo chaired the panel.", allowed) == []


def test_a_titled_name_is_waivable() -> None:
    allowed = Allowed(waived=("Mrs Hargreaves",))
    assert found("Mrs Hargreaves took him to school.", allowed) == []


# --- Agencies that show where a child lived ---------------------------------------------------

SCHOOL_AGENCY = "Fennimore Bright Academy"
GP_AGENCY = "Larkhollow Surgery"
HOME_AGENCY = "Ashcombe House Children's Home"


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("He went to Fennimore Bright Academy.", "School 1"),
        ("He was registered at Larkhollow Surgery.", "the GP practice"),
        ("He lived at Ashcombe House Children's Home.", "children's home"),
    ],
)
def test_a_school_or_gp_among_the_agencies_warns_in_a_public_document(
    text: str, suggested: str
) -> None:
    public = Allowed(warned_organisations=(SCHOOL_AGENCY, GP_AGENCY, HOME_AGENCY))
    findings = find_identifiers([TextPart("f.txt", "page 1", text)], [], public)
    assert [(f.check, f.severity) for f in findings] == [
        ("identity.named-agency", Severity.WARNING)
    ]
    assert suggested in findings[0].suggestion
    assert_masked(findings, [SCHOOL_AGENCY, GP_AGENCY, HOME_AGENCY])


def test_the_same_agency_passes_in_a_professional_document() -> None:
    professional = Allowed(organisations=(SCHOOL_AGENCY, GP_AGENCY))
    assert found("He went to Fennimore Bright Academy.", professional) == []


def test_allowed_by_a_record_warns_only_for_children_and_the_public() -> None:
    from summarygen import Record
    from summarygen.identity.gate import allowed_by
    from summarygen.record.yaml_source import parse

    from ..conftest import SAMPLES

    data = parse(next(s for s in SAMPLES if s.stem == "child-m").read_text("utf-8")).data
    assert isinstance(data, dict)
    data["agencies"][0]["name"] = SCHOOL_AGENCY
    data["agencies"][1]["name"] = "School 2 (a pseudonym already)"
    record = Record.model_validate(data)
    for audience in ("children", "easy-read", "public", "general"):
        allowed = allowed_by(record, audience)
        assert SCHOOL_AGENCY in allowed.warned_organisations, audience
        assert SCHOOL_AGENCY not in allowed.organisations, audience
        assert "School 2 (a pseudonym already)" in allowed.organisations
    professional = allowed_by(record, "professional")
    assert SCHOOL_AGENCY in professional.organisations
    assert professional.warned_organisations == ()


# --- A date of birth in any written form ------------------------------------------------------

BIRTH_DATES = [
    "DOB: 14 Mar 12",
    "DOB: 14 Mar 2012",
    "d.o.b. 14/3/12",
    "D.O.B: 14th Mar '12",
    "Born 14.3.12 at home.",
    "DOB 14-03-12",
    "dob 2012-03-14",
    "DOB:14/03/2012",
    "She was born on 14 March '12.",
    "Date of birth: Mar 14, 2012",
    "DoB - 14 Sept 2012",
    "born on the 14th of March, 2012",
]


@pytest.mark.parametrize("text", BIRTH_DATES)
def test_a_full_date_beside_a_word_for_birth_is_an_error_in_any_form(text: str) -> None:
    assert ("identity.full-date", Severity.ERROR) in found(text), text


@pytest.mark.parametrize(
    "text", ["She was born in March 2012.", "DOB: March 2012", "Born in 2012, he was the eldest."]
)
def test_a_month_and_year_of_birth_passes(text: str) -> None:
    assert found(text) == [], text
