"""A Document as HTML, laid out as its published HTML page lays it out (``page.html.j2``),
with every finding highlighted where it stands.

A finding about a sentence (a hard sentence, the passive) marks its sentence; one about words
(a plainer word, jargon, an acronym, victim-blaming language, an identifier) marks the words,
inside its sentence's mark if that has one. Each mark takes keyboard focus and is described
(``aria-describedby``) by a note saying what was found and how to fix it; the page's script
shows the same note on hover, focus and tap. Each kind has its own underline or border as well
as its colour (:data:`KINDS`), so a highlight is never told by colour alone.

Identifiers are shown masked ("S…h") in the text too, as in every other output.

Record text is text here as everywhere: every piece is escaped as it is written out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..checks.readability import Metrics
from ..checks.units import units
from ..document import (
    Block,
    Callout,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Runs,
    Table,
    plain_text,
)
from ..findings import Finding, Severity
from ..identity.fold import Span
from ..identity.register import mask
from .identity import NOTHING
from .session import DocumentState


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    """What the legend and the note call it."""
    words: bool
    """Marks words (True) or the whole sentence (False)."""


KINDS: tuple[Kind, ...] = (
    Kind("too-long", "Very hard sentence", False),
    Kind("long", "Hard sentence", False),
    Kind("passive", "Passive voice", False),
    Kind("plain", "Plainer word", True),
    Kind("jargon", "Jargon", True),
    Kind("acronym", "Acronym", True),
    Kind("blaming", "Victim-blaming language", True),
    Kind("identity", "Identifies a person", True),
    Kind("other", "Other finding", False),
)
"""The kinds of highlight, in the legend's order. Their colours and underline styles are in
``static/preview.css`` (``.k-<id>``)."""

_BY_ID = {kind.id: kind for kind in KINDS}

_KIND_OF_CHECK = {
    "readability.too-long-sentence": "too-long",
    "readability.long-sentence": "long",
    "readability.passive": "passive",
    "language.plain-words": "plain",
    "language.contraction": "plain",
    "language.number-words": "plain",
    "language.jargon": "jargon",
    "language.acronym": "acronym",
    "language.acronym-undefined": "acronym",
    "language.victim-blaming": "blaming",
}

_QUOTED_WORDS = re.compile(r"^'(?P<words>[^']+)'")
"""A plain-language finding names its words first, in single quotes (the messages in
``rules/language-messages.yaml``: "'{matched}' {describe}...")."""


def kind_of(finding: Finding) -> Kind:
    if finding.check.startswith("identity."):
        return _BY_ID["identity"]
    return _BY_ID[_KIND_OF_CHECK.get(finding.check, "other")]


@dataclass
class _Mark:
    start: int
    end: int
    findings: list[tuple[Finding, Finding]]
    """(as found, as shown): the first locates, the second (masked) is what the note says."""
    inner: list[_Mark] = field(default_factory=list)
    id: str = ""

    @property
    def kind(self) -> Kind:
        kinds = [kind_of(found) for found, _ in self.findings]
        return min(kinds, key=KINDS.index)

    @property
    def severity(self) -> Severity:
        return min((shown.severity for _, shown in self.findings), key=lambda s: s.rank)


@dataclass
class Rendered:
    html: Markup
    notes: Markup
    unplaced: list[Finding]
    """Findings that quote no text of the document (about the record or the pack)."""


class _Writer:
    def __init__(self, state: DocumentState, picture_url: str) -> None:
        self.state = state
        self.picture_url = picture_url
        self.units = units(state.document)
        self.identity = state.identity or tuple(NOTHING for _ in self.units)
        self.marks: list[list[_Mark]] = [[] for _ in self.units]
        self.unplaced: list[Finding] = []
        self.notes: list[Markup] = []
        self.next_unit = 0
        self.count = 0
        self.above = ""
        """The text of the heading above, to name a region as the published page does."""
        self._place(state)

    # --- placing findings on units ---------------------------------------------------------

    def _place(self, state: DocumentState) -> None:
        shown = dict(zip(state.raw_findings, state.check.findings, strict=True))
        by_section: dict[str, list[int]] = {}
        for index, unit in enumerate(self.units):
            by_section.setdefault(unit.section, []).append(index)
        sentence_marks: list[list[_Mark]] = [[] for _ in self.units]
        word_marks: list[list[_Mark]] = [[] for _ in self.units]
        for index, found in enumerate(self.identity):
            for identifier in found.identifiers:
                pair = (identifier.finding, shown.get(identifier.finding, identifier.finding))
                word_marks[index].append(_Mark(*identifier.span, [pair]))
        for finding in state.raw_findings:
            if finding.check.startswith("identity."):
                continue
            placed = self._locate(finding, by_section)
            if placed is None:
                self.unplaced.append(shown[finding])
                continue
            index, span = placed
            pair = (finding, shown[finding])
            kind = kind_of(finding)
            words = _QUOTED_WORDS.match(finding.message) if kind.words else None
            if words is not None:
                at = _find(self.units[index].text, words["words"], span)
                if at is not None:
                    word_marks[index].append(_Mark(*at, [pair]))
                    continue
            sentence_marks[index].append(_Mark(*span, [pair]))
        for index in range(len(self.units)):
            outer = _merged(sentence_marks[index])
            inner = _merged(word_marks[index])
            for word in inner:
                around = next(
                    (m for m in outer if m.start <= word.start and word.end <= m.end), None
                )
                if around is not None:
                    around.inner.append(word)
                else:
                    outer.append(word)
            self.marks[index] = _merged(outer, keep_inner=True)

    def _locate(
        self, finding: Finding, by_section: dict[str, list[int]]
    ) -> tuple[int, Span] | None:
        if not finding.text:
            return None
        candidates = by_section.get(finding.section, [])
        for index in [*candidates, *range(len(self.units))]:
            start = self.units[index].text.find(finding.text)
            if start >= 0:
                return index, (start, start + len(finding.text))
        return None

    # --- writing ----------------------------------------------------------------------------

    def render(self) -> Rendered:
        html = Markup("").join(self._blocks(self.state.document.blocks))
        return Rendered(html, Markup("").join(self.notes), self.unplaced)

    def _unit(self, runs: Runs, prefix: str = "") -> Markup:
        """The next unit's runs with its marks (``prefix``: text the unit has before its
        runs, a box's number)."""
        index = self.next_unit
        self.next_unit += 1
        if index >= len(self.units):
            return _runs(runs, 0, len(plain_text(runs)), ())
        masked = self.identity[index].masked
        offset = len(prefix)
        shifted = [
            _Mark(m.start - offset, m.end - offset, m.findings, m.inner) for m in self.marks[index]
        ]
        masked_here = tuple((s - offset, e - offset) for s, e in masked)
        length = len(plain_text(runs))
        pieces: list[Markup] = []
        position = 0
        for mark in shifted:
            start, end = max(mark.start, position), min(mark.end, length)
            if start >= end:
                continue
            pieces.append(_runs(runs, position, start, masked_here))
            inside: list[Markup] = []
            at = start
            for word in mark.inner:
                word_start, word_end = word.start - offset, word.end - offset
                if word_start < at or word_end > end:
                    continue
                inside.append(_runs(runs, at, word_start, masked_here))
                inside.append(self._mark(word, _runs(runs, word_start, word_end, masked_here)))
                at = word_end
            inside.append(_runs(runs, at, end, masked_here))
            pieces.append(self._mark(mark, Markup("").join(inside)))
            position = end
        pieces.append(_runs(runs, position, length, masked_here))
        return Markup("").join(pieces)

    def _mark(self, mark: _Mark, content: Markup) -> Markup:
        self.count += 1
        note_id = f"note-{self.count}"
        kind = mark.kind
        lines = [
            Markup(
                '<p class="note-line"><strong>{label}</strong> ({severity}): '
                "{message}{fix}{source}</p>"
            ).format(
                label=kind_of(found).label,
                severity=shown.severity.value,
                message=shown.message,
                fix=Markup(" <span class='fix'>Fix: {}</span>").format(shown.suggestion)
                if shown.suggestion
                else "",
                source=Markup(" <span class='source'>In the record: {}</span>").format(shown.source)
                if shown.source
                else "",
            )
            for found, shown in mark.findings
        ]
        self.notes.append(
            Markup('<div id="{id}" class="note">{lines}</div>').format(
                id=note_id, lines=Markup("").join(lines)
            )
        )
        return Markup(
            '<mark class="hl k-{kind} s-{severity}" tabindex="0" data-note="{id}" '
            'aria-describedby="{id}">{content}</mark>'
        ).format(kind=kind.id, severity=mark.severity.value, id=note_id, content=content)

    def _blocks(self, blocks: Sequence[Block], level_shift: int = 1) -> Iterator[Markup]:
        for block in blocks:
            if isinstance(block, Heading):
                yield self._heading(block)
            elif isinstance(block, Paragraph):
                yield Markup("<p>{}</p>").format(self._unit(block.runs))
            elif isinstance(block, ListBlock):
                tag = "ol" if block.ordered else "ul"
                start = (
                    Markup(' start="{}"').format(block.start)
                    if block.ordered and block.start != 1
                    else ""
                )
                items = Markup("").join(
                    Markup("<li>{}</li>").format(self._unit(item)) for item in block.items
                )
                yield Markup("<{tag}{start}>{items}</{tag}>").format(
                    tag=Markup(tag), start=start, items=items
                )
            elif isinstance(block, Table):
                yield self._table(block)
            elif isinstance(block, Callout):
                yield self._callout(block)
            elif isinstance(block, EasyReadRow):
                yield Markup(
                    '<div class="point"><img src="{src}" alt="{alt}" width="96" height="96">'
                    "<p>{text}</p></div>"
                ).format(
                    src=self.picture_url + block.picture, alt=block.alt, text=self._unit(block.runs)
                )
            elif isinstance(block, Figure):
                caption = (
                    Markup("<figcaption>{}</figcaption>").format(
                        _runs(block.caption, 0, len(plain_text(block.caption)), ())
                    )
                    if block.caption
                    else ""
                )
                yield Markup(
                    '<figure><img src="{src}" alt="{alt}" width="120" height="120">'
                    "{caption}</figure>"
                ).format(src=self.picture_url + block.picture, alt=block.alt, caption=caption)

    def _heading(self, block: Heading) -> Markup:
        level = min(block.level + 2, 6)
        self.above = block.text
        score = section_score(self.state.check.sections.get(block.text))
        return Markup('<div class="section-head"><h{level}>{text}</h{level}>{score}</div>').format(
            level=level,
            text=self._unit(block.runs),
            score=Markup('<p class="section-score">{}</p>').format(score) if score else "",
        )

    def _table(self, block: Table) -> Markup:
        def cells(row: tuple[Runs, ...], tag: str) -> Markup:
            out = []
            for cell in row:
                text = self._unit(cell) if plain_text(cell).strip() else Markup("")
                scope = Markup(' scope="col"') if tag == "th" else ""
                out.append(
                    Markup("<{tag}{scope}>{text}</{tag}>").format(
                        tag=Markup(tag), scope=scope, text=text
                    )
                )
            return Markup("<tr>{}</tr>").format(Markup("").join(out))

        caption = Markup("<caption>{}</caption>").format(block.caption) if block.caption else ""
        head = cells(block.header, "th")
        body = Markup("").join(cells(row, "td") for row in block.rows)
        return Markup(
            '<div class="table-wrap" role="region" aria-label="{label}" tabindex="0">'
            "<table>{caption}"
            "<thead>{head}</thead><tbody>{body}</tbody></table></div>"
        ).format(
            label=block.caption or self.above or "Table", caption=caption, head=head, body=body
        )

    def _callout(self, block: Callout) -> Markup:
        # the title is a unit before the blocks inside (units() order)
        if block.style == "quote":
            title = (
                Markup("<figcaption>{}</figcaption>").format(self._unit(block.title))
                if block.title
                else ""
            )
            inner = Markup("").join(self._blocks(block.blocks))
            return Markup(
                '<figure class="quote"><blockquote>{inner}</blockquote>{title}</figure>'
            ).format(inner=inner, title=title)
        label = ""
        title = Markup("")
        if block.title:
            number = f"{block.number}. " if block.number is not None else ""
            label = number + plain_text(block.title)
            if block.number is None and self.above:
                label += f" ({self.above})"
            box = (
                Markup('<span class="box-number">{}</span> ').format(block.number)
                if block.number is not None
                else ""
            )
            title = Markup('<p class="callout-title">{box}{text}</p>').format(
                box=box, text=self._unit(block.title, prefix=number)
            )
        inner = Markup("").join(self._blocks(block.blocks))
        aria = Markup(' aria-label="{}"').format(label) if label else ""
        return Markup('<section class="{style}"{aria}>{title}{inner}</section>').format(
            style=block.style, aria=aria, title=title, inner=inner
        )


