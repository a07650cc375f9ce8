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
