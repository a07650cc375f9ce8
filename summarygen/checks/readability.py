"""Readability: measurements of a document (or a section) and findings about its sentences.

Every unit (heading, paragraph, list item, table cell, easy read point) is segmented on its
own (:mod:`.segment`), so units never merge into one long sentence and a bullet list without
full stops counts one sentence per item. Syllables come from the CMU Pronouncing Dictionary,
with rules for words it lacks (:mod:`.syllables`). The formulas are the standard ones:

* Flesch Reading Ease = 206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words)
* Flesch–Kincaid grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
* SMOG = 1.0430 × √(polysyllables × 30 / sentences) + 3.1291, only for 30 sentences or more
  (McLaughlin's formula is defined on a 30-sentence sample; below that it means little).

A text under :data:`TOO_SHORT_WORDS` words is marked ``too_short``: report "too short to
score", not its numbers.
"""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import get_args

from .._resources import read_rules_yaml, rules_dir
from .finding import Finding, Severity
from .profiles import Metric, Profile
from .segment import is_address, missing_spaces, sentences, words
from .syllables import syllables
from .units import Unit

TOO_SHORT_WORDS = 100
"""Texts with fewer words than this are too short to score."""

UNCOMMON_ZIPF = 3.0
"""A word is uncommon when its wordfreq Zipf frequency in English is below this: fewer than
about one use in a million words (Zipf 3 = 1 per million; "the" is about 7.7, "referral" 3.5,
"safeguarding" 3.2, "chronology" 2.9). Numbers, web and email addresses and file names are not
counted as uncommon words. The words at
or above it ship as ``rules/common-words.txt.gz`` (tools/make_common_words.py)."""

POLYSYLLABLE = 3
"""A word of this many syllables or more is a polysyllable (SMOG, ``polysyllable_share``)."""

TARGET_METRICS: tuple[str, ...] = get_args(Metric)


@dataclass(frozen=True)
class Metrics:
    """Measurements of a text. Shares are per cent (0–100). With no words at all, every
    score is 0 and ``too_short`` is true."""

    words: int
    sentences: int
    syllables: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    average_sentence_words: float
    longest_sentence_words: int
    polysyllable_share: float
    """Per cent of words with three or more syllables."""
    passive_share: float
    """Per cent of sentences with a passive construction."""
    smog: float | None
    """SMOG grade; None below 30 sentences."""
    uncommon_word_share: float
    """Per cent of words (numbers left out) below :data:`UNCOMMON_ZIPF`."""
    too_short: bool
    """Fewer than :data:`TOO_SHORT_WORDS` words: too short to score."""

    def value(self, metric: str) -> float:
        """The value of one of the target metrics a profile names (``flesch_reading_ease``,
        ``flesch_kincaid_grade``, ``average_sentence_words``, ``longest_sentence_words``,
        ``uncommon_word_share``)."""
        if metric not in TARGET_METRICS:
            raise KeyError(f"unknown metric {metric!r}; use one of: {', '.join(TARGET_METRICS)}")
        return float(getattr(self, metric))


