"""The layout of a record as a Word document, derived from the record's schema.

Every part of a :class:`~summarygen.record.schema.Record` has one place in the Word form, and
the place is worked out from the pydantic model, so a field added to the schema later appears
in the form (and is read back) without hand work:

- a top-level prose field (``background``) is a section: a heading and its paragraphs, with
  the per-reader wording under the labels of :data:`REGISTER_LABELS`;
- a top-level plain value or list of values (``fiction``, ``keywords``) is a section with one
  value per paragraph;
- a group of fields (``review``, ``comms``) is a section with a two-column table "Field" /
  "Value": one row per value, fields of smaller groups flattened into it ("Dates: incident");
  its lists are sub-sections;
- a list of items (``agencies``, ``actions``) is a section with a table, one row per item and
  one column per field; a list of texts (``good_practice``) a one-column table;
- a shape no table suits (``readability``, a mapping of nested settings) is a section written
  in YAML, as in the starter record, and the form says so.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, Literal

from pydantic import BaseModel

from .._resources import read_rules_yaml
from .schema import Record, Register, RegisterText

WORDS: dict[str, Any] = read_rules_yaml("word-form.yaml")
"""The form's words: title, reminder, guidance, labels (``rules/word-form.yaml``)."""

REGISTER_LABELS: dict[Register, str] = {
    register: str(WORDS["readers"][register.value]) for register in Register
}
"""The label over each reader's wording of a text, as the Word form shows it."""

Kind = Literal["scalar", "scalars", "text"]
"""What one cell (or one row of a field table) holds: one value, a list of values (one per
paragraph) or a text (one for every reader, or a text per reader under its label)."""

PartKind = Literal["text", "values", "group", "table", "yaml"]


@dataclass(frozen=True)
class Column:
    """One value of a group (a row of its field table) or of a list item (a table column)."""

    path: tuple[str, ...]
    """Field names (as the record spells them) from the group or item to the value."""
    label: str
    kind: Kind
    description: str | None
    required: bool


@dataclass
class Part:
    """A section of the Word form: one field of the record, under its heading."""

    field: str
    heading: str
    kind: PartKind
    description: str | None = None
    required: bool = False
    columns: list[Column] = _field(default_factory=list)
    """For a group: the rows of its field table; for a table: its columns (a list of texts
    or of values has one column with the empty path)."""
    parts: list[Part] = _field(default_factory=list)
    """A group's sub-sections."""
    item: Kind | Literal["model"] = "model"
    """For a table: what each row is."""
    many: bool = True
    """For a values section: a list (one value per paragraph) or one value."""


def label(name: str) -> str:
    """A field name as the form shows it: ``why_it_matters`` -> "Why it matters"."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def key(text: str) -> str:
    """A heading, label or column name compared loosely: case, spaces and a final colon
    do not matter."""
    return " ".join(text.replace("\u00a0", " ").split()).rstrip(":").strip().casefold()


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


_TEXT = object()


def _core(annotation: Any) -> Any:
    """The annotation without Annotated and None; :data:`_TEXT` for a record text."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if any(_unwrap(a) is RegisterText for a in args):
            return _TEXT
        if len(args) == 1:
            return _core(args[0])
    return annotation


def _model(core: Any) -> type[BaseModel] | None:
    if isinstance(core, type) and issubclass(core, BaseModel) and core is not RegisterText:
        return core
    return None


def _is_scalar(core: Any) -> bool:
    if core is _TEXT or _model(core) is not None:
        return False
    return typing.get_origin(core) not in (list, dict)


def _list_of(core: Any) -> Any | None:
    if typing.get_origin(core) is list:
        return _core(typing.get_args(core)[0])
    return None


def _name(name: str, info: Any) -> str:
    return str(info.alias or name)


def flat_columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[Column] | None:
    """The values of ``model`` as table cells, smaller groups flattened into it; None if one
    of its fields cannot be a cell (a list of groups, a mapping)."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        spelt = _name(name, info)
        path = (*prefix, spelt)
        shown = ": ".join([label(path[0]), *path[1:]])
        core = _core(info.annotation)
        inner = _list_of(core)
        if core is _TEXT:
            columns.append(Column(path, shown, "text", info.description, info.is_required()))
        elif _is_scalar(core):
            columns.append(Column(path, shown, "scalar", info.description, info.is_required()))
        elif inner is not None and _is_scalar(inner):
            columns.append(Column(path, shown, "scalars", info.description, info.is_required()))
        elif (sub := _model(core)) is not None:
            nested = flat_columns(sub, path)
            if nested is None:
                return None
            columns.extend(nested)
        else:
            return None
    return columns


def _part(name: str, info: Any, *, top: bool) -> Part:
    spelt = _name(name, info)
    heading = label(spelt)
    core = _core(info.annotation)
    inner = _list_of(core)
    common: dict[str, Any] = {
        "field": spelt,
        "heading": heading,
        "description": info.description,
        "required": info.is_required(),
    }
    if core is _TEXT:
        return Part(kind="text", **common)
    if _is_scalar(core):
        return Part(kind="values", many=False, **common)
    if inner is not None:
        if _is_scalar(inner):
            if top:
                return Part(kind="values", **common)
            return Part(kind="table", item="scalar", columns=[_one(heading)], **common)
        if inner is _TEXT:
            return Part(
                kind="table",
                item="text",
                columns=[Column((), heading, "text", None, True)],
                **common,
            )
        item = _model(inner)
        columns = flat_columns(item) if item is not None else None
        if columns is not None:
            return Part(kind="table", columns=columns, **common)
        return Part(kind="yaml", **common)
    model = _model(core)
    if model is not None:
        return group_part(model, common)
    return Part(kind="yaml", **common)


def _one(heading: str) -> Column:
    return Column((), heading, "scalar", None, True)


def group_part(model: type[BaseModel], common: dict[str, Any]) -> Part:
    """A group's section: its values in a field table, its lists and larger groups in
    sub-sections."""
    part = Part(kind="group", **common)
    for name, info in model.model_fields.items():
        core = _core(info.annotation)
        inner = _list_of(core)
        spelt = _name(name, info)
        sub = _model(core)
        if core is _TEXT or _is_scalar(core) or (inner is not None and _is_scalar(inner)):
            part.columns.extend(flat_columns_of_field(spelt, info))
        elif sub is not None and (nested := flat_columns(sub, (spelt,))) is not None:
            part.columns.extend(nested)
        else:
            part.parts.append(_part(name, info, top=False))
    return part


def flat_columns_of_field(spelt: str, info: Any) -> list[Column]:
    core = _core(info.annotation)
    kind: Kind = "text" if core is _TEXT else "scalar" if _is_scalar(core) else "scalars"
    return [Column((spelt,), label(spelt), kind, info.description, info.is_required())]


def record_parts(model: type[BaseModel] = Record) -> list[Part]:
    """The sections of the Word form, in the record's order (the overview report's)."""
    return [_part(name, info, top=True) for name, info in model.model_fields.items()]
