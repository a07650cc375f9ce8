"""The identity rules: ``rules/identity.yaml`` validated (pydantic models) and compiled once
into the patterns the detectors apply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._resources import read_rules_yaml
from ..findings import Severity
from .fold import _lower
from .phrases import (
    _END,
    _GAP,
    _alternatives,
    _Phrase,
    _phrase,
    _text_phrase,
    _title_before,
)

# --- The rules: data ----------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Detector(_Model):
    """What every detector says when it finds something."""

    check: str = Field(pattern=r"^identity\.[a-z-]+$")
    what: str
    """Names the kind in a message: "a UK postcode"."""
    severity: Severity
    suggestion: str
    suggestion_without_record: str = ""
    """The advice for a file checked without ``--record``, when ``suggestion`` speaks of
    the record ("declare it as the review's contact in the record")."""
    examples: tuple[str, ...] = ()
    """Texts the detector must flag (the tests run them)."""
    near_misses: tuple[str, ...] = ()
    """Texts the detector must pass (the tests run them)."""


class PatternDetector(Detector):
    pattern: str
    """Matched only where a word starts (the engine checks the character before)."""
    not_after: str = ""
    """Characters, besides letters and digits, that may not stand just before a match."""


class PostcodeDetector(PatternDetector):
    areas: frozenset[str]
    """The postcode areas (the letters at the start) that exist."""


class PublicNumber(_Model):
    name: str
    number: str


class PhoneDetector(Detector):
    """Phone numbers are found by libphonenumber (PyPI ``phonenumbers``), not a pattern."""

    national_lengths: tuple[int, ...]
    """How many digits a number has, written from its leading 0."""
    second_digits: str
    """The digits that may follow the leading 0."""
    public_numbers: tuple[PublicNumber, ...]
    """Public helplines, which may be printed."""


class StreetAddressDetector(PatternDetector):
    street_words: tuple[str, ...]
    """The last word of a street's name: Road, Close, Way, ... (``{street_words}``)."""
    also_surnames: tuple[str, ...] = ()
    """Street words that are also surnames: a register line ending in one reads as a name."""


class NiNumberDetector(PatternDetector):
    invalid_prefixes: frozenset[str]


class FullDateDetector(Detector):
    suggestion: str = Field(pattern=r"\{month_year\}")
    birth_severity: Severity
    birth_what: str
    birth_suggestion: str
    birth_words: str
    birth_window_before: int = Field(ge=0)
    birth_window_after: int = Field(ge=0)
    months: tuple[tuple[str, ...], ...] = Field(min_length=12, max_length=12)
    day_words: tuple[str, ...] = Field(min_length=31, max_length=31)
    patterns: tuple[str, ...]
    birth_patterns: tuple[str, ...] = ()
    """Forms tried only near words about birth (two-digit years, dotted days)."""
    not_after: str = ""


class TitledNameDetector(PatternDetector):
    report_words: tuple[str, ...] = ()
    """Words for a public report: a titled name that is cited with one is not flagged."""
    citation_reach: int = Field(default=40, ge=0)
    """How many characters before a name a report word and "by" may stand."""
    titles: tuple[str, ...]
    other_titles: tuple[str, ...]
    thing_words: tuple[str, ...]
    not_people: tuple[str, ...]


class PlaceKind(Detector):
    endings: tuple[str, ...]


class NamedPlaces(_Model):
    leading_words: tuple[str, ...]
    connectors: tuple[str, ...]
    generic_words: tuple[str, ...]
    kinds: tuple[PlaceKind, ...]


class AgencyKind(_Model):
    endings: tuple[str, ...]
    suggestion: str


class NamedAgency(_Model):
    """Agencies of the record that are places a child lived or went to school."""

    check: str = Field(pattern=r"^identity\.[a-z-]+$")
    what: str
    severity: Severity
    audiences: tuple[str, ...]
    kinds: tuple[AgencyKind, ...]

    def kind_of(self, name: str) -> AgencyKind | None:
        """The kind of place an agency's name says it is, or None."""
        words = " ".join(name.replace("’", "'").split()).lower()
        for kind in self.kinds:
            if any(words.endswith(ending.lower()) for ending in kind.endings):
                return kind
        return None


class JigsawGroup(_Model):
    what: str
    suggestion: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _something_to_find(self) -> JigsawGroup:
        if not self.terms and not self.patterns:
            raise ValueError("a jigsaw group needs terms or patterns")
        return self


class Jigsaw(_Model):
    check: str = Field(pattern=r"^identity\.[a-z-]+$")
    severity: Severity
    why: str
    age: str
    groups: tuple[JigsawGroup, ...]


