"""What the preview shows, worked out again on every save of the record, redoing only what
the change touches.

A :class:`PreviewSession` keeps, between saves:

- the templates, compiled once per source text (:mod:`.templates`), and the easy read
  picture names;
- per document, the record fields its template reads (found once, at start, in the
  template's Jinja syntax tree: ``record.background``...; every field if the template reads
  the record some other way) with a digest of their values: a document whose fields are
  unchanged is not composed again;
- per document, the Markdown its template made: when a field it reads changed but the
  Markdown did not (an edit to another register's wording), the Document is kept;
- per composed Document, its checks (readability, plain language) and its identity scan,
  kept while the Document, the reading targets and what the record allows are unchanged;
- the masked form of every finding (masking scans each quote).

A change to a template is read at the next compose, but the fields it reads were found at
start: restart the preview after changing templates.

Consistency across the pack reads every document, so it runs on every save (about 50 ms for
the child-m sample).

Identity: a build scans the written DOCX, PDF and HTML files (their text, metadata and file
names). The preview writes no file, so it scans the Document's text, unit by unit, with the
same detectors, register and allowances; the page says so.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import nodes

from .._templates import TemplateFolder
from ..checks.engine import DocumentCheck, check_document, with_consistency
from ..checks.finding import Finding, worst_first
from ..checks.profiles import Profile, load_profiles, record_profile_overrides
from ..composer import compose, compose_markdown
from ..document import Document
from ..documents import DOCUMENT_TYPES, documents_for
from ..errors import Problem, RecordError, SummarygenError
from ..identity.detect import Allowed, mask_identifiers
from ..identity.gate import allowed_by
from ..identity.register import ProtectedEntry
from ..record import Record, load_record
from .identity import UnitIdentity, scan_units
from .templates import CompiledTemplates

ALWAYS_READ = ("review", "subjects", "keywords", "fiction", "readability", "family", "agencies")
"""Record fields every document depends on whatever its template says: the cover (review,
subjects), the page's keywords, the fiction notice, the reading targets (readability) and
what the identity check allows (family roles, agencies)."""

COVER = ("review", "subjects", "keywords", "fiction")
"""Record fields the composer reads for a Document's Meta, besides its template."""


@dataclass(frozen=True)
class DocumentState:
    """One document as the preview shows it."""

    document: Document
    check: DocumentCheck
    """Its checks with consistency and identity findings joined, quotes masked."""
    raw_findings: tuple[Finding, ...]
    """The same findings before masking: their quotes locate the highlights."""
    identity: tuple[UnitIdentity, ...]
    """Per text unit (in :func:`.units` order): identifiers found, with their spans."""
    version: int
    """Bumped whenever what the page shows of this document changes."""


@dataclass(frozen=True)
class Snapshot:
    """The record as of one save: its documents, or the problems that stop them."""

    version: int
    record_name: str
    title: str = ""
    documents: dict[str, DocumentState] = field(default_factory=dict)
    pack: DocumentCheck | None = None
    problems: tuple[Problem, ...] = ()
    """What is wrong with the record (file, line, field), when it cannot be composed."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Composed:
    key: str
    """A digest of the record fields the document's template reads."""
    document: Document
    markdown: tuple[str, list[str]]
    """What the template made of them (Markdown and notices)."""
    cover: str
    """A digest of the record fields the Document's cover (Meta) reads."""


@dataclass
class _Checked:
    document: Document
    check: DocumentCheck
    identity: tuple[UnitIdentity, ...]
    identity_findings: tuple[Finding, ...]
    allowed: Allowed
    """What the identity scan allowed (the record's people, agencies, waivers...)."""


