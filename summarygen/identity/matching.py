"""Register matching: each protected register entry, and each text the record allows, compiled
into the phrases that find every form it may be written in."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .fold import _folded, _lower
from .phrases import (
    _END,
    _HYPHEN_OR_GAP,
    _NAME_JOIN,
    _alternatives,
    _code_phrase,
    _ending,
    _is_code,
    _name_parts,
    _needed_pieces,
    _Phrase,
    _phrase,
    _phrase_expression,
    _text_phrase,
    _title_before,
    _titles_and_name,
    _word_expression,
)
from .register import ProtectedEntry
from .rules import _compiled, _CompiledRules, identity_rules, phone_key
from .written_dates import parse_written_date


@dataclass(frozen=True)
class Allowed:
    """What may appear in a published file although it looks like an identifier."""

    names: tuple[str, ...] = ()
    """People named with their consent: the reviewers and the chair ("Dr Harriet Vale")."""
    pseudonyms: tuple[str, ...] = ()
    """Pseudonyms and role labels: "Child M", "Mr K"."""
    waived: tuple[str, ...] = ()
    """Exact texts the author waived in the record, with a reason."""
    contacts: tuple[str, ...] = ()
    """The contact email addresses and phone numbers the record declares."""
    dates: tuple[_dt.date, ...] = ()
    """Dates that may be printed in full: publication and embargo."""
    organisations: tuple[str, ...] = ()
    """Agencies the record names ("Westmere General Hospital Emergency Department")."""
    warned_organisations: tuple[str, ...] = ()
    """Agencies the record names that are a school, nursery, GP practice or children's home,
    in a document for children or the public: not allowed, but a warning rather than an
    error (``named_agency`` in identity.yaml)."""

    def __post_init__(self) -> None:
        # lists are welcome too; held as tuples so that the compiled form can be cached
        for name in (
            "names",
            "pseudonyms",
            "waived",
            "contacts",
            "dates",
            "organisations",
            "warned_organisations",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))


# --- The register, compiled -----------------------------------------------------------------


@dataclass(frozen=True)
class _RegisterForm:
    entry: ProtectedEntry
    form: str
    """How the entry was written where it was found ("surname on its own"); "" if as itself."""
    phrase: _Phrase


@dataclass(frozen=True)
class _CompiledRegister:
    forms: tuple[_RegisterForm, ...]
    dates: dict[_dt.date, ProtectedEntry]
    days: dict[tuple[int, int], ProtectedEntry]
    by_word: dict[str, tuple[_RegisterForm, ...]]
    """The forms that need a word, by the longest word each needs."""
    always: tuple[_RegisterForm, ...]
    """The forms that need no word (numbers and codes): tried on every part."""

    @property
    def empty(self) -> bool:
        return not self.forms

    def forms_for(self, words: frozenset[str]) -> Iterator[_RegisterForm]:
        """The forms worth trying on text holding ``words``."""
        yield from self.always
        for word, forms in self.by_word.items():
            if word in words or word + "s" in words:
                yield from forms


@lru_cache(maxsize=16)
def _compile_register(entries: tuple[ProtectedEntry, ...]) -> _CompiledRegister:
    rules = _compiled()
    forms: list[_RegisterForm] = []
    dates: dict[_dt.date, ProtectedEntry] = {}
    days: dict[tuple[int, int], ProtectedEntry] = {}
    for entry in entries:
        if entry.category == "date":
            found = parse_written_date(entry.value)
            if found is not None:
                dates.setdefault(found, entry)
                days.setdefault((found.month, found.day), entry)
            continue
        if entry.category == "name" and not _is_code(entry.value):
            variants = _name_forms(entry, rules)
        else:
            variants = _phrase_forms(entry, rules)
        forms.extend(_RegisterForm(entry, form, phrase) for form, phrase in variants)
    by_word: dict[str, list[_RegisterForm]] = {}
    for form in forms:
        if form.phrase.needs:
            by_word.setdefault(max(form.phrase.needs, key=len), []).append(form)
    return _CompiledRegister(
        forms=tuple(forms),
        dates=dates,
        days=days,
        by_word={word: tuple(forms) for word, forms in by_word.items()},
        always=tuple(form for form in forms if not form.phrase.needs),
    )


def _name_forms(entry: ProtectedEntry, rules: _CompiledRules) -> list[tuple[str, _Phrase]]:
    parts = _name_parts(entry.value, rules.titles_before_names)
    lower = [_lower(part) for part in parts]
    if len(parts) == 1:
        return [_alone_form("", lower[0])]
    first, *middles, surname = lower
    first_x, surname_x = _word_expression(first), _word_expression(surname)
    surname_end = surname_x + _ending(surname)
    middle_x = "".join(
        rf"(?:{_NAME_JOIN}(?:{_word_expression(m)}|{re.escape(m[0])}\.?))?" for m in middles
    )
    both = _needed_pieces(first, surname)
    forms: list[tuple[str, _Phrase]] = [
        ("full name", _phrase(f"{first_x}{middle_x}{_NAME_JOIN}{surname_end}", both)),
        (
            "surname first",
            _phrase(rf"{surname_x}[ \t]*,[ \t]*(?:\r?\n[ \t]*)?{first_x}{_ending(first)}", both),
        ),
        (
            "title and surname",
            _phrase(
                surname_end,
                _needed_pieces(surname),
                title=rules.title_before,
                title_required=True,
            ),
        ),
    ]
    initials = [p[0].upper() for p in parts]
    if all(initial.isalpha() for initial in initials):
        forms.extend(_initial_forms(initials, surname_end, _needed_pieces(surname)))
    if "first" in entry.alone:
        forms.append(_alone_form("first name on its own", first))
    if "surname" in entry.alone:
        forms.append(_alone_form("surname on its own", surname))
    if "middle" in entry.alone:
        forms.extend(_alone_form("middle name on its own", m) for m in middles)
    return forms


@cache
def _everyday_words() -> frozenset[str]:
    """``names_that_are_words`` in identity.yaml, in lower case."""
    return frozenset(word.lower() for word in identity_rules().names_that_are_words)


_COMMON_WORD = "a common word, counted where written as a name"


def _alone_form(form: str, word: str) -> tuple[str, _Phrase]:
    """One part of a name on its own (``word`` in lower case). A part that is also a common
    English word ("green", "young"; ``names_that_are_words`` in identity.yaml) counts only
    where it is written as a name: with a capital
    (Green, GREEN), never in lower case ("the green door"), and not where any word has one
    (a sentence's start, "Green Lane", "Amber, Green": see ``_written_as_name``)."""
    expression = _word_expression(word) + _ending(word)
    if word in _everyday_words():
        first = re.escape(word[0].upper())
        cased = f"{first}(?i:{_word_expression(word[1:])}{_ending(word)})"
        label = f"{form}, {_COMMON_WORD}" if form else _COMMON_WORD
        return label, _phrase(cased, _needed_pieces(word), cased=True, as_name=True)
    return form, _phrase(expression, _needed_pieces(word))


def _initial_forms(
    initials: list[str], surname_end: str, surname_needs: list[str]
) -> list[tuple[str, _Phrase]]:
    """Initials are capitals: "S. Smith", "S Smith", "S.J. Smith", "SJ Smith", "S.J.S."."""
    first_i, *middle_i, surname_i = (re.escape(i) for i in initials)
    after = r"(?:\.[ \t]*|[ \t]+)"
    optional_middles = "".join(f"(?:{i}{after})?" for i in middle_i)
    edge = "'."
    forms = [
        (
            "initials and surname",
            _phrase(
                f"{first_i}{after}{optional_middles}(?i:{surname_end})",
                surname_needs,
                cased=True,
                not_after=edge,
            ),
        )
    ]
    if middle_i:
        joined = "".join([first_i, *middle_i])
        forms.append(
            (
                "initials and surname",
                _phrase(
                    rf"{joined}[ \t]+(?i:{surname_end})",
                    surname_needs,
                    cased=True,
                    not_after=edge,
                ),
            )
        )
    dotted_middles = "".join(rf"(?:{i}\.[ \t]?)?" for i in middle_i)
    forms.append(
        (
            "initials",
            _phrase(
                rf"{first_i}\.[ \t]?{dotted_middles}{surname_i}\.?{_END}",
                cased=True,
                not_after=edge,
            ),
        )
    )
    return forms


def _phrase_forms(entry: ProtectedEntry, rules: _CompiledRules) -> list[tuple[str, _Phrase]]:
    value = entry.value
    if _is_code(value):
        return [("", _code_phrase(value))]
    forms = [("", _text_phrase(value))]
    if entry.category == "school":
        words = _lower(_folded(value)).split()
        core = list(words)
        while core and core[-1] in rules.school_words | {"c", "e", "of"}:
            core.pop()
        if core and len(core) < len(words):
            core_text = " ".join(core)
            if len(core) > 1:  # "St Aldwyth's"; a one-word core ("Quillon") is often a place
                forms.append(("without its ending", _text_phrase(core_text)))
            school_word = f"(?:{_alternatives(rules.school_words)})"
            ending = rf"(?:{_HYPHEN_OR_GAP}{school_word}){{1,3}}{_END}"
            forms.append(
                (
                    "with another school ending",
                    _phrase(_phrase_expression(core_text) + ending, _needed_pieces(core_text)),
                )
            )
    return forms


# --- Allowed, compiled ----------------------------------------------------------------------


@dataclass(frozen=True)
class _CompiledAllowed:
    people: tuple[_Phrase, ...]
    others: tuple[_Phrase, ...]
    """Organisations and waived texts."""
    warned: tuple[tuple[str, _Phrase], ...]
    """Agencies that warn: the suggestion for each, and its phrase."""
    emails: frozenset[str]
    phones: frozenset[str]
    dates: frozenset[_dt.date]


@lru_cache(maxsize=16)
def _compile_allowed(allowed: Allowed) -> _CompiledAllowed:
    rules = _compiled()
    people: list[_Phrase] = []
    for name in allowed.names:
        # "Dr Harriet Vale" allows "Dr Vale" but not "Mrs Vale"; a name given without a
        # title allows it with any title
        own_titles, parts = _titles_and_name(name, rules.titles_before_names)
        if not parts:
            continue
        title = _title_before(own_titles) if own_titles else rules.title_before
        *given, surname = [_lower(part) for part in parts]
        surname_end = _word_expression(surname) + _ending(surname)
        needs = _needed_pieces(surname)
        if not given:
            people.append(_phrase(surname_end, needs, title=title))
            continue
        people.append(_phrase(surname_end, needs, title=title, title_required=True))
        middles = "".join(f"(?:{_NAME_JOIN}{_word_expression(m)})?" for m in given[1:])
        full = f"{_word_expression(given[0])}{middles}{_NAME_JOIN}{surname_end}"
        people.append(_phrase(full, _needed_pieces(given[0], surname), title=title))
    people.extend(_text_phrase(p) for p in allowed.pseudonyms if p.strip())
    others = [_text_phrase(o) for o in allowed.organisations if o.strip()]
    others.extend(
        _phrase(
            r"\s+".join(re.escape(w) for w in _folded(text).split())
            + (_END if text.strip()[-1:].isalnum() else ""),
            _needed_pieces(text),
            cased=True,
        )
        for text in allowed.waived
        if text.strip()
    )
    contacts = [c.strip() for c in allowed.contacts]
    agency_rule = identity_rules().named_agency
    warned = tuple(
        (kind.suggestion if (kind := agency_rule.kind_of(name)) else "", _text_phrase(name))
        for name in allowed.warned_organisations
        if name.strip()
    )
    return _CompiledAllowed(
        people=tuple(people),
        others=tuple(others),
        warned=warned,
        emails=frozenset(c.lower() for c in contacts if "@" in c),
        phones=frozenset(
            key for c in contacts if "@" not in c and (key := phone_key(c)) is not None
        ),
        dates=frozenset(allowed.dates),
    )


def forms_of(entry: ProtectedEntry) -> list[str]:
    """The forms an entry is looked for in, as a person reads them ("full name", "surname on
    its own"): what ``summarygen register`` prints."""
    if entry.category == "date":
        return [
            "in any common written form (in words, with / . or -, ISO, short month names, "
            "two-digit years)",
            "by its day and month",
        ]
    compiled = _compile_register((entry,))
    seen: list[str] = []
    for form in compiled.forms:
        label = form.form or (
            "however spaced or punctuated" if _is_code(entry.value) else "as written"
        )
        if label not in seen:
            seen.append(label)
    return seen
