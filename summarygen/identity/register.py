"""The protected register: the real names and identifiers an author guards against.

An author keeps the register next to the record and never publishes it. summarygen reads it
only to look for its entries in the written files, and never prints, logs or copies an entry:
an entry is named by its category, its number and a masked form ("name #3, S…h"), and that
is also what ``repr`` and ``str`` of a :class:`ProtectedEntry` show.

Two forms:

- Plain text (any file not ending ``.yaml``, ``.yml`` or ``.json``): one entry a line; blank
  lines and lines starting ``#`` are ignored. A line "Category: value" with a known category
  (name, place, school, date, other; any case; plural allowed) is in that category. Any other
  line is read by its shape (:func:`read_line`), in this order: a full date is a date; a number
  or code (a digit and no word of four letters or more) is "other", found however spaced; a
  line ending in a school word (School, Academy, Nursery, ...) is a school; one ending in a
  street word (Road, Close, Way, ...) or starting with a house number is a place; one to four
  capitalised words, each shaped like a name (letters, a hyphen or apostrophe inside), perhaps
  after a title, is a person's name; anything else is "other", found as written.
- YAML: a mapping of categories to lists. A name may be a mapping that says which of its
  parts count on their own: ``{name: Orla Fennimore-Bright, alone: [surname]}``.

A person's surname counts on its own by default (the family's surname identifies the child as
surely as the full name), in either form; ``alone: []`` turns that off.

Dates are read in any common written form (2012-03-14, 14/03/2012, 14 March 2012) and held
as ISO text (``2012-03-14``). A month and year alone may be published, so it is not a
register date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from .._files import read_author_file
from ..errors import Problem, RecordError
from .rules import identity_rules
from .written_dates import is_month_and_year, parse_written_date

Category = Literal["name", "place", "school", "date", "other"]
CATEGORIES: tuple[Category, ...] = ("name", "place", "school", "date", "other")
"""The largest register read: the same limit as a record's."""
NAME_PARTS = ("first", "middle", "surname")
"""The parts of a name that ``alone`` may list."""

_NAME_PART_ALIASES = {
    "first": "first",
    "first name": "first",
    "forename": "first",
    "given name": "first",
    "middle": "middle",
    "middle name": "middle",
    "middle names": "middle",
    "surname": "surname",
    "last": "surname",
    "last name": "surname",
    "family name": "surname",
}
_YAML_SUFFIXES = (".yaml", ".yml", ".json")
_LABELLED_LINE = re.compile(r"^(?P<label>[A-Za-z]+)\s*:\s*(?P<value>.*)$")
_LETTERS_OR_DIGITS = re.compile(r"[^\W_]")
_NULL_SCALARS = ("", "~", "null", "Null", "NULL")
_ELLIPSIS = "…"


def mask(text: str) -> str:
    """A form of ``text`` that shows where it is without saying what it is: "S…h".

    The first and last letters with an ellipsis between; only the ellipsis for a text of one
    or two characters, which its letters would give away.
    """
    shown = " ".join(text.split())
    if len(shown) < 3:
        return _ELLIPSIS
    return f"{shown[0]}{_ELLIPSIS}{shown[-1]}"


@dataclass(frozen=True)
class ProtectedEntry:
    """One entry of the protected register. Its value never appears in a message."""

    category: Category
    value: str = field(repr=False)
    """As written (whitespace tidied); a date as ISO text, ``2012-03-14``."""
    number: int
    """1-based, within its category, in the order the register lists them."""
    alone: tuple[str, ...] = ()
    """For a name: the parts (``first``, ``middle``, ``surname``) that count on their own."""
    line: int | None = field(default=None, compare=False)
    """Where the register file gives it."""
    read_as: str = field(default="", compare=False)
    """How it was understood, for a person to check: "a person's name (its shape)"."""

    @property
    def masked(self) -> str:
        """How messages name the entry: ``name #3, S…h``."""
        return f"{self.category} #{self.number}, {mask(self.value)}"

    def __repr__(self) -> str:
        alone = f", alone={self.alone!r}" if self.alone else ""
        return f"ProtectedEntry({self.masked!r}{alone})"

    def __str__(self) -> str:
        return self.masked


def category_of(label: str) -> Category | None:
    """The category a label names ("Names", "school", "DATES"), or None."""
    word = label.strip().lower()
    for category in CATEGORIES:
        if word in (category, category + "s", category + "es"):
            return category
    return None


def _mistyped_category(label: str) -> str | None:
    """The category a label looks like a typing slip for ("Nmae" -> "name"), or None."""
    import difflib

    if category_of(label) is not None:
        return None
    forms = {form: category for category in CATEGORIES for form in (category, category + "s")}
    close = difflib.get_close_matches(label.strip().lower(), list(forms), n=1, cutoff=0.7)
    return forms[close[0]] if close else None


