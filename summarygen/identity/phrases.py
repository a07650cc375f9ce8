"""Phrases as patterns: how a name, a place or any text is turned into a regular expression
that finds it however it is spaced, hyphenated or broken across lines, and where matches may
start (only where a word starts)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .fold import _WORD_TOKEN, Span, _folded, _lower, _View


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
_HYPHEN_OR_GAP = rf"(?:[ \t]*(?:\r?\n[ \t]*)?-[ \t]*(?:\r?\n[ \t]*)?|{_GAP})"
"""A hyphen (perhaps at the end or the start of a line), or a space instead of one."""
_NAME_JOIN = rf"(?:{_GAP}|[ \t]*(?:\r?\n[ \t]*)?[-_.][ \t]*(?:\r?\n[ \t]*)?)"
"""Between the parts of a name: a space, a line break, a hyphen, or "_" and "." (file names
and email addresses)."""
_INNER_HYPHEN = r"(?:-[ \t]*(?:\r?\n[ \t]*)?)?"
"""A hyphen typed inside a word ("Whit-field"), or left by a line end: nothing else between
two letters of a word."""
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
    as_name: bool = False
    """Counted only where written as a name: not at the start of a sentence, a line or a
    cell, and not beside another capitalised word ("Green Lane", "Amber, Green")."""

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
            if self.as_name and not _written_as_name(view.text, start, match.end()):
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
    as_name: bool = False,
) -> _Phrase:
    return _Phrase(
        re.compile(expression),
        tuple(sorted(set(needs))),
        cased,
        not_after,
        title,
        title_required,
        as_name,
    )


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"(?:'s|s'|')?[ \t]+([^\W\d_])")
_LIST_ITEM = re.compile(
    r"(?:^|[,;])[ \t]*([^\W\d_][\w'’-]*)[^,;.!?:\n]*,[ \t]*(?:and[ \t]+|or[ \t]+)?$"
)
"""The list item before a word that follows a comma: its first word is group 1."""
_STARTS_A_SENTENCE = frozenset(".!?:;\n\r([\"'“‘•*#|")


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return (start - 40 <= 0 and not before) or (bool(before) and before[-1] in _STARTS_A_SENTENCE)


def _written_as_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word at ``text[start:end]`` is capitalised as a name is: not where
    any word is (a sentence's, line's or cell's start), nor in a run of capitalised words
    (a heading, "Green Lane", a list of statuses)."""
    if _at_sentence_start(text, start):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if (
        before is not None
        and before[1][0].isupper()
        and not _at_sentence_start(text, before.start(1))
    ):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is not None and after[1].isupper():
        return False
    if text[end : end + 1] == ":":
        return False  # a label ("Green: on track")
    # an item of a list whose items are capitalised ("Red (off track), Amber, Green")
    items = _LIST_ITEM.search(text, max(0, start - 80), start)
    return items is None or not items[1][0].isupper() or _at_sentence_start(text, items.start(1))


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
            pieces.append(_INNER_HYPHEN.join(re.escape(c) for c in piece))
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
    # any one of . / - or spaces (up to three), or a line break, between any two characters
    between = r"(?:[ \t]{1,3}|[ \t]*\r?\n[ \t]*|[./-])?"
    expression = between.join(re.escape(c) for c in characters)
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


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
