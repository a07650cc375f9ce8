"""Hand-made Documents for writer tests: every block type, and awkward text."""

from __future__ import annotations

from summarygen.document import (
    Callout,
    Document,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Meta,
    Paragraph,
    Run,
    Table,
)


def runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def meta(document: str = "overview", **changes: object) -> Meta:
    values: dict[str, object] = {
        "document": document,
        "label": "Overview report",
        "title": "Local Child Safeguarding Practice Review: Child T",
        "audience": "professional",
        "register": "professional",
        "review_id": "child-t",
        "partnership": "Testshire Safeguarding Children Partnership",
        "subjects": ("Child T",),
        "date": "May 2025",
        "fiction": True,
        "author": "Testshire Safeguarding Children Partnership",
        "keywords": ("neglect", "information sharing"),
        "credits": ("Pictures: OpenMoji, CC BY-SA 4.0.",),
    }
    values.update(changes)
    return Meta(**values)  # type: ignore[arg-type]


def every_block() -> Document:
    return Document(
        meta(),
        (
            Heading(1, runs("Introduction")),
            Paragraph(
                (
                    Run("Plain text, "),
                    Run("strong", strong=True),
                    Run(", "),
                    Run("emphasis", emphasis=True),
                    Run(", a "),
                    Run("link", link="https://www.childline.org.uk"),
                    Run(
                        " and markup that must stay literal: # * $ [x] "
                        "<script>alert(1)</script> &amp;"
                    ),
                )
            ),
            Heading(2, runs("Terms of reference")),
            ListBlock((runs("First question"), runs("Second question"), runs("Third"))),
            ListBlock((runs("Step one"), runs("Step two")), ordered=True),
            Heading(2, runs("Action plan")),
            Table(
                header=(runs("Recommendation"), runs("Agency"), runs("Status")),
                rows=(
                    (
                        runs("R1"),
                        runs("Children's Social Care"),
                        (Run("Green: on track", status="green"),),
                    ),
                    (runs("R2"), runs("Police"), (Run("Red: overdue", status="red"),)),
                    (runs("R3"), runs("Health"), (Run("Complete", status="complete"),)),
                ),
                caption="Actions by agency",
            ),
            Callout("box", runs("Background"), (Paragraph(runs("Box text.")),), number=1),
            Callout("quote", runs("Independent chair"), (Paragraph(runs("We are sorry.")),)),
            Callout(
                "note", runs("Embargo"), (Paragraph(runs("Not for publication before 10:00.")),)
            ),
            Heading(2, runs("Easy read")),
            EasyReadRow("review", "A magnifying glass", runs("We looked at what happened.")),
            EasyReadRow("help", "A raised hand", runs("You can ask for help.")),
            Figure("home", "A house", caption=runs("Home")),
            Heading(3, runs("A third-level heading")),
            Paragraph(runs("Last paragraph.")),
        ),
    )
