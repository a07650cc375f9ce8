"""The partnership's case reviews website, built from a folder of records (``summarygen site``).

Every record's pack is built with the same writers and checks as ``build``; then the site's own
pages: an index of the reviews grouped by kind (``rules/site.yaml``), newest first; a page per
review with its summary and every document as a link with its format and size; an Atom feed
of publications and progress reports; and ``reviews.json``, one entry per review with the
fields the national case review repository catalogues (its JSON Schema ships as
``rules/reviews.schema.json`` and is copied beside it).

The identity gate scans every page, feed and data file as it scans every document. A record
that cannot be built, or whose files hold an identifier, is left out and reported; the rest of
the site is built. The site is staged privately and published in one step, like a pack."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ._resources import read_rules_yaml, rules_dir
from ._staging import Staging
from ._templates import TemplateFolder
from .accessibility import accessibility_findings
from .checks.engine import DocumentCheck
from .errors import (
    ChecksFailed,
    Problem,
    RecordError,
    RenderError,
    SummarygenError,
    TemplateError,
)
from .findings import Finding, Severity
from .identity.detect import Allowed
from .identity.gate import allowed_by, check_register_against, scan_files
from .identity.register import ProtectedEntry
from .pack import BuiltDocument, render_and_check
from .record import Record, load_record
from .record.schema import Register as Wording
from .record.schema import RegisterText, text_for
from .writers.html import page_environment
from .writers.pdf import scratch_in as pdf_scratch

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
SCHEMA_NAME = "reviews.schema.json"
PUBLIC = "public"
"""The audience the site is read by: an agency that is a school is warned about, as in the
documents for the public."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SiteRules:
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    reading_order: tuple[str, ...]
    formats: dict[str, str]


@cache
def site_rules() -> SiteRules:
    """``rules/site.yaml``: the index's groups, the documents' reading order, format names."""
    data = read_rules_yaml("site.yaml")
    return SiteRules(
        groups=tuple((group["heading"], tuple(group["kinds"])) for group in data["groups"]),
        reading_order=tuple(data["reading_order"]),
        formats=dict(data["formats"]),
    )


@dataclass(frozen=True)
class Skipped:
    """A record left out of the site, and why."""

    path: Path
    reason: str
    findings: tuple[Finding, ...] = ()


@dataclass
class SiteReview:
    record: Record
    source: Path
    documents: list[BuiltDocument]
    checks: list[DocumentCheck]


@dataclass
class Site:
    folder: Path
    reviews: list[SiteReview] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    """What the checks found in the site's own pages (accessibility, identity warnings)."""


class SiteBlocked(ChecksFailed):
    """The site's own pages hold an identifier: nothing is published."""


def record_files(folder: Path) -> list[Path]:
    """The records in ``folder`` (not its subfolders), by name: YAML and JSON records (not
    JSON Schemas) and Word documents that are record forms (``summarygen new review.docx``);
    other Word documents are not records.

    Raises :class:`RenderError` when ``folder`` is not a folder."""
    from .record.word import is_record_form

    if not folder.is_dir():
        raise RenderError(f"{folder}: not a folder of records")
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("~$"):  # Word's lock files
            continue
        suffix = path.suffix.lower()
        yaml_or_json = suffix in RECORD_SUFFIXES and not path.name.endswith(".schema.json")
        if yaml_or_json or (suffix == ".docx" and is_record_form(path)):
            found.append(path)
    return found


SITE_MARK = ".summarygen-site"
"""The file that marks a folder as a site this tool made, which the next build may replace."""


def check_replaceable(out: Path, *, mark: str, what: str, keep: Sequence[Path] = ()) -> None:
    """Refuse to publish into ``out`` (which is replaced whole) unless it is new, empty, or
    an earlier ``what`` this tool made (it holds ``mark``), and holds none of ``keep`` (the
    records it is built from).

    Raises :class:`RenderError` saying why, before anything is written."""
    target = out.resolve()
    for folder in keep:
        inside = folder.resolve()
        if inside == target or target in inside.parents:
            raise RenderError(
                f"{out}: holds the records ({folder}), and the {what} folder is replaced "
                f"whole: give a new folder for the {what}, e.g. -o {what}"
            )
    if not out.exists() or not out.is_dir():
        return  # a file there is refused when publishing, with its own message
    if (out / mark).is_file() or not any(out.iterdir()):
        return
    raise RenderError(
        f"{out}: is a folder with other files in it, not an earlier {what}; the {what} "
        f"folder is replaced whole, so give a new or empty folder"
    )


