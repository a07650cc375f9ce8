"""Sentences and words: what the readability formulas count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarygen.checks.readability import measure
from summarygen.checks.segment import sentences, words


def test_short_sentences_each_count() -> None:
    assert sentences("Thank you. We are sorry. Stay safe. Talk to us.") == [
        "Thank you.",
        "We are sorry.",
        "Stay safe.",
        "Talk to us.",
    ]


def test_abbreviations_and_times_do_not_end_a_sentence() -> None:
    text = "Dr. Patel met Ms. Khan at 9.30 a.m. on 3 May."
    assert sentences(text) == [text]
    assert measure([text]).sentences == 1


@pytest.mark.parametrize(
    "text",
    [
        "Mr. and Mrs. Smith met the No. 10 team, i.e. the duty social workers.",
        "Agencies shared reports, e.g. school records, health notes etc. with the panel.",
        "The visit was at 4 p.m. on Tuesday and lasted an hour.",
        "The social worker spoke to Dr. Jones about the referral.",
        "Section 3.2 sets out the terms of reference for the review.",
    ],
)
def test_one_sentence_with_abbreviations(text: str) -> None:
    assert sentences(text) == [text]


def test_bullet_items_without_full_stops_are_one_sentence_each() -> None:
    items = [
        "Police",
        "Children's social care",
        "The school nurse",
        "The GP practice",
        "Housing services",
    ]
    assert [sentences(item) for item in items] == [[item] for item in items]
    metrics = measure(items)
    assert metrics.sentences == 5
    assert metrics.words == 12
    assert metrics.longest_sentence_words == 3


def test_heading_without_punctuation_is_one_sentence() -> None:
    assert sentences("What happened to Child J") == ["What happened to Child J"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The review concerns Child A. She was 12 years old.",
            ["The review concerns Child A.", "She was 12 years old."],
        ),
        (
            "Mother lived with Mr K. He was not known to services.",
            ["Mother lived with Mr K.", "He was not known to services."],
        ),
        (
            "This review is about Children A–F. They lived in Testshire.",
            ["This review is about Children A–F.", "They lived in Testshire."],
        ),
    ],
)
def test_sentence_ends_after_a_pseudonym(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_line_break_inside_a_unit_is_not_a_sentence_end() -> None:
    text = "Agencies involved\nin the review met on 3 May."
    assert sentences(text) == [text]


def test_sentences_are_quoted_exactly() -> None:
    text = '  She said "Stop."   Then she left.\nIs it safe?  Yes!  '
    assert sentences(text) == ['She said "Stop."', "Then she left.", "Is it safe?", "Yes!"]


def test_empty_unit_has_no_sentences() -> None:
    assert sentences("") == []
    assert sentences("   \n ") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The quick brown fox.", ["The", "quick", "brown", "fox"]),
        ("at 9.30 or 0800", ["at", "9.30", "or", "0800"]),
        ("£2,000,000 in 2024.", ["2,000,000", "in", "2024"]),
        ("don't, children’s, multi-agency", ["don't", "children’s", "multi-agency"]),
        ("e.g. at 9 a.m.", ["e.g.", "at", "9", "a.m."]),
        ("Yes - no! (Maybe...)", ["Yes", "no", "Maybe"]),
        ("Covid-19 on the 3rd", ["Covid-19", "on", "the", "3rd"]),
        ("— … ! ? ; :", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


_FRAGMENTS = st.sampled_from(
    ["Child", "J", "was", "seen", "Dr.", "e.g.", "9.30", "a.m.", "No.", "it", "Mr", "K", "-"]
)
_ENDINGS = st.sampled_from([".", "!", "?", "", ",", ";"])


@given(
    st.lists(
        st.tuples(st.lists(_FRAGMENTS, min_size=1, max_size=6), _ENDINGS),
        min_size=1,
        max_size=5,
    )
)
def test_segmenting_loses_and_invents_no_words(parts: list[tuple[list[str], str]]) -> None:
    text = " ".join(" ".join(fragments) + ending for fragments, ending in parts)
    found = sentences(text)
    assert all(sentence in text for sentence in found)
    assert sum(len(words(sentence)) for sentence in found) == len(words(text))
