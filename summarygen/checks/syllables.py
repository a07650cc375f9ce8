"""How many syllables a word has, as a reader says it.

In order:

1. **The CMU Pronouncing Dictionary** (its data, BSD-style licence, shipped as a table in
   ``rules/cmudict-syllables.txt.gz``; see tools/make_syllable_table.py): the number of
   vowel phonemes (phonemes ending in a stress digit) of the word's
   first pronunciation. Loaded once per process, on first use (about 0.1 s).
2. **Numbers** are counted as they are said (:func:`number_words`): "12" is "twelve" (1),
   "1952" is "nineteen fifty-two" (5), "9.30" is "nine thirty" (3), "0800" is "oh eight oh oh"
   (4), "2,000,000" is "two million" (3); with what is said around them: "50%" is "fifty per
   cent" (4), "£2.5m" is "two point five million pounds" (6), "£40k" is "forty thousand
   pounds" (5).
   A web address, an email address or a file name is one syllable: a reader recognises it
   and reads on (:func:`summarygen.checks.segment.is_address`).
3. **Forms of a dictionary word**: hyphenated words are summed per part ("multi-agency");
   possessives and plurals ("agency's", "safeguardings"); British spellings are tried in
   their American form ("organised" as "organized", "paediatric" as "pediatric",
   "counselling" as "counseling"); common endings (-ed, -ing, -er, -ly, -ness, -ment, -ful)
   and prefixes (un-, re-, non-, self-, cyber-, ...) around a dictionary word.
4. **Acronyms** with no vowel are spelled out ("NHS" is 3, "GP" 2; "W" counts 3).
5. **Rules** for anything else: groups of vowels, less a silent final e, e in -es and -ed
   where it is silent; plus one for a final consonant + "le", for vowel pairs usually said
   apart ("ia", "io", "eo", "ua", "iu" in most places), for "-ier" and "-ing" after a vowel
   ("being", "doughier"). Every word with a letter or digit has at least one syllable.

:func:`syllables` is cached per word, so a long text costs one look-up per distinct word.
"""

from __future__ import annotations

import gzip
import re
from functools import cache, lru_cache

from .._resources import rules_dir
from .segment import is_address

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_HYPHENS = re.compile(r"[\-‐‑]")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_DIGITS_OR_LETTERS = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})
_SPOKEN_LETTER_SUFFIXES = frozenset({"am", "pm"})

_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "ce", "se", "ge", "ze", "dge")


@cache
def _pronounced_syllables() -> dict[str, int]:
    """Every word in the CMU dictionary, lower-cased, with the syllables of its first
    pronunciation: the table tools/make_syllable_table.py makes from the dictionary."""
    table = rules_dir() / "cmudict-syllables.txt.gz"
    counts: dict[str, int] = {}
    with gzip.open(table, "rt", encoding="utf-8") as lines:
        for line in lines:
            word, _, count = line.partition(" ")
            counts[word] = int(count)
    return counts


def load_dictionary() -> None:
    """Load the pronouncing dictionary now rather than at the first word (for timing)."""
    _pronounced_syllables()


