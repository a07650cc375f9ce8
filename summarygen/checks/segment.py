"""Sentences and words, the way a reader meets them: the one sentence splitter and the one
word counter of summarygen (readability, plain language and the pack's word counts all use
them).

Each :class:`~summarygen.checks.units.Unit` (heading, paragraph, list item, table cell, easy
read point) is segmented on its own, so a bullet list without full stops is one sentence per
item and a heading never runs into the paragraph below it.

Sentences come from pysbd (a maintained rule-based segmenter that knows "Dr.", "e.g.",
"a.m." and "No. 5" do not end a sentence), corrected where it is known to go wrong on this
kind of text (the word lists are in ``rules/sentences.yaml``):

* line breaks and runs of spaces inside a unit are read as one space (a soft line break in a
  paragraph is not the end of a sentence), and the sentences returned are quoted from the
  original text;
* a full stop, question mark or exclamation mark with no space after it, before a capital
  and a lower-case letter ("in May.The school"), ends a sentence as if the space were there;
  :func:`missing_spaces` says where, so the author can be told. Not after an abbreviation
  ("Mr.Smith"), nor inside "e.g.", "U.K.", "3.5", "No.4", an address or a file name;
* a quotation that holds several sentences is several sentences (pysbd keeps a quotation
  whole): the words before it belong to its first sentence, the words after it to its last.
  A quotation that runs over several paragraphs (an opening mark with no closing one, or a
  closing mark with no opening one) is read to the end, or from the start, of the unit;
* a closing quotation mark that pysbd puts at the start of the next sentence goes back to
  the one it closes, and a quotation ending "?" or "!" before a lower-case word ("‘What’s
  wrong?’ asked Mr K.") does not end the sentence;
* a full stop after an abbreviation (``abbreviations``) before a number, a bracket or a
  lower-case word never ends a sentence ("No. 12", "Art. 8", "et al. [2004]"), nor one
  after "a.m."/"p.m." before a day ("at 9 a.m. Monday"), nor one before "&", a comma or a
  closing bracket ("Com. & Adm.": pysbd issue 90);
* pysbd reads a lone capital letter with a full stop as an initial ("J. Smith"), but in a
  safeguarding review "Child A." or "Mr K." before a capitalised word ends a sentence: the
  people in a published review are only ever pseudonyms, never real names.

Words (:func:`words`): letters and digits joined by apostrophes and hyphens; a number with its
separators, currency sign, scale and per cent sign ("£2.5m", "50%", "9.30", "2,000,000"); an
abbreviation with dots ("e.g."); a web address, an email address or a file name, whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Protocol, cast

import pysbd  # type: ignore[import-untyped, unused-ignore]

from .._resources import read_rules_yaml

Span = tuple[int, int]


@dataclass(frozen=True)
class SentenceRules:
    """``rules/sentences.yaml``: the words the segmenter needs to know (see its notes)."""

    abbreviations: frozenset[str]
    after_time: frozenset[str]
    pseudonym_labels: tuple[str, ...]
    web_endings: tuple[str, ...]
    file_extensions: tuple[str, ...]


@cache
def sentence_rules() -> SentenceRules:
    data = read_rules_yaml("sentences.yaml")

    def strings(key: str) -> tuple[str, ...]:
        values = tuple(data[key])
        # YAML reads a bare no, yes, on or off as true or false: "No. 12" needs "no" quoted
        wrong = [value for value in values if not isinstance(value, str)]
        if wrong:
            raise ValueError(f"rules/sentences.yaml {key}: quote {wrong!r} to make it a word")
        return values

    return SentenceRules(
        abbreviations=frozenset(word.lower() for word in strings("abbreviations")),
        after_time=frozenset(strings("after_time")),
        pseudonym_labels=strings("pseudonym_labels"),
        web_endings=strings("web_endings"),
        file_extensions=strings("file_extensions"),
    )


# -- words -------------------------------------------------------------------------------------

_JOINER = r"['’\-‐‑]"
_NUMBERISH = r"[£$€]?\d+(?:[.,:/]\d+)*[^\W_]*%?"  # 9.30, 2,000,000, £2.5m, 50%, 3rd, 10am
_SEGMENT = rf"(?:{_NUMBERISH}|[^\W_]+)"
_ADDRESS_END = r"[^\s<>\"“”‘’()\[\]{}.,;:!?']"  # an address does not end in punctuation
_ADDRESS_BODY = r"[^\s<>\"“”‘’()\[\]{}]"


@cache
def _address() -> re.Pattern[str]:
    """A web address, an email address or a file name."""
    rules = sentence_rules()
    endings = "|".join(map(re.escape, sorted(rules.web_endings, key=len, reverse=True)))
    extensions = "|".join(map(re.escape, sorted(rules.file_extensions, key=len, reverse=True)))
    path = rf"(?:/(?:{_ADDRESS_BODY}*{_ADDRESS_END})?)?"
    return re.compile(
        r"(?<![\w@./-])(?:"
        # https://example.org/a?b=c, www.example.org.uk/reviews/
        rf"(?:https?://|www\.){_ADDRESS_BODY}*{_ADDRESS_END}"
        # help@example.org.uk
        r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
        # childline.org.uk, example.com/reviews
        rf"|(?:[A-Za-z0-9-]+\.)+(?-i:{endings})(?![\w-]){path}"
        # Child_M_summary-v2.docx, report.final.pdf
        rf"|[\w-]+(?:\.[\w-]+)*\.(?i:{extensions})(?![\w-])"
        r")"
    )


@cache
def _word() -> re.Pattern[str]:
    return re.compile(
        _address().pattern
        # an abbreviation written with dots (e.g. i.e. a.m. U.K.) is one word
        + r"|(?:[^\W\d_]\.){2,}"
        # otherwise letters and digits, joined by apostrophes or hyphens
        + rf"|{_SEGMENT}(?:{_JOINER}{_SEGMENT})*"
    )


def words(text: str) -> list[str]:
    """The word tokens of ``text``: letters and digits with internal apostrophes and hyphens
    ("don't", "multi-agency", "Covid-19"); a number with its separators, currency sign, scale
    and per cent sign is one word ("9.30", "0800", "2,000,000", "£2.5m", "50%"); an
    abbreviation with dots is one word ("e.g.", "a.m."); a web address, an email address or a
    file name is one word; punctuation is not a word."""
    return _word().findall(text)


def is_address(token: str) -> bool:
    """Whether a word token (from :func:`words`) is a web address, an email address or a file
    name."""
    return _address().fullmatch(token) is not None


# -- sentences ---------------------------------------------------------------------------------


class _Segmenter(Protocol):
    def segment(self, text: str) -> list[str]: ...


_PYSBD_PATTERNS = 4096


@cache
def _segmenter() -> _Segmenter:
    # pysbd applies some hundreds of regular expressions by their text on every call, more
    # than the re module caches (512 in CPython 3.11), so each call compiled them all again:
    # two thirds of the time of a check. A larger cache keeps them compiled.
    if getattr(re, "_MAXCACHE", 0) < _PYSBD_PATTERNS:
        re._MAXCACHE = _PYSBD_PATTERNS  # type: ignore[attr-defined]
    return cast(_Segmenter, pysbd.Segmenter(language="en", clean=False))


def sentences(unit_text: str) -> list[str]:
    """The sentences of one unit, each stripped of surrounding whitespace and quoted exactly
    from ``unit_text``. A unit with no sentence-ending punctuation inside it (a heading, a list
    item without a full stop) is one sentence. A piece with no word in it (a stray quote mark,
    an ellipsis) is joined to the sentence before it."""
    return list(_sentences(unit_text))


def missing_spaces(unit_text: str) -> list[int]:
    """Where in ``unit_text`` a sentence ends with no space after it ("in May.The school"):
    the index of each full stop, question mark or exclamation mark (see the module's notes)."""
    text = unit_text.strip()
    offset = len(unit_text) - len(unit_text.lstrip())
    flat, origin = _single_spaced(text)
    return [offset + origin[mark] for mark, _ in _missing_space_marks(flat)]


_WHITESPACE_OR_NOT = re.compile(r"\s+|\S+")
_END_PUNCTUATION = re.compile(r"[.!?…]")


@lru_cache(maxsize=8192)
def _sentences(unit_text: str) -> tuple[str, ...]:
    # Cached: every check reads the same units, and pysbd is the slowest step.
    text = unit_text.strip()
    if not text:
        return ()
    flat, origin = _single_spaced(text)
    flat, origin = _with_missing_spaces(flat, origin)
    quoted = (text[origin[start] : origin[end]].strip() for start, end in _flat_spans(flat))
    return tuple(sentence for sentence in quoted if sentence)


@lru_cache(maxsize=8192)
def _flat_spans(flat: str) -> tuple[Span, ...]:
    """The sentences of a single-spaced text, as spans of it."""
    if not _END_PUNCTUATION.search(flat[:-1]):
        return ((0, len(flat)),)
    spans = _plain_spans(flat)
    if spans is None:
        spans = _pysbd_spans(flat)
    spans = _split_after_pseudonyms(flat, spans)
    spans = _join_false_ends(flat, spans)
    spans = _split_quotations(flat, spans)
    return tuple(_merge_wordless(flat, spans))


def _single_spaced(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of whitespace (line breaks too) as one space, and where each
    of its characters came from in ``text`` (plus the end of ``text``)."""
    flat: list[str] = []
    origin: list[int] = []
    for match in _WHITESPACE_OR_NOT.finditer(text):
        if match.group().isspace():
            flat.append(" ")
            origin.append(match.start())
        else:
            flat.append(match.group())
            origin.extend(range(match.start(), match.end()))
    origin.append(len(text))
    return "".join(flat), origin


# -- a missing space after a sentence ------------------------------------------------------------

_JOINED_END = re.compile(r"(?P<mark>[.!?])(?P<close>[”’\"')\]]*)(?=[A-Z][a-z])")
_WORD_BEFORE_END = re.compile(r"[^\W_][\w’'-]*$")


def _missing_space_marks(flat: str) -> list[tuple[int, int]]:
    """Where a sentence end has no space after it: (index of the mark, index to put the
    space at)."""
    found: list[tuple[int, int]] = []
    for match in _JOINED_END.finditer(flat):
        run_start = flat.rfind(" ", 0, match.start()) + 1
        run_end = flat.find(" ", match.end())
        run = flat[run_start : run_end if run_end >= 0 else len(flat)]
        before = _WORD_BEFORE_END.search(flat, run_start, match.start())
        if before is None or before.start() != _first_word_character(flat, run_start):
            continue  # "U.K.The", "e.g.The": dots inside the word before
        word = before.group()
        if len(word) < 2 or not (any(c.islower() for c in word) or word.isdigit()):
            continue  # "M.The", "ASP.NET"
        if word.lower() in sentence_rules().abbreviations:
            continue
        if any(is_address(token) for token in words(run)):
            continue
        found.append((match.start(), match.end()))
    return found


def _first_word_character(flat: str, start: int) -> int:
    position = start
    while position < len(flat) and not (flat[position].isalnum()):
        position += 1
    return position


def _with_missing_spaces(flat: str, origin: list[int]) -> tuple[str, list[int]]:
    """The text with a space where a sentence end has none; the space's origin is that of
    the character after it (so a sentence quoted from the original stops before it)."""
    marks = _missing_space_marks(flat)
    if not marks:
        return flat, origin
    pieces: list[str] = []
    new_origin: list[int] = []
    previous = 0
    for _, at in marks:
        pieces.append(flat[previous:at])
        new_origin.extend(origin[previous:at])
        pieces.append(" ")
        new_origin.append(origin[at])
        previous = at
    pieces.append(flat[previous:])
    new_origin.extend(origin[previous:])
    return "".join(pieces), new_origin


# -- the segmenters ------------------------------------------------------------------------------

_PLAIN_END = re.compile(r"[.!?]+\s+(?=[(\[]?[A-Z0-9])")


def _plain_spans(flat: str) -> list[Span] | None:
    """The sentences of a text with nothing pysbd is needed for, or None.

    Most units are plain prose whose every full stop ends a sentence; splitting them here
    agrees with pysbd on every such unit of the samples and is about twenty times faster.
    Anything that could mislead a simple split (quotation marks, an ellipsis, a word with
    inner dots, a single letter or a possible abbreviation before a full stop) goes to pysbd.
    """
    if any(mark in flat for mark in "\"“”‘’'…") or ".." in flat:
        return None
    abbreviations = sentence_rules().abbreviations
    spans: list[Span] = []
    start = 0
    for match in _PLAIN_END.finditer(flat):
        before = flat[start : match.start()].split()
        last = before[-1].lstrip("([").lower() if before else ""
        if "." in last or len(last) == 1 or last in abbreviations:
            return None
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(flat)))
    return spans


def _pysbd_spans(flat: str) -> list[Span]:
    """pysbd's sentences as spans of ``flat``. pysbd has been known to drop or change
    characters (its issues 30, 83): each piece is found where it stands, and a sentence runs
    to where the next one starts, so nothing is lost."""
    starts: list[int] = []
    position = 0
    for piece in _segmenter().segment(flat):
        stripped = piece.strip()
        at = flat.find(stripped, position) if stripped else -1
        if at >= 0:
            starts.append(at)
            position = at + len(stripped)
    if not starts:
        return [(0, len(flat))]
    bounds = [0, *starts[1:], len(flat)]
    return list(pairwise(bounds))


@cache
def _pseudonym_end() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, sentence_rules().pseudonym_labels))
    return re.compile(rf"\b(?:{labels})\s+[A-Z]\.(?P<space>\s+)(?=[\"“‘'(\[]?[A-Z0-9])")


def _split_after_pseudonyms(flat: str, spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    for start, end in spans:
        for match in _pseudonym_end().finditer(flat, start, end):
            split_at = match.end("space")
            if start < split_at < end:
                result.append((start, split_at))
                start = split_at
        result.append((start, end))
    return result


_CLOSING_QUOTES = "”’\"'"
_LEADING_CLOSE = re.compile(rf"[{_CLOSING_QUOTES}]+(?=[\s,;:.!?)]|$)")
_TIME_END = re.compile(r"\b[ap]\.m\.\s*$", re.IGNORECASE)
_ABBREVIATION_END = re.compile(r"(?:^|(?<=[\s(\[]))(?P<word>[^\W\d_]+)\.\s*$")
_CONTINUES = re.compile(r"[0-9(\[]|[a-z]")
_NEVER_STARTS = frozenset("&,;:)]}")  # a sentence does not start with these


def _join_false_ends(flat: str, spans: list[Span]) -> list[Span]:
    """Undo the sentence ends pysbd is known to put in the wrong place (module notes)."""
    rules = sentence_rules()
    result: list[Span] = [spans[0]]
    for start, end in spans[1:]:
        previous_start, previous_end = result[-1]
        piece = flat[start:end]
        closing = _LEADING_CLOSE.match(piece)
        if closing:  # a quotation's closing mark belongs to the sentence it closes
            moved = start + closing.end()
            previous_end, start = moved, moved
            while start < end and flat[start] == " ":
                start += 1
            result[-1] = (previous_start, start)
            piece = flat[start:end]
            if start >= end:
                result[-1] = (previous_start, end)
                continue
            if piece[:1].islower():  # "‘What’s wrong?’ asked Mr K."
                result[-1] = (previous_start, end)
                continue
        before = flat[previous_start:previous_end]
        abbreviation = _ABBREVIATION_END.search(before)
        joined = bool(
            abbreviation
            and _CONTINUES.match(piece)
            and (
                abbreviation.group("word").lower() in rules.abbreviations
                or re.fullmatch("[a-z]", abbreviation.group("word"))  # "s. 47", "p. 12"
            )
        ) or bool(_TIME_END.search(before) and _first_word(piece) in rules.after_time)
        if joined or piece[:1] in _NEVER_STARTS:
            result[-1] = (previous_start, end)
        else:
            result.append((start, end))
    return result


def _first_word(text: str) -> str:
    match = re.match(r"[^\W\d_]+", text)
    return match.group() if match else ""


_QUOTATION = re.compile(
    r"“(?P<curly>[^“”]*)”"  # “curly double”
    r'|"(?P<straight>[^"]*)"'  # "straight double"
    r"|(?<!\w)‘(?=\S)(?P<curly_single>.*?)’(?!\w)"  # ‘curly single’ (not an apostrophe)
    r"|(?<!\w)'(?=\S)(?P<straight_single>.*?)'(?!\w)"  # 'straight single'
)


def _quotation_insides(flat: str, start: int, end: int) -> list[Span]:
    """The insides of the quotations in ``flat[start:end]``; a quotation that runs on from
    the paragraph before (a closing mark with no opening one) or into the next (an opening
    mark with no closing one) runs from the start, or to the end, of the text."""
    insides: list[Span] = []
    for match in _QUOTATION.finditer(flat, start, end):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        insides.append(match.span(group))
    text = flat[start:end]
    unpaired_straight = text.count('"') % 2 == 1
    if ("”" in text and "“" not in text) or (unpaired_straight and text.strip().endswith('"')):
        insides.append((start, start + text.rindex("”" if "”" in text else '"')))
    elif ("“" in text and "”" not in text) or (unpaired_straight and text.lstrip()[:1] == '"'):
        insides.append((start + text.index("“" if "“" in text else '"') + 1, end))
    return insides


def _split_quotations(flat: str, spans: list[Span]) -> list[Span]:
    """Split each sentence where a quotation inside it holds several sentences."""
    result: list[Span] = []
    for start, end in spans:
        cuts: list[int] = []
        for inner_start, inner_end in _quotation_insides(flat, start, end):
            inner = flat[inner_start:inner_end]
            if not _END_PUNCTUATION.search(inner.rstrip()[:-1]):
                continue
            inner_spans = _flat_spans(inner)
            cuts.extend(inner_start + inner_from for inner_from, _ in inner_spans[1:])
        for cut in sorted(cut for cut in cuts if start < cut < end):
            result.append((start, cut))
            start = cut
        result.append((start, end))
    return result


def _merge_wordless(flat: str, spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    word = _word()
    for start, end in spans:
        if merged and not word.search(flat, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