class WholeFolder:
    """A folder (a site, a digest) written privately and put in place whole, in one step, as
    a pack is: ``with WholeFolder(out, mark=..., what="site") as staged:`` fill
    ``staged.folder``, then ``staged.publish()``. Leaving without publishing leaves ``out`` as
    it was. The folder carries ``mark``, so :func:`check_replaceable` lets the next one in.

    Raises :class:`RenderError` when ``out`` cannot be written."""

    def __init__(self, out: Path, *, mark: str, what: str) -> None:
        self.out = out.absolute()
        self.mark = mark
        self.what = what

    def __enter__(self) -> WholeFolder:
        try:
            self.staging = Staging(self.out.parent).__enter__()
        except OSError as error:
            raise RenderError(self._cannot(error)) from None
        try:
            self.folder = self.staging.folder(self.out.name)
            (self.folder / self.mark).write_text(
                f"Made by summarygen {self.what}: the next one replaces this whole folder.\n"
            )
        except BaseException:
            self.staging.__exit__(None, None, None)
            raise
        return self

    def scratch(self) -> Path:
        """A private folder for temporary files (the PDF writer's)."""
        return self.staging.scratch()

    def publish(self) -> Path:
        """Put the filled folder where ``out`` is, replacing an earlier one in one step."""
        try:
            return self.staging.publish(self.out.name)
        except OSError as error:
            raise RenderError(self._cannot(error)) from None

    def __exit__(self, *_: object) -> None:
        self.staging.__exit__(None, None, None)

    def _cannot(self, error: OSError) -> str:
        return f"cannot write the {self.what} to {self.out}: {error.strerror or error}"


def build_site(
    records: Path,
    out: Path,
    *,
    templates: TemplateFolder | None = None,
    register: Sequence[ProtectedEntry] = (),
    base_url: str = "",
    progress: Progress | None = None,
) -> Site:
    """Build every record in the folder ``records`` and the site around them into ``out``,
    replacing an earlier site only when the whole site is ready.

    ``base_url`` (``https://example.org/case-reviews/``) makes the feed's and the data's links
    absolute; without it they are relative to the site's folder. Records that fail (not
    valid, not buildable, an identifier in their files) are in :attr:`Site.skipped`.
    Raises :class:`RenderError` when ``records`` is not a folder, holds no record, none of
    its records can be published, or ``out`` cannot be written; :class:`SiteBlocked` when a
    page of the site itself holds an identifier (nothing is published)."""
    templates = templates or TemplateFolder()
    paths = record_files(records)
    if not paths:
        raise RenderError(
            f"{records}: no records in this folder (.yaml, .yml, .json, or a Word record form)"
        )
    if base_url and not re.fullmatch(r"https?://[^\s\"'<>]+", base_url):
        raise RenderError(
            f"--base-url {base_url[:80]!r}: give the web address the site will have, "
            "starting https:// (or http://)"
        )
    check_replaceable(out, mark=SITE_MARK, what="site", keep=[records])
    pictures = list(templates.pictures)
    out = out.absolute()
    site = Site(out)
    with WholeFolder(out, mark=SITE_MARK, what="site") as staged:
        root = staged.folder
        with pdf_scratch(staged.scratch()):
            seen: dict[str, Path] = {}
            for path in paths:
                if progress:
                    progress(f"{path.name}: building")
                review = _build_review(path, root, templates, register, pictures, seen)
                if isinstance(review, Skipped):
                    site.skipped.append(review)
                else:
                    site.reviews.append(review)
                    seen[review.record.review.id] = path
        if not site.reviews:
            reasons = "; ".join(f"{skipped.path.name} {skipped.reason}" for skipped in site.skipped)
            raise RenderError(f"no record in {records} could be published: {reasons}")
        _write_site(site, root, templates, base_url)
        site.findings = _page_findings(site, root, register)
        blocking = [
            f
            for f in site.findings
            if f.check.startswith("identity.") and f.severity is Severity.ERROR
        ]
        if blocking:
            raise SiteBlocked(f"{len(blocking)} identifier(s) found in the site's own pages", [])
        staged.publish()
    site.pages = [out / page.relative_to(root) for page in site.pages]
    return site