@dataclass(frozen=True)
class _Counts:
    """What one unit of text adds to a measurement."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    longest: int = 0
    polysyllables: int = 0
    passives: int = 0
    uncommon: int = 0
    non_numbers: int = 0


@lru_cache(maxsize=16384)
def _unit_counts(text: str) -> _Counts:
    # Cached: a document and each of its sections are measured over the same units.
    sentence_count = word_count = syllable_count = 0
    longest = polysyllables = passives = uncommon = non_numbers = 0
    for sentence in sentences(text):
        tokens = words(sentence)
        if not tokens:
            continue
        sentence_count += 1
        word_count += len(tokens)
        longest = max(longest, len(tokens))
        if _passive_phrases_in(tokens):
            passives += 1
        for token in tokens:
            count = syllables(token)
            syllable_count += count
            polysyllables += count >= POLYSYLLABLE
            if not any(character.isdigit() for character in token) and not is_address(token):
                non_numbers += 1
                uncommon += _is_uncommon(token.lower())
    return _Counts(
        sentence_count,
        word_count,
        syllable_count,
        longest,
        polysyllables,
        passives,
        uncommon,
        non_numbers,
    )


def measure(texts: list[str]) -> Metrics:
    """Measure units of text; each text is one unit and is segmented on its own."""
    counts = [_unit_counts(text) for text in texts]
    sentence_count = sum(c.sentences for c in counts)
    word_count = sum(c.words for c in counts)
    syllable_count = sum(c.syllables for c in counts)
    longest = max((c.longest for c in counts), default=0)
    polysyllables = sum(c.polysyllables for c in counts)
    passives = sum(c.passives for c in counts)
    uncommon = sum(c.uncommon for c in counts)
    non_numbers = sum(c.non_numbers for c in counts)
    if word_count == 0:
        return Metrics(0, 0, 0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, None, 0.0, True)
    words_per_sentence = word_count / sentence_count
    syllables_per_word = syllable_count / word_count
    return Metrics(
        words=word_count,
        sentences=sentence_count,
        syllables=syllable_count,
        flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        average_sentence_words=words_per_sentence,
        longest_sentence_words=longest,
        polysyllable_share=100 * polysyllables / word_count,
        passive_share=100 * passives / sentence_count,
        smog=(
            1.0430 * math.sqrt(polysyllables * 30 / sentence_count) + 3.1291
            if sentence_count >= 30
            else None
        ),
        uncommon_word_share=100 * uncommon / non_numbers if non_numbers else 0.0,
        too_short=word_count < TOO_SHORT_WORDS,
    )


def section_metrics(units: list[Unit]) -> dict[str, Metrics]:
    """Metrics per section: the section heading ("" before the first heading), in document
    order, measured over the units under it (the heading included)."""
    texts: dict[str, list[str]] = {}
    for unit in units:
        texts.setdefault(unit.section, []).append(unit.text)
    return {section: measure(section_texts) for section, section_texts in texts.items()}


@cache
def _common_words() -> frozenset[str]:
    with gzip.open(rules_dir() / "common-words.txt.gz", "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


def is_common_word(word: str) -> bool:
    """Whether ``word`` (any case) is a common English word, by the shipped word list."""
    return not _is_uncommon(word.lower())


@lru_cache(maxsize=65536)
def _is_uncommon(lower_word: str) -> bool:
    common = _common_words()
    word = lower_word.replace("’", "'")
    if word in common or (word.endswith("'s") and word[:-2] in common):
        return False
    parts = [part for part in re.split(r"[-‐‑]", word) if part]
    return not (len(parts) > 1 and all(part in common for part in parts))


# -- passive voice ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PassiveWords:
    auxiliaries: frozenset[str]
    be_forms: frozenset[str]
    get_forms: frozenset[str]
    between: frozenset[str]
    irregular_participles: frozenset[str]
    not_participles: frozenset[str]
    adjectives: frozenset[str]


@cache
def _passive_words() -> _PassiveWords:
    data = read_rules_yaml("passive.yaml")
    fields = ("auxiliaries", "be_forms", "get_forms", "between", "irregular_participles",
              "not_participles", "adjectives")  # fmt: skip
    return _PassiveWords(
        **{field: frozenset(str(word).lower() for word in data[field]) for field in fields}
    )


def passive(sentence: str) -> bool:
    """Whether the sentence has a passive construction: a form of "be" (or "get") followed
    within two words by a past participle ("was told", "were not seen", "has been referred").
    The words it knows are in ``rules/passive.yaml``."""
    return bool(passive_phrases(sentence))


def passive_phrases(sentence: str) -> list[str]:
    """The passive constructions in a sentence, quoted from it ("has been referred")."""
    return _passive_phrases_in(words(sentence))


def _passive_phrases_in(tokens: list[str]) -> list[str]:
    vocabulary = _passive_words()
    lowered = [token.lower().replace("’", "'") for token in tokens]
    phrases: list[str] = []
    index = 0
    while index < len(tokens):
        word = lowered[index]
        if word in vocabulary.be_forms or word in vocabulary.get_forms:
            end = _participle_after(lowered, index, vocabulary)
            if end is not None:
                auxiliary = index and lowered[index - 1] in vocabulary.auxiliaries
                start = index - 1 if auxiliary else index
                phrases.append(" ".join(tokens[start : end + 1]))
                index = end
        index += 1
    return phrases


def _participle_after(lowered: list[str], index: int, vocabulary: _PassiveWords) -> int | None:
    """Where the past participle after the be-form at ``index`` is, if there is one."""
    after_get = lowered[index] in vocabulary.get_forms
    for position in range(index + 1, min(index + 4, len(lowered))):
        word = lowered[position]
        if _is_participle(word, vocabulary):
            if word in vocabulary.adjectives or (after_get and word == "used"):
                return None
            return position
        if word not in vocabulary.between and not word.endswith("ly"):
            return None
    return None


def _is_participle(word: str, vocabulary: _PassiveWords) -> bool:
    if word in vocabulary.irregular_participles:
        return True
    return (
        word.endswith("ed")
        and len(word) >= 4
        and word.isalpha()
        and not word.endswith("eed")
        and word not in vocabulary.not_participles
    )


# -- findings -----------------------------------------------------------------------------------

LONG_SENTENCE = "readability.long-sentence"
TOO_LONG_SENTENCE = "readability.too-long-sentence"
PASSIVE = "readability.passive"
MISSING_SPACE = "readability.missing-space"
_NO_PASSIVE_CHECK = frozenset({"heading", "title"})


@dataclass(frozen=True)
class Messages:
    """``rules/readability.yaml``: what the readability findings say."""

    long_sentence: str
    too_long_sentence: str
    split_advice: str
    target_note: str
    passive: str
    passive_advice: str
    missing_space: str
    missing_space_advice: str
    marks: dict[str, str]


@cache
def messages() -> Messages:
    return Messages(**read_rules_yaml("readability.yaml"))


def target_note(profile: Profile) -> str:
    """What the longest-sentence target line adds: "sentences over 34 flagged"."""
    return messages().target_note.format(long_over=profile.sentences.long_over)


def readability_findings(document_id: str, units: list[Unit], profile: Profile) -> list[Finding]:
    """Findings about single sentences:

    * a sentence over the profile's longest-sentence target (``longest_sentence_words``
      ``max``), at the target's severity: the sentences that make the target missed;
    * a sentence over ``sentences.long_over`` words (and not over the longest), a warning;
    * a sentence end with no space after it ("in May.The school"), a suggestion;
    * a sentence with a passive construction, a suggestion (headings and box titles are not
      checked for the passive).

    The messages are in ``rules/readability.yaml``."""
    said = messages()
    findings: list[Finding] = []
    longest = profile.longest
    long_over = profile.sentences.long_over
    for unit in units:
        for sentence in sentences(unit.text):
            tokens = words(sentence)
            count = len(tokens)
            if longest is not None and longest.max is not None and count > longest.max:
                findings.append(
                    Finding(
                        check=TOO_LONG_SENTENCE,
                        severity=longest.severity,
                        document=document_id,
                        section=unit.section,
                        text=sentence,
                        message=said.too_long_sentence.format(
                            words=count, longest=f"{longest.max:g}", long_over=long_over
                        ),
                        suggestion=said.split_advice,
                    )
                )
            elif count > long_over:
                findings.append(
                    Finding(
                        check=LONG_SENTENCE,
                        severity=Severity.WARNING,
                        document=document_id,
                        section=unit.section,
                        text=sentence,
                        message=said.long_sentence.format(words=count, long_over=long_over),
                        suggestion=said.split_advice,
                    )
                )
            if unit.kind in _NO_PASSIVE_CHECK:
                continue
            phrases = _passive_phrases_in(tokens)
            if phrases:
                quoted = ", ".join(f'"{phrase}"' for phrase in phrases)
                findings.append(
                    Finding(
                        check=PASSIVE,
                        severity=Severity.SUGGESTION,
                        document=document_id,
                        section=unit.section,
                        text=sentence,
                        message=said.passive.format(phrases=quoted),
                        suggestion=said.passive_advice,
                    )
                )
        findings.extend(_missing_space_findings(document_id, unit))
    return findings


def _missing_space_findings(document_id: str, unit: Unit) -> list[Finding]:
    said = messages()
    text = unit.text
    findings: list[Finding] = []
    for position in missing_spaces(text):
        before = text[:position].split()
        after = text[position:].split()
        joined = (before[-1] if before else "") + (after[0] if after else "")
        mark = said.marks.get(text[position], text[position])
        findings.append(
            Finding(
                check=MISSING_SPACE,
                severity=Severity.SUGGESTION,
                document=document_id,
                section=unit.section,
                text=_sentence_at(text, position),
                message=said.missing_space.format(mark=mark, joined=joined),
                suggestion=said.missing_space_advice.format(mark=mark),
            )
        )
    return findings


def _sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that holds the character at ``position``."""
    cursor = 0
    for sentence in sentences(text):
        start = text.find(sentence, cursor)
        if start < 0:
            break
        cursor = start + len(sentence)
        if start <= position < cursor:
            return sentence
    return text.strip()
