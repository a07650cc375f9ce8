"""Read YAML or JSON into plain data while remembering where every value stands.

PyYAML's safe composer gives each node its line and column; we walk the node tree
ourselves so that every field path maps to a position, duplicate keys are caught
(PyYAML keeps the last one silently), and dates stay as the text the author wrote.

A record is typed by people and passed around, so the reader also bounds what a small
file can cost: nesting deeper than :data:`MAX_DEPTH`, aliases that would repeat more than
:data:`MAX_ALIASED_VALUES` values (a "billion laughs" bomb), and an alias inside the very
value it names are refused while the file is composed, each at the line that does it.
Syntax errors are said for a person, with the usual cause (``rules/record-syntax.yaml``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from .._resources import read_rules_yaml

Path = tuple[str | int, ...]

MAX_DEPTH = 30
"""How deeply values may nest. A record needs about 7 levels (comms > agency_quotes > item >
text); anything far deeper is a mistake or an attack, and unbounded nesting exhausts Python's
recursion in the composer."""

MAX_ALIASED_VALUES = 10_000
"""How many values aliases (``*name``) may repeat in one record, counting the values inside
each repeated one. A record rarely uses aliases at all; 340 bytes of nested aliases would
otherwise expand to a billion values (14 s and 1.8 GB before this limit)."""


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class Source:
    """Plain data read from a file, and where each part of it was written."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, Position, Position]] = field(default_factory=list)

    def position(self, path: Path, *, key: bool = False) -> Position | None:
        """The position of ``path``, or of its nearest written ancestor."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return None


class SourceSyntaxError(Exception):
    def __init__(self, message: str, position: Position | None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Walker:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.source = Source(data=None)

    def walk(self, node: yaml.Node, path: Path) -> Any:
        self.source.values[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_seen: dict[str, Position] = {}
            self.loader.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self._key(key_node)
                key_path = (*path, key)
                if key in first_seen:
                    self.source.duplicate_keys.append(
                        (key_path, first_seen[key], _position(key_node))
                    )
                    continue
                first_seen[key] = _position(key_node)
                self.source.keys[key_path] = _position(key_node)
                result[key] = self.walk(value_node, key_path)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _BOOL_TAG and node.value.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off as true/false; authors (and YAML 1.2, which
            # editors use) mean the words: `picture: no` is the picture called "no".
            return node.value
        if node.tag == _TIMESTAMP_TAG:
            # Keep dates as written: "2021-03-04" must not lose its precision, and an
            # impossible date ("2021-02-30") reaches validation with a useful message.
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            return node.value

    def _key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        raise SourceSyntaxError("a key must be a plain word", _position(node))


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _mark_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _RecordLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing with bounds on depth and on what aliases repeat.

    Every composed node's size (values in it, aliases expanded) and height are known when
    it is finished, so an alias is judged, at its own line, before anything is expanded.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._deepest = 0
        self._count = 0
        self._aliased = 0
        self._composed: dict[int, tuple[int, int]] = {}
        self.last_token: Any = None

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        """A ``[`` or ``{``, refused beyond :data:`MAX_DEPTH` levels of brackets.

        PyYAML's scanner reads every bracket of a nest before the composer sees the first
        (each may start a key), in time that grows with the square of the depth: 1,000
        brackets took 2.5 s. So the depth of brackets is bounded here, as they are read."""
        if self.flow_level >= MAX_DEPTH:
            raise SourceSyntaxError(
                f"brackets [ ] or {{ }} nest more than {MAX_DEPTH} levels deep here; a record "
                "needs about 7. Usual cause: brackets opened and not closed",
                _mark_position(self.get_mark()),
            )
        super().fetch_flow_collection_start(token_class)

    def get_token(self) -> Any:
        """The next token, remembered: a syntax error may be explained by the one before."""
        token = super().get_token()  # type: ignore[no-untyped-call]
        if token is not None:
            self.last_token = token
        return token

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        depth = self._depth + 1
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._judge_alias(event, target, depth)
            return super().compose_node(parent, index)
        if depth > MAX_DEPTH:
            raise SourceSyntaxError(
                f"values nest more than {MAX_DEPTH} levels deep here; a record needs about 7. "
                "Usual cause: brackets [ ] or { } opened and not closed, or indentation that "
                "keeps growing",
                _mark_position(event.start_mark),
            )
        saved_deepest, saved_count = self._deepest, self._count
        self._depth = self._deepest = depth
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth = depth - 1
        self._count += 1
        if node is None:  # pragma: no cover - PyYAML composes a node for every event
            return None
        self._composed[id(node)] = (self._count - saved_count, self._deepest - depth)
        self._deepest = max(saved_deepest, self._deepest)
        return node

    def _judge_alias(self, event: Any, target: yaml.Node, depth: int) -> None:
        where = _mark_position(event.start_mark)
        anchor = event.anchor
        known = self._composed.get(id(target))
        if known is None:
            raise SourceSyntaxError(
                f"the alias *{anchor} is inside the value &{anchor} it names (line "
                f"{target.start_mark.line + 1}), so it would contain itself for ever: "
                f"write the value out instead of *{anchor}",
                where,
            )
        size, height = known
        self._aliased += size
        if self._aliased > MAX_ALIASED_VALUES:
            raise SourceSyntaxError(
                f"the alias *{anchor} would make the record repeat more than "
                f"{MAX_ALIASED_VALUES:,} values (aliases inside aliases multiply): "
                "write the values out, or use fewer aliases",
                where,
            )
        if depth + height > MAX_DEPTH:
            raise SourceSyntaxError(
                f"the alias *{anchor} makes values nest more than {MAX_DEPTH} levels deep; "
                "a record needs about 7",
                where,
            )
        self._count += size
        self._deepest = max(self._deepest, depth + height)


@cache
def _syntax_rules() -> tuple[list[dict[str, str]], dict[int, str]]:
    data = read_rules_yaml("record-syntax.yaml")
    return list(data["syntax"]), {int(k): str(v) for k, v in data["control_characters"].items()}


def character_name(character: str) -> str:
    """``U+0007 (BEL, a bell)``: a character as a person can find it in their editor."""
    code = ord(character)
    name = _syntax_rules()[1].get(code)
    if name is None:
        import unicodedata

        name = unicodedata.name(character, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _reader_error(text: str, error: yaml.reader.ReaderError) -> SourceSyntaxError:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    character = chr(error.character) if isinstance(error.character, int) else "\ufffd"
    return SourceSyntaxError(
        f"the character {character_name(character)} cannot be in a record: delete it. "
        "It is invisible in most editors; it usually comes from copying text out of "
        "another program",
        Position(line, column),
    )


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    context = error.context or ""
    for rule in _syntax_rules()[0]:
        if re.search(rule["problem"], problem) and re.search(rule.get("context", ""), context):
            message = f"not valid YAML: {rule['says']}"
            if error.context_mark and ("quoted" in context or "flow" in context):
                start = error.context_mark
                message += f" (it opens at line {start.line + 1}, column {start.column + 1})"
            return f"{message}. Usual cause: {' '.join(rule['cause'].split())}"
    message = f"not valid YAML: {problem or context}"
    if problem and context and error.context_mark:
        start = error.context_mark
        message += f" ({context} at line {start.line + 1}, column {start.column + 1})"
    return message


def parse(text: str, *, is_json: bool = False) -> Source:
    """Parse YAML (safely) or JSON text, raising :class:`SourceSyntaxError` if it is not."""
    try:
        loader = _RecordLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, error) from None
    try:
        if is_json:
            try:
                json.loads(text)
            except json.JSONDecodeError as error:
                raise SourceSyntaxError(
                    f"not valid JSON: {error.msg}", Position(error.lineno, error.colno)
                ) from None
            except RecursionError:
                pass  # nested too deep: the YAML reader below says where
        node = loader.get_single_node()
        walker = _Walker(loader)
        walker.source.data = walker.walk(node, ()) if node is not None else None
        return walker.source
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _mark_position(mark) if mark else None
        message = _syntax_message(error)
        last = loader.last_token
        if (
            isinstance(last, yaml.ScalarToken)
            and last.style in ("'", '"')
            and last.end_mark.line > last.start_mark.line
            and mark is not None
            and last.end_mark.line == mark.line
        ):
            message += (
                f". The quoted value before it runs on from line {last.start_mark.line + 1}: "
                f"is a closing quote missing there?"
            )
        raise SourceSyntaxError(message, position) from None
    except yaml.YAMLError as error:
        raise SourceSyntaxError(f"not valid YAML: {error}", None) from None
    finally:
        loader.dispose()
