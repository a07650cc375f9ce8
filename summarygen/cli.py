"""The ``summarygen`` command line. Exit codes are :class:`ExitCode`."""

from __future__ import annotations

import json
from enum import IntEnum
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from . import record as record_module
from ._resources import templates_dir
from ._templates import TemplateFolder
from .compose import DOCUMENT_TYPES
from .errors import RecordError, SummarygenError
from .pack import build_pack
from .writers import FORMATS

SCHEMA_FILE_NAME = "summarygen-record.schema.json"


class ExitCode(IntEnum):
    OK = 0
    CHECKS_FAILED = 1
    BAD_INPUT = 2


app = typer.Typer(
    name="summarygen",
    help="Make the publication pack of a child safeguarding case review from one record, "
    "and check it before it is published.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"summarygen {version('summarygen')}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Exit codes: 0 all good, 1 checks found problems, 2 bad input or usage."""


def _report_record_error(error: RecordError) -> None:
    count = len(error.problems)
    for problem in error.problems:
        err.print(str(problem), markup=False, highlight=False)
    noun = "problem" if count == 1 else "problems"
    err.print(f"[bold red]{count} {noun}[/] in {error.problems[0].file}", highlight=False)


@app.command(epilog="Example: summarygen validate samples/*.yaml")
def validate(
    records: Annotated[list[Path], typer.Argument(help="Record files (.yaml, .yml or .json).")],
) -> None:
    """Check that records are complete and well formed, and report every problem at once."""
    failed = False
    for path in records:
        try:
            loaded = record_module.load_record(path)
        except RecordError as error:
            failed = True
            _report_record_error(error)
            continue
        review = loaded.review
        counts = ", ".join(
            _count(len(items), noun)
            for items, noun in (
                (loaded.subjects, "child"),
                (loaded.findings, "finding"),
                (loaded.recommendations, "recommendation"),
                (loaded.actions, "action"),
            )
        )
        out.print(f"[green]✓[/] {path}: {review.title} ({counts})", highlight=False)
    if failed:
        raise typer.Exit(ExitCode.BAD_INPUT)


def _count(number: int, noun: str) -> str:
    plural = "children" if noun == "child" else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def schema_text() -> str:
    return json.dumps(record_module.Record.model_json_schema(), indent=2) + "\n"


@app.command(epilog="Example: summarygen schema > summarygen-record.schema.json")
def schema() -> None:
    """Print the JSON Schema of a record, for editors that check YAML as you type."""
    typer.echo(schema_text(), nl=False)


@app.command(epilog="Example: summarygen new reviews/child-q.yaml")
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the new record.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter record to fill in, with the schema beside it for your editor."""
    if path.exists() and not force:
        err.print(f"{path}: already exists; choose another name or add --force", markup=False)
        raise typer.Exit(ExitCode.BAD_INPUT)
    if not path.parent.is_dir():
        err.print(f"{path.parent}: no such folder", markup=False)
        raise typer.Exit(ExitCode.BAD_INPUT)
    starter = (templates_dir() / "starter.yaml").read_text(encoding="utf-8")
    path.write_text(starter.replace("{schema}", SCHEMA_FILE_NAME), encoding="utf-8")
    (path.parent / SCHEMA_FILE_NAME).write_text(schema_text(), encoding="utf-8")
    out.print(f"Wrote {path} and {path.parent / SCHEMA_FILE_NAME}.", highlight=False)
    out.print(f"Fill it in, then run: summarygen validate {path}", highlight=False)


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> list[str]:
    if value is None:
        return list(allowed)
    chosen = [item.strip() for item in value.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in allowed]
    if unknown or not chosen:
        raise typer.BadParameter(
            f"unknown {what} {', '.join(repr(u) for u in unknown) or '(none given)'}; "
            f"choose from: {', '.join(allowed)}"
        )
    return chosen


@app.command(epilog="Example: summarygen build samples/child-m.yaml -o pack --formats pdf,html")
def build(
    record: Annotated[Path, typer.Argument(help="The record file (.yaml, .yml or .json).")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the pack; it goes in OUT/<review id>/.")
    ] = Path("pack"),
    documents: Annotated[
        str | None,
        typer.Option(
            "--documents", help=f"Comma-separated, from: {', '.join(DOCUMENT_TYPES)}. Default: all."
        ),
    ] = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--formats", help=f"Comma-separated, from: {', '.join(FORMATS)}. Default: all."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Your organisation's templates folder: any file in it replaces the shipped one.",
        ),
    ] = None,
) -> None:
    """Make the publication pack: every document as DOCX, tagged PDF and HTML."""
    chosen_documents = _choice(documents, tuple(DOCUMENT_TYPES), "document")
    chosen_formats = _choice(formats, FORMATS, "format")
    if templates is not None and not templates.is_dir():
        err.print(f"{templates}: no such templates folder", markup=False)
        raise typer.Exit(ExitCode.BAD_INPUT)
    try:
        loaded = record_module.load_record(record)
    except RecordError as error:
        _report_record_error(error)
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    try:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True
        ) as progress:
            task = progress.add_task("Building", total=None)
            pack = build_pack(
                loaded,
                out_dir,
                documents=chosen_documents,
                formats=chosen_formats,
                templates=TemplateFolder(templates),
                progress=lambda step: progress.update(task, description=step),
            )
    except SummarygenError as error:
        err.print(f"[bold red]Build failed[/]: {error}", highlight=False)
        err.print("Nothing was published; any earlier pack is unchanged.")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    table = Table(title=f"{loaded.review.title}", title_justify="left")
    for column in ("document", "formats", "pages", "words"):
        table.add_column(column, justify="right" if column in ("pages", "words") else "left")
    for built in pack.documents:
        table.add_row(
            built.document.meta.document,
            ", ".join(f.format for f in built.files),
            str(built.pages) if built.pages is not None else "–",
            str(built.words),
        )
    out.print(table)
    for notice in pack.notices:
        out.print(f"[yellow]note[/]: {notice}", highlight=False)
    count = sum(len(b.files) for b in pack.documents)
    out.print(f"Wrote {count} files to {pack.folder}", highlight=False)


def main() -> None:
    app()
