"""What every summarygen command shares: how its help reads, how its usage errors are said,
and (for ``check``) a JSON outcome for every exit."""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from .errors import ExitCode


class OutputFormat(StrEnum):
    TERMINAL = "terminal"
    JSON = "json"


def _prose(text: str | None, *, keep_lines: bool = False) -> str | None:
    """Help text as paragraphs: the line breaks of the source's wrapping become spaces, so the
    help wraps at the terminal's width and never mid-phrase. ``keep_lines`` keeps each line
    (an epilog's examples, one a line)."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    if keep_lines:
        return "\n\n".join(paragraphs)
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def _switches_as_switches(params: list[Any]) -> list[Any]:
    """On/off options with no type shown after them (typer shows ``<bool>``), and every other
    value named in words in capitals (``RECORDS``, ``BASE-URL``), not by its Python type
    (typer shows ``<list[Path]>``, ``<path>``, ``<str>``)."""
    for param in params:
        if param.param_type_name == "argument":
            # the argument's name already says what it is (RECORDS); typer would show its
            # Python type beside it
            param.display_type_rich = lambda ctx: None
            continue
        if param.metavar is not None:
            continue
        if getattr(param, "is_flag", False):
            param.metavar = ""
        else:
            longest = max(getattr(param, "opts", None) or [param.name or ""], key=len)
            param.metavar = longest.lstrip("-").replace("_", "-").upper() or None
    return params


def _asks_for_json(args: Sequence[str]) -> bool:
    words = list(args)
    return any(
        word == "--format=json" or (word == "--format" and words[i + 1 : i + 2] == ["json"])
        for i, word in enumerate(words)
    )


class Command(TyperCommand):
    """Every summarygen command. Its help reads like a man page: paragraphs, not the line
    breaks of the source; on/off switches shown as switches (``--strict``, not ``--strict
    <bool>``); arguments in capitals in the usage line (``RECORD``, not ``{record}``). Its
    usage errors are said in words, without the validator's "Value error," prefix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _prose(self.help)
        self.epilog = _prose(self.epilog, keep_lines=True)

    def get_params(self, ctx: Any) -> list[Any]:
        return _switches_as_switches(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper()
                name += "..." if param.nargs != 1 else ""
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except Exception as error:  # a usage error (click's, vendored or not)
            said = getattr(error, "message", None)
            if isinstance(said, str):
                error.message = said.replace("Value error, ", "")  # type: ignore[attr-defined]
            raise


class JsonOutcomeCommand(Command):
    """A command whose ``--format json`` prints a JSON object on stdout for every outcome:
    its results, or ``{"error": ..., "exit_code": ...}`` for bad input (exit 2, including
    usage errors the parser finds) and for a file with no text (exit 1). What went wrong is
    still said on stderr, for a person."""

    json_written = False
    """Set by the command when it has printed its results as JSON."""
    errors = Console(stderr=True, soft_wrap=True)
    """Where the command says what went wrong (the command line sets its own console)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        wants_json = _asks_for_json(args)  # before the parser consumes ``args``
        try:
            return super().make_context(info_name, args, parent, **extra)
        except Exception as error:
            message = getattr(error, "format_message", None)
            if message is not None and wants_json:
                _print_json_error(message(), getattr(error, "exit_code", ExitCode.BAD_INPUT))
            raise

    def invoke(self, ctx: Any) -> Any:
        if ctx.params.get("output") is not OutputFormat.JSON:
            return super().invoke(ctx)
        JsonOutcomeCommand.json_written = False
        code: int = ExitCode.OK
        problem = ""
        caught: Exception | None = None
        result: Any = None
        with JsonOutcomeCommand.errors.capture() as captured:
            try:
                result = super().invoke(ctx)
            except typer.Exit as exit:
                code, caught = exit.exit_code, exit
            except Exception as error:  # a usage error the command raised (BadParameter)
                message = getattr(error, "format_message", None)
                if message is None:
                    raise
                code, caught = getattr(error, "exit_code", ExitCode.BAD_INPUT), error
                problem = message()
        said = captured.get()
        sys.stderr.write(said)
        if code != ExitCode.OK and not JsonOutcomeCommand.json_written:
            _print_json_error(problem or Text.from_ansi(said).plain.strip(), code)
        if caught is not None:
            raise caught
        return result


def _print_json_error(message: str, code: int) -> None:
    """The JSON outcome of a check that gave no results: what went wrong, and the exit code."""
    data = {"schema": 1, "passed": False, "exit_code": int(code), "error": message.strip()}
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


class Group(TyperGroup):
    """The ``summarygen`` command itself: its options shown as switches, its help as
    paragraphs, like every command's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _prose(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _switches_as_switches(super().get_params(ctx))


FIRST_STEPS = """\
Start here:
  summarygen new reviews/child-q.yaml        write a record to fill in
  summarygen validate reviews/child-q.yaml   check it is complete
  summarygen build reviews/child-q.yaml      make the publication pack
  summarygen check reviews/child-q.yaml      see what to change before publishing
Every command and option: summarygen --help"""
"""What ``summarygen`` with nothing after it prints: what to do first."""
