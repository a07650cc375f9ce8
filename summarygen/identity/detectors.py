"""The detectors: each finds one kind of identifier in a folded text (a :class:`_View`), and
:func:`_scan` runs them all on one part, with the register and what the record allows."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import phonenumbers
from phonenumbers import Leniency

from ..findings import Severity
from .fold import _BROKEN_WORD, Span, _fold, _joined, _View, uses_look_alikes
from .matching import _CompiledAllowed, _CompiledRegister
from .phrases import _SENTENCE_END, _SENTENCE_START, _at_word_starts
from .register import ProtectedEntry, mask
from .rules import (
    Detector,
    FullDateDetector,
    _compiled,
    _CompiledRules,
    _digits,
    identity_rules,
)
from .written_dates import _written_dates

REGISTER_CHECK = "identity.register"

# --- Scanning a part ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    span: Span
    """Where in the part's original text."""
    check: str
    severity: Severity
    message: str
    suggestion: str
    rank: int
    """Which of two overlapping hits is reported: the lower rank."""
    key: Span | None = None
    """The words that decide whether it is allowed, if not the whole span."""
    shown: bool = False
    """Whether the matched words may be shown (jigsaw risks identify no one alone)."""


# Ranks: which of two overlapping findings is reported.
_RANK_REGISTER, _RANK_EMAIL, _RANK_PHONE, _RANK_NHS, _RANK_NI, _RANK_POSTCODE = range(6)
_RANK_DATE, _RANK_PLACE, _RANK_TITLED, _RANK_JIGSAW = range(6, 10)


@dataclass(frozen=True)
class _Scan:
    reported: list[_Hit]
    masked: list[Span]
    """Every identifier found, reported or not: none may be shown."""


@dataclass(frozen=True)
class _Allowances:
    """The spans (in the original text) that allowed texts cover."""

    people: list[Span]
    others: list[Span]

    def excuse(self, hit: _Hit) -> bool:
        """Whether an allowed text covers the hit. Never a register entry: what the author
        protects is never published, whatever the record allows (a record that allows a
        protected entry is refused before a build: :func:`gate.register_conflicts`)."""
        key = hit.key or hit.span
        if hit.check == REGISTER_CHECK:
            return False
        return _inside_any(key, self.people) or _inside_any(key, self.others)