def render_document(state: DocumentState, picture_url: str = "/picture/") -> Rendered:
    """The document's blocks as HTML with its findings highlighted, the notes the marks
    point to, and the findings that have no place in the text."""
    return _Writer(state, picture_url).render()


def section_score(metrics: Metrics | None) -> str:
    """A section's scores, short: "FRE 71 · grade 5.9 · 12 words a sentence"."""
    if metrics is None or metrics.words == 0:
        return ""
    if metrics.too_short:
        return f"{metrics.words} words: too short to score"
    return (
        f"FRE {metrics.flesch_reading_ease:.0f} · grade {metrics.flesch_kincaid_grade:.1f} · "
        f"{metrics.average_sentence_words:.0f} words a sentence"
    )


def _find(text: str, words: str, within: Span) -> Span | None:
    start = text.find(words, within[0], within[1])
    if start < 0:
        start = text.lower().find(words.lower(), within[0], within[1])
    if start < 0:
        return None
    return start, start + len(words)


def _merged(marks: list[_Mark], keep_inner: bool = False) -> list[_Mark]:
    """Marks that overlap joined into one (with all their findings), in text order."""
    joined: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if joined and mark.start < joined[-1].end:
            last = joined[-1]
            last.end = max(last.end, mark.end)
            last.findings.extend(mark.findings)
            last.inner.extend(mark.inner)
        else:
            joined.append(_Mark(mark.start, mark.end, list(mark.findings), list(mark.inner)))
    for mark in joined:
        mark.inner = _merged(mark.inner) if mark.inner else []
    return joined


