"""Plain-language checks: words to avoid, safeguarding jargon, victim-blaming language,
acronyms, contractions and numbers written as words.

The word lists are data (``summarygen/rules/*.yaml``); this module is the one engine that
applies them. ``plain-words.yaml``, ``jargon.yaml`` and ``victim-blaming.yaml`` share one
format (:class:`WordList` of :class:`WordRule`) and one matching loop; ``acronyms.yaml``
holds the acronym allowlists (:class:`AcronymRules`).

Decisions worth knowing:

- Matching is case-insensitive and on whole words. In a term, a hyphen also matches a space
  or nothing ("multi-agency", "multi agency", "multiagency") and an apostrophe matches ' or ’.
- Text inside quotation marks is someone's own words and is not rewritten: a word list says
  whether it skips quoted text (plain words, jargon) or still flags it (victim-blaming, at a
  lower severity, because a review may quote old records to show they were wrong). Where
  the sentence shows the quotation is being examined ("Phrases such as", "describe him as",
  "records": the list's ``quoted_frames``), lower still, naming the words recognised.
  Contractions and number words in quotes are not flagged; acronyms are, because the reader
  still cannot decode them.
- A glossary entry teaches a word, so the term it defines is not flagged by a list that skips
  definitions (plain words, jargon), nor as a forbidden acronym; its meaning is checked.
  Victim-blaming language is flagged even there. A glossary entry is a unit that starts with a
  short term and then ":", " means " or " – " ("County lines means ..."); under a glossary
  heading (``glossary_headings`` in acronyms.yaml: "Hard words", "Glossary") also a term and
  a full stop ("County lines. When gangs ...") or a table cell of a few words. A term the
  document defines anywhere (a glossary or hard-words entry, "X means ...", or a unit that
  opens with a term of up to four words and a full stop) is not flagged anywhere in that
  document by those lists: "This is called exploitation." passes where the hard words
  explain "exploitation" (and so does "exploited", a form the same entry covers).
- One problem, one finding: an acronym that is also on a word list ("CSE" is jargon) is
  reported once, by the acronym check, with both pieces of advice, at the worse severity.
- A finding quotes the sentence the match stands in (sentences from :mod:`.segment`), cut from
  the unit text exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .._resources import read_rules_yaml
from .finding import Finding, Severity
from .profiles import AUDIENCES, Profile
from .segment import sentences
from .units import Unit

WORD_LIST_FILES = ("victim-blaming.yaml", "jargon.yaml", "plain-words.yaml")
"""The word lists, in the order their findings are reported (worst harm first)."""

ACRONYM_UNDEFINED = "language.acronym-undefined"
_BLAMING_CHECK = "language.victim-blaming"
ACRONYM_FORBIDDEN = "language.acronym"
CONTRACTION = "language.contraction"
NUMBER_WORDS = "language.number-words"

Span = tuple[int, int]


# --- Word lists: the data model ------------------------------------------------------------


def _tuple_of_strings(value: Any) -> Any:
    """Let the YAML say ``instead: use`` as well as ``instead: [use, apply]``."""
    return (value,) if isinstance(value, str) else value


def _check_audiences(keys: Iterable[str]) -> None:
    unknown = sorted(set(keys) - set(AUDIENCES))
    if unknown:
        raise ValueError(f"unknown audience {', '.join(unknown)}; use: {', '.join(AUDIENCES)}")


class WordRule(BaseModel):
    """One entry of a word list: what to look for, what to say instead, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: tuple[str, ...] = ()
    """Words or phrases, matched case-insensitively as whole words."""
    patterns: tuple[str, ...] = ()
    """Regular expressions for forms the terms cannot express (matched as whole words)."""
    inflect: bool = False
    """Also match simple inflections of each term's last word: -s, -es, -ed, -ing."""
    exclude: tuple[str, ...] = ()
    """Regular expressions: a match that overlaps one of these is not a finding."""
    instead: tuple[str, ...] = ()
    """Plain alternatives, for every audience the rule applies to."""
    instead_for: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """Alternatives for one audience, where it needs different words."""
    advice: str = ""
    """What to do, where a word-for-word swap is not the whole fix."""
    why: str
    audiences: dict[str, Severity] | None = None
    """The audiences this entry applies to, each with a severity; the list's default if absent."""
    examples: tuple[str, ...] = ()
    """Sentences this entry must flag (the tests read them)."""
    near_misses: tuple[str, ...] = ()
    """Sentences the whole list must not flag (the tests read them)."""

    @field_validator(
        "terms", "patterns", "exclude", "instead", "examples", "near_misses", mode="before"
    )
    @classmethod
    def _tuples(cls, value: Any) -> Any:
        return _tuple_of_strings(value)

    @field_validator("instead_for", mode="before")
    @classmethod
    def _instead_for_tuples(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _tuple_of_strings(item) for key, item in value.items()}
        return value

    @model_validator(mode="after")
    def _complete(self) -> WordRule:
        if not self.terms and not self.patterns:
            raise ValueError("an entry needs terms or patterns")
        if self.patterns and not self.examples:
            raise ValueError("an entry with patterns needs examples that it must flag")
        if not self.instead and not self.instead_for and not self.advice:
            raise ValueError("an entry needs instead or advice")
        for expression in (*self.patterns, *self.exclude):
            try:
                re.compile(expression)
            except re.error as error:
                raise ValueError(f"bad pattern {expression!r}: {error}") from None
        _check_audiences(self.instead_for)
        if self.audiences is not None:
            _check_audiences(self.audiences)
        return self

    @property
    def name(self) -> str:
        return self.terms[0] if self.terms else self.examples[0]