class IdentityRules(_Model):
    """``identity.yaml``."""

    postcode: PostcodeDetector
    phone: PhoneDetector
    email: PatternDetector
    nhs_number: PatternDetector
    street_address: StreetAddressDetector
    ni_number: NiNumberDetector
    full_date: FullDateDetector
    titled_name: TitledNameDetector
    named_places: NamedPlaces
    named_agency: NamedAgency
    names_that_are_words: frozenset[str] = frozenset()
    """Names that are everyday words: alone, counted only where written as a name."""
    jigsaw: Jigsaw

    @model_validator(mode="after")
    def _patterns_compile(self) -> IdentityRules:
        try:
            _compiled_rules(self)
        except re.error as error:
            raise ValueError(f"bad pattern {error.pattern!r}: {error}") from None
        return self

    def detectors(self) -> list[Detector]:
        """Every detector with one check, in the order their findings are preferred."""
        return [
            self.email,
            self.phone,
            self.nhs_number,
            self.ni_number,
            self.postcode,
            self.street_address,
            self.full_date,
            *self.named_places.kinds,
            self.titled_name,
        ]


@cache
def identity_rules() -> IdentityRules:
    """The shipped ``identity.yaml``, validated."""
    return IdentityRules.model_validate(read_rules_yaml("identity.yaml"))


# --- Compiled rules (once) ------------------------------------------------------------------


@dataclass(frozen=True)
class _PlaceEnding:
    kind: PlaceKind
    one_word: bool
    """A one-word ending (School) must be capitalised; a longer one (primary school) need not."""


@dataclass(frozen=True)
class _JigsawPatterns:
    group: JigsawGroup
    terms: tuple[_Phrase, ...]
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class _CompiledRules:
    postcode: re.Pattern[str]
    public_phones: frozenset[str]
    """Public helplines, as :func:`phone_key` gives them."""
    email: re.Pattern[str]
    nhs_number: re.Pattern[str]
    street_address: re.Pattern[str]
    ni_number: re.Pattern[str]
    dates: re.Pattern[str]
    birth_dates: re.Pattern[str]
    """Forms of a date looked for only near words about birth."""
    month_before: re.Pattern[str]
    """A month's name at the end of the text searched: where a date may start."""
    day_word_before: re.Pattern[str]
    """A day written as a word at the end of the text searched ("the fourteenth of ")."""
    day_numbers: dict[str, int]
    month_and_year: re.Pattern[str]
    month_numbers: dict[str, int]
    birth_words: re.Pattern[str]
    titled_name: re.Pattern[str]
    title_before: re.Pattern[str]
    """A title (or another title) in lower case, at the end of the text searched."""
    titles_before_names: frozenset[str]
    thing_after: re.Pattern[str]
    cited_after: re.Pattern[str]
    """After a titled name: a year in brackets, or a possessive and a report word."""
    cited_before: re.Pattern[str]
    """Before a titled name (at the end of the text searched): a report word and "by"."""
    year_after: re.Pattern[str]
    """Just after a titled name: a year ("in 2012", "(2016)")."""
    thing_words: frozenset[str]
    not_people: tuple[_Phrase, ...]
    place_endings: _Phrase
    place_ending_kinds: dict[str, _PlaceEnding]
    place_run: re.Pattern[str]
    leading_words: frozenset[str]
    connectors: frozenset[str]
    generic_words: frozenset[str]
    school_words: frozenset[str]
    jigsaw: tuple[_JigsawPatterns, ...]


@cache
def _compiled() -> _CompiledRules:
    return _compiled_rules(identity_rules())