def _build_review(
    path: Path,
    root: Path,
    templates: TemplateFolder,
    register: Sequence[ProtectedEntry],
    pictures: list[str],
    seen: dict[str, Path],
) -> SiteReview | Skipped:
    if path.is_symlink():  # a link may lead anywhere on the machine: only what is here
        return Skipped(path, "is a link to another file: copy the record itself into the folder")
    try:
        record = load_record(path, pictures=pictures)
    except RecordError as error:
        count = len(error.problems)
        first = error.problems[0] if error.problems else error
        return Skipped(
            path,
            f"not a valid record ({count} problem{'s' if count != 1 else ''}; "
            f"first: {first}); run `summarygen validate {path}`",
        )
    unfinished = placeholders_in(record)
    if unfinished:
        return Skipped(
            path,
            f"still holds {len(unfinished)} of the starter's placeholders (first: "
            f"{unfinished[0]}): replace them with the review's own words",
        )
    review_id = record.review.id
    if review_id in seen:
        return Skipped(path, f"has the same review id '{review_id}' as {seen[review_id].name}")
    folder = root / "reviews" / review_id
    folder.mkdir(parents=True)
    try:
        check_register_against(record, register)
        documents, checks = render_and_check(record, folder, templates=templates, register=register)
    except SummarygenError as error:
        shutil.rmtree(folder, ignore_errors=True)
        return Skipped(path, f"could not be built: {error}")
    identifiers = [
        f
        for check in checks
        for f in check.findings
        if f.check.startswith("identity.") and f.severity is Severity.ERROR
    ]
    if identifiers:
        shutil.rmtree(folder, ignore_errors=True)
        files = sorted({f.document for f in identifiers})
        return Skipped(
            path,
            f"{len(identifiers)} identifier(s) found in {', '.join(files)}: nothing of this "
            "review is published",
            tuple(identifiers),
        )
    return SiteReview(record, path, documents, checks)


def placeholders_in(record: Record) -> list[Problem]:
    """The starter's placeholders still in ``record`` (``rules/placeholders.yaml``): a record
    that has one is not finished, and is not published."""
    from .record.placeholders import find_placeholders
    from .record.provenance import origin_of

    origin = origin_of(record)
    return find_placeholders(origin.source, origin.file) if origin is not None else []