class WordList(BaseModel):
    """A word list file: which check it feeds, whom it applies to, and its entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    check: str = Field(pattern=r"^language\.[a-z-]+$")
    describe: str
    """Completes the message "'<matched words>' <describe>."."""
    audiences: dict[str, Severity]
    """Default audiences and severities for entries that do not name their own."""
    in_quotes: Literal["skip", "flag"] = "skip"
    in_quotes_severity: Severity | None = None
    """The severity of a match inside quotation marks, if not the usual one."""
    in_definitions: Literal["skip", "flag"] = "skip"
    """Whether to flag the term a glossary entry defines ("County lines means ..."), and, in a
    document that defines a term, every use of it."""
    quoted_frames: tuple[str, ...] = ()
    """Regular expressions for the words around a quotation that show it is quoted as someone
    else's words ("phrases such as", "describe him as", "records"): such a quotation is
    reported at ``quoted_frame_severity``, naming the frame."""
    quoted_frame_severity: Severity | None = None
    entries: tuple[WordRule, ...]

    @field_validator("quoted_frames")
    @classmethod
    def _frames_compile(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for expression in value:
            try:
                re.compile(expression)
            except re.error as error:
                raise ValueError(f"bad pattern {expression!r}: {error}") from None
        return value

    @cached_property
    def quoted_frame(self) -> re.Pattern[str] | None:
        if not self.quoted_frames:
            return None
        return _whole_words(f"(?:{frame})" for frame in self.quoted_frames)

    @field_validator("audiences")
    @classmethod
    def _known_audiences(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        _check_audiences(value)
        return value

    def severity_for(self, rule: WordRule, audience: str) -> Severity | None:
        """The rule's severity for this audience, or None if it does not apply."""
        return (rule.audiences if rule.audiences is not None else self.audiences).get(audience)


