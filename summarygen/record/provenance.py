"""Provenance: which record field, and which line of the record file, a published text came from.

A loaded Record keeps a :class:`RecordOrigin` (the file's name and its :class:`Source`). The
composer asks it, for each record text it writes into a document, where that text was written
(:meth:`RecordOrigin.source_of`). Texts are matched by what they say, paragraph by paragraph:
a text that two fields both hold has no single source, and gets none rather than a guess.
Record text itself is never changed or marked: provenance travels beside it, as data.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Any

from ..document import TextSource
from .yaml_source import Path, Source, strings_in

_REGISTERS = ("professional", "plain", "child")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_NEAR = 200
"""How many characters after one word the next is looked for in the record file."""


def one_line(text: str) -> str:
    """Text as a document publishes it: whitespace runs as one space, ends trimmed."""
    return " ".join(text.split())


class RecordOrigin:
    """Where each text of one record was written: the file (named as the user gave it) and
    the positions its reader kept. Dropped when the record is pickled for a worker process
    (workers write and check documents already composed, with their provenance)."""

    def __init__(self, file: str, source: Source) -> None:
        self.file = file
        self.source = source

    def attach(self, record: Any) -> None:
        """Keep this origin on ``record`` (a :class:`~summarygen.record.Record`)."""
        record._origin = self

    def __getstate__(self) -> dict[str, Any]:
        return {"file": self.file, "source": Source(data=None)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.file = state["file"]
        self.source = state["source"]

    @cached_property
    def _index(self) -> dict[str, list[tuple[Path, int]]]:
        """Each paragraph of each text in the record (and each whole text, on one line) →
        the fields that hold it, with the character offset in the file where it starts."""
        index: dict[str, list[tuple[Path, int]]] = {}
        for path, value in strings_in(self.source.data, ()):
            position = self.source.position(path)
            if position is None:
                continue
            start = self._offset(position.line, position.column)
            keys = {one_line(value)}
            keys.update(one_line(part) for part in _PARAGRAPH_BREAK.split(value))
            for key in keys:
                if key:
                    index.setdefault(key, []).append((path, start))
        return index

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for match in re.finditer("\n", self.source.text):
            starts.append(match.end())
        return starts

    def _offset(self, line: int, column: int) -> int:
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return 0
        return starts[line - 1] + column - 1

    def _line_at(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def source_of(self, text: str) -> TextSource | None:
        """Where ``text`` (as published: one line) was written, or None when no one field
        holds exactly it (template words, or a text two fields share)."""
        key = one_line(text)
        places = self._index.get(key, [])
        if len({path for path, _ in places}) != 1:
            return None
        path, start = places[0]
        return TextSource(
            text=key,
            file=self.file,
            field=_field(path),
            register=str(path[-1]) if _is_register(path) else "",
            word_lines=self._word_lines(key, start),
        )

    def _word_lines(self, text: str, start: int) -> tuple[int, ...]:
        """The file line each word of ``text`` stands on, found word by word from ``start``
        (a quoted text with escapes stops the search: its later words keep the last line)."""
        raw = self.source.text
        lines = []
        position = start
        line = self._line_at(start)
        for word in text.split(" "):
            # the next word is near (a space, or a line break and indentation): searching a
            # short window keeps a text with escapes from costing a search of the whole file
            found = raw.find(word, position, position + len(word) + _NEAR)
            if found >= 0:
                line = self._line_at(found)
                position = found + len(word)
            lines.append(line)
        return tuple(lines)


def origin_of(record: Any) -> RecordOrigin | None:
    """The origin a loaded record keeps (None for a record made in code)."""
    origin = getattr(record, "_origin", None)
    return origin if isinstance(origin, RecordOrigin) and origin.source.text else None


def _is_register(path: Path) -> bool:
    return len(path) > 1 and path[-1] in _REGISTERS


def _field(path: Path) -> str:
    from .loading import dotted

    return dotted(path[:-1] if _is_register(path) else path)

