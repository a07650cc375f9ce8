"""Read YAML or JSON into plain data while remembering where every value stands.

PyYAML's safe composer gives each node its line and column; we walk the node tree
ourselves so that every field path maps to a position, duplicate keys are caught
(PyYAML keeps the last one silently), and dates stay as the text the author wrote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]


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


def parse(text: str, *, is_json: bool = False) -> Source:
    """Parse YAML (safely) or JSON text, raising :class:`SourceSyntaxError` if it is not."""
    if is_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceSyntaxError(
                f"not valid JSON: {error.msg}", Position(error.lineno, error.colno)
            ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        walker = _Walker(loader)
        walker.source.data = walker.walk(node, ()) if node is not None else None
        return walker.source
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else None
        message = f"not valid YAML: {error.problem or error.context}"
        if error.problem and error.context and error.context_mark:
            start = error.context_mark
            message += f" ({error.context} at line {start.line + 1}, column {start.column + 1})"
        raise SourceSyntaxError(message, position) from None
    except yaml.YAMLError as error:
        raise SourceSyntaxError(f"not valid YAML: {error}", None) from None
    finally:
        loader.dispose()
