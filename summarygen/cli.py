"""The ``summarygen`` command line. Exit codes are :class:`ExitCode`."""

from __future__ import annotations

import json
import os
import shlex
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand

from . import record as record_module
from ._commands import FIRST_STEPS, Command, Group, JsonOutcomeCommand, OutputFormat
from ._resources import templates_dir
from ._templates import TemplateFolder
from ._terminal import terminal_line, terminal_text
from .checks.finding import Severity
from .checks.profiles import AUDIENCES, Profile, load_profiles, record_profile_overrides
from .documents import DOCUMENT_TYPES
from .errors import ChecksFailed, ExitCode, Problem, RecordError, SummarygenError
from .record import Record
from .record.schema import Waiver
from .writers import FORMATS

if TYPE_CHECKING:
    from rich.progress import Progress

    from .identity.register import ProtectedEntry

# Each command imports what only it needs (the writers, the identity scan, the reports) when
# it runs, so `summarygen check FILE` and `validate` start quickly.

SCHEMA_FILE_NAME = "summarygen-record.schema.json"


app = typer.Typer(
    name="summarygen",
    cls=Group,
    help="Make the publication pack of a child safeguarding case review from one record, "
    "and check it before it is published.\n\n"
    "Exit codes: 0 all good, 1 checks found problems, 2 bad input or usage.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
JsonOutcomeCommand.errors = err


def _version(value: bool) -> None:
    if value:
        out.print(f"summarygen {version('summarygen')}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    context: typer.Context,
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Exit codes: 0 all good, 1 checks found problems, 2 bad input or usage."""
    if context.invoked_subcommand is None:  # `summarygen` alone: what to do first
        out.print(terminal_text(FIRST_STEPS))
        raise typer.Exit(ExitCode.OK)


def _report_record_error(error: RecordError) -> None:
    count = len(error.problems)
    for problem in error.problems:
        err.print(terminal_text(problem))
    noun = "problem" if count == 1 else "problems"
    err.print(terminal_line((f"{count} {noun}", "bold red"), f" in {error.problems[0].file}"))


TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        metavar="FOLDER",
        help="Your organisation's templates folder: any file in it replaces the shipped one.",
    ),
]


@app.command(
    cls=Command,
    epilog="Examples:\n  summarygen validate reviews/child-q.yaml\n"
    "  summarygen validate samples/*.yaml",
)
def validate(
    records: Annotated[
        list[Path], typer.Argument(help="Record files (.yaml, .yml, .json, or Word .docx).")
    ],
    templates: TemplatesOption = None,
) -> None:
    """Check that records are complete and well formed.

    Every problem is reported at once, with its file, line and field. A record that
    validates can be built (with the same --templates). Text still as the starter wrote it
    ("Name of the independent reviewer") is listed. Exit 0 when every record is valid and
    finished, 1 when one still holds starter text, 2 when one is not valid."""
    failed = unfinished = False
    pictures = _pictures(_templates(templates))
    for path in records:
        try:
            loaded = record_module.load_record(path, pictures=pictures)
        except RecordError as error:
            failed = True
            _report_record_error(error)
            continue
        placeholders = _placeholders(loaded)
        if placeholders:
            unfinished = True
            _report_placeholders(placeholders, draft_hint=True)
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
        out.print(terminal_line(("✓", "green"), f" {path}: {review.title} ({counts})"))
    if failed:
        raise typer.Exit(ExitCode.BAD_INPUT)
    if unfinished:
        raise typer.Exit(ExitCode.CHECKS_FAILED)


def _placeholders(loaded: Record) -> list[Problem]:
    from .record.placeholders import find_placeholders
    from .record.provenance import origin_of

    origin = origin_of(loaded)
    return find_placeholders(origin.source, origin.file) if origin is not None else []


def _report_placeholders(placeholders: list[Problem], *, draft_hint: bool) -> None:
    for problem in placeholders:
        err.print(terminal_text(problem))
    count = len(placeholders)
    noun = "placeholder" if count == 1 else "placeholders"
    hint = "; or build a draft with --draft" if draft_hint else ""
    err.print(
        terminal_line(
            (f"{count} {noun}", "bold red"),
            f" from the starter still in {placeholders[0].file}: replace "
            f"{'it' if count == 1 else 'them'} with the review's own words{hint}",
        )
    )


def _count(number: int, noun: str) -> str:
    plural = {"child": "children", "entry": "entries"}.get(noun, noun + "s")
    return f"{number} {noun if number == 1 else plural}"


def schema_text() -> str:
    return json.dumps(record_module.Record.model_json_schema(), indent=2) + "\n"


@app.command(cls=Command, epilog="Example:\n  summarygen schema > summarygen-record.schema.json")
def schema() -> None:
    """Print the JSON Schema of a record.

    For editors that check YAML as you type (summarygen new writes it beside the record)."""
    typer.echo(schema_text(), nl=False)


@app.command(cls=Command, epilog="Example:\n  summarygen register protected.txt")
def register(
    protected: Annotated[
        Path, typer.Argument(help="Your protected register (plain text, or .yaml/.yml/.json).")
    ],
) -> None:
    """Show how each entry of a protected register was understood.

    For each entry: its category, why, and the forms it is looked for in. Entries are shown
    masked ("name #1, S…d"), never in full."""
    from .identity.matching import forms_of

    entries = _register(protected)
    out.print(
        terminal_text(
            f"{protected}: {_count(len(entries), 'entry')} (shown masked; never printed in full)"
        )
    )
    for entry in entries:
        where = f"line {entry.line}" if entry.line is not None else "-"
        out.print(terminal_text(f"{where}: {entry.masked}: {entry.read_as}"))
        out.print(terminal_text(f"    looked for: {'; '.join(forms_of(entry))}"))


@app.command(cls=Command, epilog="Example:\n  summarygen new reviews/child-q.yaml")
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the new record.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a starter record to fill in.

    The record is commented, field by field; the schema is written beside it, for your
    editor."""
    if path.exists() and not force:
        err.print(terminal_text(f"{path}: already exists; choose another name or add --force"))
        raise typer.Exit(ExitCode.BAD_INPUT)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        err.print(terminal_text(f"{path.parent}: cannot make the folder: {error.strerror}"))
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    if path.suffix.lower() == ".docx":  # the record as a Word form
        from .record.word import write_form

        write_form(path)
        out.print(terminal_text(f"Wrote {path}. Fill it in, then run: summarygen validate {path}"))
        return
    starter = (templates_dir() / "starter.yaml").read_text(encoding="utf-8")
    path.write_text(starter.replace("{schema}", SCHEMA_FILE_NAME), encoding="utf-8")
    (path.parent / SCHEMA_FILE_NAME).write_text(schema_text(), encoding="utf-8")
    out.print(terminal_text(f"Wrote {path} and {path.parent / SCHEMA_FILE_NAME}."))
    out.print(terminal_text(f"Fill it in, then run: summarygen validate {path}"))


@app.command(
    name="import", cls=Command, epilog="Example:\n  summarygen import report.docx -o child-q.yaml"
)
def import_report(
    report: Annotated[Path, typer.Argument(help="The overview report (.docx; or .md, .txt).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the draft.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Make a draft record from an existing overview report.

    What it can place goes in its field, the rest in `notes` with where it came from; it
    never writes wording for a reader the report did not write for."""
    from .importing.command import run_import

    raise typer.Exit(run_import(report, output, force=force, out=out, err=err))


@app.command(
    cls=Command,
    epilog="Examples:\n  summarygen export record.yaml review.docx\n"
    "  summarygen export review.docx record.yaml",
)
def export(
    source: Annotated[Path, typer.Argument(help="A record: .yaml, .yml, .json or .docx.")],
    target: Annotated[Path, typer.Argument(help="Write it here: .docx (Word) or .yaml.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    templates: TemplatesOption = None,
) -> None:
    """Turn a record into the Word form, or a Word form into a YAML record.

    The record is validated first, as by validate: a record with a problem writes nothing."""
    from .record.word import export_record

    if target.is_dir():
        err.print(terminal_text(f"{target}: is a folder; give the name of the file to write"))
        raise typer.Exit(ExitCode.BAD_INPUT)
    if os.path.lexists(target) and not force:
        err.print(terminal_text(f"{target}: already exists; choose another name or add --force"))
        raise typer.Exit(ExitCode.BAD_INPUT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # as new and import do
        export_record(source, target, pictures=_pictures(_templates(templates)))
    except RecordError as error:
        _report_record_error(error)
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except OSError as error:
        err.print(terminal_text(f"{target}: cannot be written: {error.strerror or error}"))
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    out.print(terminal_text(f"Wrote {target}."))


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


FAIL_ON_HELP = "Fail (exit 1) on findings at this level or worse: error, warning or suggestion."
ProfilesOption = Annotated[
    Path | None,
    typer.Option(
        "--profiles",
        metavar="FILE",
        help="Your organisation's audience profiles (YAML) to override ours.",
    ),
]
FailOnOption = Annotated[Severity, typer.Option("--fail-on", metavar="LEVEL", help=FAIL_ON_HELP)]
ProtectedOption = Annotated[
    Path | None,
    typer.Option(
        "--protected",
        metavar="FILE",
        help="Your protected register: real names and identifiers that must never be "
        "published. Read only by the identity check; never copied or printed.",
    ),
]
DocumentsOption = Annotated[
    str | None,
    typer.Option(
        "--documents",
        metavar="LIST",
        help=f"Comma-separated, from: {', '.join(DOCUMENT_TYPES)}. Default: all.",
    ),
]


def _templates(templates: Path | None) -> TemplateFolder:
    if templates is not None and not templates.is_dir():
        err.print(terminal_text(f"{templates}: no such templates folder"))
        raise typer.Exit(ExitCode.BAD_INPUT)
    return TemplateFolder(templates)


def _pictures(folder: TemplateFolder) -> list[str] | None:
    """The easy read picture names ``folder`` offers, for checking a record against them
    (None for the shipped folder: the record reader reads its names only when needed)."""
    if folder.override is None:
        return None
    try:
        folder.check_folder()
        return list(folder.pictures)
    except SummarygenError as error:
        err.print(terminal_text(error))  # it names the file, line and entry
        raise typer.Exit(ExitCode.BAD_INPUT) from None


def _load(record: Path, folder: TemplateFolder) -> Record:
    try:
        return record_module.load_record(record, pictures=_pictures(folder))
    except RecordError as error:
        _report_record_error(error)
        raise typer.Exit(ExitCode.BAD_INPUT) from None


def _check_pack_folder(out_dir: Path, review_id: str) -> None:
    """Exit 2, before anything is built, if the pack cannot be written under ``out_dir``."""
    target = out_dir / review_id
    if target.exists() and not target.is_dir():
        err.print(terminal_text(f"cannot write the pack to {target}: it is a file"))
        raise typer.Exit(ExitCode.BAD_INPUT)
    for folder in (out_dir, *out_dir.absolute().parents):
        if not folder.exists():
            continue
        if not folder.is_dir():
            what = "it is a file" if folder == out_dir else f"{folder} is a file"
            err.print(terminal_text(f"cannot write the pack to {out_dir}: {what}"))
            raise typer.Exit(ExitCode.BAD_INPUT)
        if not os.access(folder, os.W_OK | os.X_OK):
            err.print(
                terminal_text(
                    f"cannot write the pack to {out_dir}: no permission to write in {folder}"
                )
            )
            raise typer.Exit(ExitCode.BAD_INPUT)
        return


def _register(protected: Path | None) -> list[ProtectedEntry]:
    from .identity.register import load_register

    if protected is None:
        return []
    try:
        return load_register(protected)
    except RecordError as error:
        _report_record_error(error)
        raise typer.Exit(ExitCode.BAD_INPUT) from None


def _profiles(profiles: Path | None, loaded: Record | None) -> dict[str, Profile]:
    try:
        overrides = record_profile_overrides(loaded) if loaded is not None else None
        return load_profiles(profiles, overrides)
    except RecordError as error:
        _report_record_error(error)
        raise typer.Exit(ExitCode.BAD_INPUT) from None


def _cannot_write(error: OSError, what: str = "the pack") -> str:
    """Why a file could not be written, for a person (no traceback, no errno)."""
    import errno

    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"cannot write {what}{where}: the disk is full; free some space and try again"
    if error.errno == errno.EFBIG:
        return (
            f"cannot write {what}{where}: a file grew past the size this system allows; "
            "free some space or ask your IT team about the limit"
        )
    return f"cannot write {what}{where}: {error.strerror or error}"


def progress_display(console: Console) -> Progress:
    """The build's one-line progress display; its descriptions are text, never markup."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        console=console,
        transient=True,
    )


@app.command(
    cls=Command,
    epilog="Examples:\n  summarygen build reviews/child-q.yaml\n"
    "  summarygen build samples/child-m.yaml -o pack --formats pdf,html\n"
    "  summarygen build reviews/child-q.yaml --protected protected.txt --strict",
)
def build(
    record: Annotated[
        Path, typer.Argument(help="The record file (.yaml, .yml, .json, or Word .docx).")
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="FOLDER",
            help="Folder for the pack; it goes in OUT/<review id>/.",
        ),
    ] = Path("pack"),
    documents: DocumentsOption = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--formats",
            metavar="LIST",
            help=f"Comma-separated, from: {', '.join(FORMATS)}. Default: all.",
        ),
    ] = None,
    templates: TemplatesOption = None,
    profiles: ProfilesOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Publish nothing if any document fails its checks."),
    ] = False,
    fail_on: FailOnOption = Severity.ERROR,
    protected: ProtectedOption = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Make a draft: DRAFT on every page and file. Needed while the record still "
            "holds the starter's placeholders.",
        ),
    ] = False,
) -> None:
    """Make the publication pack.

    Every document as DOCX, tagged PDF and HTML, each checked against its readers'
    targets, with the check reports written into the pack.

    Every written file is scanned for anything that identifies a person (with --protected,
    for every entry of your register too): if one is found, nothing is published.

    Exit 0 when every document passes its checks, 1 when one does not (the pack is still
    written, unless --strict or an identifier was found), 2 for bad input."""
    from rich.table import Table

    from .checks.engine import DocumentCheck
    from .pack import IdentityBlocked, build_pack
    from .report import print_summary, print_terminal, print_waivers, verdict_parts

    chosen_documents = _choice(documents, tuple(DOCUMENT_TYPES), "document")
    chosen_formats = _choice(formats, FORMATS, "format")
    folder = _templates(templates)
    loaded = _load(record, folder)
    placeholders = [] if draft else _placeholders(loaded)
    if placeholders:
        _report_placeholders(placeholders, draft_hint=True)
        err.print(terminal_line(("Not published", "bold red"), ": the record is not finished."))
        raise typer.Exit(ExitCode.CHECKS_FAILED)
    _check_pack_folder(out_dir, loaded.review.id)
    chosen_profiles = _profiles(profiles, loaded)
    register = _register(protected)
    try:
        with progress_display(err) as progress:
            task = progress.add_task("Building", total=None)
            pack = build_pack(
                loaded,
                out_dir,
                documents=chosen_documents if documents else None,  # None: all it has
                formats=chosen_formats,
                templates=folder,
                progress=lambda step: progress.update(task, description=step),
                profiles=chosen_profiles,
                strict=strict,
                fail_on=fail_on,
                register=register,
                draft=draft,
            )
    except IdentityBlocked as error:
        results = [r for r in error.results if isinstance(r, DocumentCheck)]
        print_terminal(results, err, fail_on=fail_on, show=Severity.ERROR, only="identity.")
        err.print(terminal_line(("Not published", "bold red"), f": {error}."))
        err.print("Nothing was published; any earlier pack is unchanged.")
        raise typer.Exit(ExitCode.CHECKS_FAILED) from None
    except ChecksFailed as error:
        results = [r for r in error.results if isinstance(r, DocumentCheck)]
        command = shlex.join(["summarygen", "check", str(record)])
        print_summary(results, err, fail_on=fail_on, command=command)
        err.print(terminal_line(("Not published", "bold red"), f": {error} (--strict)."))
        err.print("Nothing was published; any earlier pack is unchanged.")
        raise typer.Exit(ExitCode.CHECKS_FAILED) from None
    except SummarygenError as error:
        err.print(terminal_line(("Build failed", "bold red"), f": {error}"))
        err.print("Nothing was published; any earlier pack is unchanged.")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except OSError as error:  # the disk filled up, or a file grew past the system's limit
        err.print(terminal_line(("Build failed", "bold red"), f": {_cannot_write(error)}"))
        err.print("Nothing was published; any earlier pack is unchanged.")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    table = Table(title=terminal_text(loaded.review.title), title_justify="left")
    for column in ("", "document", "formats", "pages", "words", "checks"):
        table.add_column(column, justify="right" if column in ("pages", "words") else "left")
    for built in pack.documents:
        symbol, said, style = verdict_parts(built.check, fail_on) if built.check else ("", "", "")
        table.add_row(
            Text(symbol, style=style),
            terminal_text(built.document.meta.document),
            terminal_text(", ".join(f.format for f in built.files)),
            terminal_text(f"{built.pages:,}" if built.pages is not None else "–"),
            terminal_text(f"{built.words:,}"),
            Text(said, style=style),
        )
    out.print(table)
    for notice in pack.notices:  # a document that fell back to another reader's wording
        out.print(terminal_line(("notice", "yellow"), ": ", notice))
    print_waivers(loaded.waivers, out)
    count = sum(len(b.files) for b in pack.documents)
    out.print(terminal_text(f"Wrote {_count(count, 'file')} to {pack.folder}"))
    if draft:
        out.print(terminal_text("This is a draft: every page and file says DRAFT."))
    for note in pack.skipped:
        out.print(terminal_text(f"Note: {note}."))
    for report in pack.reports:
        out.print(terminal_text(f"Check report: {report}"))
    if any(check.fails(fail_on) for check in pack.checks):
        err.print(
            terminal_line(
                ("Some documents did not pass their checks", "bold red"),
                f": see the report, or run summarygen check {record}",
            )
        )
        raise typer.Exit(ExitCode.CHECKS_FAILED)