def in_dictionary(word: str) -> bool:
    """Whether the CMU dictionary has this word as written (case aside)."""
    return word.lower().translate(_APOSTROPHES) in _pronounced_syllables()


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word token (as :func:`summarygen.checks.segment.words` gives them).
    A token with no letter or digit has none."""
    token = word.translate(_APOSTROPHES).strip(" '\"()[]{}.,;:!?")
    if not any(character.isalnum() for character in token):
        return 0
    return _token_syllables(token)


def _token_syllables(token: str) -> int:
    if is_address(token):
        return 1
    amount = _AMOUNT.fullmatch(token)
    if amount and (amount.group("currency") or amount.group("per_cent")):
        return _amount_syllables(amount)
    lower = token.lower()
    if _HYPHENS.search(token):
        known = _pronounced_syllables().get(lower)
        if known is not None:
            return known
        return sum(_token_syllables(part) for part in _HYPHENS.split(token) if part)
    if _NUMBER.fullmatch(token):
        return _number_syllables(token)
    if any(character.isdigit() for character in token):
        return _mixed_syllables(token)
    if "." in token:  # e.g. a.m. U.K.: said letter by letter
        return sum(_letter_syllables(letter) for letter in lower if letter.isalpha())
    return _word_syllables(token)


_AMOUNT = re.compile(
    r"(?P<currency>[£$€])?(?P<number>\d+(?:[.,]\d+)*)(?P<scale>bn|m|k)?(?P<per_cent>%)?"
)
# what is said for a currency sign, a scale and a per cent sign, and its syllables
_CURRENCY_SYLLABLES = {"£": 1, "$": 2, "€": 2}  # pounds, dollars, euros
_SCALE_SYLLABLES = {"bn": 2, "m": 2, "k": 2}  # billion, million, thousand
_PER_CENT_SYLLABLES = 2


def _amount_syllables(amount: re.Match[str]) -> int:
    """An amount of money or a percentage, as it is said: "£2.5m" is "two point five million
    pounds", "50%" is "fifty per cent"."""
    total = _number_syllables(amount.group("number"))
    total += _CURRENCY_SYLLABLES.get(amount.group("currency") or "", 0)
    total += _SCALE_SYLLABLES.get(amount.group("scale") or "", 0)
    return total + (_PER_CENT_SYLLABLES if amount.group("per_cent") else 0)


def _mixed_syllables(token: str) -> int:
    """Digits and letters together: "3rd", "1990s", "10am", "U18s"."""
    total = 0
    after_digits = False
    for part in _DIGITS_OR_LETTERS.findall(token):
        if part[0].isdigit():
            total += _number_syllables(part)
            after_digits = True
            continue
        lower = part.lower()
        if after_digits and lower in _ORDINAL_SUFFIXES:
            pass  # "3rd" is said "third", as many syllables as "three" (near enough)
        elif after_digits and lower in _SPOKEN_LETTER_SUFFIXES:
            total += 2  # "ay em", "pee em"
        elif part.isupper() and len(part) == 1:
            total += _letter_syllables(lower)
        else:
            total += _word_syllables(part)
        after_digits = False
    return total


def _letter_syllables(letter: str) -> int:
    return 3 if letter == "w" else 1


def _word_syllables(token: str) -> int:
    lower = token.lower()
    known = _known_syllables(lower, depth=2)
    if known is not None:
        return known
    letters = re.sub(r"[^a-z]", "", lower)
    if token.isupper() and len(letters) >= 2 and not re.search(r"[aeiou]", letters):
        return sum(_letter_syllables(letter) for letter in letters)
    return max(1, rule_syllables(lower)) if letters else 1


# -- forms of a dictionary word --------------------------------------------------------------

_BRITISH_TO_AMERICAN = (
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able|ful)?$"), r"or\1"),
    (re.compile(r"lled$"), "led"),
    (re.compile(r"lling$"), "ling"),
    (re.compile(r"ller(s?)$"), r"ler\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"gramme(s?)$"), r"gram\1"),
    (re.compile(r"gement"), "gment"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
)

# (suffix, what to put back on the stem, syllables the suffix adds)
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ness", "", 1),
    ("ment", "", 1),
    ("ments", "", 1),
    ("ful", "", 1),
    ("fully", "", 2),
    ("less", "", 1),
    ("ly", "", 1),
    ("ers", "", 1),
    ("er", "", 1),
    ("ings", "", 1),
    ("ing", "", 1),
    ("ing", "e", 1),
    ("ed", "", 0),
    ("d", "", 0),
)

# prefix and its syllables; tried only when the rest of the word is a dictionary word
_PREFIXES: tuple[tuple[str, int], ...] = (
    ("counter", 2),
    ("cyber", 2),
    ("hyper", 2),
    ("inter", 2),
    ("multi", 2),
    ("neuro", 2),
    ("under", 2),
    ("over", 2),
    ("anti", 2),
    ("ante", 2),
    ("peri", 2),
    ("post", 1),
    ("self", 1),
    ("semi", 2),
    ("step", 1),
    ("half", 1),
    ("non", 1),
    ("pre", 1),
    ("dis", 1),
    ("mis", 1),
    ("sub", 1),
    ("out", 1),
    ("un", 1),
    ("re", 1),
    ("de", 1),
    ("co", 1),
    ("up", 1),
)