class AcronymRules(BaseModel):
    """``acronyms.yaml``: what counts as an acronym, and which need no definition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_acronyms: tuple[str, ...]
    """Words in capitals that are not acronyms (exact, case-sensitive)."""
    not_acronym_patterns: tuple[str, ...]
    """Regular expressions for whole tokens that are not acronyms (e.g. roman numerals)."""
    pseudonym_prefixes: tuple[str, ...]
    """Words before a pseudonym ("Child AB", "Mr XY"): those letters are a name, not an acronym."""
    well_known: tuple[str, ...]
    """Acronyms that need no definition where acronyms must be defined at first use."""
    allowed_when_forbidden: dict[str, tuple[str, ...]]
    """Per audience, acronyms allowed where acronyms are otherwise forbidden."""
    severity_when_undefined: Severity
    severity_when_forbidden: dict[str, Severity]
    glossary_headings: tuple[str, ...]
    """Section headings under which each unit is a glossary entry (compared in lower case)."""

    @model_validator(mode="after")
    def _valid(self) -> AcronymRules:
        _check_audiences(self.allowed_when_forbidden)
        _check_audiences(self.severity_when_forbidden)
        for expression in self.not_acronym_patterns:
            try:
                re.compile(expression)
            except re.error as error:
                raise ValueError(f"bad pattern {expression!r}: {error}") from None
        return self

    @cached_property
    def not_acronym(self) -> re.Pattern[str]:
        """Matches (in full) a capitalised token that is not an acronym."""
        return re.compile(
            "|".join([*map(re.escape, self.not_acronyms), *self.not_acronym_patterns])
        )

    @cached_property
    def pseudonym_prefix(self) -> re.Pattern[str]:
        """Matches the end of the text before a pseudonym ("... Child ")."""
        names = "|".join(map(re.escape, self.pseudonym_prefixes))
        return re.compile(rf"\b(?:{names})\.?\s+$")


# --- Loading (once) --------------------------------------------------------------------------


def _read_rules_file(name: str) -> Any:
    return read_rules_yaml(name)


@cache
def word_list(file_name: str) -> WordList:
    """One shipped word list, validated."""
    return WordList.model_validate(_read_rules_file(file_name))


class LanguageMessages(BaseModel):
    """``language-messages.yaml``: what the plain-language findings say around the word
    lists' own words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    word_list: str
    quoted_examined: str
    quoted: str
    folded: str
    instead: str
    acronym_undefined: str
    acronym_undefined_advice: str
    acronym_forbidden: str
    acronym_forbidden_times: str
    acronym_forbidden_advice: str
    contraction: str
    contraction_advice: str
    number_words: str
    number_words_advice: str


@cache
def _said() -> LanguageMessages:
    return LanguageMessages.model_validate(_read_rules_file("language-messages.yaml"))


@cache
def acronym_rules() -> AcronymRules:
    return AcronymRules.model_validate(_read_rules_file("acronyms.yaml"))


# --- Word lists: compiling and matching ------------------------------------------------------

_WORD_EDGE_BEFORE = r"(?<![\w-])"
_WORD_EDGE_AFTER = r"(?![\w-])"


def _whole_words(alternatives: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        _WORD_EDGE_BEFORE + "(?:" + "|".join(alternatives) + ")" + _WORD_EDGE_AFTER,
        re.IGNORECASE,
    )


def _literal_word(word: str) -> str:
    escaped = re.escape(word)
    return re.sub("['’]", "['’]", escaped.replace(r"\-", r"[-\s]?"))


def _inflected_word(word: str) -> str:
    """The word and its simple inflections: utilise → utilise|utilises|utilised|utilising."""
    lower = word.lower()
    if lower.endswith("e"):
        return _literal_word(word[:-1]) + "(?:e|es|ed|ing)"
    if re.search(r"[^aeiou]y$", lower):
        return _literal_word(word[:-1]) + "(?:y|ies|ied|ying)"
    if re.search(r"(?:s|sh|ch|x|z)$", lower):
        return _literal_word(word) + "(?:|es|ed|ing)"
    return _literal_word(word) + "(?:|s|ed|ing)"


def _term_expression(term: str, inflect: bool) -> str:
    """A term as a regular expression. A term in capitals (an acronym: "SEND", "LAC") matches
    only in capitals, so the everyday words "send" and "lac" pass."""
    words = term.split()
    parts = [_literal_word(word) for word in words[:-1]]
    parts.append(_inflected_word(words[-1]) if inflect else _literal_word(words[-1]))
    expression = r"\s+".join(parts)
    return f"(?-i:{expression})" if term.isupper() else expression


@dataclass(frozen=True)
class _CompiledRule:
    rule: WordRule
    finds: re.Pattern[str]
    excludes: re.Pattern[str] | None

    @classmethod
    def of(cls, rule: WordRule) -> _CompiledRule:
        longest_first = sorted(rule.terms, key=len, reverse=True)  # "respite care", "respite"
        expressions = [_term_expression(term, rule.inflect) for term in longest_first]
        expressions.extend(f"(?:{pattern})" for pattern in rule.patterns)
        excludes = _whole_words(f"(?:{e})" for e in rule.exclude) if rule.exclude else None
        return cls(rule, _whole_words(expressions), excludes)

    def spans(self, text: str) -> Iterator[Span]:
        excluded = [m.span() for m in self.excludes.finditer(text)] if self.excludes else []
        for match in self.finds.finditer(text):
            if match.end() > match.start() and not _overlaps_any(match.span(), excluded):
                yield match.span()