RECORD_SUFFIXES = (".yaml", ".yml", ".json")
RECORDS_FOLDER_HELP = "A folder of records (YAML, JSON or Word record forms)."


@app.command(
    cls=JsonOutcomeCommand,
    epilog="Examples:\n  summarygen check reviews/child-q.yaml\n"
    "  summarygen check samples/child-m.yaml --report report.html\n"
    "  summarygen check samples/child-m.yaml --details\n"
    "  summarygen check statement.docx --audience press-statement --format json",
)
def check(
    target: Annotated[
        Path,
        typer.Argument(
            help="A record (.yaml, .yml, .json, or a Word form .docx): every document of "
            "its pack is checked. Or a "
            "document written by hand (.docx, .pdf, .html, .md, .txt) with --audience."
        ),
    ],
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            metavar="WHO",
            help=f"Who a hand-written document is for: {', '.join(AUDIENCES)}, or a document "
            "id such as press-statement.",
        ),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option("--format", metavar="FORMAT", help="terminal, or json for pipelines."),
    ] = OutputFormat.TERMINAL,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Also write a one-page HTML report here."),
    ] = None,
    fail_on: FailOnOption = Severity.ERROR,
    documents: DocumentsOption = None,
    profiles: ProfilesOption = None,
    templates: TemplatesOption = None,
    protected: ProtectedOption = None,
    built_from: Annotated[
        Path | None,
        typer.Option(
            "--record",
            metavar="FILE",
            help="For a file of a built pack: the record it was built from, so its reading "
            "targets, named people, press contact and waivers count as they did in the build.",
        ),
    ] = None,
    axe: Annotated[
        bool,
        typer.Option(
            "--axe",
            help="For an HTML file: also run axe-core in Chromium (both must be installed).",
        ),
    ] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details", help="List every finding in the terminal, not only the first few."
        ),
    ] = False,
) -> None:
    """Check documents against their readers' targets.

    Reading ease, sentence length, plain words, jargon, victim-blaming language, acronyms;
    consistency across a pack; and anything that identifies a person (a record's pack is
    written to a temporary folder and the files scanned).

    The terminal shows each document's verdict and scores, and the findings that most need
    attention; --details lists every one, --report writes them all to a page, --format json
    prints them for a pipeline.

    Exit 0 when all pass, 1 when a check fails (--fail-on sets the level), 2 for bad
    input."""
    from .accessibility import accessibility_findings
    from .checks.engine import check_document
    from .checks.finding import worst_first
    from .checks.units import located_in_text
    from .identity.detect import Allowed
    from .identity.gate import (
        advice_without_record,
        allowed_by,
        check_register_against,
        masked_quotes,
        scan_files,
    )
    from .readers.files import NO_TEXT, has_text, read_file
    from .report import print_summary, print_terminal, print_waivers, render_html, to_data

    folder = _templates(templates)
    register = _register(protected)
    from .record.word import is_record_form

    if target.suffix.lower() in RECORD_SUFFIXES or (audience is None and is_record_form(target)):
        if audience is not None:
            raise typer.BadParameter("--audience is for a hand-written document, not a record")
        if built_from is not None:
            raise typer.BadParameter("--record is for a file of a pack, not a record")
        loaded = _load(target, folder)
        chosen = _choice(documents, tuple(DOCUMENT_TYPES), "document")
        chosen_profiles = _profiles(profiles, loaded)
        from ._staging import private_scratch
        from .pack import render_and_check
        from .writers.pdf import scratch_in as pdf_scratch_in

        try:
            with (
                private_scratch(Path(tempfile.gettempdir())) as scratch,
                pdf_scratch_in(scratch),
            ):
                _, results = render_and_check(
                    loaded,
                    scratch,
                    documents=chosen if documents else None,  # None: all it has
                    templates=folder,
                    profiles=chosen_profiles,
                    register=register,
                )
        except SummarygenError as error:
            err.print(terminal_line(("Could not compose", "bold red"), f": {error}"))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        title = loaded.review.title
        waivers: Sequence[Waiver] = loaded.waivers
    else:
        if audience is None:
            raise typer.BadParameter(
                f"say who {target.name} is for with --audience ({', '.join(AUDIENCES)})"
            )
        audience_id = DOCUMENT_TYPES[audience].audience if audience in DOCUMENT_TYPES else audience
        if audience_id not in AUDIENCES:
            raise typer.BadParameter(
                f"unknown audience '{audience}'; choose from: {', '.join(AUDIENCES)} "
                f"or a document id ({', '.join(DOCUMENT_TYPES)})"
            )
        source = _load(built_from, folder) if built_from is not None else None
        chosen_profiles = _profiles(profiles, source)
        allowed = allowed_by(source, audience_id) if source is not None else Allowed()
        try:
            if source is not None:
                check_register_against(source, register)
            document = read_file(target, audience_id)
            if not has_text(document):
                err.print(terminal_text(f"{target}: {NO_TEXT}"))
                raise typer.Exit(ExitCode.CHECKS_FAILED)
            identity = located_in_text(scan_files([target], register, allowed), document)
            if source is None:
                identity = advice_without_record(identity)
            identity += accessibility_findings(target, axe=axe)
        except RecordError as error:
            _report_record_error(error)
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        except SummarygenError as error:
            err.print(terminal_text(f"{target}: {error}"))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        result = masked_quotes(
            check_document(document, chosen_profiles[audience_id]), register, allowed
        )
        results = [replace(result, findings=tuple(worst_first([*identity, *result.findings])))]
        title = target.name
        waivers = source.waivers if source is not None else ()
    if report is not None:
        try:
            page = render_html(
                results, title=title, fail_on=fail_on, templates=folder, waivers=waivers
            )
            report.write_text(page, encoding="utf-8")
        except SummarygenError as error:
            err.print(terminal_line(("Could not write the report", "bold red"), f": {error}"))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        except OSError as error:
            if error.filename is None:
                error.filename = str(report)
            err.print(terminal_text(_cannot_write(error, "the report")))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(to_data(results, fail_on, waivers), indent=2, ensure_ascii=False))
        JsonOutcomeCommand.json_written = True
    elif details:
        print_waivers(waivers, out)
        print_terminal(results, out, fail_on=fail_on)
        if report is not None:
            out.print(terminal_text(f"Report: {report}"))
    else:
        print_waivers(waivers, out)
        command = shlex.join(
            ["summarygen", "check", str(target)]
            + (["--audience", audience] if audience is not None else [])
            + (["--record", str(built_from)] if built_from is not None else [])
        )
        print_summary(results, out, fail_on=fail_on, title=title, report=report, command=command)
    if any(result.fails(fail_on) for result in results):
        raise typer.Exit(ExitCode.CHECKS_FAILED)


