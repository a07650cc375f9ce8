"""Record + document type → Markdown (a sandboxed Jinja template) → Document.

Record text is escaped as it enters the Markdown, so whatever an author types (``#``,
``*``, ``<script>``) is published as the literal text it is. Templates are found in an
organisation's own folder first, then in the shipped set.

Links are written only by templates, through the helpers: ``email_link`` and ``phone_link``
build a link from a record's structured contact field (checked as an address or a number,
and formatted afresh), ``link`` from a template's own text and address. Every address is
percent-encoded, so nothing in it can end the link, and only ``https:``, ``mailto:`` and
``tel:`` links are published (:data:`LINK_SCHEMES`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import jinja2
import phonenumbers
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ._templates import TemplateFolder
from .document import (
    Block,
    Callout,
    Document,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Meta,
    Paragraph,
    Runs,
    Table,
    TextSource,
)
from .documents import DOCUMENT_TYPES, DocumentType, NotInRecord, why_not
from .errors import TemplateError
from .numbers import in_words
from .progress import Progress, progress_of
from .readers.markdown import read_markdown
from .record import PartialDate, Record, Register, RegisterText, text_for
from .record.provenance import origin_of
from .record.schema import PHONE_REGION, Recommendation, Status, email_address, phone_number

PICTURE_CREDIT = (
    "Pictures: OpenMoji (openmoji.org), the open-source emoji and icon project, "
    "licensed CC BY-SA 4.0."
)
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&:\"'=^$%@;,/?])")
_STATUS_WORDS = {
    Status.NOT_STARTED: "Not started",
    Status.RED: "Red: off track",
    Status.AMBER: "Amber: some delay",
    Status.GREEN: "Green: on track",
    Status.COMPLETE: "Complete",
}


LINK_SCHEMES = ("https", "mailto", "tel")
"""The only links a document may hold: web pages over HTTPS, email addresses, phone numbers."""

_URL_KEEP = ";/?:@&=+$,-_.!~*'#%"
"""What stays as it is in a link's address; everything else (brackets, <, >, spaces, line
breaks, backslashes) is percent-encoded, so an address cannot end the Markdown link."""


def link_destination(url: str) -> str:
    """``url`` as a Markdown link destination: scheme checked, then percent-encoded.

    Raises TemplateError for a scheme outside :data:`LINK_SCHEMES`."""
    scheme, colon, _ = url.partition(":")
    if not colon or scheme.lower() not in LINK_SCHEMES:
        raise TemplateError(
            f"a link may go only to an https:, mailto: or tel: address, not '{url[:80]}'"
        )
    return quote(url, safe=_URL_KEEP)


def escape_markdown(text: str) -> str:
    """Text as Markdown that reads back as exactly that text, on one line."""
    one_line = " ".join(text.split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line)


class _Composer:
    """The helpers a template may call, for one document of one record."""

    def __init__(self, record: Record, doc: DocumentType) -> None:
        self.record = record
        self.doc = doc
        self.fallbacks: dict[Register, list[str]] = {}
        self.written: list[str] = []
        """Each record text written into the document (a paragraph, or a whole short text),
        in order: what provenance is looked up for."""

    def wrote(self, value: str) -> None:
        self.written.append(value)

    def text(self, value: str | RegisterText | None) -> str:
        if value is None:
            return ""
        chosen, register = text_for(value, self.doc.register)
        if register is not self.doc.register:
            self.fallbacks.setdefault(register, []).append(" ".join(chosen.split()[:6]))
        return chosen

    def notices(self) -> list[str]:
        """One visible warning for each register this document had to fall back to."""
        notices = []
        for register, openings in self.fallbacks.items():
            unique = list(dict.fromkeys(openings))
            count = len(unique)
            texts = "text has" if count == 1 else "texts have"
            notices.append(
                f"{self.doc.id}: {count} {texts} no {self.doc.register.value} wording, so the "
                f'{register.value} wording was used (first: "{unique[0]}…")'
            )
        return notices

    def paragraphs(self, value: str | RegisterText | None) -> Markup:
        """Prose as Markdown paragraphs (a blank line in the record starts a new one)."""
        chosen = self.text(value)
        parts = [part for part in re.split(r"\n\s*\n", chosen) if part.strip()]
        self.written.extend(parts)
        return Markup("\n\n".join(escape_markdown(part) for part in parts))

    @staticmethod
    def status(status: Status) -> Markup:
        # No-break spaces: a status label reads as one unit and never wraps inside its chip.
        words = escape_markdown(_STATUS_WORDS[status]).replace(" ", "\u00a0")
        return Markup(f"[{words}]{{.status-{status.value}}}")

    @staticmethod
    def date(value: PartialDate | None) -> str:
        return value.display() if value is not None else ""

    @staticmethod
    def count(number: int, singular: str, plural: str | None = None) -> str:
        noun = singular if number == 1 else (plural or singular + "s")
        return f"{in_words(number)} {noun}"

    def progress(self) -> Progress:
        """The action plan as at its latest update (the progress report's content)."""
        found = progress_of(self.record)
        if found is None:
            raise TemplateError("the record has no action plan updates")
        return found

    def agency_name(self, agency_id: str) -> str:
        """The name of the agency with ``agency_id`` (ids are checked when the record loads)."""
        for agency in self.record.agencies:
            if agency.id == agency_id:
                return agency.name
        raise TemplateError(f"no agency with the id '{agency_id}'")

    def recommendation(self, recommendation_id: str) -> Recommendation:
        """The recommendation with ``recommendation_id``."""
        for recommendation in self.record.recommendations:
            if recommendation.id == recommendation_id:
                return recommendation
        raise TemplateError(f"no recommendation with the id '{recommendation_id}'")

    @staticmethod
    def words(number: int) -> str:
        """A whole number in words ("three"), as a spoken or plain text writes it."""
        return in_words(number)

    @staticmethod
    def picture_name(name: str) -> Markup:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            raise TemplateError(f"'{name}' is not a picture name")
        return Markup(name)

    @staticmethod
    def link(text: str, url: str) -> Markup:
        return Markup(f"[{escape_markdown(text)}](<{link_destination(url)}>)")

    @staticmethod
    def email_link(address: str) -> Markup:
        """A ``mailto:`` link built from one checked email address."""
        try:
            normalized = email_address(address)
        except ValueError as error:
            raise TemplateError(str(error)) from None
        return Markup(
            f"[{escape_markdown(normalized)}](<{link_destination('mailto:' + normalized)}>)"
        )

    @staticmethod
    def phone_link(number: str) -> Markup:
        """A ``tel:`` link built from one checked phone number, written as it is dialled."""
        try:
            parsed = phone_number(number)
        except ValueError as error:
            raise TemplateError(str(error)) from None
        home = parsed.country_code == phonenumbers.country_code_for_region(PHONE_REGION)
        shown = phonenumbers.format_number(
            parsed,
            phonenumbers.PhoneNumberFormat.NATIONAL
            if home
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        )
        target = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)
        return Markup(f"[{escape_markdown(shown)}](<{link_destination(target)}>)")


