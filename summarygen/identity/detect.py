"""Find what could identify a child in the text of written files.

Two kinds of finding:

- **Register hits** (``identity.register``, always an error): an entry of the author's
  protected register, found however it is written: in any case; with or without accents
  (Zoë = Zoe); possessive ("Smith's", "Smiths'"); broken by a hyphen or a line break
  ("Smi-\\nth", "Sarah\\nSmith", "Sarah-\\nSmith"); a name by initials ("S. Smith", "S Smith",
  "J.S."), by title and surname ("Mrs Smith"), surname first ("Smith, Sarah"), and by its
  first name, middle name or surname alone where the register says so (``alone``); a school
  also by its name with another school ending ("Quillon Park Primary" for "Quillon Park
  Primary School") or, if that name is two words or more, by the name alone ("St Aldwyth's");
  a date in any common written form, or by its day and month. Matches are of whole words
  only: "Smith" is not found in "Blacksmith" or "Smithfield".
- **Detectors that need no register**: postcodes, phone numbers, email addresses, NHS and
  National Insurance numbers, full dates, a title and a name, the names of schools, GP
  surgeries and hospitals, and jigsaw risks. Their patterns, word lists and severities are data
  (``summarygen/rules/identity.yaml``); this module is the one engine that applies them.

What may appear is said by :class:`Allowed`: the reviewers and the chair (who consent to be
named; "Dr Harriet Vale" also allows "Harriet Vale" and "Dr Vale", but not "Mrs Vale"; a name
given without a title is allowed with any), pseudonyms, texts the author waived, the contact
email and phone the record declares, the publication and embargo dates, and the agencies the
record names.

Decisions worth knowing:

- A finding never holds an identifier in full: its text is the sentence around the match with
  every identifier in it masked ("S…h"), its message names the kind and the masked form, and
  its document (the file's name) is masked too if the name holds one.
- A register hit inside an allowed person's name or a pseudonym is not reported (a reviewer
  called Dr Harriet Vale is not the protected surname Vale); a waiver or an agency's name does
  not excuse a register hit: take the entry out of the register to publish it.
- Where findings overlap, one is reported: a register hit first, then the more certain kinds
  (email, phone, NHS number, ...) before the less (title and name). Jigsaw risks are reported
  beside identifiers, and their own words are shown (with any identifier among them masked),
  since alone they identify no one.
- A title and a name is judged by the title and the first word of the name: "Dr Vale Said" in
  a heading passes when Dr Vale is allowed.

Speed: each part's text is normalised once (accents removed, curly apostrophes straightened,
soft and non-breaking hyphens made plain) and lower-cased once; every pattern is compiled
once. Patterns start with a literal or a character class, never a lookbehind, so the regular
expression engine can skip ahead to where a match could start; that a match starts a word is
checked in code. A register entry is only tried on text that holds the words it needs.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._resources import read_rules_yaml
from ..checks.finding import Finding, Severity
from .parts import TextPart
from .register import ProtectedEntry, mask

REGISTER_CHECK = "identity.register"

Span = tuple[int, int]


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

    def __post_init__(self) -> None:
        # lists are welcome too; held as tuples so that the compiled form can be cached
        for name in ("names", "pseudonyms", "waived", "contacts", "dates", "organisations"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def find_identifiers(
    parts: Sequence[TextPart], register: Sequence[ProtectedEntry], allowed: Allowed
) -> list[Finding]:
    """Every register entry and every identifier found in ``parts``, as Findings, in order."""
    protected = _compile_register(tuple(register))
    permitted = _compile_allowed(allowed)
    masked_names: dict[str, str] = {}
    findings: list[Finding] = []
    for part in parts:
        if part.file not in masked_names:
            masked_names[part.file] = _masked_file_name(part.file, protected, permitted)
        scan = _scan(part.text, protected, permitted)
        findings.extend(
            Finding(
                check=hit.check,
                severity=hit.severity,
                document=masked_names[part.file],
                section="",
                text=_context(part.text, hit.span, scan.masked, hit.shown),
                message=hit.message,
                suggestion=hit.suggestion,
                location=part.location,
            )
            for hit in scan.reported
        )
    return findings


def mask_identifiers(text: str, register: Sequence[ProtectedEntry], allowed: Allowed) -> str:
    """``text`` with every register entry and identifier in it masked ("S…h"): for anything
    else that quotes published text (a readability finding's sentence, say)."""
    if not text:
        return text
    scan = _scan(text, _compile_register(tuple(register)), _compile_allowed(allowed))
    spans = list(scan.masked)
    # A quote must not give away even part of a protected name, whatever the register
    # allows to match on its own ("Zebulon" from "Zebulon Quartermaine").
    parts = _name_parts_pattern(tuple(register))
    if parts is not None:
        spans.extend(match.span() for match in parts.finditer(text))
    if not spans:
        return text
    return _masked_slice(text, (0, len(text)), _merged_spans(spans))


@cache
def _name_parts_pattern(register: tuple[ProtectedEntry, ...]) -> re.Pattern[str] | None:
    words = {
        word
        for entry in register
        if entry.category == "name"
        for word in re.findall(r"[^\W\d_]{3,}", entry.value)
    }
    if not words:
        return None
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _merged_spans(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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


class PhoneDetector(PatternDetector):
    national_lengths: tuple[int, ...]
    """How many digits a number has, written from its leading 0."""
    second_digits: str
    """The digits that may follow the leading 0."""
    public_numbers: tuple[PublicNumber, ...]
    """Public helplines, which may be printed."""


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
    not_after: str = ""


class TitledNameDetector(PatternDetector):
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
    ni_number: NiNumberDetector
    full_date: FullDateDetector
    titled_name: TitledNameDetector
    named_places: NamedPlaces
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
            self.full_date,
            *self.named_places.kinds,
            self.titled_name,
        ]


@cache
def identity_rules() -> IdentityRules:
    """The shipped ``identity.yaml``, validated."""
    return IdentityRules.model_validate(read_rules_yaml("identity.yaml"))


# --- Text, normalised once -----------------------------------------------------------------

_SOFT_HYPHEN = "\u00ad"
_SPECIAL_CHARACTERS = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "′": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",
    "\u2060": "",
    "\ufeff": "",
}
_WORD_TOKEN = re.compile(r"[^\W_]+")
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


@lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    special = _SPECIAL_CHARACTERS.get(character)
    if special is not None:
        return special
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _View:
    """Text as the patterns see it, and where each of its characters was in the original."""

    text: str
    lower: str
    """``text`` in lower case, of the same length."""
    origin: list[int] | None
    """``origin[i]`` is the original index of ``text[i]`` (one more entry for the end);
    None when every character is where it was."""

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the text, in lower case (words are split at anything not a letter
        or a digit)."""
        return frozenset(_WORD_TOKEN.findall(self.lower))

    def original(self, start: int, end: int) -> Span:
        if self.origin is None:
            return start, end
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _lower(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold(text: str) -> _View:
    """Accents removed, apostrophes straightened, special hyphens and spaces made plain."""
    if text.isascii():
        return _View(text, text.lower(), None)
    same_length: dict[int, str] = {}
    other_length: list[str] = []
    for character in set("".join(_NON_ASCII.findall(text))):
        folded = _fold_character(character)
        if len(folded) == 1 and character != _SOFT_HYPHEN:
            same_length[ord(character)] = folded
        else:
            other_length.append(character)
    if not other_length:  # translate only the runs that need it: translate is slow on the rest
        folded_text = _NON_ASCII.sub(lambda run: run.group().translate(same_length), text)
        return _View(folded_text, _lower(folded_text), None)
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for found in re.finditer("[" + re.escape("".join(other_length)) + "]", text):
        index = found.start()
        pieces.append(text[done:index])
        origin.extend(range(done, index))
        if found.group() == _SOFT_HYPHEN:  # shown only where a line breaks
            folded = "-" if text[index + 1 : index + 2] in ("\n", "\r") else ""
        else:
            folded = _fold_character(found.group())
        pieces.append(folded)
        origin.extend([index] * len(folded))
        done = index + 1
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    partly_folded = "".join(pieces)
    folded_text = _NON_ASCII.sub(lambda run: run.group().translate(same_length), partly_folded)
    return _View(folded_text, _lower(folded_text), origin)


def _joined(view: _View) -> _View | None:
    """The view with words broken across lines by a hyphen joined again; None if none are."""
    if "-\n" not in view.text and "-\r" not in view.text and "- " not in view.text:
        return None
    breaks = list(_BROKEN_WORD.finditer(view.text))
    if not breaks:
        return None
    base: Sequence[int] = view.origin if view.origin is not None else range(len(view.text) + 1)
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for found in breaks:
        pieces.append(view.text[done : found.start()])
        origin.extend(base[done : found.start()])
        done = found.end()
    pieces.append(view.text[done:])
    origin.extend(base[done:])
    text = "".join(pieces)
    return _View(text, _lower(text), origin)


def _folded(text: str) -> str:
    return _fold(text).text


def _at_word_starts(
    pattern: re.Pattern[str], text: str, not_after: str = ""
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start a word: no letter or digit (nor a character of
    ``not_after``) stands just before."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in not_after):
            position = start + 1
            continue
        yield match
        position = max(match.end(), start + 1)


# --- Phrases and names as patterns ----------------------------------------------------------

_GAP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"
"""Spaces, or one line break."""
_HYPHEN_OR_GAP = rf"(?:[ \t]*-[ \t]*(?:\r?\n[ \t]*)?|{_GAP})"
"""A hyphen (perhaps at the end of a line), or a space instead of one."""
_NAME_JOIN = rf"(?:{_GAP}|[ \t]*[-_.][ \t]*(?:\r?\n[ \t]*)?)"
"""Between the parts of a name: a space, a line break, a hyphen, or "_" and "." (file names
and email addresses)."""
_POSSESSIVE = r"(?:'s|s'|'|s)?"
_END = r"(?![^\W_])"
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
_SENTENCE_START = re.compile(
    r"(?<!\bno)(?<!\bNo)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bRd)(?<!\be\.g)"
    r"(?<!\bi\.e)(?<!\bc)(?<!\b[A-Za-z])[.!?]\s+|\n[ \t]*\n\s*"
)


@dataclass(frozen=True)
class _Phrase:
    """A compiled pattern for something written in words, and how to look for it."""

    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()
    """Lower-case words the text must hold (or hold with an "s" after them: "Smiths'") for
    the pattern to be worth trying."""
    cased: bool = False
    """Matched against the text as written (initials must be capitals), not in lower case."""
    not_after: str = ""
    title: re.Pattern[str] | None = None
    """A title ("Dr", "Mrs") that may stand before the match, and is then part of it: looked
    for behind each match (at the end of the text before), so the pattern can start with a
    literal."""
    title_required: bool = False

    def spans(self, view: _View) -> Iterator[Span]:
        """Where the phrase is in the view (in the view's own positions)."""
        if self.needs:
            words = view.words
            if not all(word in words or word + "s" in words for word in self.needs):
                return
        text = view.text if self.cased else view.lower
        for match in _at_word_starts(self.pattern, text, self.not_after):
            start = match.start()
            if self.title is not None:
                title = self.title.search(view.lower, max(0, start - 24), start)
                if title is not None:
                    start = title.start()
                elif self.title_required:
                    continue
            yield start, match.end()


def _phrase(
    expression: str,
    needs: Iterable[str] = (),
    *,
    cased: bool = False,
    not_after: str = "",
    title: re.Pattern[str] | None = None,
    title_required: bool = False,
) -> _Phrase:
    return _Phrase(
        re.compile(expression), tuple(sorted(set(needs))), cased, not_after, title, title_required
    )


def _word_expression(word: str) -> str:
    """One word: a hyphen inside it may also be a space or a line break, and an apostrophe
    may be left out."""
    pieces = []
    for piece in re.split(r"(['-])", word):
        if piece == "'":
            pieces.append("'?")
        elif piece == "-":
            pieces.append(_HYPHEN_OR_GAP)
        elif piece:
            pieces.append(re.escape(piece))
    return "".join(pieces)


def _phrase_word_expression(word: str) -> str:
    if word in ("st", "st.", "saint"):
        return r"s(?:t\.?|aint)"
    if word in ("&", "and"):
        return "(?:&|and)"
    if word.endswith(".") and len(word) > 1:
        return _word_expression(word[:-1]) + r"\.?"
    return _word_expression(word)


def _phrase_expression(phrase: str) -> str:
    """A phrase in lower case, matched with any spacing, hyphens or line breaks between
    words; "St" also matches "Saint" and "&" matches "and"."""
    words = _lower(_folded(phrase)).split()
    return _HYPHEN_OR_GAP.join(_phrase_word_expression(word) for word in words)


def _ending(text: str, possessive: bool = True) -> str:
    """What must follow a phrase: a whole-word edge where it ends with a letter or digit."""
    if text[-1:].isalnum():
        return f"{_POSSESSIVE if possessive else ''}{_END}"
    return ""


def _needed_pieces(*texts: str) -> list[str]:
    """Lower-case words a text must hold for a pattern built from ``texts`` to match it.
    Words that may be written otherwise are not needed: with an apostrophe (O'Neill, ONeill),
    and "st", "saint", "and" and "&"."""
    pieces: list[str] = []
    for text in texts:
        for word in _lower(_folded(text)).split():
            if "'" not in word and word not in ("st", "st.", "saint", "and", "&"):
                pieces.extend(_WORD_TOKEN.findall(word))
    return pieces


def _is_code(value: str) -> bool:
    """A number or code ("07700 900123", "AB12 CDE"): holds a digit and no long word."""
    return any(c.isdigit() for c in value) and not re.search(r"[^\W\d_]{4,}", value)


def _code_phrase(value: str) -> _Phrase:
    characters = [c for c in _lower(_folded(value)) if c.isalnum()]
    expression = r"[ \t./-]?".join(re.escape(c) for c in characters)
    return _phrase(expression + _END)


def _text_phrase(value: str, possessive: bool = True) -> _Phrase:
    return _phrase(_phrase_expression(value) + _ending(value, possessive), _needed_pieces(value))


def _name_parts(name: str, titles: frozenset[str]) -> list[str]:
    """A person's name without titles before it or letters after it ("MBE")."""
    return _titles_and_name(name, titles)[1]


def _titles_and_name(name: str, titles: frozenset[str]) -> tuple[list[str], list[str]]:
    """The titles before a person's name (lower case), and the name's parts without them or
    letters after it ("MBE")."""
    words = _folded(name).replace(",", " ").split()
    before: list[str] = []
    while len(words) > 1 and words[0].rstrip(".").lower() in titles:
        before.append(words.pop(0).rstrip(".").lower())
    while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1:
        words.pop()
    return before, words


def _title_before(titles: Iterable[str]) -> re.Pattern[str]:
    """Matches one of ``titles`` (lower case) at the end of the text searched."""
    return re.compile(rf"(?<![^\W_])(?:{_alternatives(titles)})\.?{_GAP}$")


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
    phone: re.Pattern[str]
    public_phones: frozenset[str]
    email: re.Pattern[str]
    nhs_number: re.Pattern[str]
    ni_number: re.Pattern[str]
    dates: re.Pattern[str]
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


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


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
        postcode=re.compile(rules.postcode.pattern),
        phone=re.compile(rules.phone.pattern),
        public_phones=frozenset(
            number
            for public in rules.phone.public_numbers
            if (number := _national_number(public.number)) is not None
        )
        | frozenset(_digits(public.number) for public in rules.phone.public_numbers),
        email=re.compile(rules.email.pattern),
        nhs_number=re.compile(rules.nhs_number.pattern),
        ni_number=re.compile(rules.ni_number.pattern),
        dates=re.compile(_dates_expression(rules.full_date, month_names)),
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


def _dates_expression(rule: FullDateDetector, month_names: list[str]) -> str:
    any_case = f"(?i:{_alternatives(month_names)})"
    capitalised = f"(?:{_alternatives(month_names)})"
    day_word = _day_words(rule)
    alternatives = []
    for index, pattern in enumerate(rule.patterns):
        expression = pattern.replace("{month}", any_case).replace("{Month}", capitalised)
        expression = expression.replace("{day_word}", day_word)
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
        return [
            ("", _phrase(_word_expression(lower[0]) + _ending(lower[0]), _needed_pieces(*lower)))
        ]
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
        forms.append(
            ("first name on its own", _phrase(first_x + _ending(first), _needed_pieces(first)))
        )
    if "surname" in entry.alone:
        forms.append(("surname on its own", _phrase(surname_end, _needed_pieces(surname))))
    if "middle" in entry.alone:
        forms.extend(
            ("middle name on its own", _phrase(_word_expression(m) + _ending(m), _needed_pieces(m)))
            for m in middles
        )
    return forms


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
    return _CompiledAllowed(
        people=tuple(people),
        others=tuple(others),
        emails=frozenset(c.lower() for c in contacts if "@" in c),
        phones=frozenset(
            number for c in contacts if "@" not in c and (number := _national_number(c)) is not None
        ),
        dates=frozenset(allowed.dates),
    )


# --- Dates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WrittenDate:
    start: int
    end: int
    day: int
    month: int
    year: int | None


def _two_digit_year(year: int) -> int:
    this_year = _dt.date.today().year
    return 2000 + year if 2000 + year <= this_year + 1 else 1900 + year


def _date_from(match: re.Match[str], rules: _CompiledRules) -> _WrittenDate | None:
    found: dict[str, str] = {}
    for key, value in match.groupdict().items():
        if value is not None:
            found[key.rsplit("_", 1)[0]] = value
    month_text = found["month"]
    month = (
        int(month_text)
        if month_text.isdigit()
        else rules.month_numbers[month_text.lower().rstrip(".")]
    )
    if "day_word" in found:
        day = rules.day_numbers[" ".join(found["day_word"].lower().replace("-", " ").split())]
    else:
        day = int(found["day"])
    year: int | None = None
    if "year" in found:
        year = int(found["year"])
        if len(found["year"]) == 2:
            year = _two_digit_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return None
    return _WrittenDate(match.start(), match.end(), day, month, year)


_NUMBER = re.compile(r"\d+")


def _written_dates(text: str, rules: _CompiledRules) -> Iterator[_WrittenDate]:
    """Dates written in ``text``. Every date pattern starts with a day, a month or a year, so
    they are tried only where a number starts, or at a month's name just before one (or at a
    day written as a word just before that month)."""
    not_after = identity_rules().full_date.not_after
    taken = 0
    for number in _NUMBER.finditer(text):
        if number.start() < taken:
            continue
        month = rules.month_before.search(text, max(0, number.start() - 16), number.start())
        starts = [number.start()] if month is None else [month.start(), number.start()]
        if month is not None:
            window = max(0, month.start() - 24)
            day_word = rules.day_word_before.search(text, window, month.start())
            if day_word is not None:
                starts.insert(0, day_word.start())
        for start in starts:
            if start and (text[start - 1].isalnum() or text[start - 1] in not_after):
                continue
            match = rules.dates.match(text, start)
            found = _date_from(match, rules) if match else None
            if found is not None:
                yield found
                taken = found.end
                break


_WEEKDAY = re.compile(r"^(?i:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*),?\s+")
"""A weekday before a date ("Wednesday 14 March 2012"), which says nothing more."""


def parse_written_date(text: str) -> _dt.date | None:
    """A full date written in any common form (14 March 2012, 14/03/2012, 2012-03-14,
    March 14, 2012, 14.03.12, 14-Mar-2012, the fourteenth of March 2012), or None."""
    rules = _compiled()
    written = _WEEKDAY.sub("", " ".join(_folded(text).split()))
    match = rules.dates.fullmatch(written)
    if match is None:
        return None
    found = _date_from(match, rules)
    if found is None or found.year is None:
        return None
    return _dt.date(found.year, found.month, found.day)


def is_month_and_year(text: str) -> bool:
    """Whether ``text`` is a month and year only ("March 2012", "2012-03")."""
    return _compiled().month_and_year.fullmatch(" ".join(_folded(text).split())) is not None


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
        key = hit.key or hit.span
        if hit.check == REGISTER_CHECK:
            return _inside_any(key, self.people)
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
        *_date_hits(view, rules, register, allowed),
        *_named_place_hits(view, rules),
        *_titled_name_hits(view, rules),
    ]
    masked = [hit.span for hit in register_hits]
    register_hits = [hit for hit in register_hits if not allowances.excuse(hit)]
    detector_hits = [hit for hit in detector_hits if not allowances.excuse(hit)]
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
            yield _register_hit(view.original(start, end), form.entry, form.form)
        if joined is not None:
            for span in form.phrase.spans(joined):
                yield _register_hit(joined.original(*span), form.entry, form.form)