def _inside_any(span: Span, spans: Iterable[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _overlaps_any(span: Span, spans: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _scan(text: str, register: _CompiledRegister, allowed: _CompiledAllowed) -> _Scan:
    rules = _compiled()
    view = _fold(text)
    allowances = _Allowances(
        people=[view.original(*span) for p in allowed.people for span in p.spans(view)],
        others=[view.original(*span) for p in allowed.others for span in p.spans(view)],
    )
    register_hits = [] if register.empty else list(_register_hits(view, register))
    detector_hits = [
        *_email_hits(view, rules, allowed),
        *_phone_hits(view, rules, allowed),
        *_nhs_number_hits(view, rules),
        *_ni_number_hits(view, rules),
        *_postcode_hits(view, rules),
        *_street_address_hits(view, rules),
        *_date_hits(view, rules, register, allowed),
        *_named_place_hits(view, rules),
        *_titled_name_hits(view, rules),
    ]
    masked = [hit.span for hit in register_hits]
    register_hits = [hit for hit in register_hits if not allowances.excuse(hit)]
    agency_hits = list(_named_agency_hits(view, allowed))
    detector_hits = [
        hit
        for hit in detector_hits
        if not allowances.excuse(hit)
        and not (hit.rank == _RANK_PLACE and _inside_any(hit.span, (a.span for a in agency_hits)))
    ]
    detector_hits.extend(agency_hits)
    masked.extend(hit.span for hit in detector_hits)
    reported = _one_per_place([*register_hits, *detector_hits])
    jigsaw = [
        # the risk's own words are shown, with any identifier among them masked
        replace(hit, message=hit.message.replace(_QUOTE, _one_line(text, hit.span, masked)))
        for hit in _jigsaw_hits(view, rules)
        if not allowances.excuse(hit)
    ]
    reported.extend(_one_per_place(jigsaw))
    reported.sort(key=lambda hit: (hit.span[0], hit.rank))
    return _Scan(reported, masked)


def _one_per_place(hits: list[_Hit]) -> list[_Hit]:
    """Overlapping hits are one finding: the best-ranked, then the longest."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.rank, h.span[0] - h.span[1], h.span[0])):
        if not _overlaps_any(hit.span, (k.span for k in kept)):
            kept.append(hit)
    return kept


def _hit(view: _View, span: Span, rule: Detector, rank: int, *, key: Span | None = None) -> _Hit:
    return _Hit(
        span=view.original(*span),
        check=rule.check,
        severity=rule.severity,
        message=f"{_capitalised(rule.what)} ({mask(view.text[span[0] : span[1]])}).",
        suggestion=rule.suggestion,
        rank=rank,
        key=view.original(*key) if key else None,
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _register_hits(view: _View, register: _CompiledRegister) -> Iterator[_Hit]:
    joined = _joined(view)
    break_starts: set[int] = set()
    break_ends: set[int] = set()
    if joined is not None:
        for found in _BROKEN_WORD.finditer(view.text):
            break_starts.add(found.start())
            break_ends.add(found.end())
    words = view.words if joined is None else view.words | joined.words
    for form in register.forms_for(words):
        for start, end in form.phrase.spans(view):
            if start in break_ends or end in break_starts:
                continue  # part of a word broken across lines: the joined text decides
            yield _register_hit(view, view.original(start, end), form.entry, form.form)
        if joined is not None:
            for span in form.phrase.spans(joined):
                yield _register_hit(view, joined.original(*span), form.entry, form.form)


_REGISTER_SUGGESTIONS = {
    "name": "Use the pseudonym, or a role (Mother, the class teacher).",
    "place": 'Remove it, or describe the place without naming it ("a town in the area").',
    "school": 'Use a pseudonym ("School 1") or describe it ("his secondary school").',
    "date": "Remove the date, or give the month and year only.",
    "other": "Remove it.",
}


def _register_hit(view: _View, span: Span, entry: ProtectedEntry, form: str) -> _Hit:
    """``span`` is in the original text."""
    hows = [form] if form else []
    if uses_look_alikes(view.source[span[0] : span[1]]):
        hows.append("written with look-alike letters")
    how = f" ({', '.join(hows)})" if hows else ""
    return _Hit(
        span=span,
        check=REGISTER_CHECK,
        severity=Severity.ERROR,
        message=f"{_capitalised(entry.masked)} from the protected register{how}.",
        suggestion=_REGISTER_SUGGESTIONS[entry.category],
        rank=_RANK_REGISTER,
    )


def _email_hits(view: _View, rules: _CompiledRules, allowed: _CompiledAllowed) -> Iterator[_Hit]:
    if "@" not in view.text:
        return
    rule = identity_rules().email
    for match in _at_word_starts(rules.email, view.text, rule.not_after):
        if "".join(match.group().split()).lower() not in allowed.emails:
            yield _hit(view, match.span(), rule, _RANK_EMAIL)


_PHONE_HINT = re.compile(r"(?:\+|\(?0)\d(?:[\s().-]{0,4}\d){6,}")
"""Where libphonenumber may find a number: a + or a 0 and at least seven more digits. The
matcher is slow; most parts hold no such run and skip it."""
_ANY_SPACE = re.compile(r"\s")


def _phone_hits(view: _View, rules: _CompiledRules, allowed: _CompiledAllowed) -> Iterator[_Hit]:
    """Phone numbers, found by libphonenumber's PhoneNumberMatcher (region GB) in the text
    with every space, tab and line break read as one space (so a number wrapped at a line
    end is whole; positions stay the same)."""
    if _PHONE_HINT.search(view.text) is None:
        return
    rule = identity_rules().phone
    text = _ANY_SPACE.sub(" ", view.text)
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE):
        number = match.number
        if number.country_code == 44:
            national = "0" + phonenumbers.national_significant_number(number)
            if len(national) not in rule.national_lengths or national[1] not in rule.second_digits:
                continue
        elif not match.raw_string.startswith("+"):
            continue
        key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if key not in rules.public_phones and key not in allowed.phones:
            yield _hit(view, (match.start, match.end), rule, _RANK_PHONE)


def _nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10 to 2 on the first nine digits."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


def _nhs_number_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    rule = identity_rules().nhs_number
    for match in _at_word_starts(rules.nhs_number, view.text, rule.not_after):
        if _nhs_number_is_valid(_digits(match.group())):
            yield _hit(view, match.span(), rule, _RANK_NHS)


def _ni_number_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    rule = identity_rules().ni_number
    for match in _at_word_starts(rules.ni_number, view.text, rule.not_after):
        if _in_one_case(match[0]) and match["prefix"].upper() not in rule.invalid_prefixes:
            yield _hit(view, match.span(), rule, _RANK_NI)


def _in_one_case(code: str) -> bool:
    """Whether the letters are all capitals or all lower case: "G0K9Hw" is a code."""
    letters = "".join(filter(str.isalpha, code))
    return letters.isupper() or letters.islower()


def _street_address_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    rule = identity_rules().street_address
    for match in _at_word_starts(rules.street_address, view.text, rule.not_after):
        yield _hit(view, match.span(), rule, _RANK_POSTCODE)


def _named_agency_hits(view: _View, allowed: _CompiledAllowed) -> Iterator[_Hit]:
    """The record's schools, GP practices and children's homes, in a document for children or
    the public: a warning (the named-place error they would be otherwise gives way)."""
    rule = identity_rules().named_agency
    for suggestion, phrase in allowed.warned:
        for span in phrase.spans(view):
            yield _Hit(
                span=view.original(*span),
                check=rule.check,
                severity=rule.severity,
                message=f"{_capitalised(rule.what)} ({mask(view.text[span[0] : span[1]])}).",
                suggestion=suggestion,
                rank=_RANK_PLACE,
            )


def _postcode_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    rule = identity_rules().postcode
    for match in _at_word_starts(rules.postcode, view.text, rule.not_after):
        if _in_one_case(match[0]) and match["area"].upper() in rule.areas:
            yield _hit(view, match.span(), rule, _RANK_POSTCODE)


def _date_hits(
    view: _View,
    rules: _CompiledRules,
    register: _CompiledRegister,
    allowed: _CompiledAllowed,
) -> Iterator[_Hit]:
    rule = identity_rules().full_date
    dates = list(_written_dates(view.text, rules))
    if rule.birth_patterns and rules.birth_words.search(view.text):
        # a full date in a form too loose for elsewhere ("DOB 14 Mar 12"), near words about
        # birth; it stands for any day and month found in the same place
        taken = [(found.start, found.end) for found in dates if found.year is not None]
        births = [
            found
            for found in _written_dates(view.text, rules, rules.birth_dates)
            if not _overlaps_any((found.start, found.end), taken)
            and _near_birth_words(view.text, (found.start, found.end), rule, rules)
        ]
        spans = [(found.start, found.end) for found in births]
        dates = [
            d for d in dates if d.year is not None or not _overlaps_any((d.start, d.end), spans)
        ]
        dates.extend(births)
    for found in dates:
        span = (found.start, found.end)
        if found.year is None:
            entry = register.days.get((found.month, found.day))
            if entry is not None:
                yield _register_hit(view, view.original(*span), entry, "day and month")
            continue
        day = _dt.date(found.year, found.month, found.day)
        entry = register.dates.get(day)
        if entry is not None:
            yield _register_hit(view, view.original(*span), entry, "")
        elif day in allowed.dates:
            continue
        elif _near_birth_words(view.text, span, rule, rules):
            yield _Hit(
                span=view.original(*span),
                check=rule.check,
                severity=rule.birth_severity,
                message=f"{_capitalised(rule.birth_what)} ({mask(view.text[span[0] : span[1]])}).",
                suggestion=rule.birth_suggestion,
                rank=_RANK_DATE,
            )
        else:
            month_year = f"{calendar.month_name[found.month]} {found.year}"
            yield replace(
                _hit(view, span, rule, _RANK_DATE),
                suggestion=rule.suggestion.replace("{month_year}", month_year),
            )


def _near_birth_words(text: str, span: Span, rule: FullDateDetector, rules: _CompiledRules) -> bool:
    """Whether words about birth stand near the date, in the same sentence."""
    before = text[max(0, span[0] - rule.birth_window_before) : span[0]]
    starts = list(_SENTENCE_START.finditer(before))
    if starts:
        before = before[starts[-1].end() :]
    after = text[span[1] : span[1] + rule.birth_window_after]
    end = _SENTENCE_END.search(after)
    if end:
        after = after[: end.start()]
    return rules.birth_words.search(f"{before} {after}") is not None


def _titled_name_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    rule = identity_rules().titled_name
    text = view.text
    not_people: list[Span] | None = None
    for match in _at_word_starts(rules.titled_name, text, rule.not_after):
        name_words = match["name"].split()
        if name_words[-1].lower() in rules.thing_words or rules.thing_after.match(
            text, match.end()
        ):
            continue  # "the Mrs Vellacott ward": a thing named after someone
        if not_people is None:
            not_people = [span for phrase in rules.not_people for span in phrase.spans(view)]
        if _overlaps_any(match.span(), not_people):
            continue
        if rules.cited_after.match(text, match.end()) or (
            rules.cited_before.search(
                text, max(0, match.start() - rule.citation_reach), match.start()
            )
            and rules.year_after.match(text, match.end())
        ):
            continue  # the author of a published report, cited with its year
        first_word_end = match.start("name") + len(name_words[0])
        yield _hit(view, match.span(), rule, _RANK_TITLED, key=(match.start(), first_word_end))


def _named_place_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    text = view.text
    for ending_start, ending_end in rules.place_endings.spans(view):
        place = rules.place_ending_kinds[" ".join(view.lower[ending_start:ending_end].split())]
        if place.one_word and not text[ending_start].isupper():
            continue  # "his school": a one-word ending names a place only when capitalised
        found = rules.place_run.search(text, max(0, ending_start - 120), ending_start)
        if found is None:
            continue
        words = [(word.start(), word.group()) for word in re.finditer(r"\S+", found["run"])]
        while words and (
            words[0][1].lower() in rules.leading_words or words[0][1] in rules.connectors
        ):
            words.pop(0)
        if not any(_is_name_word(word, rules) for _, word in words):
            continue
        start = found.start("run") + words[0][0]
        yield _hit(view, (start, ending_end), place.kind, _RANK_PLACE)


def _is_name_word(word: str, rules: _CompiledRules) -> bool:
    """Whether a capitalised word before a school, surgery or hospital word is part of a
    name: not a connector, a lone letter ("Child M's") or a generic word ("General")."""
    bare = re.sub(r"'s?$", "", word)
    if word in rules.connectors or len(bare) <= 1:
        return False
    return bare.lower() not in rules.generic_words and word.lower() not in rules.generic_words


_QUOTE = "\x00quote\x00"
"""Where a jigsaw message quotes its words, filled in once identifiers are known."""


def _jigsaw_hits(view: _View, rules: _CompiledRules) -> Iterator[_Hit]:
    jigsaw = identity_rules().jigsaw
    for compiled in rules.jigsaw:
        spans = [span for phrase in compiled.terms for span in phrase.spans(view)]
        for pattern in compiled.patterns:
            spans.extend(match.span() for match in _at_word_starts(pattern, view.text))
        for span in spans:
            yield _Hit(
                span=view.original(*span),
                check=jigsaw.check,
                severity=jigsaw.severity,
                message=f"A jigsaw risk: {compiled.group.what} ('{_QUOTE}'). {jigsaw.why}",
                suggestion=compiled.group.suggestion,
                rank=_RANK_JIGSAW,
                shown=True,
            )


def _masked_slice(text: str, span: Span, masked: list[Span]) -> str:
    """``text[span]`` with every masked span inside it masked."""
    pieces: list[str] = []
    done = span[0]
    for start, end in _merged([m for m in masked if span[0] <= m[0] and m[1] <= span[1]]):
        pieces.append(text[done:start])
        pieces.append(mask(text[start:end]))
        done = end
    pieces.append(text[done : span[1]])
    return "".join(pieces)


def _one_line(text: str, span: Span, masked: list[Span]) -> str:
    return " ".join(_masked_slice(text, span, masked).split())


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