def _write_site(site: Site, root: Path, templates: TemplateFolder, base_url: str) -> None:
    css = templates.read("style.css")
    environment = page_environment(templates)
    partnership = _partnership(site.reviews)
    fiction = bool(site.reviews) and all(review.record.fiction for review in site.reviews)
    entries = [_entry(review) for review in _newest_first(site.reviews)]
    common = {"css": css, "partnership": partnership, "fiction": fiction}
    for review, entry in zip(_newest_first(site.reviews), entries, strict=True):
        page = root / "reviews" / review.record.review.id / "index.html"
        page.write_text(
            _render(environment, "site-review.html.j2", review=entry, root="../../", **common),
            encoding="utf-8",
        )
        site.pages.append(page)
    groups = [
        {"heading": heading, "reviews": [e for e in entries if e["kind"] in kinds]}
        for heading, kinds in site_rules().groups
    ]
    index = root / "index.html"
    index.write_text(
        _render(
            environment,
            "site-index.html.j2",
            groups=[group for group in groups if group["reviews"]],
            root="",
            **common,
        ),
        encoding="utf-8",
    )
    site.pages.append(index)
    feed = root / "feed.xml"
    feed.write_bytes(atom_feed(site.reviews, partnership, base_url))
    site.pages.append(feed)
    data = root / "reviews.json"
    data.write_text(
        json.dumps(catalogue(site.reviews, base_url), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    site.pages.append(data)
    shutil.copyfile(rules_dir() / SCHEMA_NAME, root / SCHEMA_NAME)


def _render(environment: SandboxedEnvironment, name: str, **context: Any) -> str:
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"template {error.filename or name}, line {error.lineno}: {error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"template {name}: {error}") from None


def _partnership(reviews: list[SiteReview]) -> str:
    names = list(dict.fromkeys(review.record.review.partnership for review in reviews))
    return names[0] if len(names) == 1 else "Safeguarding children partnerships"


def _newest_first(reviews: list[SiteReview]) -> list[SiteReview]:
    """Newest publication first; reviews not yet published last, by title."""

    def key(review: SiteReview) -> tuple[int, str, str]:
        published = review.record.review.dates.published
        return (0, "" if published is None else published.iso(), review.record.review.title)

    dated = [r for r in reviews if r.record.review.dates.published is not None]
    undated = [r for r in reviews if r.record.review.dates.published is None]
    return sorted(dated, key=key, reverse=True) + sorted(
        undated, key=lambda r: r.record.review.title
    )


def kind_label(kind: str) -> str:
    """A review kind as the index groups name it, in the singular: "Serious case review"."""
    labels = {
        "scr": "Serious case review",
        "lcspr": "Local child safeguarding practice review",
        "rapid": "Rapid review",
        "partnership": "Partnership review",
        "national": "National review",
    }
    return labels.get(kind, kind)


def size_label(size: int) -> str:
    """A file size as a web page gives it beside a link: "312 KB", "1.2 MB" (1 KB = 1,024
    bytes, as Windows and most file managers count)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def available_until(record: Record) -> str:
    """The "available until" date as printed, where the record gives one."""
    value = getattr(record.review.publication, "available_until", None)
    return value.display() if value is not None else ""


def summary(record: Record) -> list[str]:
    """The review's summary for the public: its introduction in plain words (falling back to
    the professional wording), as paragraphs."""
    text: str | RegisterText | None = record.introduction
    if text is None:
        pseudonyms = ", ".join(subject.pseudonym for subject in record.subjects)
        return [f"This review looks at what happened to {pseudonyms} and what agencies can learn."]
    chosen, _ = text_for(text, Wording.PLAIN)
    return [" ".join(part.split()) for part in chosen.split("\n\n") if part.strip()]


def _entry(review: SiteReview) -> dict[str, Any]:
    record = review.record
    rules = site_rules()
    order = {document: index for index, document in enumerate(rules.reading_order)}
    documents = sorted(
        review.documents,
        key=lambda built: order.get(built.document.meta.document, len(order)),
    )
    published = record.review.dates.published
    return {
        "id": record.review.id,
        "title": record.review.title,
        "kind": record.review.kind.value,
        "kind_label": kind_label(record.review.kind.value),
        "partnership": record.review.partnership,
        "published": published.display() if published else "",
        "available_until": available_until(record),
        "summary": summary(record),
        "page": f"reviews/{record.review.id}/index.html",
        "documents": [
            {
                "id": built.document.meta.document,
                "label": built.document.meta.label,
                "files": [
                    {
                        "href": file.path.name,
                        "format": file.format,
                        "format_label": rules.formats.get(file.format, file.format.upper()),
                        "size": file.size,
                        "size_label": size_label(file.size),
                    }
                    for file in sorted(
                        built.files,
                        key=lambda f: (
                            list(rules.formats).index(f.format)
                            if f.format in rules.formats
                            else len(rules.formats)
                        ),
                    )
                ],
            }
            for built in documents
        ],
    }


def _link(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path if base_url else path


def _entry_id(*parts: str) -> str:
    """A stable Atom id for a review or an update: a name-based UUID, so a rebuilt site keeps
    every id (RFC 4287 4.2.6: an id never changes)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "summarygen:" + ":".join(parts)).urn


