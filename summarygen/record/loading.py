"""Load a record file and report every problem in it, each with file, line, column and field."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Collection, Iterator
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .._files import read_author_file
from ..errors import Problem, RecordError
from . import references
from .schema import Record, shown
from .yaml_source import Path, Position, Source, SourceSyntaxError, character_name, parse

_UNION_TAGS = {"one-text", "per-register"}
_PATTERN_MESSAGES = {
    r"^[a-z0-9][a-z0-9-]*$": "use lowercase letters, digits and hyphens only",
    r"^[A-Za-z][A-Za-z0-9._-]*$": "an id starts with a letter and holds letters, digits, "
    "'.', '_' or '-' only (e.g. R1)",
}


def _at(name: str, position: Position | None, path: Path, message: str) -> Problem:
    line = position.line if position else None
    column = position.column if position else None
    return Problem(name, line, column, dotted(path), message)


def load_record(path: str | FilePath, *, pictures: Collection[str] | None = None) -> Record:
    """Read and validate one record (YAML or JSON).

    ``pictures`` are the easy read picture names the templates folder has (default: the
    shipped set); a point naming another picture is a problem, as it would fail the build.
    Raises :class:`RecordError` listing every problem found, each located.
    """
    return load_record_and_source(path, pictures=pictures)[0]


def load_record_and_source(
    path: str | FilePath, *, pictures: Collection[str] | None = None
) -> tuple[Record, Source]:
    """The record (see :func:`load_record`) and the Source it was read from (its positions,
    to locate the starter's placeholders). The record keeps its origin for provenance:
    :func:`summarygen.record.provenance.origin_of`."""
    from .provenance import RecordOrigin

    file = FilePath(path)
    source = read_source(file)
    record = validate_source(source, str(file), pictures=pictures)
    RecordOrigin(str(file), source).attach(record)
    return record, source


def read_source(file: FilePath) -> Source:
    """The plain data of a record file and where each value stands: YAML or JSON, or a
    Word form (.docx, :mod:`.word`)."""
    name = str(file)
    if file.suffix.lower() == ".docx":
        from .word import read_word_source

        return read_word_source(file)
    text = read_author_file(file, "record")
    try:
        return parse(text, is_json=file.suffix.lower() == ".json")
    except SourceSyntaxError as error:
        raise RecordError([_at(name, error.position, (), error.message)]) from None


def validate_source(
    source: Source, name: str, *, pictures: Collection[str] | None = None
) -> Record:
    """The Record in ``source``, or a RecordError with every problem (see :func:`load_record`)."""
    if source.place(()) is not None:
        return _validate_placed(source, name, pictures=pictures)
    problems = [
        _at(
            name,
            again,
            path,
            f"'{path[-1]}' is given twice (first at line {first.line}); give it once",
        )
        for path, first, again in source.duplicate_keys
    ]
    if not isinstance(source.data, dict):
        problems.append(
            _at(
                name,
                Position(1, 1),
                (),
                "a record must be a mapping of fields "
                "(review:, subjects:, ...); `summarygen new` writes a starter",
            )
        )
        raise RecordError(problems)
    record: Record | None = None
    try:
        record = Record.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_problem(name, source, detail) for detail in _without_echoes(error))
    problems.extend(
        _at(name, source.position(ref.path), ref.path, ref.message)
        for ref in references.check(source.data)
    )
    problems.extend(
        _at(name, source.position(path), path, message)
        for path, message in _unpublishable_characters(source.data, ())
    )
    problems.extend(
        _at(name, source.position(path), path, message)
        for path, message in _unknown_pictures(source.data, pictures)
    )
    if problems or record is None:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise RecordError(problems)
    return record


def _validate_placed(source: Source, name: str, *, pictures: Collection[str] | None) -> Record:
    """As :func:`validate_source`, for a source that names places in its own terms (a Word
    form: "Actions table, row 3, "Due""): the same checks, in the order of the document."""

    def at(path: Path, message: str, *, key: bool = False) -> Problem:
        return Problem(name, None, None, source.place(path, key=key) or "", message)

    problems = [Problem(name, None, None, place, message) for place, message in source.notes]
    record: Record | None = None
    try:
        record = Record.model_validate(source.data)
    except ValidationError as error:
        for detail in _without_echoes(error):
            path = tuple(part for part in detail["loc"] if part not in _UNION_TAGS)
            message = (detail["type"] == "missing" and source.missing_message(path)) or None
            problems.append(
                at(
                    path,
                    message or _message(detail, path),
                    key=detail["type"] == "extra_forbidden",
                )
            )
    problems.extend(at(ref.path, ref.message) for ref in references.check(source.data))
    problems.extend(
        at(path, message) for path, message in _unpublishable_characters(source.data, ())
    )
    problems.extend(at(path, message) for path, message in _unknown_pictures(source.data, pictures))
    if problems or record is None:
        raise RecordError(problems)
    return record


UNPUBLISHABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
"""Control characters (but tab and line breaks), lone surrogates and non-characters.

The PDF engine refuses them and HTML would publish them raw; a person never means them
(they come from copying out of other programs, or from escapes such as "\\a")."""


def _unpublishable_characters(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _unpublishable_characters(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unpublishable_characters(item, (*path, index))
    elif isinstance(value, str):
        found = UNPUBLISHABLE.search(value)
        if found:
            index, character = found.start(), found.group()
            where = f"after {shown(value[max(0, index - 30) : index])}" if index else "first"
            yield (
                path,
                f"the text holds the control character {character_name(character)} "
                f"(character {index + 1}, {where}): delete it; documents cannot publish it",
            )


_EASY_READ_SECTIONS = (
    "why",
    "what_happened",
    "what_went_wrong",
    "what_will_change",
    "who_can_help",
)


def _unknown_pictures(data: Any, pictures: Collection[str] | None) -> Iterator[tuple[Path, str]]:
    easy_read = data.get("easy_read") if isinstance(data, dict) else None
    if not isinstance(easy_read, dict):
        return
    if pictures is None:
        from .._templates import TemplateFolder

        pictures = TemplateFolder().pictures.keys()
    known = sorted(pictures)
    for section in _EASY_READ_SECTIONS:
        points = easy_read.get(section)
        for index, point in enumerate(points if isinstance(points, list) else []):
            picture = point.get("picture") if isinstance(point, dict) else None
            if isinstance(picture, str) and picture not in pictures:
                close = difflib.get_close_matches(picture, known, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"the pictures are: {', '.join(known)}"
                )
                yield (
                    ("easy_read", section, index, "picture"),
                    (f"no picture named '{picture}'; {hint}"),
                )


def _without_echoes(error: ValidationError) -> list[ErrorDetails]:
    """Drop "required field is missing" where the same mistake is already an unknown field.

    A typo such as ``harms:`` for ``harm:`` is one mistake, reported once, with its fix.
    """
    details = error.errors()
    misspelt: set[tuple[str | int, ...]] = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            parent, field = detail["loc"][:-1], str(detail["loc"][-1])
            path = tuple(p for p in parent if p not in _UNION_TAGS)
            close = difflib.get_close_matches(field, _fields_at(path), n=1, cutoff=0.6)
            if close:
                misspelt.add((*detail["loc"][:-1], close[0]))
    return [d for d in details if not (d["type"] == "missing" and d["loc"] in misspelt)]


def _problem(name: str, source: Source, detail: ErrorDetails) -> Problem:
    path: Path = tuple(part for part in detail["loc"] if part not in _UNION_TAGS)
    position = source.position(path, key=detail["type"] == "extra_forbidden")
    return _at(name, position, path, _message(detail, path))


def _message(detail: ErrorDetails, path: Path) -> str:
    kind = detail["type"]
    given = detail.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        field = str(path[-1])
        allowed = _fields_at(path[:-1])
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = (
            f": did you mean '{close[0]}'?"
            if close
            else (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        )
        return f"unknown field '{field}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = str((detail.get("ctx") or {}).get("pattern", ""))
        return f"'{given}' is not allowed: " + _PATTERN_MESSAGES.get(
            pattern, f"must match {pattern}"
        )
    if kind in {
        "string_type",
        "dict_type",
        "list_type",
        "model_type",
        "int_type",
        "bool_type",
        "int_parsing",
        "bool_parsing",
        "text_type",
        "model_attributes_type",
    }:
        expected = {
            "string_type": "text",
            "dict_type": "a mapping of fields",
            "model_type": "a mapping of fields",
            "model_attributes_type": "a mapping of fields",
            "list_type": "a list",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
            "text_type": "text, or a mapping with a text for professional, plain and/or child",
        }[kind]
        return f"expected {expected}, got {_describe(given)}"
    if kind == "enum" or kind == "literal_error":
        options = str((detail.get("ctx") or {}).get("expected", ""))
        return f"'{given}' is not allowed: use {options}"
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


def dotted(path: Path) -> str:
    """A field path as the record names it: ``findings[2].analysis``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(path: Path) -> list[str]:
    """Names of the fields allowed at ``path`` in a record (for 'did you mean')."""
    model: Any = Record
    for part in path:
        model = _step(model, part)
        if model is None:
            return []
    model = _model_in(model)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _step(annotation: Any, part: str | int) -> Any:
    model = _model_in(annotation)
    if isinstance(part, int):
        for arg in typing.get_args(_unwrap(annotation)):
            if _model_in(arg) is not None:
                return arg
        return None
    if model is None:
        return None
    for name, info in model.model_fields.items():
        if part in (name, info.alias):
            return info.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
