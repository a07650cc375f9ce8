"""Read YAML or JSON into plain data while remembering where every value stands.

libyaml's scanner (through PyYAML; its Python scanner where libyaml is missing) gives each
event its line and column; we compose the nodes and walk them ourselves so that every field
path maps to a position, duplicate keys are caught (PyYAML keeps the last one silently), and
dates stay as the text the author wrote. libyaml reads a 1 MB record in about 0.5 s of CPU
here, the Python scanner in about 2 s.

A record is typed by people and passed around, so the reader also bounds what a small
file can cost: nesting deeper than :data:`MAX_DEPTH`, aliases that would repeat more than
:data:`MAX_ALIASED_VALUES` values (a "billion laughs" bomb), and an alias inside the very
value it names are refused while the file is composed, each at the line that does it.
Syntax errors are said for a person, with the usual cause (``rules/record-syntax.yaml``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from .._resources import read_rules_yaml

Path = tuple[str | int, ...]

MAX_DEPTH = 30
"""How deeply values may nest. A record needs about 7 levels (comms > agency_quotes > item >
text); anything far deeper is a mistake or an attack, and unbounded nesting would exhaust
Python's recursion in PyYAML's composer and in the walk over the nodes."""

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
    text: str = ""
    """The text the data was read from (to find a sentence's own line in a long value)."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Problems found while reading, each with its place (for sources without lines)."""

    def place(self, path: Path, *, key: bool = False) -> str | None:
        """Where ``path`` is, for a source that names places in its own terms (a Word form);
        None for a source located by line and column."""
        return None

    def missing_message(self, path: Path) -> str | None:
        """What to say where a required value at ``path`` is missing, if the source knows
        better than "required field is missing" (a Word form: "add at least one row")."""
        return None

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


def _too_deep(mark: Any) -> SourceSyntaxError:
    return SourceSyntaxError(
        f"values nest more than {MAX_DEPTH} levels deep here; a record needs about 7. "
        "Usual cause: brackets [ ] or { } opened and not closed, or indentation that "
        "keeps growing",
        _mark_position(mark),
    )


class _Bounds:
    """What a composer counts to keep a record's cost bounded.

    Every composed node's size (values in it, aliases expanded) and height are known when
    it is finished, so an alias is judged, at its own line, before anything is expanded.
    """

    def __init__(self) -> None:
        self._count = 0
        self._aliased = 0
        self._composed: dict[int, tuple[int, int]] = {}

    def _judge_alias(self, event: Any, target: yaml.Node, depth: int) -> int:
        """Count what the alias repeats; return how deep it reaches."""
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
        return depth + height


@dataclass
class _Open:
    """A sequence or mapping being composed."""

    node: yaml.Node
    depth: int
    count_at_start: int
    deepest: int
    key: yaml.Node | None = None


class _EventComposer(_Bounds):
    """Composes nodes from libyaml's events (C speed: a 1 MB record in a fraction of a
    second, against about 2 s with PyYAML's Python scanner), without recursion.

    libyaml refuses brackets nested more than 1,000 deep itself, in linear time."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.parser: Any = yaml.CSafeLoader(text)
        self.resolver: Any = yaml.resolver.Resolver()
        self.anchors: dict[str, yaml.Node] = {}
        self.last_scalar: Any = None

    def compose(self) -> yaml.Node | None:
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        parser.get_event()  # document start
        node = self._node()
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            second: Any = parser.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                node.start_mark,
                "but found another document",
                second.start_mark,
            )
        return node

    def _node(self) -> yaml.Node:
        parser: Any = self.parser
        stack: list[_Open] = []
        while True:
            event: Any = parser.get_event()
            start: Any = event.start_mark  # libyaml's marks: line and column, like PyYAML's
            end: Any = event.end_mark
            depth = len(stack) + 1
            reach = depth
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", start
                    )
                done = self.anchors[event.anchor]
                reach = self._judge_alias(event, done, depth)
            elif isinstance(event, yaml.ScalarEvent):
                self.last_scalar = event
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
                tag = event.tag
                if tag is None or tag == "!":
                    tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                # libyaml gives a plain scalar the style "", PyYAML None: read it as PyYAML
                done = yaml.ScalarNode(tag, event.value, start, end, style=event.style or None)
                self._anchor(event, done)
                self._count += 1
                self._composed[id(done)] = (1, 0)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
                kind = (
                    yaml.SequenceNode
                    if isinstance(event, yaml.SequenceStartEvent)
                    else yaml.MappingNode
                )
                tag = event.tag
                if tag is None or tag == "!":
                    tag = self.resolver.resolve(kind, None, event.implicit)
                opened = kind(tag, [], start, None, flow_style=event.flow_style)
                self._anchor(event, opened)
                stack.append(_Open(opened, depth, self._count, depth))
                continue
            else:  # the end of a sequence or mapping
                closing = stack.pop()
                done = closing.node
                done.end_mark = end
                self._count += 1
                self._composed[id(done)] = (
                    self._count - closing.count_at_start,
                    closing.deepest - closing.depth,
                )
                reach = closing.deepest
            if not stack:
                return done
            parent = stack[-1]
            parent.deepest = max(parent.deepest, reach)
            if isinstance(parent.node, yaml.SequenceNode):
                parent.node.value.append(done)
            elif parent.key is None:
                parent.key = done
            else:
                parent.node.value.append((parent.key, done))
                parent.key = None

    def _anchor(self, event: Any, node: yaml.Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node


class _RecordLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with the same bounds, where libyaml is missing."""

    def __init__(self, text: str) -> None:
        _Bounds.__init__(self)
        yaml.SafeLoader.__init__(self, text)
        self._depth = 0
        self._deepest = 0
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
                self._deepest = max(self._deepest, self._judge_alias(event, target, depth))
            return super().compose_node(parent, index)
        if depth > MAX_DEPTH:
            raise _too_deep(event.start_mark)
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


def _reader_error(
    text: str, error: yaml.reader.ReaderError, *, in_bytes: bool = False
) -> SourceSyntaxError:
    """A located message for a character YAML does not allow. libyaml counts the position
    in UTF-8 bytes, PyYAML's Python reader in characters."""
    position = error.position
    if in_bytes:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
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


LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether PyYAML was built with libyaml (its wheels are): then the C scanner reads records."""

_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""Characters YAML does not allow in a file (the YAML 1.1 printable set, as PyYAML has it)."""

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _character_at(text: str, mark: Any) -> str:
    lines = _LINE_BREAK.split(text)
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def parse(text: str, *, is_json: bool = False, libyaml: bool | None = None) -> Source:
    """Parse YAML (safely) or JSON text, raising :class:`SourceSyntaxError` if it is not.

    ``libyaml`` chooses the scanner (default: libyaml where PyYAML has it, see
    :data:`LIBYAML`); both give the same data, positions and bounds."""
    _refuse_unprintable(text)  # before JSON or YAML: both would name it less clearly
    if is_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceSyntaxError(
                f"not valid JSON: {error.msg}", Position(error.lineno, error.colno)
            ) from None
        except RecursionError:
            pass  # nested too deep: the YAML reader below says where
    node = compose(text, libyaml=libyaml)
    walker = _Walker(yaml.SafeLoader(""))
    try:
        walker.source.data = walker.walk(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SourceSyntaxError(
            _syntax_message(error), _mark_position(mark) if mark else None
        ) from None
    walker.source.text = text
    return walker.source


def compose(text: str, *, libyaml: bool | None = None) -> yaml.Node | None:
    """YAML text as PyYAML's nodes (each with its line and column), read safely and within
    a record's bounds (:data:`MAX_DEPTH`, :data:`MAX_ALIASED_VALUES`), or ``None`` for an
    empty file. Any file an author gives (a record, a protected register) is read with it.

    Raises :class:`SourceSyntaxError`, with a message for a person and the position, for a
    character YAML does not allow, text that is not YAML, or a file beyond the bounds."""
    fast = LIBYAML if libyaml is None else libyaml
    _refuse_unprintable(text)
    composer: _EventComposer | _RecordLoader | None = None
    try:
        composer = _EventComposer(text) if fast else _RecordLoader(text)
        return (
            composer.compose()
            if isinstance(composer, _EventComposer)
            else composer.get_single_node()
        )
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, error, in_bytes=fast and composer is not None) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _mark_position(mark) if mark else None
        if error.problem == "found character that cannot start any token" and mark:
            error.problem = (
                f"found character {_character_at(text, mark)!r} that cannot start any token"
            )
        message = _syntax_message(error)
        last: Any = (
            composer.last_scalar
            if isinstance(composer, _EventComposer)
            else getattr(composer, "last_token", None)
        )
        if (
            getattr(last, "style", None) in ("'", '"')
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
        if isinstance(composer, _RecordLoader):
            composer.dispose()


def _refuse_unprintable(text: str) -> None:
    unprintable = _NON_PRINTABLE.search(text)
    if unprintable:
        raise _reader_error(
            text,
            yaml.reader.ReaderError("", unprintable.start(), ord(unprintable.group()), "", ""),
        )


def strings_in(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string in ``value`` (a record's plain data) with its path, in the data's order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))
    elif isinstance(value, str):
        yield path, value