@app.command(
    cls=Command,
    epilog="Example:\n  summarygen site reviews/ -o site --base-url https://example.org/reviews/",
)
def site(
    records: Annotated[Path, typer.Argument(help=RECORDS_FOLDER_HELP)],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="The site's folder; it is replaced whole.")
    ] = Path("site"),
    base_url: Annotated[
        str,
        typer.Option("--base-url", help="Where the site will be published, for the feed's links."),
    ] = "",
    templates: TemplatesOption = None,
    protected: ProtectedOption = None,
) -> None:
    """Build the partnership's case reviews website.

    Every record's pack, and the website around them: an index by kind of review, a page
    per review with every document, an Atom feed and reviews.json. Every page is scanned
    for identifiers like the documents.

    A record that cannot be built is listed and left out; the rest is published. Exit 0 when
    every record is on the site, 1 when one was left out or a page has an identifier
    (then nothing is published), 2 for bad input."""
    from .site import SiteBlocked, build_site

    folder = _templates(templates)
    _pictures(folder)
    register = _register(protected)
    try:
        with progress_display(err) as progress:
            task = progress.add_task("Building the site", total=None)
            built = build_site(
                records,
                out_dir,
                templates=folder,
                register=register,
                base_url=base_url,
                progress=lambda step: progress.update(task, description=step),
            )
    except SiteBlocked as error:
        err.print(terminal_line(("Not published", "bold red"), f": {error}."))
        err.print("Nothing was published; any earlier site is unchanged.")
        raise typer.Exit(ExitCode.CHECKS_FAILED) from None
    except SummarygenError as error:
        err.print(terminal_line(("Site failed", "bold red"), f": {error}"))
        err.print("Nothing was published; any earlier site is unchanged.")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    for review in built.reviews:
        out.print(terminal_text(f"{review.source.name}: {review.record.review.title}"))
    for skipped in built.skipped:
        left_out = f": {skipped.path.name} {skipped.reason}"
        err.print(terminal_line(("Left out", "bold red"), left_out))
    for finding in built.findings:
        out.print(terminal_text(f"{finding.severity.value}: {finding.document}: {finding.message}"))
    out.print(
        terminal_text(
            f"Published {len(built.reviews)} of {len(built.reviews) + len(built.skipped)} "
            f"reviews to {built.folder}: open {built.folder / 'index.html'}"
        )
    )
    if built.skipped or any(f.severity is Severity.ERROR for f in built.findings):
        raise typer.Exit(ExitCode.CHECKS_FAILED)