def _compiled_rules(rules: IdentityRules) -> _CompiledRules:
    month_names = [name for names in rules.full_date.months for name in names]
    all_titles = (*rules.titled_name.titles, *rules.titled_name.other_titles)
    places = rules.named_places
    ending_kinds = {
        _lower(ending): _PlaceEnding(kind, len(ending.split()) == 1)
        for kind in places.kinds
        for ending in kind.endings
    }
    endings = "|".join(
        _GAP.join(re.escape(word) for word in ending.split())
        for ending in sorted(ending_kinds, key=len, reverse=True)
    )
    school_words = {
        word.lower()
        for kind in places.kinds
        if kind.check == "identity.school"
        for ending in kind.endings
        for word in ending.split()
    }
    word = r"(?:St\.|[A-Z][\w'&-]*)"
    run = rf"{word}(?:{_GAP}(?:(?:{_alternatives(places.connectors)}){_GAP})*{word})*"
    return _CompiledRules(
        postcode=re.compile(_expanded(rules.postcode.pattern)),
        public_phones=frozenset(
            key for public in rules.phone.public_numbers if (key := phone_key(public.number))
        ),
        email=re.compile(rules.email.pattern),
        nhs_number=re.compile(_expanded(rules.nhs_number.pattern)),
        street_address=re.compile(
            _expanded(rules.street_address.pattern).replace(
                "{street_words}", f"(?:{_alternatives(rules.street_address.street_words)})"
            )
        ),
        ni_number=re.compile(_expanded(rules.ni_number.pattern)),
        dates=re.compile(_dates_expression(rules.full_date.patterns, rules.full_date, month_names)),
        birth_dates=re.compile(
            _dates_expression(rules.full_date.birth_patterns, rules.full_date, month_names)
        ),
        month_before=re.compile(rf"(?<![^\W_])(?i:{_alternatives(month_names)})\.?\s+$"),
        day_word_before=re.compile(rf"(?<![^\W_])(?:{_day_words(rules.full_date)})(?:\s+of)?\s+$"),
        day_numbers={
            word.replace("-", " "): number
            for number, word in enumerate(rules.full_date.day_words, start=1)
        },
        month_and_year=re.compile(
            rf"(?i:{_alternatives(month_names)})\.?,?\s+\d{{4}}"
            r"|\d{4}[-/]\d{1,2}|\d{1,2}[-/]\d{4}"
        ),
        month_numbers={
            name.lower(): number
            for number, names in enumerate(rules.full_date.months, start=1)
            for name in names
        },
        birth_words=re.compile(rules.full_date.birth_words),
        titled_name=re.compile(
            rules.titled_name.pattern.replace(
                "{titles}", f"(?:{_alternatives(rules.titled_name.titles)})"
            )
        ),
        title_before=_title_before(t.lower() for t in all_titles),
        titles_before_names=frozenset(t.lower() for t in all_titles),
        thing_after=re.compile(
            rf"{_GAP}(?:{_alternatives(rules.titled_name.thing_words)}){_END}", re.IGNORECASE
        ),
        cited_after=re.compile(
            r"(?:'s|')?[ \t]*\([ \t]*(?:19|20)\d{2}[a-z]?[ \t]*\)"
            r"|(?:'s|')\s+(?:[\w-]+\s+){0,2}?(?:19|20)\d{2}\s+(?:[\w-]+\s+){0,2}?"
            rf"(?i:{_alternatives(rules.titled_name.report_words)})\b"
        ),
        cited_before=re.compile(
            rf"\b(?i:{_alternatives(rules.titled_name.report_words)})\s+"
            r"(?:(?:led|written|carried\s+out|conducted|commissioned|published|chaired)\s+)?by\s+$"
        ),
        year_after=re.compile(r"[ \t,]*(?:in[ \t]+|\([ \t]*)?(?:19|20)\d{2}\b"),
        thing_words=frozenset(w.lower() for w in rules.titled_name.thing_words),
        not_people=tuple(_text_phrase(p, possessive=False) for p in rules.titled_name.not_people),
        place_endings=_phrase(f"(?:{endings}){_END}"),
        place_ending_kinds=ending_kinds,
        place_run=re.compile(rf"(?<![\w'&.-])(?P<run>{run}){_GAP}$"),
        leading_words=frozenset(w.lower() for w in places.leading_words),
        connectors=frozenset(places.connectors),
        generic_words=frozenset(w.lower() for w in places.generic_words),
        school_words=frozenset(school_words | {w.lower() for w in places.generic_words}),
        jigsaw=tuple(_jigsaw_patterns(group, rules.jigsaw.age) for group in rules.jigsaw.groups),
    )


def _day_words(rule: FullDateDetector) -> str:
    """The days as words, in any case, compounds with a hyphen or a space: longest first."""
    words = sorted(rule.day_words, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(word).replace(r"\-", r"[-\s]") for word in words) + ")"


def _dates_expression(
    patterns: tuple[str, ...], rule: FullDateDetector, month_names: list[str]
) -> str:
    any_case = f"(?i:{_alternatives(month_names)})"
    capitalised = f"(?:{_alternatives(month_names)})"
    day_word = _day_words(rule)
    alternatives = []
    for index, pattern in enumerate(patterns):
        expression = pattern.replace("{month}", any_case).replace("{Month}", capitalised)
        expression = _expanded(expression.replace("{day_word}", day_word))
        expression = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{index}>", expression)
        expression = re.sub(r"\(\?P=(\w+)\)", rf"(?P=\1_{index})", expression)
        alternatives.append(f"(?:{expression})")
    return "(?:" + "|".join(alternatives) + r")(?![\w/]|[.\-]\d)"


def _jigsaw_patterns(group: JigsawGroup, age: str) -> _JigsawPatterns:
    return _JigsawPatterns(
        group,
        tuple(_text_phrase(term, possessive=False) for term in group.terms),
        tuple(re.compile(p.replace("{age}", age)) for p in group.patterns),
    )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_NUMBER_GAP = r"(?:[ \t]{1,3}|[ \t]*\r?\n[ \t]*)"
"""What ``{gap}`` in a pattern stands for: up to three spaces or tabs, or one line break."""


_LINE_BREAK = r"(?:[ \t]*\r?\n[ \t]*)?"
"""What ``{break}`` stands for: a line break that may follow a hyphen, a slash or a stop."""


_JOINT = r"(?:[ \t]{0,3}(?:\r?\n[ \t]*)?[-/._][ \t]{0,3}(?:\r?\n[ \t]*)?)"
"""What ``{joint}`` stands for: a hyphen (every dash is one by then), slash, full stop or
underscore, with up to three spaces or a line break either side."""


def _expanded(pattern: str) -> str:
    return (
        pattern.replace("{gap}", _NUMBER_GAP)
        .replace("{break}", _LINE_BREAK)
        .replace("{joint}", _JOINT)
    )


def phone_key(text: str) -> str | None:
    """A phone number as libphonenumber reads it (UK unless it says otherwise), in E.164
    ("+447700900123"): how the public helplines and the record's contact number are compared
    with a number found, however each is written. None if it is not a number."""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