def load_register(path: str | Path) -> list[ProtectedEntry]:
    """Read a protected register (plain text or YAML).

    Raises :class:`RecordError` listing every problem, each with the file, line and field;
    no message repeats an entry.
    """
    file = Path(path)
    name = str(file)
    text = read_author_file(file, "protected register")
    if file.suffix.lower() in _YAML_SUFFIXES:
        return _Reader(name).from_yaml(text)
    return _Reader(name).from_plain_text(text)


class _Reader:
    """Collects entries and problems from one register file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: list[ProtectedEntry] = []
        self.problems: list[Problem] = []
        self.counts: dict[Category, int] = dict.fromkeys(CATEGORIES, 0)

    # --- plain text ---------------------------------------------------------------------

    def from_plain_text(self, text: str) -> list[ProtectedEntry]:
        for line_number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            labelled = _LABELLED_LINE.match(stripped)
            category = category_of(labelled["label"]) if labelled else None
            meant = _mistyped_category(labelled["label"]) if labelled else None
            if labelled and category is None and meant is not None:
                # a mistyped label would leave a name protected only as typed, label and all
                self._problem(
                    line_number,
                    1,
                    "",
                    f"'{labelled['label']}:' is not a category: did you mean '{meant}:'? "
                    "(an entry that holds a colon goes after other:)",
                )
                continue
            if labelled and category is not None:
                value = labelled["value"]
                if not value.strip():
                    self._problem(line_number, 1, category, f"nothing after '{labelled['label']}:'")
                    continue
                read_as = f"{_CATEGORY_WORDS[category]} (labelled '{labelled['label']}:')"
            else:
                value = stripped
                category, read_as = read_line(value)
            alone = ("surname",) if category == "name" else ()
            self._add(category, value, alone, line_number, 1, category, read_as)
        return self._finished()

    # --- YAML ---------------------------------------------------------------------------

    def from_yaml(self, text: str) -> list[ProtectedEntry]:
        root = self._compose(text)
        if root is None or _is_null(root):
            return self._finished()
        if not isinstance(root, yaml.MappingNode):
            self._problem_at(
                root,
                "",
                "a register is a list under each category: names:, places:, schools:, "
                "dates:, other:",
            )
            return self._finished()
        for key_node, value_node in root.value:
            label = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            category = category_of(label) if label else None
            if category is None:
                self._problem_at(
                    key_node,
                    "",
                    "is not a category; use names, places, schools, dates or other",
                )
                continue
            self._category_list(category, label, value_node)
        return self._finished()

    def _compose(self, text: str) -> yaml.Node | None:
        from ..record.yaml_source import SourceSyntaxError, compose

        try:
            return compose(text)
        except SourceSyntaxError as error:
            where = error.position
            self.problems.append(
                Problem(
                    self.name,
                    where.line if where else None,
                    where.column if where else None,
                    "",
                    error.message,
                )
            )
            return None

    def _category_list(self, category: Category, label: str, node: yaml.Node) -> None:
        if _is_null(node):
            return
        if not isinstance(node, yaml.SequenceNode):
            self._problem_at(node, label, "give a list: one entry a line, each starting with '- '")
            return
        for index, item in enumerate(node.value):
            where = f"{label}[{index}]"
            if isinstance(item, yaml.ScalarNode) and not _is_null(item):
                alone = ("surname",) if category == "name" else ()
                self._add(category, str(item.value), alone, *_line_column(item), where)
            elif isinstance(item, yaml.MappingNode) and category == "name":
                self._name_mapping(item, where)
            elif isinstance(item, yaml.MappingNode):
                self._problem_at(
                    item, where, f"give a {category} as text (only a name may be a mapping)"
                )
            elif _is_null(item):
                self._problem_at(item, where, "empty entry: give a value or remove the line")
            else:
                self._problem_at(item, where, f"give a {category} as text, not a list")

    def _name_mapping(self, node: yaml.MappingNode, where: str) -> None:
        value: str | None = None
        alone: tuple[str, ...] = ("surname",)  # unless the mapping says otherwise
        fine = True
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            if key == "name":
                if isinstance(value_node, yaml.ScalarNode) and not _is_null(value_node):
                    value = str(value_node.value)
                else:
                    self._problem_at(value_node, f"{where}.name", "give the name as text")
                    fine = False
            elif key == "alone":
                parts = self._alone(value_node, f"{where}.alone")
                fine = fine and parts is not None
                alone = parts or ()
            else:
                self._problem_at(
                    key_node,
                    where,
                    "a name mapping holds only 'name' and 'alone' (which parts of the name "
                    "count on their own: first, middle, surname)",
                )
                fine = False
        if value is None:
            if fine:
                self._problem_at(node, where, "the mapping has no 'name'")
            return
        if fine:
            self._add("name", value, alone, *_line_column(node), where)

    def _alone(self, node: yaml.Node, where: str) -> tuple[str, ...] | None:
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            items: list[yaml.Node] = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = list(node.value)
        else:
            self._problem_at(node, where, "list the parts that count alone: first, surname")
            return None
        parts: list[str] = []
        for item in items:
            written = str(item.value).strip().lower() if isinstance(item, yaml.ScalarNode) else ""
            part = _NAME_PART_ALIASES.get(written)
            if part is None:
                self._problem_at(
                    item, where, "is not a part of a name: use first, middle or surname"
                )
                return None
            if part not in parts:
                parts.append(part)
        return tuple(parts)

    # --- shared -------------------------------------------------------------------------

    def _add(
        self,
        category: Category,
        written: str,
        alone: tuple[str, ...],
        line: int | None,
        column: int | None,
        where: str,
        read_as: str = "",
    ) -> None:
        self.counts[category] += 1
        number = self.counts[category]
        label = f"{category} #{number}"
        value = " ".join(written.split())
        if len(_LETTERS_OR_DIGITS.findall(value)) < 2:
            self.problems.append(
                Problem(
                    self.name,
                    line,
                    column,
                    where,
                    f"{label} is too short to look for: give at least two letters or digits",
                )
            )
            return
        if category == "date":
            found = _written_date(value)
            if found is None:
                message = (
                    f"{label} gives only a month and year, which may be published: give the "
                    "full date, or leave it out"
                    if _is_month_and_year(value)
                    else f"{label} is not a date summarygen can read: write it as 2012-03-14 "
                    "or 14 March 2012"
                )
                self.problems.append(Problem(self.name, line, column, where, message))
                return
            value = found
        said = read_as or f"{_CATEGORY_WORDS[category]} (listed under '{where.split('[')[0]}')"
        if category == "name" and len(value.split()) > 1:
            said += "; surname on its own counts" if "surname" in alone else ""
        self.entries.append(ProtectedEntry(category, value, number, alone, line, said))

    def _problem(self, line: int, column: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, where, message))

    def _problem_at(self, node: yaml.Node, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, *_line_column(node), where, message))

    def _finished(self) -> list[ProtectedEntry]:
        if self.problems:
            self.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
            raise RecordError(self.problems)
        return self.entries


_CATEGORY_WORDS: dict[Category, str] = {
    "name": "a person's name",
    "place": "a place",
    "school": "a school",
    "date": "a date",
    "other": "other",
}
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-z]*(?:['’][A-Z]?[a-z]+)?(?:-[A-Z][a-z]*(?:['’][A-Z]?[a-z]+)?)*)$"
)
"""A word shaped like a name: capitalised, letters, perhaps a hyphen or an apostrophe inside
(O'Neill, Fennimore-Bright)."""
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"})


def read_line(value: str) -> tuple[Category, str]:
    """How a plain-text register line is read from its shape: its category, and a phrase that
    says why (shown by ``summarygen register``). See the module's docstring for the order."""
    if _written_date(value) is not None or _is_month_and_year(value):
        return "date", "a date (it reads as one)"
    if any(c.isdigit() for c in value) and not re.search(r"[^\W\d_]{4,}", value):
        return "other", "a number or code (digits and no long word): found however spaced"
    words = value.replace(",", " ").split()
    last = words[-1].rstrip(".").lower()
    rules = identity_rules()
    school_words = {
        ending.split()[-1].lower()
        for kind in rules.named_places.kinds
        if kind.check == "identity.school"
        for ending in kind.endings
    } | {"college", "primary", "infants"}
    if len(words) > 1 and last in school_words:
        return "school", f"a school (it ends in '{words[-1]}')"
    street = rules.street_address
    street_words = {word.lower() for word in street.street_words}
    names = [w for w in words if w.rstrip(".").lower() not in _TITLES] or words
    name_shaped = 1 <= len(names) <= 4 and all(
        _NAME_WORD.match(w) and len(_LETTERS_OR_DIGITS.findall(w)) > 1 for w in names
    )
    if words[0][:1].isdigit() or (len(words) > 1 and last in street_words):
        if name_shaped and last in {word.lower() for word in street.also_surnames}:
            return "name", (
                f"a person's name ('{words[-1]}' ends streets too, but a name protects more; "
                "write 'Place: ...' for a street)"
            )
        return "place", "a place (an address: it ends in a street word or starts with a number)"
    if name_shaped:
        return "name", "a person's name (capitalised words shaped like a name)"
    return "other", "other (found as written, with any spacing)"


def _line_column(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULL_SCALARS


def _written_date(text: str) -> str | None:
    """A full date written in any common form, as ISO text; None if it is not one."""
    found = parse_written_date(text)
    return found.isoformat() if found else None


def _is_month_and_year(text: str) -> bool:
    return is_month_and_year(text)
