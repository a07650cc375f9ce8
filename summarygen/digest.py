"""A summary of several case reviews in one document (``summarygen digest``).

For each review: its key facts (kind, dates, each child's age, gender, harm and outcome), what
agencies did, and its main learning (the findings); across all of them, the recurring themes
(the findings' themes and the records' keywords, counted by review). The document is made from
``templates/digest.md.j2`` into the same Document model as the pack, so the same writers make
its DOCX, PDF and HTML and the same checks read it: readability for professionals, the
identity gate and the accessibility rules. It is published in one step, like a pack."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ._templates import TemplateFolder
from .accessibility import accessibility_findings
from .checks.engine import DocumentCheck, check_document
from .checks.profiles import Profile, load_profiles
from .composer import _Composer, _environment, _without_skipped_levels
from .document import Document, Meta
from .documents import DocumentType
from .errors import ChecksFailed, RenderError, SummarygenError, TemplateError
from .findings import Finding, Severity, worst_first
from .identity.gate import allowed_by, scan_files
from .identity.register import ProtectedEntry
from .readers.markdown import read_markdown
from .record import Record, Register
from .site import WholeFolder, check_replaceable, kind_label, merged_allowed
from .writers import FORMATS, writer_for
from .writers.pdf import scratch_in as pdf_scratch

DIGEST = DocumentType("digest", "Summary of case reviews", "professional", Register.PROFESSIONAL)
FILE_STEM = "case-reviews-digest"
DIGEST_MARK = ".summarygen-digest"
"""The file that marks a folder as a digest this tool made, which the next one may replace."""


@dataclass(frozen=True)
class Theme:
    name: str
    count: int
    reviews: tuple[str, ...]


def recurring_themes(records: Sequence[Record]) -> list[Theme]:
    """Each theme of the records' findings and each keyword, with the reviews that name it
    (case and spacing ignored), most reviews first, then by name."""
    names: dict[str, str] = {}
    where: dict[str, list[str]] = {}
    for record in records:
        seen: set[str] = set()
        terms = [theme for finding in record.findings for theme in finding.themes]
        for term in [*terms, *record.keywords]:
            key = " ".join(term.casefold().split())
            names.setdefault(key, term)
            if key not in seen:
                seen.add(key)
                where.setdefault(key, []).append(record.review.title)
    counts = Counter({key: len(titles) for key, titles in where.items()})
    return [
        Theme(names[key], count, tuple(where[key]))
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
    ]


def compose_digest(records: Sequence[Record], templates: TemplateFolder | None = None) -> Document:
    """The summary of ``records`` (in the order given) as a Document.

    Raises :class:`TemplateError` when the template fails."""
    templates = templates or TemplateFolder()
    composers = [_Composer(record, DIGEST) for record in records]
    reviews = [
        {
            "record": record,
            "r": record.review,
            "kind": kind_label(record.review.kind.value),
            "t": composer.text,
            "date": composer.date,
        }
        for record, composer in zip(records, composers, strict=True)
    ]
    partnerships = list(dict.fromkeys(record.review.partnership for record in records))
    count = composers[0].count if composers else _Composer.count
    try:
        template = _environment(templates).get_template("digest.md.j2")
        markdown = template.render(
            reviews=reviews,
            partnerships=_joined(partnerships),
            themes=recurring_themes(records),
            count=count,
        )
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"digest: template {error.filename or 'digest.md.j2'}, line {error.lineno}: "
            f"{error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"digest: template digest.md.j2: {error}") from None
    blocks = _without_skipped_levels(
        read_markdown(markdown, lambda name: templates.picture(name).alt)
    )
    published = [r.review.dates.published for r in records if r.review.dates.published]
    latest = max(published, key=lambda date: date.iso()) if published else None
    meta = Meta(
        document=DIGEST.id,
        label=DIGEST.label,
        title=f"Reviews published by {_joined(partnerships)}",
        audience=DIGEST.audience,
        register=DIGEST.register.value,
        review_id=FILE_STEM,
        partnership=_joined(partnerships),
        subjects=tuple(s.pseudonym for record in records for s in record.subjects),
        date=latest.display() if latest else "",
        fiction=all(record.fiction for record in records),
        author=_joined(partnerships),
        keywords=tuple(dict.fromkeys(k for record in records for k in record.keywords)),
    )
    notices = tuple(notice for composer in composers for notice in composer.notices())
    return Document(meta, blocks, notices)


def _joined(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class Digest:
    folder: Path
    files: list[Path] = field(default_factory=list)
    check: DocumentCheck | None = None
    notices: tuple[str, ...] = ()


def build_digest(
    records: Sequence[Record],
    out: Path,
    *,
    formats: Sequence[str] | None = None,
    templates: TemplateFolder | None = None,
    register: Sequence[ProtectedEntry] = (),
    profile: Profile | None = None,
    keep: Sequence[Path] = (),
) -> Digest:
    """Write the summary of ``records`` into the folder ``out`` (replaced in one step, only
    when every file is written and no identifier was found), checked for professionals.

    Raises :class:`ChecksFailed` when an identifier is found in a written file (nothing is
    published), :class:`RenderError` when ``out`` cannot be written, or is a folder that is
    neither new, empty nor an earlier digest, or holds any of ``keep`` (the records)."""
    check_replaceable(out, mark=DIGEST_MARK, what="digest", keep=keep)
    templates = templates or TemplateFolder()
    formats = list(formats or FORMATS)
    profile = profile or load_profiles()[DIGEST.audience]
    document = compose_digest(records, templates)
    allowed = merged_allowed([allowed_by(record) for record in records])
    with WholeFolder(out, mark=DIGEST_MARK, what="digest") as staged:
        files: list[Path] = []
        with pdf_scratch(staged.scratch()):
            for fmt in formats:
                try:
                    data = writer_for(fmt)(document, templates)
                except SummarygenError:
                    raise
                except Exception as error:  # a writer's library failed: say which format
                    raise RenderError(f"digest: {fmt.upper()}: {error}") from error
                path = staged.folder / f"{FILE_STEM}.{fmt}"
                path.write_bytes(data)
                files.append(path)
        found: list[Finding] = scan_files(files, register, allowed)
        for path in files:
            found += accessibility_findings(path)
        check = check_document(document, profile)
        check = _with(check, found)
        identifiers = [
            f for f in found if f.check.startswith("identity.") and f.severity is Severity.ERROR
        ]
        if identifiers:
            raise ChecksFailed(
                f"{len(identifiers)} identifier(s) found in the digest: nothing was published",
                [check],
            )
        target = staged.publish()
    return Digest(target, [target / path.name for path in files], check, document.notices)


def _with(check: DocumentCheck, findings: list[Finding]) -> DocumentCheck:
    return replace(check, findings=tuple(worst_first([*findings, *check.findings])))


__all__ = ["Digest", "Theme", "build_digest", "compose_digest", "recurring_themes"]