def _known_syllables(lower: str, depth: int) -> int | None:
    """The syllables of a dictionary word, or of a regular form of one; None when neither."""
    counts = _pronounced_syllables()
    if lower in counts:
        return counts[lower]
    if depth == 0 or len(lower) < 3:
        return None
    if "'" in lower:
        if lower.endswith("'s"):
            owner = _known_syllables(lower[:-2], depth - 1)
            if owner is not None:
                return owner + (1 if lower[:-2].endswith(_SIBILANT_ENDINGS) else 0)
        return _known_syllables(lower.replace("'", ""), depth - 1)
    if lower.endswith("es") and lower[:-2].endswith(("s", "x", "z", "ch", "sh")):
        singular = _known_syllables(lower[:-2], depth - 1)
        if singular is not None:
            return singular + 1
    if lower.endswith("s") and not lower.endswith("ss"):
        singular = _known_syllables(lower[:-1], depth - 1)
        if singular is not None:
            return singular + (1 if lower[:-1].endswith(("ce", "se", "ge", "ze")) else 0)
    for pattern, replacement in _BRITISH_TO_AMERICAN:
        american = pattern.sub(replacement, lower)
        if american != lower and american in counts:
            return counts[american]
    for suffix, restore, added in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: -len(suffix)] + restore
            if suffix in {"ed", "d"}:
                added = 1 if re.search(r"[td]e?$", stem) and suffix == "ed" else 0
                if suffix == "d" and not stem.endswith("e"):
                    continue
            if suffix in {"ing", "ed", "er", "ers", "ings"} and not restore:
                stem = _undouble(stem)
            known = _known_syllables(stem, depth - 1)
            if known is not None:
                return known + added
    for prefix, prefix_syllables in _PREFIXES:
        rest = lower[len(prefix) :]
        if lower.startswith(prefix) and len(rest) >= 3:
            known = _known_syllables(rest, depth - 1)
            if known is not None:
                return prefix_syllables + known
    return None


def _undouble(stem: str) -> str:
    """ "skill" from "skilling" is already whole; "stopp" from "stopping" loses one p."""
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeioulsz":
        return stem[:-1]
    return stem


# -- rules for words the dictionary does not know ---------------------------------------------

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# vowel pairs usually said as two syllables: "idea", "video", "actual", "radio", "premium"
_HIATUS = re.compile(r"(?<![cgstx])i[ao]|(?<![cgst])iu|(?<![g])eo|(?<![qg])u[ao]|ii")


def rule_syllables(lower: str) -> int:
    """Syllables by spelling alone, for a lower-case word the dictionary does not know."""
    word = re.sub(r"[^a-z]", "", lower)
    if not word:
        return 0
    if word.startswith("y"):  # "young", "yes": a consonant here
        word = word[1:]
    groups = _VOWEL_GROUP.findall(word)
    count = len(groups)
    count += len(_HIATUS.findall(word))
    count += len(re.findall(r"[aeiouy]ing", word))  # being, saying, bullying
    if re.search(r"[^aeiou]ier$", word):  # doughier, happier
        count += 1
    if re.search(r"[^aeiou]ism$", word):  # pacifism
        count += 1
    if word.endswith("e") and not re.search(r"(?:[^aeiouy]le|ee|ye|oe)$", word):
        count -= 1  # make, scrounge; not table, agree
    elif re.search(r"[^aeiouysxzcg]es$", word) and not re.search(r"(?:ch|sh)es$", word):
        count -= 1  # makes, manticores; not pages, boxes, wishes
    elif re.search(r"[^aeiouytd]ed$", word):
        count -= 1  # jumped, triaged; not wanted, needed
    count -= len(re.findall(r"[^aeiou]e(?:ly|ment|ful|less|ness)$", word))  # judgement, safely
    return max(1, count)


