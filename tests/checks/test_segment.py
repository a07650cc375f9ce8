"""Sentences and words: what the readability formulas count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarygen.checks.readability import measure
from summarygen.checks.segment import missing_spaces, sentences, words


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
        ("£2,000,000 in 2024.", ["£2,000,000", "in", "2024"]),
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


# -- issue 9: sentences as a reader sees them ---------------------------------------------------

QUOTED_SPEECH = (
    'Child M told the reviewer: "I was scared at home. Nobody at school asked me what was '
    'wrong. I did not know who to tell. I wanted someone to notice me."'
)


def test_a_quotation_of_several_sentences_is_several_sentences() -> None:
    assert sentences(QUOTED_SPEECH) == [
        'Child M told the reviewer: "I was scared at home.',
        "Nobody at school asked me what was wrong.",
        "I did not know who to tell.",
        'I wanted someone to notice me."',
    ]
    metrics = measure([QUOTED_SPEECH])
    assert (metrics.sentences, metrics.longest_sentence_words, metrics.words) == (4, 10, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly double quotes, and the text after the quotation stays with its last sentence
        (
            "She said: “I was scared. I wanted help.” Her mother agreed.",
            ["She said: “I was scared.", "I wanted help.”", "Her mother agreed."],
        ),
        # curly single quotes
        (
            "He wrote: ‘Nobody asked me. I was alone.’",
            ["He wrote: ‘Nobody asked me.", "I was alone.’"],
        ),
        # straight single quotes (pysbd gives the closing quote as a sentence of its own)
        ("He said 'hello. And then goodbye.'", ["He said 'hello.", "And then goodbye.'"]),
        # a quotation that is the whole unit (pysbd issue 45)
        (
            '"I just love doing this sort of thing. It\'s great."',
            ['"I just love doing this sort of thing.', "It's great.\""],
        ),
        # questions and exclamations inside the quotation
        (
            'She asked: "Why did nobody ask? I was scared!" Then she left.',
            ['She asked: "Why did nobody ask?', 'I was scared!"', "Then she left."],
        ),
        (
            "She asked: “Why did nobody ask? Where were you?” Then she cried.",
            ["She asked: “Why did nobody ask?", "Where were you?”", "Then she cried."],
        ),
        # a quotation over several paragraphs: its first and its last paragraph
        (
            '"I was scared at home. Nobody asked me what was wrong.',
            ['"I was scared at home.', "Nobody asked me what was wrong."],
        ),
        (
            'Nobody asked me. I did not know who to tell."',
            ["Nobody asked me.", 'I did not know who to tell."'],
        ),
        ("“Nobody asked me. I was alone.", ["“Nobody asked me.", "I was alone."]),
        ("Nobody asked me. I was alone.”", ["Nobody asked me.", "I was alone.”"]),
        # a quotation inside a quotation
        (
            "She said: \"He told me 'you owe us. Pay or else.' I was scared.\"",
            ["She said: \"He told me 'you owe us.", "Pay or else.'", 'I was scared."'],
        ),
        (
            "She said it was “fine. Really.” and went home.",
            ["She said it was “fine.", "Really.” and went home."],
        ),
    ],
)
def test_quotations_of_several_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'He shouted "Stop!" and ran to the door.',
        'He asked "Why me?" and cried.',
        "‘What’s the matter?’ asked Mr K.",  # pragmatic_segmenter issue 62
        "“Why did nobody ask?” she said.",
        'Phrases such as "choosing to associate" and "putting herself at risk" appear in records.',
        "The boys' mother said it was 'not her problem' at the meeting.",
    ],
)
def test_one_sentence_with_quotations(text: str) -> None:
    assert sentences(text) == [text]


def test_an_address_is_one_word() -> None:
    sentence = (
        "You can read the full report on our website at "
        "www.example-partnership.org.uk/reviews/2024/child-m/full-report.html today."
    )
    assert len(words(sentence)) == 12
    assert measure([sentence]).words == 12


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Read it at www.example-partnership.org.uk/reviews/2024/child-m/full-report.html"
            " today.",
            "www.example-partnership.org.uk/reviews/2024/child-m/full-report.html",
        ),
        ("Read it at https://example.org/a/b?c=1&d=2 today.", "https://example.org/a/b?c=1&d=2"),
        ("Chat at childline.org.uk now.", "childline.org.uk"),
        ("Email help@example-partnership.org.uk today.", "help@example-partnership.org.uk"),
        ("Open Child_M_summary-v2.docx first.", "Child_M_summary-v2.docx"),
        ("The file report.final.pdf is ready.", "report.final.pdf"),
    ],
)
def test_addresses_emails_and_file_names_are_one_word(text: str, address: str) -> None:
    found = words(text)
    assert address in found
    assert len(found) == len(text.replace(address, "X").split())
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Child M moved to a new house in May.The school was not told about the move.Her GP "
            "did not know either.",
            [
                "Child M moved to a new house in May.",
                "The school was not told about the move.",
                "Her GP did not know either.",
            ],
        ),
        ("She left in 2019.The case closed.", ["She left in 2019.", "The case closed."]),
        ("Why did nobody ask?Nobody knew.", ["Why did nobody ask?", "Nobody knew."]),
        ("She said “stop.”Then she left.", ["She said “stop.”", "Then she left."]),
    ],
)
def test_a_missing_space_after_a_full_stop_still_ends_the_sentence(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected
    assert len(missing_spaces(text)) == len(expected) - 1


@pytest.mark.parametrize(
    "text",
    [
        "Agencies, e.g. police and schools, met each month.",
        "Agencies, e.g.Police and schools, met each month.",
        "She moved to the U.K. in 2019 with her aunt.",
        "She moved to the U.K.in 2019 with her aunt.",
        "Referrals rose by 3.5 per cent in a year.",
        "He lived at No.4 with his aunt.",
        "He lived at No. 12 with his aunt.",
        "He lived at no. 12 with his aunt.",
        "See Art. 8 of the convention and s. 47 of the Act.",
        "Under ss. 17 and 47 the duty is clear.",
        "Call tel. 0800 1111 at any time.",
        "Yan et al. [2004] found the same pattern in other areas.",  # pysbd issue 86
        "Smith et al. (2019) found the same pattern in other areas.",
        "The meeting was at 9 a.m. Monday and lasted an hour.",
        "I get up at 7 a.m. every day.",
        "Read it at www.example.org.uk/Reviews/Child-M.html today.",
        "Open Report.Final.docx and read it.",
        "Email Help.Desk@Example.org today.",
        "Mr.Smith is not a name we use.",
    ],
)
def test_no_false_sentence_end(text: str) -> None:
    assert sentences(text) == [text]
    assert missing_spaces(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He lived at No. 12 with his aunt. She was kind.",
            ["He lived at No. 12 with his aunt.", "She was kind."],
        ),
        (
            "There were 3 children. 2 of them were boys.",
            ["There were 3 children.", "2 of them were boys."],
        ),
        (
            "They brought toys, books etc. The boys played.",
            ["They brought toys, books etc.", "The boys played."],
        ),
        (
            "She waited... Nobody came. Then she left.",
            ["She waited...", "Nobody came.", "Then she left."],
        ),
        ("She waited.. Nobody came.", ["She waited..", "Nobody came."]),  # pysbd issue 83
        (
            "The school acted -- a typical response. Police did not.",  # pysbd issue 125
            ["The school acted -- a typical response.", "Police did not."],
        ),
        (
            "Come to us in 'S-Hertogenbosch. We will help you. Call us.",  # pysbd issue 122
            ["Come to us in 'S-Hertogenbosch.", "We will help you.", "Call us."],
        ),
    ],
)
def test_sentence_ends_that_segmenters_miss(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost £2.5m in all.", ["It", "cost", "£2.5m", "in", "all"]),
        ("Half, 50%, were seen.", ["Half", "50%", "were", "seen"]),
        ("£2,000,000 at 9.30 a.m.", ["£2,000,000", "at", "9.30", "a.m."]),
        ("at 9.30am on the 3rd", ["at", "9.30am", "on", "the", "3rd"]),
    ],
)
def test_money_and_percentages_are_one_word(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_the_pack_counts_words_with_the_one_word_counter() -> None:
    from summarygen.checks.engine import check_document
    from summarygen.checks.profiles import load_profiles
    from summarygen.document import Document, Heading, ListBlock, Paragraph
    from summarygen.pack import BuiltDocument
    from tests.documents import meta, runs

    document = Document(
        meta(),
        (
            Heading(1, runs("What it cost")),
            Paragraph(runs("£2,000,000 at 9.30 a.m.")),
            ListBlock((runs("See www.example.org.uk/reviews/child-m.html today"),)),
        ),
    )
    built = BuiltDocument(document)
    check = check_document(document, load_profiles()["professional"])
    assert built.words == check.metrics.words == 3 + 4 + 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pysbd uses these characters as its own markers and drops the text around them
        (
            "The sign ∯ and ♨ appear here. Then more.",
            ["The sign ∯ and ♨ appear here.", "Then more."],
        ),
        # pysbd splits before "&" (its issue 90)
        (
            "Trying to get back to Com. & Adm. through the dark.",
            ["Trying to get back to Com. & Adm. through the dark."],
        ),
        (
            'Trying to get back to Com. & Adm. through the "dark".',
            ['Trying to get back to Com. & Adm. through the "dark".'],
        ),
    ],
)
def test_nothing_pysbd_drops_or_splits_wrongly_is_lost(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


_RICH_FRAGMENTS = st.sampled_from(
    ['"I', "was", "scared.", 'Nobody"', "“Why", "me?”", "‘no.", "Yes.’", "May.The", "No.", "12",
     "e.g.", "U.K.", "3.5", "£2.5m", "50%", "www.example.org.uk/a.html", "help@example.org",
     "report.pdf", "et", "al.", "[2004]", "9", "a.m.", "Monday", "&", "'", "…", "..", "Child", "A."]
)  # fmt: skip


@given(st.lists(st.lists(_RICH_FRAGMENTS, min_size=1, max_size=8), min_size=1, max_size=4))
def test_segmenting_real_world_text_loses_and_invents_no_words(parts: list[list[str]]) -> None:
    text = " ".join(" ".join(fragments) for fragments in parts)
    found = sentences(text)
    assert all(sentence in text for sentence in found)
    assert sum(len(words(sentence)) for sentence in found) == len(words(text))
    assert all(0 <= position < len(text) for position in missing_spaces(text))