def _finalize(value: Any, written: list[str] | None = None) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    if written is not None and isinstance(value, str):
        written.append(value)
    return escape_markdown(str(value))


def _environment(
    templates: TemplateFolder, written: list[str] | None = None
) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=templates.loader(),  # what a template includes stays in its folder too
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: _finalize(value, written),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def compose_markdown(
    record: Record, document: str, templates: TemplateFolder | None = None
) -> tuple[str, list[str]]:
    """The Markdown of one document, and the notices composing it raised."""
    markdown, notices, _ = _compose_markdown(record, document, templates)
    return markdown, notices


def _compose_markdown(
    record: Record, document: str, templates: TemplateFolder | None = None
) -> tuple[str, list[str], list[str]]:
    """The Markdown, the notices, and the record texts written into it (for provenance)."""
    templates = templates or TemplateFolder()
    doc = _document_type(document)
    missing = why_not(record, doc.id)
    if missing is not None:
        raise NotInRecord(f"{record.review.id} has no {doc.label.lower()}: {missing}")
    composer = _Composer(record, doc)
    helpers: dict[str, Callable[..., Any]] = {
        "t": composer.text,
        "paras": composer.paragraphs,
        "status": composer.status,
        "date": composer.date,
        "count": composer.count,
        "link": composer.link,
        "email_link": composer.email_link,
        "phone_link": composer.phone_link,
        "picture": composer.picture_name,
        "progress": composer.progress,
        "agency_name": composer.agency_name,
        "recommendation": composer.recommendation,
        "words": composer.words,
    }
    try:
        environment = _environment(templates, composer.written)
        environment.filters["t"] = composer.text
        environment.filters["point"] = lambda text, picture: {"text": text, "picture": picture}
        template = environment.get_template(doc.template)
        markdown = template.render(record=record, r=record.review, doc=doc, **helpers)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"{doc.id}: template {error.filename or doc.template}, line {error.lineno}: "
            f"{error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{doc.id}: template {doc.template}: {error}") from None
    return markdown, composer.notices(), composer.written


