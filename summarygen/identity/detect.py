"""Find what could identify a child in the text of written files.

Two kinds of finding:

- **Register hits** (``identity.register``, always an error): an entry of the author's
  protected register, found however it is written: in any case; with or without accents
  (Zoë = Zoe); possessive ("Smith's", "Smiths'"); broken by a hyphen or a line break
  ("Smi-\\nth", "Sarah\\nSmith", "Sarah-\\nSmith") or any space or dash; with invisible
  characters, look-alike letters of other scripts or formatting marks inside (see
  :mod:`.fold`); a name by initials ("S. Smith", "S Smith",
  "J.S."), by title and surname ("Mrs Smith"), surname first ("Smith, Sarah"), and by its
  first name, middle name or surname alone where the register says so (``alone``; a part that
  is an everyday word, "Green", only where written as a name); a school
  also by its name with another school ending ("Quillon Park Primary" for "Quillon Park
  Primary School") or, if that name is two words or more, by the name alone ("St Aldwyth's");
  a date in any common written form, or by its day and month. Matches are of whole words
  only: "Smith" is not found in "Blacksmith" or "Smithfield".
- **Detectors that need no register**: postcodes, phone numbers (libphonenumber), email
  addresses, NHS and National Insurance numbers, street addresses, full dates, a title and a
  name (not a cited author of a published report), the names of schools, GP surgeries and
  hospitals, the record's own schools and GP practices in documents for children or the
  public, and jigsaw risks. Their patterns, word lists and severities are data
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
- Nothing the record allows excuses a register hit (issue 10): not a reviewer's name, a
  pseudonym, a waiver or an agency. A record that allows a protected entry is refused before
  a build (:func:`.gate.register_conflicts`).
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

import re
from collections.abc import Sequence
from functools import cache

from ..findings import Finding
from .detectors import REGISTER_CHECK, _masked_slice, _scan
from .fold import Span
from .matching import (
    Allowed,
    _compile_allowed,
    _compile_register,
    _CompiledAllowed,
    _CompiledRegister,
)
from .parts import TextPart, where_for_person
from .phrases import _SENTENCE_END, _SENTENCE_START
from .register import ProtectedEntry
from .rules import IdentityRules, identity_rules
from .written_dates import is_month_and_year, parse_written_date

__all__ = [
    "REGISTER_CHECK",
    "Allowed",
    "IdentityRules",
    "find_identifiers",
    "identity_rules",
    "is_month_and_year",
    "mask_identifiers",
    "parse_written_date",
]


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
                location=location,
                where=where_for_person(location),
            )
            for hit in scan.reported
            if (location := part.location_of(hit.span)) is not None  # a deletion's context
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


def _masked_file_name(file: str, register: _CompiledRegister, allowed: _CompiledAllowed) -> str:
    """The file's name with anything identifying in it masked."""
    scan = _scan(file, register, allowed)
    spans = [*scan.masked, *(hit.span for hit in scan.reported if not hit.shown)]
    return _masked_slice(file, (0, len(file)), spans) if spans else file