_REGISTER_SUGGESTIONS = {
    "name": "Use the pseudonym, or a role (Mother, the class teacher).",
    "place": 'Remove it, or describe the place without naming it ("a town in the area").',
    "school": 'Use a pseudonym ("School 1") or describe it ("his secondary school").',
    "date": "Remove the date, or give the month and year only.",
    "other": "Remove it.",
}


def _register_hit(span: Span, entry: ProtectedEntry, form: str) -> _Hit:
    how = f" ({form})" if form else ""
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


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _national_number(text: str) -> str | None:
    """A UK phone number's digits written from its leading 0 ("+44 (0)20 ..." → "020...");
    None if it does not start with 0 or +44."""
    written = text.strip()
    groups = re.findall(r"\d+", written)
    if not groups:
        return None
    if written.startswith(("+44", "0044", "+ 44", "00 44")):
        groups[0] = groups[0][4:] if groups[0].startswith("0044") else groups[0][2:]
        if len(groups) > 1 and groups[0] == "" and groups[1] == "0":
            groups.pop(1)  # "+44 (0)20": the 0 in brackets is not dialled from abroad
        return "0" + "".join(groups)
    digits = "".join(groups)
    return digits if digits.startswith("0") else None


def _phone_hits(view: _View, rules: _CompiledRules, allowed: _CompiledAllowed) -> Iterator[_Hit]:
    rule = identity_rules().phone
    for match in _at_word_starts(rules.phone, view.text, rule.not_after):
        written = match.group()
        best: tuple[int, str] | None = None
        for group in re.finditer(r"\d+", written):
            number = _national_number(written[: group.end()])
            if (
                number is not None
                and len(number) in rule.national_lengths
                and number[1:2] in rule.second_digits
            ):
                best = (group.end(), number)
        if best is None:
            continue
        end, number = best
        if number not in rules.public_phones and number not in allowed.phones:
            yield _hit(view, (match.start(), match.start() + end), rule, _RANK_PHONE)


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
    for found in _written_dates(view.text, rules):
        span = (found.start, found.end)
        if found.year is None:
            entry = register.days.get((found.month, found.day))
            if entry is not None:
                yield _register_hit(view.original(*span), entry, "day and month")
            continue
        day = _dt.date(found.year, found.month, found.day)
        entry = register.dates.get(day)
        if entry is not None:
            yield _register_hit(view.original(*span), entry, "")
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