@app.command(cls=Command, epilog="Example:\n  summarygen digest samples/ -o digest")
def digest(
    records: Annotated[Path, typer.Argument(help=RECORDS_FOLDER_HELP)],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="The digest's folder; it is replaced whole.")
    ] = Path("digest"),
    formats: Annotated[
        str | None,
        typer.Option(
            "--formats", help=f"Comma-separated, from: {', '.join(FORMATS)}. Default: all."
        ),
    ] = None,
    templates: TemplatesOption = None,
    protected: ProtectedOption = None,
) -> None:
    """Write one document summarising several reviews.

    For each review its key facts, what agencies did and its main learning, and the themes
    that recur across them, as DOCX, PDF and HTML, checked for professionals and scanned for
    identifiers.

    Exit 0 when it passes its checks, 1 when it does not (an identifier: nothing is
    published), 2 for bad input (a record that is not valid)."""
    from .checks.engine import DocumentCheck
    from .digest import build_digest
    from .report import plural, print_summary, print_terminal
    from .site import record_files

    folder = _templates(templates)
    chosen_formats = _choice(formats, FORMATS, "format")
    register = _register(protected)
    try:
        paths = record_files(records)
    except SummarygenError as error:
        err.print(terminal_text(str(error)))
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    if not paths:
        err.print(
            terminal_text(
                f"{records}: no records in this folder (.yaml, .yml, .json, or a Word record form)"
            )
        )
        raise typer.Exit(ExitCode.BAD_INPUT)
    loaded = [_load(path, folder) for path in paths]
    unfinished = [problem for record in loaded for problem in _placeholders(record)]
    if unfinished:
        _report_placeholders(unfinished, draft_hint=False)
        raise typer.Exit(ExitCode.CHECKS_FAILED)
    try:
        made = build_digest(
            loaded,
            out_dir,
            formats=chosen_formats,
            templates=folder,
            register=register,
            keep=[records, *paths],
        )
    except ChecksFailed as error:
        results = [r for r in error.results if isinstance(r, DocumentCheck)]
        print_terminal(results, err, fail_on=Severity.ERROR, show=Severity.ERROR, only="identity.")
        err.print(terminal_line(("Not published", "bold red"), f": {error}."))
        raise typer.Exit(ExitCode.CHECKS_FAILED) from None
    except SummarygenError as error:
        err.print(terminal_line(("Digest failed", "bold red"), f": {error}"))
        err.print("Nothing was published; any earlier digest is unchanged.")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    if made.check is not None:
        docx = [path for path in made.files if path.suffix == ".docx"]
        print_summary(
            [made.check],
            out,
            title="Summary of case reviews",
            command=shlex.join(
                ["summarygen", "check", str((docx or made.files)[0]), "--audience", "professional"]
            ),
        )
    for notice in made.notices:
        out.print(terminal_text(f"Note: {notice}"))
    out.print(terminal_text(f"Wrote {plural(len(made.files), 'file')} to {made.folder}"))
    if made.check is not None and made.check.fails(Severity.ERROR):
        raise typer.Exit(ExitCode.CHECKS_FAILED)


@app.command(cls=Command, epilog="Example: summarygen preview samples/child-m.yaml")
def preview(
    record: Annotated[Path, typer.Argument(help="The record you are drafting.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (default: a free one).")] = 0,
    browser: Annotated[bool, typer.Option(help="Open the page in your browser.")] = True,
    profiles: ProfilesOption = None,
    templates: TemplatesOption = None,
    protected: ProtectedOption = None,
) -> None:
    """Show the pack with its findings highlighted, updated as you save.

    Every document of the pack with its findings highlighted in the text, on a page only this
    computer can open; it updates itself each time you save the record. Ctrl-C stops it.
    Nothing is written."""
    from .preview.command import run_preview

    def say(line: str) -> None:
        err.print(terminal_text(line))

    code = run_preview(
        record, port=port, open_browser=browser, templates=_templates(templates),
        profiles=profiles, register=_register(protected), say=say,
    )  # fmt: skip
    raise typer.Exit(code)


for _registered in app.registered_commands:  # a command added without cls= reads the same
    if _registered.cls in (None, TyperCommand):
        _registered.cls = Command


def main() -> None:
    app()