# -- numbers -----------------------------------------------------------------------------------

_NUMBER_WORD_SYLLABLES = {
    "zero": 2, "oh": 1, "one": 1, "two": 1, "three": 1, "four": 1, "five": 1, "six": 1,
    "seven": 2, "eight": 1, "nine": 1, "ten": 1, "eleven": 3, "twelve": 1, "thirteen": 2,
    "fourteen": 2, "fifteen": 2, "sixteen": 2, "seventeen": 3, "eighteen": 2, "nineteen": 2,
    "twenty": 2, "thirty": 2, "forty": 2, "fifty": 2, "sixty": 2, "seventy": 3, "eighty": 2,
    "ninety": 2, "hundred": 2, "thousand": 2, "million": 2, "billion": 2, "and": 1,
    "point": 1,
}  # fmt: skip
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _number_syllables(token: str) -> int:
    return sum(_NUMBER_WORD_SYLLABLES[word] for word in number_words(token))


def number_words(token: str) -> list[str]:
    """How a number written in digits is said, word by word (British English, with "and").

    * ``1,234,567``: commas group thousands; read as a whole number.
    * ``9.30``, ``10:45``: two parts; a two-digit second part is read as a number
      ("nine thirty", "four ninety-nine"), "00" is not said ("nine"), "05" is "oh five";
      any other decimal is "point" and its digits ("two point five").
    * ``03/05/2024``: each part on its own.
    * a leading zero (``0800``, ``07``) is read digit by digit, zero as "oh".
    * four digits 1000–9999 are read as a year: "nineteen fifty-two", "eleven eleven",
      "nineteen hundred", "nineteen oh five"; 2000–2009 and whole thousands as a number.
    * any other whole number below a trillion as a number, above it digit by digit.
    """
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return _whole_number_words(int(token.replace(",", "")))
    if "/" in token:
        return [word for part in token.split("/") for word in number_words(part)]
    parts = re.split(r"[.:,]", token)
    if len(parts) == 2:
        whole, fraction = parts
        words = number_words(whole)
        if len(fraction) == 2:
            if fraction == "00":
                return words
            if fraction.startswith("0"):
                return [*words, "oh", _ONES[int(fraction[1])]]
            return [*words, *_whole_number_words(int(fraction))]
        return [*words, "point", *(_ONES[int(digit)] for digit in fraction)]
    if len(parts) > 2:
        return [word for part in parts for word in number_words(part)]
    if len(token) > 1 and token.startswith("0"):
        return ["oh" if digit == "0" else _ONES[int(digit)] for digit in token]
    value = int(token)
    if len(token) == 4 and value % 1000 != 0 and not 2000 <= value <= 2009:
        high, low = divmod(value, 100)
        if low == 0:
            return [*_below_hundred_words(high), "hundred"]
        if low < 10:
            return [*_below_hundred_words(high), "oh", _ONES[low]]
        return [*_below_hundred_words(high), *_below_hundred_words(low)]
    if value >= 10**12:
        return [_ONES[int(digit)] for digit in token]
    return _whole_number_words(value)


def _whole_number_words(value: int) -> list[str]:
    if value == 0:
        return ["zero"]
    words: list[str] = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if value >= scale:
            words += [*_below_thousand_words(value // scale), name]
            value %= scale
    if value:
        if words and value < 100:
            words.append("and")
        words += _below_thousand_words(value)
    return words


def _below_thousand_words(value: int) -> list[str]:
    hundreds, rest = divmod(value, 100)
    words: list[str] = []
    if hundreds:
        words += [_ONES[hundreds], "hundred"]
        if rest:
            words.append("and")
    if rest or not hundreds:
        words += _below_hundred_words(rest)
    return words


def _below_hundred_words(value: int) -> list[str]:
    if value < 10:
        return [_ONES[value]]
    if value < 20:
        return [_TEENS[value - 10]]
    tens, ones = divmod(value, 10)
    return [_TENS[tens]] if ones == 0 else [_TENS[tens], _ONES[ones]]