class PreviewSession:
    """Loads the record at ``path`` on demand and keeps what it can between loads."""

    def __init__(
        self,
        path: Path,
        *,
        templates: TemplateFolder | None = None,
        profiles_file: Path | None = None,
        register: Sequence[ProtectedEntry] = (),
    ) -> None:
        self.path = path
        self.templates = CompiledTemplates((templates or TemplateFolder()).override)
        self.profiles_file = profiles_file
        self.register = tuple(register)
        self._fields = {doc: self._fields_read(doc) for doc in DOCUMENT_TYPES}
        self._composed: dict[str, _Composed] = {}
        self._checked: dict[str, _Checked] = {}
        self._profiles_key: str | None = None
        self._profiles: dict[str, Profile] = {}
        self._masked: dict[Finding, Finding] = {}
        self._allowed = Allowed()
        self._versions: dict[str, tuple[Any, int]] = {}
        self._version = 0
        self.snapshot = Snapshot(0, path.name)

    def refresh(self) -> Snapshot:
        """Read the record again and work out what the page shows (see the module's note)."""
        self._version += 1
        try:
            record = load_record(self.path, pictures=self._pictures())
        except RecordError as error:
            self.snapshot = Snapshot(
                self._version, self.path.name, problems=self._masked_problems(error.problems)
            )
            return self.snapshot
        except SummarygenError as error:
            self.snapshot = Snapshot(
                self._version,
                self.path.name,
                problems=self._masked_problems([self._problem(error)]),
            )
            return self.snapshot
        try:
            self.snapshot = self._snapshot(record)
        except SummarygenError as error:  # a template failed, a profile override is wrong ...
            problems = error.problems if isinstance(error, RecordError) else [self._problem(error)]
            self.snapshot = Snapshot(
                self._version, self.path.name, problems=self._masked_problems(problems)
            )
        return self.snapshot

    # --- the steps -------------------------------------------------------------------------

    def _snapshot(self, record: Record) -> Snapshot:
        profiles = self._profiles_for(record)
        allowed = allowed_by(record)
        if allowed != self._allowed:
            self._allowed = allowed
            self._masked.clear()
        documents = [self._document(record, doc) for doc in documents_for(record)]
        checked = [self._check(doc, profiles, record) for doc in documents]
        merged = with_consistency(record, documents, [item.check for item in checked])
        pack = merged[-1]
        states: dict[str, DocumentState] = {}
        for item, result in zip(checked, merged, strict=False):
            raw = tuple(worst_first([*item.identity_findings, *result.findings]))
            masked = tuple(self._mask(finding) for finding in raw)
            check = replace(result, findings=masked)
            states[result.document] = DocumentState(
                item.document, check, raw, item.identity, self._bump(result.document, check)
            )
        pack = replace(pack, findings=tuple(self._mask(f) for f in pack.findings))
        return Snapshot(
            self._version, self.path.name, record.review.title, states, pack, problems=()
        )

    def _document(self, record: Record, document: str) -> Document:
        """The composed document: the one kept if the fields its template reads are
        unchanged, or if its Markdown and cover are; else composed again."""
        key = _digest([getattr(record, name, None) for name in self._fields[document]])
        cached = self._composed.get(document)
        if cached is not None and cached.key == key:
            return cached.document
        markdown = compose_markdown(record, document, self.templates)
        cover = _digest([getattr(record, name) for name in COVER])
        if cached is not None and (markdown, cover) == (cached.markdown, cached.cover):
            self._composed[document] = replace(cached, key=key)
            return cached.document
        composed = compose(record, document, self.templates)
        self._composed[document] = _Composed(key, composed, markdown, cover)
        return composed

    def _check(self, document: Document, profiles: dict[str, Profile], record: Record) -> _Checked:
        name = document.meta.document
        audience = document.meta.audience
        allowed = allowed_by(record, audience)
        cached = self._checked.get(name)
        if (
            cached is not None
            and cached.document == document
            and cached.document.notices == document.notices
        ):
            if cached.allowed == allowed:
                return cached
            identity = scan_units(document, self.register, allowed)  # a waiver came or went
            findings = tuple(finding for unit in identity for finding in unit.findings)
            cached = replace(cached, allowed=allowed, identity=identity, identity_findings=findings)
            self._checked[name] = cached
            return cached
        identity = scan_units(document, self.register, allowed)
        findings = tuple(finding for unit in identity for finding in unit.findings)
        result = _Checked(
            document, check_document(document, profiles[audience]), identity, findings, allowed
        )
        self._checked[name] = result
        return result

    def _profiles_for(self, record: Record) -> dict[str, Profile]:
        overrides = record_profile_overrides(record)
        key = _digest(overrides)
        if key != self._profiles_key:
            self._profiles = load_profiles(self.profiles_file, overrides)
            self._profiles_key = key
            self._checked.clear()  # every document's targets may have moved
        return self._profiles

    def _masked_problems(self, problems: Sequence[Problem]) -> tuple[Problem, ...]:
        """The record's problems with any identifier in their words masked: a message quotes
        the value it refuses, which may be a name the register protects."""
        return tuple(
            replace(
                problem, message=mask_identifiers(problem.message, self.register, self._allowed)
            )
            for problem in problems
        )

    def _mask(self, finding: Finding) -> Finding:
        """The finding with identifiers in its quote, message and fix masked (as
        :func:`..identity.gate.masked_quotes` does for a build)."""
        if finding.check.startswith("identity."):
            return finding  # made masked
        masked = self._masked.get(finding)
        if masked is None:
            allowed = self._allowed
            masked = replace(
                finding,
                text=mask_identifiers(finding.text, self.register, allowed),
                message=mask_identifiers(finding.message, self.register, allowed),
                suggestion=mask_identifiers(finding.suggestion, self.register, allowed),
            )
            self._masked[finding] = masked
        return masked

    def _bump(self, document: str, check: DocumentCheck) -> int:
        """This document's version: the snapshot's when what it shows changed, else the old."""
        seen = self._versions.get(document)
        shown = (self._composed[document].document, check)
        if seen is not None and seen[0] == shown:
            return seen[1]
        self._versions[document] = (shown, self._version)
        return self._version

    def _pictures(self) -> list[str]:
        """The picture names a point may use (read once: the loader would read them on
        every save)."""
        return list(self.templates.pictures)

    def _problem(self, error: SummarygenError) -> Problem:
        return Problem(self.path.name, None, None, "", str(error))

    def _fields_read(self, document: str) -> tuple[str, ...]:
        """The record fields ``document``'s template reads (every field, if it reads the
        record some way this cannot follow: passed whole, or through an include)."""
        everything = tuple(Record.model_fields)
        try:
            source = self.templates.read(DOCUMENT_TYPES[document].template)
            tree = self._environment().parse(source)
        except Exception:  # the build will say what is wrong with it
            return everything
        if any(tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))):
            return everything
        read: set[str] = set(ALWAYS_READ)
        attribute_of: set[int] = set()
        for node in tree.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == "record":
                read.add(node.attr)
                attribute_of.add(id(node.node))
        for name in tree.find_all(nodes.Name):
            if name.name == "record" and id(name) not in attribute_of:
                return everything
        return tuple(sorted(read))

    @functools.cache  # noqa: B019 - one environment for the session's life
    def _environment(self) -> Any:
        from jinja2.sandbox import SandboxedEnvironment

        return SandboxedEnvironment()


