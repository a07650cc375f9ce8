"""Every error summarygen raises on purpose. Catch :class:`SummarygenError` to catch them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class SummarygenError(Exception):
    """Base of every error summarygen raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RecordError(SummarygenError):
    """A record (or another input file) could not be read or is not valid.

    ``problems`` holds every problem found, not just the first.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(SummarygenError):
    """A document template could not be rendered."""


class RenderError(SummarygenError):
    """A writer could not produce a file."""


class ChecksFailed(SummarygenError):
    """Checks found problems serious enough to stop publication.

    ``results`` holds what the checks found, for a report.
    """

    def __init__(self, message: str, results: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.results = list(results)