def _runs(runs: Runs, start: int, end: int, masked: Sequence[Span]) -> Markup:
    """The text from ``start`` to ``end`` of the runs, each piece styled as its run, with any
    identifier in it masked."""
    if start >= end:
        return Markup("")
    out: list[Markup] = []
    position = 0
    for run in runs:
        run_start, run_end = position, position + len(run.text)
        position = run_end
        a, b = max(run_start, start), min(run_end, end)
        if a >= b:
            continue
        out.append(
            _run(run, _masked_text(run.text, a - run_start, b - run_start, masked, run_start))
        )
    return Markup("").join(out)


def _masked_text(text: str, start: int, end: int, masked: Sequence[Span], offset: int) -> str:
    pieces: list[str] = []
    at = start
    for span_start, span_end in sorted(masked):
        s, e = span_start - offset, span_end - offset
        if e <= at or s >= end:
            continue
        if s > at:
            pieces.append(text[at:s])
        if s >= at:  # the identifier starts here: its masked form stands for all of it
            pieces.append(mask(text[max(s, 0) : min(e, len(text))]))
        at = max(at, min(e, end))
    pieces.append(text[at:end])
    return "".join(pieces)


def _run(run: Run, text: str) -> Markup:
    html: Markup = escape(text)
    if run.strong:
        html = Markup("<strong>{}</strong>").format(html)
    elif run.emphasis:
        html = Markup("<em>{}</em>").format(html)
    if run.link:
        return Markup('<a href="{}">{}</a>').format(run.link, html)
    if run.status:
        return Markup('<span class="status status-{}">{}</span>').format(run.status, html)
    return html


def legend() -> Markup:
    """The legend: each kind of highlight as it looks in the text, with its name."""
    items = Markup("").join(
        Markup(
            '<li><mark class="hl k-{id} sample" aria-hidden="true">Sample</mark> {label}</li>'
        ).format(id=kind.id, label=kind.label)
        for kind in KINDS
    )
    return Markup('<ul class="legend">{}</ul>').format(items)