@cache
def _compiled_rules(file_name: str) -> tuple[_CompiledRule, ...]:
    return tuple(_CompiledRule.of(rule) for rule in word_list(file_name).entries)


@cache
def _rules_for(
    file_name: str, audience: str
) -> tuple[list[tuple[_CompiledRule, Severity]], re.Pattern[str]]:
    """The rules of a word list that apply to an audience, with their severity; and one
    pattern that matches wherever any of them might (most units match none, and one search
    is far cheaper than a search per rule)."""
    spec = word_list(file_name)
    applicable = [
        (compiled, severity)
        for compiled in _compiled_rules(file_name)
        if (severity := spec.severity_for(compiled.rule, audience)) is not None
    ]
    any_term = "|".join(f"(?:{compiled.finds.pattern})" for compiled, _ in applicable)
    return applicable, re.compile(any_term or "(?!)", re.IGNORECASE)


def _overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _inside_any(span: Span, others: Iterable[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in others)


@dataclass(frozen=True)
class _Located:
    """A finding and the places it is about: each a unit and a span of its text."""

    finding: Finding
    places: tuple[tuple[Unit, Span], ...]
    about: str = ""
    """For a word-list finding, what the list says about the words and why ("is safeguarding
    jargon too. Readers may not know ..."), to fold it into another finding."""

    def covers(self, other: _Located) -> bool:
        """Whether any of ``other``'s places overlaps one of these (the same unit object)."""
        return any(
            unit is other_unit and _overlaps_any(span, [other_span])
            for unit, span in self.places
            for other_unit, other_span in other.places
        )


def _word_list_findings(
    file_name: str, document_id: str, units: list[Unit], audience: str
) -> Iterator[_Located]:
    spec = word_list(file_name)
    applicable, any_term = _rules_for(file_name, audience)
    if not applicable:
        return
    taught = _taught_terms(units) if spec.in_definitions == "skip" else frozenset()
    for unit in units:
        if not any_term.search(unit.text):
            continue
        quotations = _quotation_spans(unit.text)
        defined = _defined_term_spans(unit) if spec.in_definitions == "skip" else []
        hits = [
            (span, compiled, severity)
            for compiled, severity in applicable
            for span in compiled.spans(unit.text)
        ]
        taken: list[Span] = []
        for span, compiled, severity in sorted(hits, key=lambda hit: (hit[0][0], -hit[0][1])):
            if _overlaps_any(span, taken):
                continue
            taken.append(span)
            if _inside_any(span, defined) or _is_taught(compiled, taught):
                continue
            quoted = _inside_any(span, quotations)
            if quoted and spec.in_quotes == "skip":
                continue
            rule = compiled.rule
            matched = unit.text[span[0] : span[1]]
            said = _said()
            message = said.word_list.format(matched=matched, describe=spec.describe, why=rule.why)
            frame = _quoting_frame(spec, unit.text, span, quotations) if quoted else None
            if frame is not None:
                message += said.quoted_examined.format(frame=frame)
                severity = spec.quoted_frame_severity or spec.in_quotes_severity or severity
            elif quoted:
                message += said.quoted
                severity = spec.in_quotes_severity or severity
            finding = Finding(
                check=spec.check,
                severity=severity,
                document=document_id,
                section=unit.section,
                text=_sentence_around(unit.text, span),
                message=message,
                suggestion=_suggestion(rule, audience, matched),
            )
            folded = said.folded.format(describe=spec.describe, why=rule.why)
            yield _Located(finding, ((unit, span),), folded)


def _is_taught(compiled: _CompiledRule, taught: frozenset[str]) -> bool:
    """Whether the document defines a term this rule is about ("exploitation" in its hard
    words teaches "exploitation" and "exploited")."""
    return any(compiled.finds.fullmatch(term) for term in taught)


def _quoting_frame(spec: WordList, text: str, span: Span, quotations: list[Span]) -> str | None:
    """The words of the sentence around ``span`` that show its quotation is someone else's
    words ("Phrases such as", "describe him as"), outside any quotation; or None."""
    if spec.quoted_frame is None:
        return None
    holding = [s for s in _sentence_spans(text) if _overlaps_any(span, [s])]
    start, end = (holding[0][0], holding[-1][1]) if holding else (0, len(text))
    for match in spec.quoted_frame.finditer(text, start, end):
        if not _overlaps_any(match.span(), quotations):
            return match.group()
    return None


def _earliest_longest(
    hits: list[tuple[Span, WordRule, Severity]],
) -> list[tuple[Span, WordRule, Severity]]:
    return sorted(hits, key=lambda hit: (hit[0][0], -hit[0][1]))


def _suggestion(rule: WordRule, audience: str, matched: str) -> str:
    alternatives = rule.instead_for.get(audience, rule.instead)
    parts: list[str] = []
    if alternatives:
        said = " or ".join(f"'{alternative}'" for alternative in alternatives)
        parts.append(_said().instead.format(alternatives=said, matched=matched))
    if rule.advice:
        parts.append(rule.advice)
    return " ".join(parts)


# --- Quotations and sentences -----------------------------------------------------------------

_QUOTATION = re.compile(
    r"“[^”]*”"  # “curly double”
    r'|"[^"\n]*"'  # "straight double"
    r"|(?<!\w)‘(?=\S).*?’(?!\w)"  # ‘curly single’ (an apostrophe inside does not close it)
    r"|(?<!\w)'(?=\S).*?'(?!\w)"  # 'straight single'
)


def _quotation_spans(text: str) -> list[Span]:
    return [match.span() for match in _QUOTATION.finditer(text)]


_TERM = r"\s*(?P<term>[^\s.:;!?][^.:;!?]*?)"
_DEFINED_TERM = re.compile(_TERM + r"(?=\s*:\s|\s+means\s|\s+[-–—]\s)")
_DEFINED_TERM_IN_GLOSSARY = re.compile(_TERM + r"(?=\s*[:.]\s|\s+means\s|\s+[-–—]\s|\s*$)")
_MOST_WORDS_IN_A_DEFINED_TERM = 8


def _defined_term_spans(unit: Unit) -> list[Span]:
    """The term a glossary entry defines, at the start of the unit (see the module's notes)."""
    in_glossary = unit.section.strip().lower() in _glossary_headings()
    entry = _DEFINED_TERM_IN_GLOSSARY if in_glossary else _DEFINED_TERM
    match = entry.match(unit.text)
    if match is None or len(match.group("term").split()) > _MOST_WORDS_IN_A_DEFINED_TERM:
        return []
    return [match.span("term")]


_SHORT_TERM_THEN_MEANING = re.compile(r"\s*(?P<term>[^\W\d_][\w’'\- ]*?)\.\s+(?=[A-Z])")
_MOST_WORDS_IN_A_SHORT_TERM = 4


def _taught_terms(units: list[Unit]) -> frozenset[str]:
    """The terms a document defines, wherever it defines them: each glossary or hard-words
    entry (:func:`_defined_term_spans`), "X means ...", and a unit that starts with a short
    term and a full stop followed by its meaning ("Exploitation. When someone uses a child
    for their own gain."). A word list that skips definitions does not flag a term the
    document teaches, anywhere in it."""
    terms: set[str] = set()
    for unit in units:
        for start, end in _defined_term_spans(unit):
            terms.add(unit.text[start:end].strip())
        short = _SHORT_TERM_THEN_MEANING.match(unit.text)
        if short and len(short.group("term").split()) <= _MOST_WORDS_IN_A_SHORT_TERM:
            terms.add(short.group("term").strip())
    return frozenset(term for term in terms if term)


@cache
def _glossary_headings() -> frozenset[str]:
    return frozenset(heading.lower() for heading in acronym_rules().glossary_headings)


@lru_cache(maxsize=1024)
def _sentence_spans(text: str) -> tuple[Span, ...]:
    """Where each of the unit's sentences (from :func:`.segment.sentences`) stands in it."""
    spans: list[Span] = []
    position = 0
    for sentence in sentences(text):
        start = text.find(sentence, position)
        if start >= 0:
            spans.append((start, start + len(sentence)))
            position = start + len(sentence)
    return tuple(spans)


def _sentence_around(text: str, span: Span) -> str:
    """The sentence of ``text`` that holds ``span`` (or the sentences, if it crosses a sentence
    end), exactly as written."""
    holding = [s for s in _sentence_spans(text) if _overlaps_any(span, [s])]
    if not holding:
        return text.strip()
    return text[holding[0][0] : holding[-1][1]]


# --- Acronyms --------------------------------------------------------------------------------

_ACRONYM = re.compile(
    r"(?<![\w&])(?P<acronym>[A-Z][A-Z&]*[A-Z](?:-[A-Z]+)*)(?P<plural>s|['’]s)?(?![\w&])"
)  # "CAMHS", "A&E", "CP-IS", "GPs", "the LSCB's"
_DEFINITION_AFTER = re.compile(r"\s*\((?P<words>[^()]*)\)")
_DEFINING_WORDS = re.compile(r"[A-Za-z]{2,}")
_OPENS_BRACKET_AFTER_WORDS = re.compile(r"[A-Za-z][\w’'-]*,?\s*\(\s*[\"“‘']?$")
_CLOSES_BRACKET = re.compile(r"[\"”’']?\s*\)")
_NAMED_AS = re.compile(r"\b(?:known as|called|referred to as)\s+[\"“‘']?$", re.IGNORECASE)


@dataclass(frozen=True)
class _AcronymUse:
    acronym: str
    unit: Unit
    span: Span


_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’&-][^\W\d_]+)*")


