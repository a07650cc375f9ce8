"""Text folding: how text is normalised once before any pattern is tried on it.

Accents are removed (Zoë reads as Zoe), curly apostrophes straightened, special hyphens and
spaces made plain; a :class:`_View` keeps where each folded character was in the original,
so a finding points at the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

Span = tuple[int, int]

# --- Text, normalised once -----------------------------------------------------------------

_SOFT_HYPHEN = "\u00ad"
_LINE_END_HYPHEN = "\ufffe"
"""PDFium gives U+FFFE where a PDF hyphenated a word at a line end."""
_SPECIAL_CHARACTERS = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "′": "'",
    # every dash is a hyphen: Word turns a typed hyphen into an en dash
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\ufe58": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15.1):
invisible in every format (zero-width joiner and non-joiner, U+034F, U+2063, variation
selectors, U+180E, the soft hyphen, tags). Inside a word they hide nothing: folding drops them."""
_WORD_TOKEN = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
"""A hyphenated word: its parts joined are a word too ("Whit-field" holds "whitfield")."""
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-(?:[ \t]*\r?\n[ \t]*|[ \t]+)(?=[^\W\d_])")
"""A word broken at a line end by a hyphen: before a line break, or before a space where the
line break was read as one (a Markdown soft break, a PDF reader's join)."""
_FORMATTING_MARKS = re.compile(
    r"(?<=[^\W\d_])[*_~`]+(?=[^\W\d_])|(?<=[^\W\d_])[*_~`]+(?![^\W\d_])"
    r"|(?<![^\W\d_])[*_~`]+(?=[^\W\d_])"
)
"""Formatting marks typed into a record (``Sam**antha**``, ``Sam_antha``) at or inside a word."""


def _is_default_ignorable(character: str) -> bool:
    point = ord(character)
    return any(low <= point <= high for low, high in _DEFAULT_IGNORABLE)


@lru_cache(maxsize=1)
def _look_alikes() -> dict[str, str]:
    """Letters of other scripts that look like a Latin letter, to that letter: Unicode's
    confusables data (confusables.txt, as shipped by the ``confusable-homoglyphs`` package).
    A capital maps to a capital where the data gives one."""
    from confusable_homoglyphs.confusables import confusables_data

    found: dict[str, str] = {}
    for character, homoglyphs in confusables_data.items():
        if len(character) != 1 or character.isascii() or not character.isalpha():
            continue
        letters = [
            h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha()
        ]
        if letters:
            same_case = [c for c in letters if c.isupper() == character.isupper()]
            found[character] = (same_case or letters)[0]
    # The data maps a capital to the skeleton of its shape ("І" to "l", as "I" and "l" look
    # alike); a capital whose small letter looks like a Latin one is that letter's capital.
    for character in list(found):
        small = character.lower()
        if character.isupper() and len(small) == 1 and found.get(small, "").islower():
            found[character] = found[small].upper()
    return found


@lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    special = _SPECIAL_CHARACTERS.get(character)
    if special is not None:
        return special
    if _is_default_ignorable(character):
        return ""
    decomposed = unicodedata.normalize("NFKD", character)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(folded) == 1 and not folded.isascii():
        return _look_alikes().get(folded, folded)
    return folded


@lru_cache(maxsize=4096)
def _is_look_alike(character: str) -> bool:
    decomposed = unicodedata.normalize("NFKD", character)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return len(folded) == 1 and not folded.isascii() and folded in _look_alikes()


def uses_look_alikes(text: str) -> bool:
    """Whether ``text`` holds a letter of another script that folding read as a Latin one
    (Cyrillic "а" for "a", Greek "Ζ" for "Z", the dotless "ı" for "i")."""
    return not text.isascii() and any(_is_look_alike(c) for c in text if not c.isascii())


@dataclass(frozen=True)
class _View:
    """Text as the patterns see it, and where each of its characters was in the original."""

    text: str
    lower: str
    """``text`` in lower case, of the same length."""
    origin: list[int] | None
    """``origin[i]`` is the original index of ``text[i]`` (one more entry for the end);
    None when every character is where it was."""
    source: str = ""
    """The original text."""

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the text, in lower case (words are split at anything not a letter
        or a digit)."""
        words = set(_WORD_TOKEN.findall(self.lower))
        words.update(joined.replace("-", "") for joined in _HYPHENATED.findall(self.lower))
        return frozenset(words)

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
        return _View(text, text.lower(), None, text)
    same_length: dict[int, str] = {}
    other_length: list[str] = []
    for character in set("".join(_NON_ASCII.findall(text))):
        folded = _fold_character(character)
        if len(folded) == 1 and character not in (_SOFT_HYPHEN, _LINE_END_HYPHEN):
            same_length[ord(character)] = folded
        else:
            other_length.append(character)
    if not other_length:  # translate only the runs that need it: translate is slow on the rest
        folded_text = _NON_ASCII.sub(lambda run: run.group().translate(same_length), text)
        return _View(folded_text, _lower(folded_text), None, text)
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for found in re.finditer("[" + re.escape("".join(other_length)) + "]", text):
        index = found.start()
        pieces.append(text[done:index])
        origin.extend(range(done, index))
        if found.group() == _SOFT_HYPHEN:  # shown only at a line end
            folded = "-" if text[index + 1 : index + 2] in ("\n", "\r") else ""
        elif found.group() == _LINE_END_HYPHEN:
            # PDFium's mark for a hyphen where a line may break: a hyphen in the text (an
            # email's domain keeps it); matching names takes it out (see _joined)
            folded = "-"
        else:
            folded = _fold_character(found.group())
        pieces.append(folded)
        origin.extend([index] * len(folded))
        done = index + 1
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    partly_folded = "".join(pieces)
    folded_text = _NON_ASCII.sub(lambda run: run.group().translate(same_length), partly_folded)
    return _View(folded_text, _lower(folded_text), origin, text)


_MARK_CHARACTERS = frozenset("*_~`")


def _joined(view: _View) -> _View | None:
    """The view with words broken across lines by a hyphen joined again, and formatting marks
    at or inside words (``Sam**antha**``) taken out; None if there are none."""
    breaks: list[Span] = []
    if "-\n" in view.text or "-\r" in view.text or "- " in view.text:
        breaks.extend(found.span() for found in _BROKEN_WORD.finditer(view.text))
    if not _MARK_CHARACTERS.isdisjoint(view.text):
        breaks.extend(found.span() for found in _FORMATTING_MARKS.finditer(view.text))
    if _LINE_END_HYPHEN in view.source and view.origin is not None:
        breaks.extend(
            (index, index + 1)
            for index, character in enumerate(view.text)
            if character == "-" and view.source[view.origin[index]] == _LINE_END_HYPHEN
        )
    if not breaks:
        return None
    breaks.sort()
    base: Sequence[int] = view.origin if view.origin is not None else range(len(view.text) + 1)
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for start, end in breaks:
        if start < done:  # overlapping breaks: one
            done = max(done, end)
            continue
        pieces.append(view.text[done:start])
        origin.extend(base[done:start])
        done = end
    pieces.append(view.text[done:])
    origin.extend(base[done:])
    text = "".join(pieces)
    return _View(text, _lower(text), origin, view.source)


def _folded(text: str) -> str:
    return _fold(text).text
