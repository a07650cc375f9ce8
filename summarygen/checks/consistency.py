"""Every version of the pack tells the same facts.

Checks across the record and the composed Documents: every finding answered by a
recommendation; every recommendation in the overview, executive summary, recommendations
and action plan with its id and its wording; every recommendation with an action; counts
stated in prose ("six recommendations") matching the data; each child's pseudonym written
the same way everywhere, and no other review's pseudonym; every date a document gives found in
the record's dates or in its professional text, so no version dates an event differently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import BaseModel

from .._resources import read_rules_yaml
from ..document import Document
from ..numbers import NUMBER_WORDS
from ..record import PartialDate, Record, Register, RegisterText, text_for
from .finding import Finding, Severity
from .units import units

PACK = "pack"
"""The document name of findings about the pack as a whole."""

DOCUMENTS_WITH_RECOMMENDATIONS = ("overview", "executive-summary", "recommendations", "action-plan")
_NUMBER_WORDS = {word: value for value, word in enumerate(NUMBER_WORDS)}
_COUNTED = {
    "recommendation": "recommendations",
    "finding": "findings",
    "key practice episode": "episodes",
}
_COUNT = re.compile(
    r"(?<!of )(?<!of the )(?<!these )(?<!those )\b(?P<number>\d+|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?P<noun>recommendations?|findings?|key practice episodes?)\b",
    re.IGNORECASE,
)


def consistency_findings(record: Record, documents: Mapping[str, Document]) -> list[Finding]:
    return [
        *_findings_answered(record),
        *_recommendations_in_documents(record, documents),
        *_recommendations_with_actions(record),
        *_counts_in_prose(record, documents),
        *_pseudonyms_written_alike(record, documents),
        *_pseudonyms_of_this_review(record, documents),
        *_dates_agree(record, documents),
    ]


def _finding(
    check: str,
    severity: Severity,
    document: str,
    message: str,
    suggestion: str,
    text: str = "",
    section: str = "",
) -> Finding:
    return Finding(f"consistency.{check}", severity, document, section, text, message, suggestion)


def _findings_answered(record: Record) -> Iterator[Finding]:
    answered = {finding for rec in record.recommendations for finding in rec.findings}
    for finding in record.findings:
        if finding.id not in answered:
            yield _finding(
                "finding-without-recommendation",
                Severity.ERROR,
                PACK,
                f"finding {finding.id} leads to no recommendation",
                f"Add {finding.id} to the findings of the recommendation that answers it, or "
                "add a recommendation.",
            )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _recommendations_in_documents(
    record: Record, documents: Mapping[str, Document]
) -> Iterator[Finding]:
    for document_id in DOCUMENTS_WITH_RECOMMENDATIONS:
        document = documents.get(document_id)
        if document is None:
            continue
        published = _flat(" ".join(unit.text for unit in units(document)))
        register = Register(document.meta.register)
        for rec in record.recommendations:
            wording, _ = text_for(rec.text, register)
            if not re.search(rf"\b{re.escape(rec.id)}\b", published):
                yield _finding(
                    "recommendation-missing",
                    Severity.ERROR,
                    document_id,
                    f"recommendation {rec.id} is not in the {document.meta.label.lower()}",
                    "Every recommendation must appear, with its id, in the overview, executive "
                    "summary, recommendations and action plan: check the template.",
                )
            elif _flat(wording) not in published:
                yield _finding(
                    "recommendation-wording",
                    Severity.ERROR,
                    document_id,
                    f"recommendation {rec.id} is not worded as in the record",
                    "Print the recommendation's text from the record, unchanged.",
                    text=_flat(wording),
                )


def _recommendations_with_actions(record: Record) -> Iterator[Finding]:
    with_actions = {action.recommendation for action in record.actions}
    for rec in record.recommendations:
        if rec.id not in with_actions:
            yield _finding(
                "recommendation-without-action",
                Severity.ERROR,
                PACK,
                f"recommendation {rec.id} has no action in the action plan",
                "Add at least one action with an agency, a lead role and a due date.",
            )


def _counts_in_prose(record: Record, documents: Mapping[str, Document]) -> Iterator[Finding]:
    actual = {
        "recommendations": len(record.recommendations),
        "findings": len(record.findings),
        "episodes": len(record.episodes),
    }
    for document_id, document in documents.items():
        for unit in units(document):
            for match in _COUNT.finditer(unit.text):
                word = match["number"].lower()
                stated = int(word) if word.isdigit() else _NUMBER_WORDS[word]
                noun = match["noun"].lower().removesuffix("s")
                what = _COUNTED[noun]
                if stated != actual[what]:
                    yield _finding(
                        "count",
                        Severity.WARNING,
                        document_id,
                        f"says {match.group(0)!r} but the record has {actual[what]} {what}",
                        f"Change the number to {actual[what]}, or say which ones are meant.",
                        text=unit.text,
                        section=unit.section,
                    )


def _pseudonyms_written_alike(
    record: Record, documents: Mapping[str, Document]
) -> Iterator[Finding]:
    for subject in record.subjects:
        canonical = subject.pseudonym
        parts = [re.escape(part) for part in re.split(r"[\s\-_]+", canonical) if part]
        variant = re.compile(r"\b" + r"[\s\-_]*".join(parts) + r"\b", re.IGNORECASE)
        for document_id, document in documents.items():
            seen: set[str] = set()
            for unit in units(document):
                for match in variant.finditer(unit.text):
                    written = match.group(0)
                    if written != canonical and written not in seen:
                        seen.add(written)
                        yield _finding(
                            "pseudonym",
                            Severity.WARNING,
                            document_id,
                            f"{canonical} is written {written!r}",
                            f"Write the pseudonym the same way everywhere: {canonical}.",
                            text=unit.text,
                            section=unit.section,
                        )


@dataclass(frozen=True)
class _Rules:
    pseudonym: re.Pattern[str]
    month_date: re.Pattern[str]
    numeric_date: re.Pattern[str]
    year: re.Pattern[str]
    months: Mapping[str, int]


@cache
def _rules() -> _Rules:
    data = read_rules_yaml("consistency.yaml")
    months = {
        name.lower(): number
        # the month names are shared with the identity check's written dates (one list)
        for number, names in enumerate(read_rules_yaml("identity.yaml")["full_date"]["months"], 1)
        for name in names
    }
    names = "|".join(sorted((name.capitalize() for name in months), key=len, reverse=True))
    after = "|".join(re.escape(word) for word in data["year_after"])
    return _Rules(
        pseudonym=re.compile(data["pseudonym_shape"]),
        month_date=re.compile(
            rf"\b(?:(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+)?(?P<month>{names})\.?,?[ \t]+"
            r"(?P<year>(?:19|20)[0-9]{2})\b"
        ),
        numeric_date=re.compile(data["numeric_date"]),
        year=re.compile(rf"(?i:\b(?:{after})-?[ \t]+)(?P<year>(?:19|20)[0-9]{{2}})\b"),
        months=months,
    )


def _pseudonyms_of_this_review(
    record: Record, documents: Mapping[str, Document]
) -> Iterator[Finding]:
    pseudonyms = ", ".join(subject.pseudonym for subject in record.subjects)
    known = {subject.pseudonym for subject in record.subjects}
    known.update(member.role for member in record.family)
    for document_id, document in documents.items():
        seen: set[str] = set()
        for unit in units(document):
            for match in _rules().pseudonym.finditer(unit.text):
                written = " ".join(match.group(0).split())
                if written not in known and written not in seen:
                    seen.add(written)
                    yield _finding(
                        "unknown-pseudonym",
                        Severity.WARNING,
                        document_id,
                        f"{written} is not a pseudonym of this review ({pseudonyms})",
                        "If this is a child of this review, use their pseudonym from the "
                        "record; if it is another review, say so, or leave it out.",
                        text=unit.text,
                        section=unit.section,
                    )


_Month = tuple[int, int | None]
"""A year and month; the month is None where only the year is known."""


def _dates_agree(record: Record, documents: Mapping[str, Document]) -> Iterator[Finding]:
    """Every date a document gives is among the record's dates or in its professional text:
    a plain or child text that dates an event differently is caught."""
    known: set[_Month] = set()
    """Months; a date the record knows only to the year stands for every month of it."""
    years_in_text: set[int] = set()
    """Years the texts give on their own ("in 2022"): they say nothing of a month."""
    for value in _record_values(record):
        if isinstance(value, PartialDate | dt.date):  # a datetime is a date too
            known.add((value.year, value.month))
            continue
        for (year, month), _ in _written_dates(value):
            if month is None:
                years_in_text.add(year)
            else:
                known.add((year, month))
    known_years = {year for year, _ in known} | years_in_text
    for document_id, document in documents.items():
        seen: set[str] = set()
        for unit in units(document):
            for (year, month), written in _written_dates(unit.text):
                if month is None:
                    agrees = year in known_years
                else:
                    agrees = (year, month) in known or (year, None) in known
                if not agrees and written not in seen:
                    seen.add(written)
                    yield _finding(
                        "date",
                        Severity.WARNING,
                        document_id,
                        f"says {written!r}, a date that is in neither the record's dates nor "
                        "its professional text",
                        "Check it against the overview: every version must give the same "
                        "dates for the same events.",
                        text=unit.text,
                        section=unit.section,
                    )


@lru_cache(maxsize=16384)
def _written_dates(text: str) -> tuple[tuple[_Month, str], ...]:
    """The dates written in ``text``, kept per text: the live preview checks the same
    unchanged texts again on every save."""
    return tuple(_find_written_dates(text))


def _find_written_dates(text: str) -> Iterator[tuple[_Month, str]]:
    rules = _rules()
    taken: list[tuple[int, int]] = []
    for match in rules.month_date.finditer(text):
        taken.append(match.span())
        yield (int(match["year"]), rules.months[match["month"].lower()]), match.group(0)
    for match in rules.numeric_date.finditer(text):
        month = int(match["month"])
        if 1 <= month <= 12:
            taken.append(match.span())
            yield (int(match["year"]), month), match.group(0)
    for match in rules.year.finditer(text):
        start = match.start("year")
        if not any(begin <= start < end for begin, end in taken):
            yield (int(match["year"]), None), match.group(0)


def _record_values(value: object) -> Iterator[PartialDate | dt.date | str]:
    """Every date in the record, and every text in its most formal register."""
    if isinstance(value, PartialDate | dt.date | str):
        yield value
    elif isinstance(value, RegisterText):
        yield text_for(value, Register.PROFESSIONAL)[0]
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _record_values(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _record_values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _record_values(item)
