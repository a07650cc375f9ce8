"""Build the publication pack: every document in every format, published all at once or not at all.

Files are written to a private staging folder beside the pack (see :mod:`._staging`) and
swapped into place in one step only when everything succeeded, so a failed or killed build
leaves an earlier pack exactly as it was, and nothing else in the output folder.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._staging import Staging
from ._templates import TemplateFolder
from ._workers import WORKERS_VARIABLE, worker_pool
from .accessibility import accessibility_findings
from .checks.consistency import PACK
from .checks.engine import DocumentCheck, check_document, with_consistency
from .checks.finding import Finding, Severity, worst_first
from .checks.profiles import Profile, load_profiles, record_profile_overrides
from .checks.readability import measure
from .checks.units import located_in_text, units
from .composer import compose
from .document import Document
from .documents import DOCUMENT_TYPES, documents_for, why_not
from .errors import ChecksFailed, RenderError, SummarygenError
from .identity.detect import Allowed
from .identity.gate import allowed_by, check_register_against, masked_quotes, scan_files
from .identity.register import ProtectedEntry
from .record import Record
from .writers import FORMATS, writer_for
from .writers.pdf import scratch_in as pdf_scratch


@dataclass(frozen=True)
class BuiltFile:
    document: str
    format: str
    path: Path
    size: int


@dataclass
class BuiltDocument:
    document: Document
    files: list[BuiltFile] = field(default_factory=list)
    pages: int | None = None
    check: DocumentCheck | None = None

    @property
    def words(self) -> int:
        """Words as the checks count them (one word counter: :func:`.checks.segment.words`)."""
        return measure([unit.text for unit in units(self.document)]).words


@dataclass
class Pack:
    folder: Path
    documents: list[BuiltDocument]
    reports: list[Path] = field(default_factory=list)
    pack_check: DocumentCheck | None = None
    """What the checks found about the pack as a whole (consistency across documents)."""
    skipped: list[str] = field(default_factory=list)
    """A note for each document the record has nothing to make from (no progress report
    without action plan updates), when all documents were asked for."""

    @property
    def notices(self) -> list[str]:
        return [notice for built in self.documents for notice in built.document.notices]

    @property
    def checks(self) -> list[DocumentCheck]:
        documents = [built.check for built in self.documents if built.check is not None]
        return documents + ([self.pack_check] if self.pack_check is not None else [])


Progress = Callable[[str], None]
"""Called with a short description before each step (for a progress display)."""


def file_name(record: Record, document: str, fmt: str) -> str:
    return f"{record.review.id}-{document}.{fmt}"


class IdentityBlocked(ChecksFailed):
    """The written files hold something that identifies a person: nothing is published."""


def build_pack(
    record: Record,
    out: Path,
    *,
    documents: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    templates: TemplateFolder | None = None,
    progress: Progress | None = None,
    profiles: dict[str, Profile] | None = None,
    strict: bool = False,
    fail_on: Severity = Severity.ERROR,
    register: Sequence[ProtectedEntry] = (),
    draft: bool = False,
) -> Pack:
    """Write the pack to ``out/<review id>/``, replacing an earlier pack only on success.

    Every document is checked for its audience (``profiles``, the shipped ones by default),
    the pack for consistency, and every written file for anything that identifies a person
    (with ``register``, the protected register, as well). An error-level identity finding
    stops the build: :class:`IdentityBlocked` is raised and nothing is published. With
    ``strict``, any failing check does the same (:class:`ChecksFailed`). The check reports
    are written into the pack. With ``draft``, every document and the reports say DRAFT.
    :class:`RenderError` when the output folder cannot be written
    (``-o`` names a file, or a folder that cannot be made).
    """
    check_register_against(record, register)  # before anything is written
    review_id = record.review.id
    try:
        staging = Staging(out)
        staging.__enter__()
    except OSError as error:
        raise RenderError(_cannot_write(out, error)) from None
    try:
        folder = staging.folder(review_id)
        with pdf_scratch(staging.scratch()):
            built, checks = render_and_check(
                record,
                folder,
                documents=documents,
                formats=formats,
                templates=templates,
                progress=progress,
                profiles=profiles,
                register=register,
                draft=draft,
            )
        identity_errors = [
            f
            for c in checks
            for f in c.findings
            if f.check.startswith("identity.") and f.severity is Severity.ERROR
        ]
        if identity_errors:
            files = sorted({f.document for f in identity_errors})
            raise IdentityBlocked(
                f"{len(identity_errors)} identifier(s) found in {', '.join(files)}", checks
            )
        failing = [check.document for check in checks if check.fails(fail_on)]
        if strict and failing:
            raise ChecksFailed(
                f"{', '.join(failing)} did not pass {fail_on.value}-level checks", checks
            )
        report_names = _write_reports(
            record, checks, folder, templates or TemplateFolder(), fail_on, draft=draft
        )
        try:
            target = staging.publish(review_id)
        except OSError as error:
            raise RenderError(_cannot_write(out / review_id, error)) from None
    finally:
        staging.__exit__(None, None, None)
    for item in built:
        item.files = [
            BuiltFile(f.document, f.format, target / f.path.name, f.size) for f in item.files
        ]
    skipped = [] if documents else skipped_documents(record)
    return Pack(target, built, [target / name for name in report_names], checks[-1], skipped)


def skipped_documents(record: Record) -> list[str]:
    """A note for each document ``record`` does not make, saying why."""
    return [
        f"{document}: not made, as {reason}"
        for document in DOCUMENT_TYPES
        if (reason := why_not(record, document)) is not None
    ]


def render_and_check(
    record: Record,
    folder: Path,
    *,
    documents: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    templates: TemplateFolder | None = None,
    progress: Progress | None = None,
    profiles: dict[str, Profile] | None = None,
    register: Sequence[ProtectedEntry] = (),
    draft: bool = False,
) -> tuple[list[BuiltDocument], list[DocumentCheck]]:
    """Write the documents into ``folder`` and check them: readability and language per
    document, consistency across the pack, identity in every written file. The last check
    is the pack as a whole.

    Each document is written, checked and scanned by a worker process where there are
    cores to spare; the PDFs are made here (see :mod:`._workers`)."""
    templates = templates or TemplateFolder()
    formats = list(formats or FORMATS)
    if profiles is None:
        profiles = load_profiles(record_overrides=record_profile_overrides(record))
    composed: list[Document] = []
    for document in documents or documents_for(record):
        if progress:
            progress(f"{document}: composing")
        composed.append(compose(record, document, templates, draft=draft))
    allowed = allowed_by(record)
    jobs = [
        _Job(
            record,
            doc,
            formats,
            templates,
            folder,
            profiles[doc.meta.audience],
            register,
            allowed_by(record, doc.meta.audience),  # an agency may be named for some readers
        )
        for doc in composed
    ]
    done = _run(jobs, progress)
    built = [
        BuiltDocument(job.document, result.files, result.pages)
        for job, result in zip(jobs, done, strict=True)
    ]
    checks = with_consistency(
        record, composed, [result.check for result in done if result.check is not None]
    )
    by_file = {file_name(record, d.meta.document, f): d for d in composed for f in formats}
    identity = [
        located_in_text([finding], by_file[finding.document])[0]
        if finding.document in by_file
        else finding
        for result in done
        for finding in result.identity
    ]
    checks = [masked_quotes(check, register, allowed) for check in checks]
    checks = _with_identity_findings(record, checks, identity)
    for item, result in zip(built, checks, strict=False):
        item.check = result
    return built, checks


@dataclass(frozen=True)
class _Job:
    """One document to write in some formats, scan, and (given a profile) check."""

    record: Record
    document: Document
    formats: Sequence[str]
    templates: TemplateFolder
    folder: Path
    profile: Profile | None
    register: Sequence[ProtectedEntry]
    allowed: Allowed

    def run(self) -> _Done:
        files = [self._write(fmt) for fmt in self.formats]
        pdf = [file for file in files if file.format == "pdf"]
        return _Done(
            files,
            count_pdf_pages(pdf[0].path.read_bytes()) if pdf else None,
            check_document(self.document, self.profile) if self.profile else None,
            [
                *scan_files([file.path for file in files], self.register, self.allowed),
                *(finding for file in files for finding in accessibility_findings(file.path)),
            ],
        )

    def _write(self, fmt: str) -> BuiltFile:
        name = self.document.meta.document
        try:
            data = writer_for(fmt)(self.document, self.templates)
        except SummarygenError:
            raise
        except Exception as error:  # a writer's library failed: name the document and format
            raise RenderError(f"{name}: {fmt.upper()}: {error}") from error
        path = self.folder / file_name(self.record, name, fmt)
        path.write_bytes(data)
        return BuiltFile(name, fmt, path, len(data))


@dataclass
class _Done:
    files: list[BuiltFile]
    pages: int | None
    check: DocumentCheck | None
    identity: list[Finding]
    """What was found in the written files: identity and accessibility findings."""

    def joined(self, other: _Done, formats: Sequence[str]) -> _Done:
        """This and the other part of the same document, files in the order asked for."""
        files = sorted([*self.files, *other.files], key=lambda file: formats.index(file.format))
        return _Done(
            files,
            self.pages if self.pages is not None else other.pages,
            self.check or other.check,
            [*self.identity, *other.identity],
        )


def _run_job(job: _Job) -> _Done:
    return job.run()


def _run(jobs: list[_Job], progress: Progress | None) -> list[_Done]:
    """Every job: in worker processes where there are cores to spare (all but the PDFs,
    which Typst makes here), else one after the other."""
    pool = worker_pool(len(jobs))
    if pool is None:
        done = []
        for job in jobs:
            if progress:
                progress(f"{job.document.meta.document}: writing and checking")
            done.append(job.run())
        return done
    with pool:
        elsewhere = [
            pool.submit(_run_job, replace(job, formats=[f for f in job.formats if f != "pdf"]))
            for job in jobs
        ]
        here = []
        for job in jobs:
            if progress:
                progress(f"{job.document.meta.document}: writing PDF")
            pdf_only = [f for f in job.formats if f == "pdf"]
            here.append(replace(job, formats=pdf_only, profile=None).run())
        if progress:
            progress("checking and scanning the written files")
        try:
            return [
                mine.joined(future.result(), job.formats)
                for job, mine, future in zip(jobs, here, elsewhere, strict=True)
            ]
        except BrokenProcessPool as error:
            raise RenderError(
                f"a worker process stopped unexpectedly ({error}); try again with "
                f"{WORKERS_VARIABLE}=1 to build in one process"
            ) from error


def _with_identity_findings(
    record: Record, checks: list[DocumentCheck], identity: list[Finding]
) -> list[DocumentCheck]:
    """Each finding in a written file (identity, accessibility) joins the check of the
    document whose file it was found in."""
    by_file = {
        file_name(record, check.document, fmt): check.document
        for check in checks
        for fmt in FORMATS
    }
    extra: dict[str, list[Finding]] = {}
    for finding in identity:
        extra.setdefault(by_file.get(finding.document, PACK), []).append(finding)
    return [
        replace(
            check, findings=tuple(worst_first([*extra.get(check.document, []), *check.findings]))
        )
        for check in checks
    ]


def _write_reports(
    record: Record,
    checks: list[DocumentCheck],
    staging: Path,
    templates: TemplateFolder,
    fail_on: Severity,
    *,
    draft: bool = False,
) -> list[str]:
    from .report import render_html, to_data

    json_name = f"{record.review.id}-check-report.json"
    html_name = f"{record.review.id}-check-report.html"
    data = to_data(checks, fail_on, record.waivers)
    data["draft"] = draft
    (staging / json_name).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    (staging / html_name).write_text(
        render_html(
            checks,
            title=f"DRAFT: {record.review.title}" if draft else record.review.title,
            fail_on=fail_on,
            templates=templates,
            waivers=record.waivers,
        )
    )
    return [json_name, html_name]


def _cannot_write(folder: Path, error: OSError) -> str:
    """Why the pack cannot go in ``folder``, for a person: "it is a file", or the system's."""
    if isinstance(error, FileExistsError):
        return f"cannot write the pack to {folder}: it is a file"
    return f"cannot write the pack to {folder}: {error.strerror or error}"


def count_pdf_pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)