def _digest(values: Any) -> str:
    """A fingerprint of record values (pydantic models and plain data)."""
    return hashlib.blake2b(pickle.dumps(values, protocol=5), digest_size=16).hexdigest()


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed between two snapshots, one line per document that moved, in the terms
    the page uses: "children: FRE 68 → 72, 2 fewer hard sentences"."""
    if not after.ok:
        return []
    if not before.ok:
        return ["The record reads again: the documents are back."] if before.version else []
    lines: list[str] = []
    for name, now in after.documents.items():
        was = before.documents.get(name)
        if was is None or was.version == now.version:
            continue
        parts: list[str] = []
        for target_was, target_now in zip(was.check.targets, now.check.targets, strict=False):
            if target_was.target.metric != target_now.target.metric:
                continue
            moved = _moved(target_was.value, target_now.value)
            if moved:
                parts.append(f"{METRIC_SHORT[target_now.target.metric]} {moved}")
        for check_kind, (one, many) in COUNTED.items():
            old_count = _count(was.check.findings, check_kind)
            new_count = _count(now.check.findings, check_kind)
            if new_count < old_count:
                parts.append(
                    f"{old_count - new_count} fewer {one if old_count - new_count == 1 else many}"
                )
            elif new_count > old_count:
                parts.append(
                    f"{new_count - old_count} more {one if new_count - old_count == 1 else many}"
                )
        lines.append(f"{name}: " + (", ".join(parts) if parts else "text changed"))
    return lines


METRIC_SHORT = {
    "flesch_reading_ease": "FRE",
    "flesch_kincaid_grade": "FK grade",
    "average_sentence_words": "average sentence",
    "longest_sentence_words": "longest sentence",
    "uncommon_word_share": "uncommon words %",
}

COUNTED = {
    "readability.long-sentence": ("hard sentence", "hard sentences"),
    "readability.too-long-sentence": ("very hard sentence", "very hard sentences"),
    "readability.passive": ("passive sentence", "passive sentences"),
    "language.": ("plain-language finding", "plain-language findings"),
    "identity.": ("identity finding", "identity findings"),
    "consistency.": ("consistency finding", "consistency findings"),
}


def _moved(old: float, new: float) -> str:
    """ "68 → 72", or "5.2 → 4.9" when whole numbers would not show the move; "" if none."""
    if round(old) != round(new):
        return f"{old:.0f} → {new:.0f}"
    if round(old, 1) != round(new, 1):
        return f"{old:.1f} → {new:.1f}"
    return ""


def _count(findings: Sequence[Finding], check: str) -> int:
    if check.endswith("."):
        return sum(1 for f in findings if f.check.startswith(check))
    return sum(1 for f in findings if f.check == check)


__all__ = ["DocumentState", "PreviewSession", "Snapshot", "changes"]