def _written_in_capitals(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` written in capitals as a style ("NOTES TO EDITORS",
    "EMBARGOED UNTIL 00:01 ON THURSDAY", "ENDS"): runs of words in capitals, with nothing but
    digits and punctuation between them, that hold a common English word of three letters or
    more. Two words are needed, unless the whole text is that one word. Words in such a
    stretch are not acronyms; an acronym stands among words in lower case, or with others
    that are not words ("CAMHS CSE")."""
    from .readability import is_common_word

    stretches: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    words = list(_LETTER_WORD.finditer(text))
    for match in [*words, None]:
        if match is not None and match.group().isupper():
            run.append(match)
            continue
        if run and (len(run) >= 2 or len(words) == 1) and any(
            len(word.group()) >= 3 and is_common_word(word.group()) for word in run
        ):
            stretches.append((run[0].start(), run[-1].end()))
        run = []
    return stretches


def _acronym_uses(units: list[Unit], rules: AcronymRules) -> list[_AcronymUse]:
    """Every use of an acronym in the document, in reading order."""
    uses: list[_AcronymUse] = []
    pseudonyms: set[str] = set()
    for unit in units:
        capitals = _written_in_capitals(unit.text)
        for match in _ACRONYM.finditer(unit.text):
            acronym = match.group("acronym")
            if rules.not_acronym.fullmatch(acronym):
                continue
            if any(start <= match.start() < end for start, end in capitals):
                continue
            if rules.pseudonym_prefix.search(unit.text[: match.start()]):
                pseudonyms.add(acronym)  # and every use of it, before or after, is dropped
            uses.append(_AcronymUse(acronym, unit, match.span()))
    return [use for use in uses if use.acronym not in pseudonyms]


def _is_definition(use: _AcronymUse) -> bool:
    """True if this use spells the acronym out: "Words in full (ABC)" or "ABC (words in full)"."""
    before, after = use.unit.text[: use.span[0]], use.unit.text[use.span[1] :]
    explained = _DEFINITION_AFTER.match(after)
    if explained and len(_DEFINING_WORDS.findall(explained.group("words"))) >= 2:
        return True
    if _OPENS_BRACKET_AFTER_WORDS.search(before) and _CLOSES_BRACKET.match(after):
        return True
    return bool(_NAMED_AS.search(before))


def _undefined_acronym_findings(
    document_id: str, units: list[Unit], rules: AcronymRules
) -> Iterator[_Located]:
    seen: set[str] = set(rules.well_known)
    for use in _acronym_uses(units, rules):
        if use.acronym in seen:
            continue
        seen.add(use.acronym)
        if _is_definition(use):
            continue
        finding = Finding(
            check=ACRONYM_UNDEFINED,
            severity=rules.severity_when_undefined,
            document=document_id,
            section=use.unit.section,
            text=_sentence_around(use.unit.text, use.span),
            message=_said().acronym_undefined.format(acronym=use.acronym),
            suggestion=_said().acronym_undefined_advice.format(acronym=use.acronym),
        )
        yield _Located(finding, ((use.unit, use.span),))


def _forbidden_acronym_findings(
    document_id: str, units: list[Unit], audience: str, rules: AcronymRules
) -> Iterator[_Located]:
    allowed = set(rules.allowed_when_forbidden.get(audience, ()))
    by_acronym: dict[str, list[_AcronymUse]] = {}
    for use in _acronym_uses(units, rules):
        if use.acronym not in allowed and not _inside_any(use.span, _defined_term_spans(use.unit)):
            by_acronym.setdefault(use.acronym, []).append(use)
    severity = rules.severity_when_forbidden.get(audience, Severity.WARNING)
    for acronym, uses in by_acronym.items():
        first = uses[0]
        times = _said().acronym_forbidden_times.format(count=len(uses)) if len(uses) > 1 else ""
        finding = Finding(
            check=ACRONYM_FORBIDDEN,
            severity=severity,
            document=document_id,
            section=first.unit.section,
            text=_sentence_around(first.unit.text, first.span),
            message=_said().acronym_forbidden.format(acronym=acronym, times=times),
            suggestion=_said().acronym_forbidden_advice.format(acronym=acronym),
        )
        yield _Located(finding, tuple((use.unit, use.span) for use in uses))


# --- Contractions ----------------------------------------------------------------------------

_CONTRACTION = re.compile(
    r"(?<![\w'’])(?P<word>[A-Za-z]+)(?P<apostrophe>['’])(?P<ending>t|s|re|ve|ll|d|m)(?![\w'’])",
    re.IGNORECASE,
)


class ContractionRules(BaseModel):
    """``contractions.yaml``: how to tell a contraction from a possessive, and its full form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_irregular: dict[str, str]
    is_after: frozenset[str]
    pronouns: frozenset[str]
    endings: dict[str, str]


@cache
def contraction_rules() -> ContractionRules:
    return ContractionRules.model_validate(_read_rules_file("contractions.yaml"))


def _contraction_in_full(word: str, ending: str) -> str | None:
    """The full form of word + ' + ending, or None if it is not a contraction (Child J's)."""
    rules = contraction_rules()
    lower, ending = word.lower(), ending.lower()
    if ending == "t":
        if not lower.endswith("n"):
            return None
        full = rules.not_irregular.get(lower, f"{lower[:-1]} not")
    elif ending == "s":
        if lower not in rules.is_after:
            return None
        full = "let us" if lower == "let" else f"{lower} is (or {lower} has)"
    elif ending == "m":
        if lower != "i":
            return None
        full = "I am"
    else:
        if lower not in rules.pronouns:
            return None
        full = f"{lower} {rules.endings[ending]}"
    if lower == "i":
        full = "I" + full[1:]
    return full[0].upper() + full[1:] if word[0].isupper() else full


def _contraction_findings(document_id: str, units: list[Unit]) -> Iterator[Finding]:
    for unit in units:
        quotations = _quotation_spans(unit.text)
        for match in _CONTRACTION.finditer(unit.text):
            full = _contraction_in_full(match.group("word"), match.group("ending"))
            if full is None or _inside_any(match.span(), quotations):
                continue
            yield Finding(
                check=CONTRACTION,
                severity=Severity.ERROR,
                document=document_id,
                section=unit.section,
                text=_sentence_around(unit.text, match.span()),
                message=_said().contraction.format(contraction=match.group()),
                suggestion=_said().contraction_advice.format(contraction=match.group(), full=full),
            )


# --- Numbers written as words ----------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}


def _number_expression() -> re.Pattern[str]:
    def one_of(words: Iterable[str]) -> str:
        return "(?:" + "|".join(words) + ")"

    units, teens, tens = one_of(_UNITS), one_of(_TEENS), one_of(_TENS)
    below_hundred = f"(?:{tens}(?:[-\\s]{units})?|{teens}|{units})"
    below_thousand = f"(?:{units}\\s+hundred(?:\\s+(?:and\\s+)?{below_hundred})?|{below_hundred})"
    number = f"{below_thousand}(?:\\s+(?:thousand|million)(?:,?\\s+(?:and\\s+)?{below_thousand})?)?"
    # "seven-minute briefing" is flagged (→ "7-minute"); "mid-twenties" is not a number word.
    return re.compile(rf"(?<![\w-]){number}(?!\w)", re.IGNORECASE)


_NUMBER_IN_WORDS = _number_expression()


def _number_value(words: str) -> int:
    total = current = 0
    for word in re.split(r"[-\s,]+", words.lower()):
        if word in _UNITS or word in _TEENS or word in _TENS:
            current += _UNITS.get(word) or _TEENS.get(word) or _TENS[word]
        elif word == "hundred":
            current *= 100
        elif word in _SCALES:
            total += current * _SCALES[word]
            current = 0
    return total + current


def _number_word_findings(document_id: str, units: list[Unit]) -> Iterator[Finding]:
    for unit in units:
        quotations = _quotation_spans(unit.text)
        for match in _NUMBER_IN_WORDS.finditer(unit.text):
            words = match.group()
            if words.lower() == "one" or _inside_any(match.span(), quotations):
                continue  # "one" is as often a pronoun ("one of the workers") as a number
            digits = f"{_number_value(words):,}"
            yield Finding(
                check=NUMBER_WORDS,
                severity=Severity.WARNING,
                document=document_id,
                section=unit.section,
                text=_sentence_around(unit.text, match.span()),
                message=_said().number_words.format(words=words),
                suggestion=_said().number_words_advice.format(words=words, digits=digits),
            )


# --- The check -------------------------------------------------------------------------------


def language_findings(document_id: str, units: list[Unit], profile: Profile) -> list[Finding]:
    """Every plain-language finding for one document, read by ``profile``'s audience.

    One problem, one finding: an acronym that is also on a word list (jargon: "CSE") is
    reported once, by the acronym check, at the worse of the two severities and with both
    pieces of advice."""
    located: list[_Located] = []
    for file_name in WORD_LIST_FILES:
        located.extend(_word_list_findings(file_name, document_id, units, profile.id))
    acronyms: list[_Located] = []
    if profile.acronyms == "define":
        acronyms.extend(_undefined_acronym_findings(document_id, units, acronym_rules()))
    elif profile.acronyms == "forbid":
        acronyms.extend(
            _forbidden_acronym_findings(document_id, units, profile.id, acronym_rules())
        )
    findings = _with_acronyms_merged(located, acronyms)
    if profile.contractions == "forbid":
        findings.extend(_contraction_findings(document_id, units))
    if profile.numbers == "digits":
        findings.extend(_number_word_findings(document_id, units))
    return findings


def _with_acronyms_merged(words: list[_Located], acronyms: list[_Located]) -> list[Finding]:
    """The word-list findings and the acronym findings, each word-list finding about one of
    an acronym finding's uses folded into it. Victim-blaming language is never folded: it
    stays its own error."""
    folded: set[int] = set()
    merged: list[Finding] = []
    for acronym in acronyms:
        finding = acronym.finding
        for index, word in enumerate(words):
            if index in folded or word.finding.check == _BLAMING_CHECK:
                continue
            if acronym.covers(word):
                folded.add(index)
                finding = _fold(finding, word)
        merged.append(finding)
    return [word.finding for index, word in enumerate(words) if index not in folded] + merged


def _fold(acronym: Finding, word: _Located) -> Finding:
    """One finding with both pieces of advice (each said once), at the worse severity."""
    severity = min(acronym.severity, word.finding.severity, key=lambda severity: severity.rank)
    message, suggestion = acronym.message, acronym.suggestion
    if word.about not in message:
        message = f"{message} It {word.about}"
    if word.finding.suggestion not in suggestion:
        suggestion = f"{suggestion} {word.finding.suggestion}".strip()
    return replace(acronym, severity=severity, message=message, suggestion=suggestion)