def compose(
    record: Record,
    document: str,
    templates: TemplateFolder | None = None,
    *,
    draft: bool = False,
) -> Document:
    """One document of the pack, as the Document every writer walks and every check reads.

    ``draft`` marks it as a draft (``build --draft``): the writers put DRAFT on every page.
    For a record loaded from a file, the Document keeps where each record text in it was
    written (:attr:`Document.sources`), so a finding can name the record line to change."""
    templates = templates or TemplateFolder()
    doc = _document_type(document)
    markdown, notices, written = _compose_markdown(record, document, templates)

    def alt_text(name: str) -> str:
        return templates.picture(name).alt

    try:
        blocks = read_markdown(markdown, alt_text)
    except TemplateError as error:
        raise TemplateError(f"{doc.id}: {error}") from None
    blocks = _without_skipped_levels(blocks)
    for url in _links(blocks):
        scheme = url.partition(":")[0].lower()
        if scheme not in LINK_SCHEMES:
            raise TemplateError(
                f"{doc.id}: the template links to '{url[:80]}': a link may go only to an "
                "https:, mailto: or tel: address"
            )
    uses_pictures = any(block.kind in ("easy-read-row", "figure") for block in blocks)
    review = record.review
    meta = Meta(
        document=doc.id,
        label=doc.label,
        title=review.title,
        audience=doc.audience,
        register=doc.register.value,
        review_id=review.id,
        partnership=review.partnership,
        subjects=tuple(subject.pseudonym for subject in record.subjects),
        date=_cover_date(record, doc),
        fiction=record.fiction,
        author=review.partnership,
        keywords=tuple(record.keywords),
        credits=(PICTURE_CREDIT,) if uses_pictures else (),
        draft=draft,
    )
    return Document(meta, blocks, tuple(notices), _sources(record, written))


def _sources(record: Record, written: list[str]) -> tuple[TextSource, ...]:
    """Where each record text written into a document came from, once each (none for a
    record made in code, or a text no single field holds)."""
    origin = origin_of(record)
    if origin is None:
        return ()
    found: dict[str, TextSource] = {}
    for text in written:
        key = " ".join(text.split())
        if key and key not in found and (source := origin.source_of(key)) is not None:
            found[key] = source
    return tuple(found.values())


def _cover_date(record: Record, doc: DocumentType) -> str:
    """The date on a document's cover: when the review was published, or for the progress
    report the date of the update it reports ("" when there is none)."""
    if doc.id == "progress-report" and record.action_plan_updates:
        return record.action_plan_updates[-1].date.display()
    published = record.review.dates.published
    return published.display() if published else ""


def _links(blocks: tuple[Block, ...]) -> Iterator[str]:
    """Every link address in ``blocks``, callouts included."""

    def in_runs(runs: Runs) -> Iterator[str]:
        yield from (run.link for run in runs if run.link is not None)

    for block in blocks:
        if isinstance(block, Heading | Paragraph | EasyReadRow):
            yield from in_runs(block.runs)
        elif isinstance(block, Figure):
            yield from in_runs(block.caption)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from in_runs(item)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from in_runs(cell)
        elif isinstance(block, Callout):
            yield from in_runs(block.title)
            yield from _links(block.blocks)


def _without_skipped_levels(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Headings start at level 1 and never go more than one level deeper at a time."""
    fixed: list[Block] = []
    previous = 0
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level, previous + 1)
            if level != block.level:
                block = replace(block, level=level)
            previous = level
        fixed.append(block)
    return tuple(fixed)


def _document_type(document: str) -> DocumentType:
    try:
        return DOCUMENT_TYPES[document]
    except KeyError:
        known = ", ".join(DOCUMENT_TYPES)
        raise TemplateError(
            f"no document called '{document}'; the documents are: {known}"
        ) from None
