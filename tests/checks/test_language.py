"""Plain-language checks: every rule has a should-flag and a should-pass table, near misses
included. The word lists also carry their own examples and near misses; every entry's are
run here, so a bad pattern in the data fails a test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarygen.checks.finding import Finding, Severity
from summarygen.checks.language import (
    ACRONYM_FORBIDDEN,
    ACRONYM_UNDEFINED,
    CONTRACTION,
    NUMBER_WORDS,
    WORD_LIST_FILES,
    WordList,
    WordRule,
    acronym_rules,
    language_findings,
    word_list,
)
from summarygen.checks.profiles import AUDIENCES, Profile, load_profiles
from summarygen.checks.units import Unit, UnitKind

PROFILES = load_profiles()
PLAIN, JARGON, BLAMING = "language.plain-words", "language.jargon", "language.victim-blaming"


def findings(text: str | list[str], audience: str, check: str | None = None) -> list[Finding]:
    """The findings of ``check`` (all, if None). An acronym that is also on a word list is
    reported once, by the acronym check (one problem, one finding): asked for the word list's
    check, such a finding counts too."""
    texts = [text] if isinstance(text, str) else text
    units = [Unit("What happened", "paragraph", t) for t in texts]
    found = language_findings("test-doc", units, PROFILES[audience])
    return [f for f in found if check is None or f.check == check or _folded(f, check)]


def _folded(finding: Finding, check: str) -> bool:
    describe = {word_list(name).check: word_list(name).describe for name in WORD_LIST_FILES}.get(
        check
    )
    return (
        describe is not None
        and finding.check in (ACRONYM_FORBIDDEN, ACRONYM_UNDEFINED)
        and f" It {describe} too. " in finding.message
    )


def quoted(finding: Finding) -> str:
    """The words a finding is about, as quoted at the start of its message."""
    return finding.message[1 : finding.message.index("' ")]


def flagged(text: str, audience: str, check: str) -> list[str]:
    return [quoted(f) for f in findings(text, audience, check)]


# --- The data ---------------------------------------------------------------------------------


def test_the_lists_are_long_enough() -> None:
    assert len(word_list("plain-words.yaml").entries) >= 60
    assert len(word_list("jargon.yaml").entries) >= 40
    assert len(word_list("victim-blaming.yaml").entries) >= 20


def test_each_list_feeds_its_own_check() -> None:
    assert [word_list(name).check for name in WORD_LIST_FILES] == [BLAMING, JARGON, PLAIN]


def test_no_term_is_in_two_lists() -> None:
    seen: dict[str, str] = {}
    for name in WORD_LIST_FILES:
        for rule in word_list(name).entries:
            for term in rule.terms:
                assert term.lower() not in seen, f"{term!r} is in {seen[term.lower()]} and {name}"
                seen[term.lower()] = name


def test_victim_blaming_is_an_error_for_every_audience() -> None:
    blaming = word_list("victim-blaming.yaml")
    for rule in blaming.entries:
        for audience in AUDIENCES:
            assert blaming.severity_for(rule, audience) is Severity.ERROR, rule.name


def test_jargon_never_applies_to_professionals() -> None:
    jargon = word_list("jargon.yaml")
    assert all(jargon.severity_for(rule, "professional") is None for rule in jargon.entries)


def test_plain_words_are_only_a_suggestion_for_professionals() -> None:
    plain = word_list("plain-words.yaml")
    for rule in plain.entries:
        assert plain.severity_for(rule, "professional") in (Severity.SUGGESTION, None)


def _entries() -> list[tuple[str, WordRule]]:
    return [(name, rule) for name in WORD_LIST_FILES for rule in word_list(name).entries]


def _audience_of(file_name: str, rule: WordRule) -> str:
    spec = word_list(file_name)
    return next(a for a in reversed(AUDIENCES) if spec.severity_for(rule, a) is not None)


def _from_rule(finding: Finding, rule: WordRule, audience: str) -> bool:
    alternatives = rule.instead_for.get(audience, rule.instead)
    return (bool(alternatives) and f"'{alternatives[0]}'" in finding.suggestion) or (
        bool(rule.advice) and rule.advice in finding.suggestion
    )


@pytest.mark.parametrize(("file_name", "rule"), _entries(), ids=lambda v: getattr(v, "name", v))
def test_every_entry_flags_its_terms_and_examples(file_name: str, rule: WordRule) -> None:
    audience = _audience_of(file_name, rule)
    check = word_list(file_name).check
    for term in rule.terms:
        sentence = f"They said {term} today."
        found = findings(sentence, audience, check)
        assert any(
            f.message.startswith(f"'{term}'") or (_folded(f, check) and f"'{term}'" in f.suggestion)
            for f in found
        ), sentence
    for example in rule.examples:
        found = findings(example, audience, check)
        assert any(_from_rule(f, rule, audience) for f in found), example


@pytest.mark.parametrize(("file_name", "rule"), _entries(), ids=lambda v: getattr(v, "name", v))
def test_no_entry_flags_its_near_misses(file_name: str, rule: WordRule) -> None:
    audience = _audience_of(file_name, rule)
    for near_miss in rule.near_misses:
        assert findings(near_miss, audience, word_list(file_name).check) == [], near_miss


def test_a_word_list_refuses_an_unknown_audience() -> None:
    with pytest.raises(ValidationError, match="unknown audience"):
        WordList.model_validate(
            {
                "check": "language.plain-words",
                "describe": "is hard",
                "audiences": {"grown-ups": "warning"},
                "entries": [{"terms": ["utilise"], "instead": "use", "why": "Long."}],
            }
        )


@pytest.mark.parametrize(
    "entry",
    [
        {"patterns": ["util\\w+"], "instead": "use", "why": "No example to test it by."},
        {"terms": ["utilise"], "why": "Nothing to say instead."},
        {"instead": "use", "why": "Nothing to find."},
        {"patterns": ["(unclosed"], "examples": ["x"], "instead": "use", "why": "Bad regex."},
    ],
)
def test_a_word_rule_refuses_an_incomplete_entry(entry: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        WordRule.model_validate(entry)


def test_the_acronym_data_loads() -> None:
    rules = acronym_rules()
    assert "NHS" in rules.well_known
    assert rules.severity_when_forbidden["easy-read"] is Severity.ERROR


# --- language.plain-words ---------------------------------------------------------------------

PLAIN_FLAGS = [
    ("We will utilise the new form.", "utilise"),
    ("Staff utilised the new form.", "utilised"),
    ("Visits commenced in May.", "commenced"),
    ("She went to the clinic in order to get help.", "in order to"),
    ("The nurse facilitated the meeting.", "facilitated"),
    ("He was seen prior to the move.", "prior to"),
    ("She subsequently moved away.", "subsequently"),
    ("There were concerns in relation to his weight.", "in relation to"),
    ("Going forward, the partnership will meet monthly.", "Going forward"),
    ("The team delivered training to 40 staff.", "delivered"),
    ("We need robust plans.", "robust"),
    ("The key findings are below.", "key"),
    ("Key learning for schools.", "Key"),
    ("Managers must ensure that staff are trained.", "ensure"),
    ("Staff met on a weekly basis.", "on a weekly basis"),
    ("Whilst at school she was quiet.", "Whilst"),
]

PLAIN_PASSES = [
    "We will use the new form.",
    "Her key worker visited.",  # a job title, not the adjective
    "She lost the key to the flat.",  # a key that opens a lock
    "Key Stage 3 pupils took part.",
    "The midwife delivered the baby at home.",  # babies and post are delivered
    "Neighbours delivered food parcels.",
    "Agencies must safeguard and promote the welfare of children.",  # statutory phrase
    "The service was judged as requires improvement.",  # an Ofsted grade
    'She said "we will utilise the room".',  # someone's own words
    "The car was moving forward slowly.",
]


@pytest.mark.parametrize(("text", "words"), PLAIN_FLAGS)
def test_plain_words_flag(text: str, words: str) -> None:
    assert words in flagged(text, "public", PLAIN)


@pytest.mark.parametrize("text", PLAIN_PASSES)
def test_plain_words_pass(text: str) -> None:
    assert findings(text, "public", PLAIN) == []


@pytest.mark.parametrize(
    ("audience", "severity"),
    [
        ("professional", Severity.SUGGESTION),
        ("general", Severity.WARNING),
        ("public", Severity.WARNING),
        ("children", Severity.WARNING),
        ("easy-read", Severity.WARNING),
    ],
)
def test_plain_words_severity_depends_on_the_audience(audience: str, severity: Severity) -> None:
    [finding] = findings("We will utilise the form.", audience, PLAIN)
    assert finding.severity is severity


def test_a_plain_words_finding_says_what_why_and_the_fix() -> None:
    [finding] = findings("It was hard. We will utilise the form. Then we left.", "public", PLAIN)
    assert finding == Finding(
        check=PLAIN,
        severity=Severity.WARNING,
        document="test-doc",
        section="What happened",
        text="We will utilise the form.",
        message="'utilise' is not plain English. It means \"use\" and adds nothing but length.",
        suggestion="Say 'use' instead of 'utilise'.",
    )


# --- language.jargon --------------------------------------------------------------------------

JARGON_FLAGS = [
    ("She had contact with her mother every Saturday.", "contact with her mother"),
    ("Supervised contact took place weekly.", "Supervised contact"),
    ("Family contact stopped.", "Family contact"),
    ("Her placement ended in June.", "placement"),
    ("She lived with her siblings.", "siblings"),
    ("He was a looked after child.", "looked after child"),
    ("Looked-after children were included.", "Looked-after children"),
    ("A strategy discussion was held.", "strategy discussion"),
    ("A section 47 enquiry started.", "section 47 enquiry"),
    ("She was made subject to a child protection plan.", "child protection plan"),
    ("The multi-agency meeting met.", "multi-agency"),
    ("The multi agency meeting met.", "multi agency"),
    ("She was referred to CAMHS.", "CAMHS"),
    ("Practitioners were worried.", "Practitioners"),
    ("The threshold was not met.", "threshold"),
    ("He went to respite care.", "respite care"),
    ("The LAC review met.", "LAC"),
    ("She made a disclosure to a teacher.", "disclosure"),
    ("He was drawn into county lines.", "county lines"),
    ("An NRM referral was made.", "NRM"),
]

JARGON_PASSES = [
    "Please use the contact details below.",  # contact: only family time is jargon
    "The school made contact with her mother.",  # getting in touch
    "This was the first contact with the family.",
    "He was the point of contact for the school.",
    "She did a work placement at a nursery.",
    "Please send the form back.",  # "SEND" in capitals only
    "Staff had Disclosure and Barring Service checks.",
    "The violence escalated over the summer.",
    "Police knocked on the front door.",
    'She said "I liked contact with my mum".',  # a child's own words
    "County lines means gangs using children to move drugs.",  # a glossary entry teaches it
    "Strategy discussion: a meeting to decide how to keep a child safe.",
    "Westmere Safeguarding Children Partnership published the review.",  # a name
    "Director of Children's Services",  # a job title
]


@pytest.mark.parametrize(("text", "words"), JARGON_FLAGS)
def test_jargon_flags(text: str, words: str) -> None:
    assert words in flagged(text, "easy-read", JARGON)


@pytest.mark.parametrize("text", JARGON_PASSES)
def test_jargon_passes(text: str) -> None:
    assert findings(text, "easy-read", JARGON) == []


@pytest.mark.parametrize(
    ("audience", "severity"),
    [
        ("professional", None),
        ("general", None),
        ("public", Severity.SUGGESTION),
        ("children", Severity.WARNING),
        ("easy-read", Severity.ERROR),
    ],
)
def test_jargon_severity_depends_on_the_audience(audience: str, severity: Severity | None) -> None:
    found = findings("A strategy discussion was held.", audience, JARGON)
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_jargon_alternatives_can_differ_per_audience() -> None:
    [for_children] = findings("Supervised contact took place.", "children", JARGON)
    [for_easy_read] = findings("Supervised contact took place.", "easy-read", JARGON)
    assert for_children.suggestion == "Say 'family time' instead of 'Supervised contact'."
    assert for_easy_read.suggestion == "Say 'time with family' instead of 'Supervised contact'."


def test_care_words_that_children_dislike_are_an_error_for_children() -> None:
    [finding] = findings("Her placement ended.", "children", JARGON)
    assert finding.severity is Severity.ERROR


def test_a_glossary_definition_is_checked_after_the_term() -> None:
    text = "County lines means a strategy discussion about gangs."
    assert flagged(text, "easy-read", JARGON) == ["strategy discussion"]


@pytest.mark.parametrize(
    ("section", "kind", "text", "expected"),
    [
        ("Hard words", "point", "County lines. When gangs use children.", []),
        ("Hard words", "point", "Strategy discussion. A meeting about a referral.", ["referral"]),
        ("Glossary", "cell", "Core group", []),
        # a short term, a full stop and its meaning is a definition anywhere (issue 9)
        ("What happened", "point", "County lines. When gangs use children.", []),
        ("What happened", "point", "The county lines gang. It came back.", ["county lines"]),
    ],
)
def test_a_glossary_heading_makes_each_unit_an_entry(
    section: str, kind: UnitKind, text: str, expected: list[str]
) -> None:
    units = [Unit(section, kind, text)]
    found = language_findings("d", units, PROFILES["easy-read"])
    assert [quoted(f) for f in found if f.check == JARGON] == expected


def test_a_glossary_entry_may_define_an_acronym_where_acronyms_are_forbidden() -> None:
    units = [Unit("Hard words", "point", "National Referral Mechanism (NRM). A way to get help.")]
    found = language_findings("d", units, PROFILES["easy-read"])
    assert [f for f in found if f.check == ACRONYM_FORBIDDEN] == []


def test_a_colon_late_in_a_sentence_is_not_a_glossary_entry() -> None:
    text = "Workers held a strategy discussion about county lines and other things: it helped."
    assert flagged(text, "easy-read", JARGON) == ["strategy discussion", "county lines"]


def test_neglect_is_explained_not_banned() -> None:
    assert findings("She suffered neglect.", "public", JARGON) == []
    [finding] = findings("She suffered neglect.", "easy-read", JARGON)
    assert finding.severity is Severity.WARNING
    assert "Explain the word" in finding.suggestion


# --- language.victim-blaming ------------------------------------------------------------------

BLAMING_FLAGS = [
    ("She was putting herself at risk.", "putting herself at risk"),
    ("He was placing himself at risk.", "placing himself at risk"),
    ("They put themselves in danger.", "put themselves in danger"),
    ("Records described a child prostitute.", "child prostitute"),
    ("Child prostitution was not recognised.", "Child prostitution"),
    ("She was sexually active at 12.", "sexually active"),
    ("Police said it was consensual.", "consensual"),
    ("She consented to sex with him.", "consented to sex"),
    ("She chose to stay with the men.", "chose to"),
    ("It was seen as a lifestyle choice.", "lifestyle choice"),
    ("She was described as promiscuous.", "promiscuous"),
    ("She was said to be sleeping around.", "sleeping around"),
    ("Staff discussed the young person's choices.", "the young person's choices"),
    ("He was engaging in risky behaviour.", "engaging in risky behaviour"),
    ("She spent weekends with her older boyfriend.", "older boyfriend"),
    ("Her 24-year-old boyfriend collected her.", "24-year-old boyfriend"),
    ("She was treated as a runaway.", "runaway"),
    ("He was streetwise.", "streetwise"),
    ("Staff felt he knew what he was doing.", "knew what he was doing"),
    ("He was mixing with the wrong crowd.", "wrong crowd"),
    ("He was running drugs.", "running drugs"),
    ("She absconded from the unit.", "absconded"),
    ("She seemed mature for her age.", "mature for her age"),
]

BLAMING_PASSES = [
    "Adults were sexually exploiting her.",
    "The adults put her at risk.",
    "Staff placed themselves in her shoes.",
    "Her mother consented to the medical examination.",
    "Parents gave consent for the section 20 agreement.",
    "Her boyfriend, who was 15, went to the same school.",
    "She was given a choice of school.",
    "She ran away from the unit.",
    "Nobody knew what she was going through.",
    "He was older than his brother.",
    "Sex education lessons were given at school.",
    "He chose not to contribute to the review.",  # taking part in the review is his choice
    "She chose to tell her teacher.",
    "Adults used these older boys to recruit younger children.",  # the adults are the agents
    "Adults forced her to sell sex.",
]


@pytest.mark.parametrize(("text", "words"), BLAMING_FLAGS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_victim_blaming_is_an_error_everywhere(text: str, words: str, audience: str) -> None:
    found = findings(text, audience, BLAMING)
    assert [quoted(f) for f in found] == [words]
    assert found[0].severity is Severity.ERROR


@pytest.mark.parametrize("text", BLAMING_PASSES)
def test_victim_blaming_passes(text: str) -> None:
    assert findings(text, "professional", BLAMING) == []


def test_victim_blaming_is_flagged_even_in_a_glossary_entry() -> None:
    assert flagged("Runaway: a child who ran away.", "easy-read", BLAMING) == ["Runaway"]


def test_sexually_active_carries_the_legal_note() -> None:
    [finding] = findings("She was sexually active.", "professional", BLAMING)
    assert "under 13" in finding.message and "under 13" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Her mother said she was 'putting herself at risk'.",
        "Her mother said she was “putting herself at risk”.",
        'Her mother said she was "putting herself at risk".',
    ],
)
def test_quoted_victim_blaming_is_still_flagged_as_a_warning(text: str) -> None:
    [finding] = findings(text, "public", BLAMING)
    assert finding.severity is Severity.WARNING
    assert "quotation marks" in finding.message


@pytest.mark.parametrize(
    ("text", "check", "words"),
    [
        ("The multi-agency meeting met.", JARGON, ["multi-agency"]),  # not also "agency"
        ("The safeguarding partnership met.", JARGON, ["safeguarding partnership"]),
        ("He was streetwise for his age.", BLAMING, ["streetwise for his age"]),
    ],
)
def test_overlapping_entries_report_the_longest_once(
    text: str, check: str, words: list[str]
) -> None:
    assert flagged(text, "easy-read", check) == words


# --- language.acronym-undefined (profiles: professional, general) -----------------------------

UNDEFINED_FLAGS = [
    (["She was referred to CAMHS."], "CAMHS"),
    (["The GP referred her to CAMHS.", "Later, CAMHS (Child and Adolescent...)"], "CAMHS"),
    (["MASH received the call."], "MASH"),
    (["Three LSCBs took part."], "LSCB"),  # a plural is the same acronym
    (["NRM"], "NRM"),  # a heading counts as a use
    (["The service (CAMHS) saw her."], None),  # a bracket after one word: treated as defined
]

UNDEFINED_PASSES = [
    ["Child and Adolescent Mental Health Services (CAMHS) saw her. CAMHS closed the case."],
    ["CAMHS (Child and Adolescent Mental Health Services) saw her."],
    ["The children's mental health service, known as CAMHS, saw her."],
    ["General practitioners (GPs) were asked.", "The GPs replied."],
    ["The NHS and her GP were involved."],  # well known
    ["The UK has four nations."],
    ["Child AB lived with Mr XY.", "AB said she was happy."],  # pseudonyms, not acronyms
    ["AB said she was happy.", "Child AB lived with Mr XY."],  # a pseudonym used bare first
    ["See Part II and Appendix IV."],  # roman numerals
    ["I asked, and it was OK."],
    ["The Child Protection Information Sharing (CP-IS) system flags them."],  # hyphenated
    ["The PhD student helped."],  # mixed case is not detected
]


@pytest.mark.parametrize(("texts", "acronym"), UNDEFINED_FLAGS)
def test_undefined_acronyms_flag(texts: list[str], acronym: str | None) -> None:
    found = findings(texts, "professional", ACRONYM_UNDEFINED)
    assert [quoted(f) for f in found] == ([acronym] if acronym else [])


@pytest.mark.parametrize("texts", UNDEFINED_PASSES)
def test_undefined_acronyms_pass(texts: list[str]) -> None:
    assert findings(texts, "professional", ACRONYM_UNDEFINED) == []


def test_only_the_first_undefined_use_is_reported() -> None:
    texts = ["MASH received the call.", "MASH passed it on.", "The MASH closed it."]
    [finding] = findings(texts, "general", ACRONYM_UNDEFINED)
    assert finding.text == "MASH received the call."
    assert finding.severity is Severity.WARNING
    assert "(MASH)" in finding.suggestion


def test_a_later_definition_does_not_excuse_an_earlier_use() -> None:
    texts = ["MASH received the call.", "The Multi-Agency Safeguarding Hub (MASH) acted."]
    assert len(findings(texts, "professional", ACRONYM_UNDEFINED)) == 1


@pytest.mark.parametrize("audience", ["public", "children", "easy-read"])
def test_undefined_is_not_reported_where_acronyms_are_forbidden(audience: str) -> None:
    assert findings("She was referred to CAMHS.", audience, ACRONYM_UNDEFINED) == []


# --- language.acronym (profiles: public, children, easy-read) ---------------------------------

FORBIDDEN_FLAGS = [
    ("public", "She was referred to CAMHS.", "CAMHS", Severity.WARNING),
    ("public", "Child and Adolescent Mental Health Services (CAMHS) saw her.", "CAMHS", None),
    ("children", "Her GP was worried.", "GP", Severity.WARNING),
    ("easy-read", "The NHS helped.", "NHS", Severity.ERROR),
    ("easy-read", "She went to A&E.", "A&E", Severity.ERROR),
    ("easy-read", "Her GPs were worried.", "GP", Severity.ERROR),
    ("easy-read", "It was on CP-IS.", "CP-IS", Severity.ERROR),
    ("easy-read", "The family GP was told.", "GP", Severity.ERROR),  # not a pseudonym
    ("public", "It was recorded on the non-UK CP-IS system.", "CP-IS", Severity.WARNING),
    # a heading in capitals is style, but an acronym beside it is still an acronym
    ("public", "WHAT THE REVIEW FOUND: she was referred to CAMHS.", "CAMHS", Severity.WARNING),
    ("public", "CAMHS", "CAMHS", Severity.WARNING),  # a cell holding only an acronym
]

FORBIDDEN_PASSES = [
    ("public", "The NHS and her GP were involved in the UK."),
    ("children", "The NHS helped. We watched TV. She liked PE."),
    ("easy-read", "She watched TV."),
    ("easy-read", "Child AB was OK."),
    ("easy-read", "Read Part II."),
    ("easy-read", "National Referral Mechanism (NRM) means a way to ask for help."),  # glossary
    # press releases are written in capitals in places: capitals as style, not acronyms
    ("public", "EMBARGOED UNTIL 00:01 ON THURSDAY 15 MAY"),
    ("public", "NOTES TO EDITORS"),
    ("public", "ENDS"),
    ("public", "EMBARGOED DRAFT v3"),
    ("children", "WHAT HAPPENED TO CHILD M"),
]


@pytest.mark.parametrize(("audience", "text", "acronym", "severity"), FORBIDDEN_FLAGS)
def test_forbidden_acronyms_flag(
    audience: str, text: str, acronym: str, severity: Severity | None
) -> None:
    [finding] = findings(text, audience, ACRONYM_FORBIDDEN)
    assert quoted(finding) == acronym
    assert finding.severity is (severity or Severity.WARNING)


@pytest.mark.parametrize(("audience", "text"), FORBIDDEN_PASSES)
def test_forbidden_acronyms_pass(audience: str, text: str) -> None:
    assert findings(text, audience, ACRONYM_FORBIDDEN) == []


def test_a_forbidden_acronym_is_reported_once_with_its_count() -> None:
    texts = ["She saw CAMHS.", "CAMHS helped.", "Then CAMHS stopped."]
    [finding] = findings(texts, "easy-read", ACRONYM_FORBIDDEN)
    assert finding.text == "She saw CAMHS."
    assert "used 3 times" in finding.message


def test_no_acronym_check_where_acronyms_are_allowed() -> None:
    allow: Profile = PROFILES["public"].model_copy(update={"acronyms": "allow"})
    units = [Unit("", "paragraph", "She was referred to CAMHS.")]
    assert [
        f
        for f in language_findings("d", units, allow)
        if f.check in (ACRONYM_FORBIDDEN, ACRONYM_UNDEFINED)
    ] == []


# --- language.contraction (profile: easy-read) ------------------------------------------------

CONTRACTION_FLAGS = [
    ("I don't know.", "don't", "do not"),
    ("She can't go.", "can't", "cannot"),
    ("He won't come.", "won't", "will not"),
    ("It's late.", "It's", "It is (or it has)"),
    ("We'll help.", "We'll", "We will"),
    ("They didn't visit.", "didn't", "did not"),
    ("I’m sorry.", "I’m", "I am"),  # a curly apostrophe
    ("They’re here.", "They’re", "They are"),
    ("Let's talk.", "Let's", "Let us"),
    ("She'd left.", "She'd", "She would (or had)"),
]

CONTRACTION_PASSES = [
    "Child J's mum came.",  # a possessive
    "The children's home was warm.",
    "We met at 5 o'clock.",
    "She said “I don’t want to go home”.",  # someone's own words
    'She said "I don\'t want to go home".',
    "I do not know.",
    "The boys' bikes were outside.",
]


@pytest.mark.parametrize(("text", "contraction", "full"), CONTRACTION_FLAGS)
def test_contractions_flag(text: str, contraction: str, full: str) -> None:
    [finding] = findings(text, "easy-read", CONTRACTION)
    assert finding.severity is Severity.ERROR
    assert finding.suggestion == f"Write '{full}' instead of '{contraction}'."
    assert finding.text == text


@pytest.mark.parametrize("text", CONTRACTION_PASSES)
def test_contractions_pass(text: str) -> None:
    assert findings(text, "easy-read", CONTRACTION) == []


@pytest.mark.parametrize("audience", ["professional", "general", "public", "children"])
def test_contractions_are_allowed_for_other_audiences(audience: str) -> None:
    assert findings("I don't know.", audience, CONTRACTION) == []


# --- language.number-words (profile: easy-read) -----------------------------------------------

NUMBER_FLAGS = [
    ("She had three brothers.", "three", "3"),
    ("Twelve workers met.", "Twelve", "12"),
    ("There were twenty-one visits.", "twenty-one", "21"),
    ("There were twenty one visits.", "twenty one", "21"),
    ("He made two hundred and five calls.", "two hundred and five", "205"),
    ("It cost two thousand pounds.", "two thousand", "2,000"),
    ("One hundred people came.", "One hundred", "100"),
    ("Read the seven-minute briefing.", "seven", "7"),
]

NUMBER_PASSES = [
    "One of the workers visited.",  # "one" is as often a pronoun
    "No one came.",
    "She was the first child seen.",  # ordinals are fine
    "It was the second visit.",
    "Someone phoned the network.",
    "The twofold risk was clear.",
    "She had 3 brothers.",
    "She said “I was two when we moved”.",  # someone's own words
]


@pytest.mark.parametrize(("text", "words", "digits"), NUMBER_FLAGS)
def test_number_words_flag(text: str, words: str, digits: str) -> None:
    [finding] = findings(text, "easy-read", NUMBER_WORDS)
    assert finding.severity is Severity.WARNING
    assert finding.suggestion == f"Write '{digits}' instead of '{words}'."


@pytest.mark.parametrize("text", NUMBER_PASSES)
def test_number_words_pass(text: str) -> None:
    assert findings(text, "easy-read", NUMBER_WORDS) == []


def test_two_numbers_joined_by_and_are_two_findings() -> None:
    found = findings("The children were two and three.", "easy-read", NUMBER_WORDS)
    assert [f.suggestion for f in found] == [
        "Write '2' instead of 'two'.",
        "Write '3' instead of 'three'.",
    ]


@pytest.mark.parametrize("audience", ["professional", "general", "public", "children"])
def test_number_words_are_fine_for_other_audiences(audience: str) -> None:
    assert findings("She had three brothers.", audience, NUMBER_WORDS) == []


# --- Findings quote the sentence exactly ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Dr. Patel saw her. The plan was robust. It did not work.",
            "The plan was robust.",
        ),
        ("The plan was robust", "The plan was robust"),  # a unit without a full stop
        (
            "She moved.  The plan\nwas robust!  Then nothing.",
            "The plan\nwas robust!",  # line breaks and spacing kept as written
        ),
    ],
)
def test_a_finding_quotes_its_sentence_exactly(text: str, sentence: str) -> None:
    [finding] = findings(text, "public", PLAIN)
    assert finding.text == sentence
    assert finding.text in text


def test_findings_keep_the_section_and_document() -> None:
    units = [
        Unit("Background", "heading", "Background"),
        Unit("Background", "paragraph", "She lived with her siblings."),
    ]
    [finding] = [
        f for f in language_findings("easy-read", units, PROFILES["easy-read"]) if f.check == JARGON
    ]
    assert (finding.document, finding.section) == ("easy-read", "Background")


def test_clean_easy_read_text_has_no_findings() -> None:
    text = [
        "What happened to Child J",
        "Child J was 9 years old.",
        "She lived with her mum and 2 brothers.",
        "Workers from her school were worried about her.",
        "They did not tell each other what they knew.",
    ]
    assert findings(text, "easy-read") == []


# --- issue 9: messages that agree with each other -----------------------------------------------

QUOTED_TO_EXAMINE = [
    # (sentence, the blaming words, the frame the finding names)
    (
        'Phrases such as "choosing to associate" and "putting herself at risk" appear in records.',
        ["choosing to", "putting herself at risk"],
        "Phrases such as",
    ),
    ('Records describe him as "streetwise".', ["streetwise"], "Records"),
    ("Staff described him as ‘streetwise’ in the minutes.", ["streetwise"], "described him as"),
    ("The case notes called her “promiscuous”.", ["promiscuous"], "case notes"),
    ('The word "runaway" was used about Child M.', ["runaway"], "The word"),
]


@pytest.mark.parametrize(("text", "words", "frame"), QUOTED_TO_EXAMINE)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_blaming_words_quoted_to_examine_them_are_a_suggestion(
    text: str, words: list[str], frame: str, audience: str
) -> None:
    found = findings(text, audience, BLAMING)
    assert [quoted(f) for f in found] == words
    assert {f.severity for f in found} == {Severity.SUGGESTION}
    assert all(f"(“{frame}”)" in f.message for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "She was putting herself at risk.",
        "Records show she was putting herself at risk.",  # the frame needs a quotation
        "He was streetwise.",
    ],
)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_unquoted_blaming_words_stay_an_error(text: str, audience: str) -> None:
    found = findings(text, audience, BLAMING)
    assert found and {f.severity for f in found} == {Severity.ERROR}


def test_a_quotation_without_a_frame_is_still_a_warning() -> None:
    [finding] = findings('Her mother said she was "putting herself at risk".', "public", BLAMING)
    assert finding.severity is Severity.WARNING


HARD_WORDS_ENTRY = Unit(
    "Hard words", "point", "Exploitation. When someone uses a child to get money or power."
)


@pytest.mark.parametrize("audience", ["public", "children", "easy-read"])
@pytest.mark.parametrize(
    "units",
    [
        # the entry after the use, as the easy read and children's versions place them
        [Unit("What happened", "point", "This is called exploitation."), HARD_WORDS_ENTRY],
        [HARD_WORDS_ENTRY, Unit("What happened", "point", "He was exploited by adults.")],
        [
            Unit("Words we use", "item", "Exploitation: being used by someone for their gain."),
            Unit("What happened", "paragraph", "This is called exploitation."),
        ],
        # a hand-written file: a definition anywhere teaches the word
        [
            Unit("", "paragraph", "Exploitation means being used by someone for their gain."),
            Unit("", "paragraph", "This is called exploitation."),
        ],
        [
            Unit("", "paragraph", "Exploitation. Being used by someone for their gain."),
            Unit("", "paragraph", "This is called exploitation."),
        ],
    ],
)
def test_a_word_the_document_defines_is_not_jargon_in_it(units: list[Unit], audience: str) -> None:
    found = language_findings("d", units, PROFILES[audience])
    assert [f for f in found if f.check == JARGON] == []


@pytest.mark.parametrize(
    "units",
    [
        [Unit("What happened", "point", "This is called exploitation.")],
        # another word of the same field is still jargon
        [HARD_WORDS_ENTRY, Unit("What happened", "point", "This is criminal exploitation.")],
    ],
)
def test_an_undefined_word_is_still_jargon(units: list[Unit]) -> None:
    found = language_findings("d", units, PROFILES["easy-read"])
    assert [f.severity for f in found if f.check == JARGON] == [Severity.ERROR]


@pytest.mark.parametrize(
    ("audience", "check", "severity"),
    [
        ("easy-read", ACRONYM_FORBIDDEN, Severity.ERROR),
        ("children", ACRONYM_FORBIDDEN, Severity.WARNING),
        ("public", ACRONYM_FORBIDDEN, Severity.WARNING),
    ],
)
def test_an_acronym_that_is_jargon_is_one_finding_with_both_advices(
    audience: str, check: str, severity: Severity
) -> None:
    found = findings("She was a victim of CSE. Workers knew about CSE.", audience)
    assert len(found) == 1
    [finding] = found
    assert finding.check == check
    assert finding.severity is severity
    assert "abbreviation (used 2 times)" in finding.message
    assert finding.message.count("jargon too") == 1  # each piece of advice said once
    assert finding.suggestion.count("Write what 'CSE' stands for") == 1
    assert finding.suggestion.count("Say 'sexual abuse, where someone") == 1


def test_an_undefined_acronym_that_is_jargon_is_one_finding() -> None:
    # jargon is read for the public; here acronyms must be defined rather than avoided
    profile = PROFILES["public"].model_copy(update={"acronyms": "define"})
    units = [Unit("", "paragraph", "She was a victim of CSE. Workers knew about CSE.")]
    found = language_findings("d", units, profile)
    undefined = [f for f in found if f.check == ACRONYM_UNDEFINED]
    assert len(undefined) == 1
    assert (
        "Spell it out" in undefined[0].suggestion and "Say 'sexual abuse" in undefined[0].suggestion
    )
    assert undefined[0].text == "She was a victim of CSE."
    # the second use is jargon still (the acronym was reported at its first use only)
    assert [f.text for f in found if f.check == JARGON] == ["Workers knew about CSE."]


def test_victim_blaming_words_are_never_folded_into_an_acronym() -> None:
    found = findings("Records called it CSE and said she was putting herself at risk.", "public")
    assert {f.check for f in found} == {ACRONYM_FORBIDDEN, BLAMING}
