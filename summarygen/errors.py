"""Every error summarygen raises on purpose. Catch :class:`SummarygenError` to catch them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """What ``summarygen`` exits with, for scripts and pipelines."""

    OK = 0
    """Done, and every check passed."""
    CHECKS_FAILED = 1
    """A check found problems at the ``--fail-on`` level (error by default), the identity
    gate stopped publication, or a file to check holds no text."""
    BAD_INPUT = 2
    """Bad input or usage: a record, register, profile or template that cannot be read or is
    not valid, an unknown option, or a file or folder that cannot be written (a full disk).
    Nothing is published."""


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
