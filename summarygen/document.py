"""The Document: the one intermediate model every writer walks and every check reads.

A Document is made from Markdown (see :mod:`summarygen.composer`) and holds nothing a
writer must interpret: the text that checks measure is exactly the text published.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["not-started", "red", "amber", "green", "complete"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style. ``status`` marks an action's status (shown in colour
    as well as in words); ``link`` is a URL, ``mailto:`` or ``tel:`` address."""

    text: str
    strong: bool = False
    emphasis: bool = False
    link: str | None = None
    status: Status | None = None


Runs = tuple[Run, ...]


def plain_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Heading:
    level: int
    runs: Runs
    kind: Literal["heading"] = "heading"
    page: int | None = field(default=None, compare=False)
    """The page it starts on (from 1), where the file it was read from has pages (a PDF)."""

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    kind: Literal["paragraph"] = "paragraph"
    page: int | None = field(default=None, compare=False)
    """The page it starts on (from 1), where the file it was read from has pages (a PDF)."""

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a run of inline text."""

    items: tuple[Runs, ...]
    ordered: bool = False
    start: int = 1
    kind: Literal["list"] = "list"
    pages: tuple[int | None, ...] = field(default=(), compare=False)
    """The page each item starts on (from 1), where the file read has pages (a PDF)."""


@dataclass(frozen=True)
class Table:
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    caption: str = ""
    kind: Literal["table"] = "table"
    page: int | None = field(default=None, compare=False)
    """The page it starts on (from 1), where the file it was read from has pages (a PDF)."""


@dataclass(frozen=True)
class Figure:
    """A picture from the shipped set (``picture`` names it) with its alt text."""

    picture: str
    alt: str
    caption: Runs = ()
    kind: Literal["figure"] = "figure"


@dataclass(frozen=True)
class Callout:
    """A boxed group of blocks: a numbered briefing box, a note, a quote."""

    style: Literal["box", "note", "quote"]
    title: Runs
    blocks: tuple[Block, ...]
    number: int | None = None
    kind: Literal["callout"] = "callout"


@dataclass(frozen=True)
class EasyReadRow:
    """One easy read point: a picture on the left, one short sentence beside it."""

    picture: str
    alt: str
    runs: Runs
    kind: Literal["easy-read-row"] = "easy-read-row"

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts, how many, and the status colour it is drawn in."""

    label: str
    value: int
    status: Status | None = None


@dataclass(frozen=True)
class Chart:
    """A bar chart of counts, drawn by each writer, with its text alternative: ``alt`` says
    every bar in words, and ``table`` (the numbers the bars are drawn from) is published with
    it, so a reader who cannot see the drawing reads the same figures."""

    title: str
    bars: tuple[Bar, ...]
    table: Table
    alt: str
    kind: Literal["chart"] = "chart"


Block = Heading | Paragraph | ListBlock | Table | Figure | Callout | EasyReadRow | Chart


@dataclass(frozen=True)
class Meta:
    document: str
    """The document id: ``overview``, ``easy-read``, ..."""
    label: str
    """What the document is called on its cover: "Executive summary"."""
    title: str
    audience: str
    register: str
    review_id: str
    partnership: str
    subjects: tuple[str, ...]
    date: str
    """Publication date as printed (month and year), or "" when not yet set."""
    language: str = "en-GB"
    fiction: bool = False
    author: str = ""
    keywords: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    """Attributions the document must carry (the pictures' licence)."""
    draft: bool = False
    """A draft (``build --draft``): every page and file says DRAFT."""


@dataclass(frozen=True)
class TextSource:
    """Where one text of a built document was written in its record: the file, the field
    (``findings[0].analysis``) and the register key under it, if any (``professional``).

    ``text`` is the text as published (one line, single spaces); ``word_lines`` is the file
    line each of its words stands on, so a sentence inside a long text has its own line."""

    text: str
    file: str
    field: str
    register: str
    word_lines: tuple[int, ...]

    def label(self, sentence: str = "") -> str:
        """``child-m.yaml:57 background (professional)``: at the line where ``sentence``
        starts, if it is in the text, else where the text starts."""
        at = self.text.find(sentence) if sentence else 0
        word = self.text[: max(at, 0)].count(" ")
        line = self.word_lines[min(word, len(self.word_lines) - 1)] if self.word_lines else 0
        register = f" ({self.register})" if self.register else ""
        return f"{self.file}:{line} {self.field}{register}"


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    notices: tuple[str, ...] = field(default=(), compare=False)
    """What composition noticed on the way, e.g. a register it fell back from."""
    sources: tuple[TextSource, ...] = field(default=(), compare=False)
    """For a document built from a record: where each record text in it was written (see
    :mod:`summarygen.record.provenance`); empty for a hand-written file."""

    def walk(self) -> Iterator[Block]:
        """Every block, depth first, including those inside callouts."""
        yield from _walk(self.blocks)

    def headings(self) -> list[Heading]:
        return [block for block in self.walk() if isinstance(block, Heading)]

    def to_data(self) -> dict[str, Any]:
        """The Document as plain JSON-ready data (what the PDF template reads)."""
        return {"meta": asdict(self.meta), "blocks": [asdict(block) for block in self.blocks]}


def _walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, Callout):
            yield from _walk(block.blocks)