# --- Reporting ------------------------------------------------------------------------------

_CONTEXT_REACH = 100


def _context(text: str, span: Span, masked: list[Span], shown: bool) -> str:
    """The sentence around ``span`` (at most about 100 characters each side), every
    identifier in it masked, on one line."""
    start, end = span
    reach_start = max(0, start - _CONTEXT_REACH)
    starts = list(_SENTENCE_START.finditer(text, reach_start, start))
    lead = trail = ""
    if starts:
        begin = starts[-1].end()
    elif reach_start == 0:
        begin = 0
    else:
        space = text.find(" ", reach_start, start)
        begin, lead = (space + 1 if space >= 0 else reach_start), "…"
    reach_end = min(len(text), end + _CONTEXT_REACH)
    sentence_end = _SENTENCE_END.search(text, end, reach_end)
    if sentence_end:
        finish = sentence_end.end()
    elif reach_end == len(text):
        finish = len(text)
    else:
        space = text.rfind(" ", end, reach_end)
        finish, trail = (space if space > end else reach_end), "…"
    to_mask = [s for s in masked if s[0] < finish and begin < s[1]]
    if not shown:
        to_mask.append(span)
    for mask_start, mask_end in to_mask:  # never show part of an identifier
        begin, finish = min(begin, mask_start), max(finish, mask_end)
    return lead + " ".join(_masked_slice(text, (begin, finish), to_mask).split()) + trail


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


def _masked_file_name(file: str, register: _CompiledRegister, allowed: _CompiledAllowed) -> str:
    """The file's name with anything identifying in it masked."""
    scan = _scan(file, register, allowed)
    spans = [*scan.masked, *(hit.span for hit in scan.reported if not hit.shown)]
    return _masked_slice(file, (0, len(file)), spans) if spans else file
