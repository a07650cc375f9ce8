"""The ``summarygen import`` command's body: read the report, write the draft, say what share
of the report's words found a place and what to do next."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rich.console import Console

from .._terminal import terminal_line, terminal_text
from ..errors import RecordError
from . import Draft, draft_yaml, import_report

OK, BAD_INPUT = 0, 2

_PARTS = (
    ("foreword", "foreword"),
    ("introduction", "introduction"),
    ("terms_of_reference", "terms of reference"),
    ("methodology", "methodology"),
    ("agencies", "agencies"),
    ("background", "background"),
    ("episodes", "key practice episodes"),
    ("perspectives", "perspectives"),
    ("findings", "findings"),
    ("good_practice", "good practice"),
    ("conclusion", "conclusion"),
    ("recommendations", "recommendations"),
    ("board_response", "partnership response"),
    ("actions", "actions"),
    ("glossary", "glossary"),
)


def summary(draft: Draft) -> str:
    """Which parts of the record the draft fills, with how many entries in each list."""
    parts = []
    for key, name in _PARTS:
        value = draft.data.get(key)
        if isinstance(value, list):
            parts.append(f"{name} ({len(value)})")
        elif value:
            parts.append(name)
    return ", ".join(parts) or "nothing"


def run_import(report: Path, output: Path, *, force: bool, out: Console, err: Console) -> int:
    """Import ``report`` into a draft record at ``output``; the exit code (0, or 2 for bad
    input). Nothing is written unless the whole draft is ready."""
    if output.suffix.lower() not in (".yaml", ".yml"):
        err.print(terminal_text(f"{output}: a draft record is YAML: name it .yaml"))
        return BAD_INPUT
    if output.exists() and not force:
        err.print(terminal_text(f"{output}: already exists; choose another name or add --force"))
        return BAD_INPUT
    try:
        draft = import_report(report)
    except RecordError as error:
        for problem in error.problems:
            err.print(terminal_text(problem))
        return BAD_INPUT
    text = draft_yaml(draft, report.name)
    temporary = ""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".summarygen-", suffix=".yaml", dir=output.parent
        )
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, output)
    except OSError as error:
        if temporary:  # never leave the report's text half-written beside the draft
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        err.print(terminal_text(f"{output}: cannot be written: {error.strerror}"))
        return BAD_INPUT
    share = draft.placed_share
    out.print(terminal_line(("✓", "green"), f" Wrote {output}: a draft record from {report}."))
    out.print(
        terminal_text(
            f"Placed {draft.placed_words:,} of {draft.total_words:,} words of the report "
            f"({share:.0%}): {summary(draft)}."
        )
    )
    if draft.notes:
        out.print(
            terminal_text(
                f"{len(draft.notes)} pieces found no place: they are under `notes:` at the "
                "end of the draft, each with where it came from."
            )
        )
    out.print(
        terminal_text(
            "The report's text is in the `professional` wording only: write the plain and "
            "child wording yourself where a document needs it."
        )
    )
    out.print(
        terminal_text(
            f"Next: run `summarygen validate {output}`; it names every field the report did not "
            "give (pseudonyms, review id, dates...)."
        )
    )
    return OK