def _moment(date: Any) -> dt.datetime:
    """A record's date as the first moment of its first day, in UTC."""
    day = dt.date(date.year, date.month or 1, getattr(date, "day", None) or 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def progress_updates(record: Record) -> list[Any]:
    """The record's dated action-plan updates (oldest first); [] where it has none."""
    updates = getattr(record, "updates", None) or getattr(record, "action_plan_updates", None)
    return sorted(updates or [], key=lambda update: update.date.iso())


def atom_feed(reviews: Sequence[SiteReview], partnership: str, base_url: str) -> bytes:
    """An Atom feed (RFC 4287, written by feedgen) with an entry for each published review
    and for each review's latest progress report. Dates are the records' own, so the same
    records give the same feed."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(_entry_id("feed", partnership))
    feed.title(f"Case reviews: {partnership}")
    feed.author({"name": partnership})
    feed.link(href=_link(base_url, "index.html"), rel="alternate")
    feed.link(href=_link(base_url, "feed.xml"), rel="self")
    feed.language("en-GB")
    moments: list[dt.datetime] = []
    for review in reviews:
        record = review.record
        page = _link(base_url, f"reviews/{record.review.id}/index.html")
        published = record.review.dates.published
        if published is not None:
            entry = feed.add_entry(order="append")
            entry.id(_entry_id(record.review.partnership, record.review.id))
            entry.title(record.review.title)
            entry.link(href=page, rel="alternate")
            entry.summary(" ".join(summary(record)))
            entry.published(_moment(published))
            entry.updated(_moment(published))
            moments.append(_moment(published))
        updates = progress_updates(record)
        built = {doc.document.meta.document for doc in review.documents}
        if updates and "progress-report" in built:
            latest = updates[-1]
            entry = feed.add_entry(order="append")
            entry.id(_entry_id(record.review.partnership, record.review.id, latest.date.iso()))
            entry.title(f"Progress report, {latest.date.display()}: {record.review.title}")
            entry.link(href=page, rel="alternate")
            entry.summary(
                f"How the action plan of {record.review.title} stands at {latest.date.display()}."
            )
            entry.updated(_moment(latest.date))
            moments.append(_moment(latest.date))
    feed.updated(max(moments) if moments else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    data: bytes = feed.atom_str(pretty=True)
    return data


def catalogue(reviews: Sequence[SiteReview], base_url: str) -> dict[str, Any]:
    """``reviews.json``: the fields the national case review repository catalogues (title,
    partnership, area, year, kind, the children's ages and genders, harm types, keywords),
    and where each review and document is. Valid against ``rules/reviews.schema.json``."""
    entries = []
    for review in _newest_first(list(reviews)):
        record = review.record
        published = record.review.dates.published
        entry = _entry(review)
        until = getattr(record.review.publication, "available_until", None)
        entries.append(
            {
                "id": record.review.id,
                "title": record.review.title,
                "partnership": record.review.partnership,
                "area": record.review.area,
                "year": published.year if published else None,
                "published": published.iso() if published else None,
                "available_until": until.iso() if until is not None else None,
                "kind": record.review.kind.value,
                "children": [
                    {"pseudonym": s.pseudonym, "age": s.age, "gender": s.gender}
                    for s in record.subjects
                ],
                "harms": list(dict.fromkeys(s.harm for s in record.subjects)),
                "keywords": list(record.keywords),
                "page": _link(base_url, entry["page"]),
                "documents": [
                    {
                        "document": document["id"],
                        "title": document["label"],
                        "format": file["format"],
                        "bytes": file["size"],
                        "href": _link(base_url, f"reviews/{record.review.id}/{file['href']}"),
                    }
                    for document in entry["documents"]
                    for file in document["files"]
                ],
            }
        )
    return {"$schema": SCHEMA_NAME, "reviews": entries}


def _all_allowed(records: Sequence[Record]) -> Allowed:
    """What every record allows, for the pages that show several reviews at once."""
    return merged_allowed([allowed_by(record, PUBLIC) for record in records])


def merged_allowed(each: Sequence[Allowed]) -> Allowed:
    """What any of ``each`` allows (a page or document about several reviews)."""
    if not each:
        return Allowed()
    merged: dict[str, tuple[Any, ...]] = {}
    for name in (
        "names",
        "pseudonyms",
        "waived",
        "contacts",
        "dates",
        "organisations",
        "warned_organisations",
    ):
        merged[name] = tuple(dict.fromkeys(v for allowed in each for v in getattr(allowed, name)))
    return replace(each[0], **merged)


def _page_findings(site: Site, root: Path, register: Sequence[ProtectedEntry]) -> list[Finding]:
    """Identity and accessibility findings in each of the site's own pages, each named by
    its place in the site (``reviews/child-m/index.html``). A review's page may say what its
    record allows; the pages about every review, what any of them allows."""
    pages_of = {
        root / "reviews" / review.record.review.id / "index.html": review.record
        for review in site.reviews
    }
    everyone = _all_allowed([review.record for review in site.reviews])
    found: list[Finding] = []
    for page in site.pages:
        record = pages_of.get(page)
        allowed = allowed_by(record, PUBLIC) if record is not None else everyone
        here = scan_files([page], register, allowed)
        if page.suffix == ".html":
            here += accessibility_findings(page)
        name = str(page.relative_to(root))
        found += [replace(finding, document=name) for finding in here]
    return found


__all__ = [
    "Site",
    "SiteBlocked",
    "Skipped",
    "atom_feed",
    "build_site",
    "catalogue",
    "record_files",
    "size_label",
]
