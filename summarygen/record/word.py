"""A record written as a Word document: write the form, and read it back as a record.

:func:`write_form` writes the Word form of a record (empty for ``summarygen new review.docx``,
filled for ``summarygen export record.yaml review.docx``); :func:`read_word_source` reads a
form into the same plain data the YAML reader gives, with a map from every value to its place
in Word's terms ("Actions table, row 3, "Due""), so validation problems name what the author
sees. The layout comes from the schema (:mod:`.word_form`).

Guidance in the form is in its own paragraph style, "Guidance", which the reader skips. A
style was chosen over Word content controls because LibreOffice keeps a paragraph style
through open and save, while it turns content controls into plain text or fields; and a
style is what an author sees and can copy in either program.

Text is read as it reads with tracked changes accepted (the reader of
:mod:`summarygen.readers.docx`); a line break inside a paragraph is a line break in the text,
and paragraphs are separated by a blank line.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import re
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

from .._files import unpacked_too_big, whole_file_problem
from ..errors import Problem, RecordError
from ..readers.docx import _text as _docx_text
from .schema import Register
from .word_form import REGISTER_LABELS, WORDS, Column, Part, key, label, record_parts
from .yaml_source import Path, Source, SourceSyntaxError, parse

GUIDANCE_STYLE = "Guidance"
"""The paragraph style of the form's guidance: shown to the author, skipped by the reader."""
READER_STYLE = "Reader label"
"""The paragraph style of a reader's label ("For the public"); the reader goes by its words."""
FORM_SUBJECT = "summarygen case review record"
"""The document subject (core properties) that marks a Word file as a record form."""
LANGUAGE = "en-GB"
FIELD_HEADER: list[str] = [str(name) for name in WORDS["field_table"]]
_GUIDANCE: dict[str, str] = WORDS["guidance"]

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Z][.)])\s+(?=\S)")
"""A heading's own numbering, typed or kept by a program: "3. ", "2.1 ", "A) "."""
_LABEL_REGISTERS = {key(text): register for register, text in REGISTER_LABELS.items()}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


# --- writing ---------------------------------------------------------------------------


def write_form(path: FilePath, data: dict[str, Any] | None = None) -> None:
    """Write the Word form to ``path``: empty, or holding ``data`` (a record as plain data,
    e.g. ``Record.model_dump(mode="json", by_alias=True)``). Written to a temporary file
    beside ``path`` and moved into place, so a failure leaves no half-written file."""
    document = _new_document(data)
    buffer = io.BytesIO()
    document.save(buffer)
    _write_whole(path, buffer.getvalue())


def _new_document(data: dict[str, Any] | None) -> Any:
    document = docx.Document()
    _styles(document)
    title = str(WORDS["title"])
    review = (data or {}).get("review")
    if isinstance(review, dict) and review.get("title"):
        title = f"{title}: {review['title']}"
    properties = document.core_properties
    properties.title = title
    properties.subject = FORM_SUBJECT
    properties.language = LANGUAGE
    properties.author = "summarygen"
    document.add_paragraph(title, style="Title")
    document.add_paragraph(WORDS["reminder"], style=GUIDANCE_STYLE).runs[0].bold = True
    document.add_paragraph(WORDS["how_to"], style=GUIDANCE_STYLE)
    for part in record_parts():
        _write_part(document, part, (data or {}).get(part.field), 1, blank=data is None)
    return document


HEADING_COLOUR = RGBColor(0x16, 0x32, 0x5C)
"""The pack's own heading blue: 12:1 on white."""


def _styles(document: Any) -> None:
    styles = document.styles
    guidance = styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = styles["Normal"]
    guidance.font.italic = True
    guidance.font.color.rgb = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white
    guidance.font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        # the default template's blues have 4.0:1 on white; WCAG 1.4.3 asks 4.5:1
        styles[name].font.color.rgb = HEADING_COLOUR
    reader = styles.add_style(READER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    reader.base_style = styles["Normal"]
    reader.font.bold = True
    # the document's language, for screen readers and spelling (w:lang on the defaults)
    defaults = styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _guidance(document: Any, part: Part) -> None:
    lines: list[str] = []
    if part.description:
        lines.append(part.description)
    if part.kind == "text":
        lines.append(_GUIDANCE["text"])
    elif part.kind == "values":
        lines.append(_GUIDANCE["values" if part.many else "value"])
    elif part.kind in ("table", "group"):
        if part.kind == "table":
            lines.append(_GUIDANCE["table"])
        lines.extend(f"{c.label}: {c.description}" for c in part.columns if c.description)
        if part.kind == "table" and any(c.kind == "scalars" for c in part.columns):
            lines.append(_GUIDANCE["ids"])
    elif part.kind == "yaml":
        lines.append(_GUIDANCE["yaml"])
    if part.required:
        lines.append(_GUIDANCE["required"])
    if lines:
        document.add_paragraph(" ".join(lines), style=GUIDANCE_STYLE)


def _write_part(document: Any, part: Part, value: Any, level: int, *, blank: bool) -> None:
    """``blank``: the empty form (``new``), whose tables get one blank row to fill in."""
    document.add_heading(part.heading, level=level)
    _guidance(document, part)
    if part.kind == "text":
        _write_text(document.add_paragraph, value)
    elif part.kind == "values":
        items = value if isinstance(value, list) else [] if value is None else [value]
        for item in items:
            document.add_paragraph(_scalar(item))
    elif part.kind == "table":
        table = _table(document, [c.label for c in part.columns])
        # an empty form has one blank row to fill in; a record's empty list has none (a blank
        # row would read as a row of empty cells), and Tab in the last cell adds one
        rows = value if isinstance(value, list) else [None] if blank else []
        for item in rows:
            cells = table.add_row().cells
            for cell, column in zip(cells, part.columns, strict=True):
                _write_cell(cell, column, _get(item, column.path))
    elif part.kind == "group":
        group = value if isinstance(value, dict) else {}
        table = _table(document, FIELD_HEADER)
        for column in part.columns:
            cells = table.add_row().cells
            cells[0].text = column.label
            _write_cell(cells[1], column, _get(group, column.path))
        for sub in part.parts:
            _write_part(document, sub, group.get(sub.field), level + 1, blank=blank)
    elif part.kind == "yaml" and value:
        import yaml

        dumped = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000)
        for line in dumped.rstrip("\n").split("\n"):
            document.add_paragraph(line)


def _table(document: Any, header: list[str]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    row = table.rows[0]
    for cell, text in zip(row.cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # a repeating header row: Word repeats it on each page, and screen readers and
    # accessibility checkers take it as the table's header (w:tblHeader)
    properties = row._tr.get_or_add_trPr()
    header_mark = OxmlElement("w:tblHeader")
    properties.append(header_mark)
    return table


def _get(item: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _write_cell(cell: Any, column: Column, value: Any) -> None:
    first = cell.paragraphs[0]
    used = [False]

    def add(text: str = "", style: str | None = None) -> Any:
        if not used[0]:
            used[0] = True
            if style:
                first.style = style
            _set_text(first, text)
            return first
        paragraph = cell.add_paragraph(style=style)
        _set_text(paragraph, text)
        return paragraph

    if column.kind == "text":
        _write_text(add, value)
    elif column.kind == "scalars":
        for item in value if isinstance(value, list) else []:
            add(_scalar(item))
    else:
        add(_scalar(value))


def _write_text(add: Any, value: Any) -> None:
    """A record text as paragraphs: one text as is; a text per reader under its label."""
    if isinstance(value, str):
        for chunk in value.split("\n\n"):
            _set_text(add(), chunk)
    elif isinstance(value, dict):
        for register, text in REGISTER_LABELS.items():
            wording = value.get(register.value)
            if wording:
                add(text, READER_STYLE)
                for chunk in str(wording).split("\n\n"):
                    _set_text(add(), chunk)


def _set_text(paragraph: Any, text: str) -> None:
    """``text`` into an empty paragraph; a line break as a Word line break."""
    if not text:
        return
    run = paragraph.add_run()
    for index, line in enumerate(text.split("\n")):
        if index:
            run.add_break()
        run.add_text(line)


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    level: int = 0
    style: str = ""
    rows: list[list[list[tuple[str, str]]]] = field(default_factory=list)
    """For a table: rows of cells of (style, text) paragraphs."""


@dataclass
class _Section:
    heading: str
    level: int
    blocks: list[_Block] = field(default_factory=list)
    children: list[_Section] = field(default_factory=list)


class WordSource(Source):
    """The plain data of a Word form, and where each value stands in Word's terms."""

    def __init__(self, data: Any) -> None:
        super().__init__(data=data)
        self.places: dict[Path, str] = {}
        self.labels: dict[Path, str] = {}
        self.empty: dict[Path, str] = {}
        """What to do where a required part is empty or missing."""

    def missing_message(self, path: Path) -> str | None:
        return self.empty.get(path)

    def place(self, path: Path, *, key: bool = False) -> str | None:
        """Where ``path`` is, as the author sees it: the nearest place read, then the names
        of the fields below it ("" for the whole record)."""
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.places:
                return self.places[path[:cut]] + self._below(path, cut)
        if not path:
            return ""
        return f'section "{label(str(path[0]))}"' + self._below(path, 1)

    def _below(self, path: Path, cut: int) -> str:
        return "".join(
            f", {self.labels.get(path[: cut + i + 1], _part_name(part))}"
            for i, part in enumerate(path[cut:])
        )


EXPORT_SUFFIXES = (".docx", ".yaml", ".yml")


def export_record(
    source: FilePath, target: FilePath, *, pictures: Collection[str] | None = None
) -> None:
    """Write the record in ``source`` (YAML, JSON or a Word form) to ``target``: the Word form
    for .docx, a YAML record for .yaml/.yml. The record is validated first (``pictures`` as
    for :func:`~.loading.load_record`); raises RecordError listing every problem, and then
    writes nothing."""
    from .loading import load_record

    suffix = target.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise whole_file_problem(
            str(target), "export writes a Word form (.docx) or a YAML record (.yaml)"
        )
    if target.resolve() == source.resolve():
        raise whole_file_problem(str(target), "is the record itself; write to another file")
    record = load_record(source, pictures=pictures)
    data = export_data(record)
    if suffix == ".docx":
        write_form(target, data)
    else:
        write_yaml(target, data, source.name)


def export_data(record: Any) -> dict[str, Any]:
    """A validated Record as the plain data the form writer and the YAML writer take: the
    fields the author gave, by the names the record file uses, in the schema's order."""
    data: dict[str, Any] = record.model_dump(
        mode="json", by_alias=True, exclude_unset=True, exclude_none=True
    )
    return data


def write_yaml(path: FilePath, data: dict[str, Any], origin: str) -> None:
    """``data`` as a YAML record at ``path`` (written whole, or not at all): the record's
    field order, text as data (quoted where YAML would read it as something else), long or
    multi-line text as folded or literal blocks."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, text)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)
    header = (
        f"# A summarygen case review record, exported from {origin}.\n"
        "# Never write a real name here. Check it with: summarygen validate THIS-FILE\n\n"
    )
    _write_whole(path, (header + body).encode("utf-8"))


def _write_whole(path: FilePath, content: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=path.suffix)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        FilePath(temporary).unlink(missing_ok=True)
        raise


def _part_name(part: str | int) -> str:
    return f"item {part + 1}" if isinstance(part, int) else f'"{label(part)}"'


def is_record_form(path: FilePath) -> bool:
    """Whether ``path`` is a Word record form (its subject says so), not a hand-written
    document."""
    if path.suffix.lower() != ".docx" or not path.is_file():
        return False
    try:
        return bool(docx.Document(str(path)).core_properties.subject == FORM_SUBJECT)
    except Exception:
        return False


def read_word_source(file: FilePath) -> WordSource:
    """The record data of the Word form ``file``, or a RecordError if it cannot be opened."""
    name = str(file)
    if (too_big := unpacked_too_big(FilePath(file))) is not None:
        raise whole_file_problem(name, too_big)
    try:
        document = docx.Document(str(file))
    except FileNotFoundError:
        raise whole_file_problem(name, "no such file") from None
    except IsADirectoryError:
        raise whole_file_problem(name, "is a folder, not a record file") from None
    except Exception:
        raise RecordError(
            [Problem(name, None, None, "", "is not a Word document (.docx) that can be opened")]
        ) from None
    styles = {style.style_id: style.name for style in document.styles}
    blocks = list(_blocks(document.element.body, styles))
    root = _tree(blocks)
    source = WordSource({})
    parts = record_parts()
    if document.core_properties.subject != FORM_SUBJECT and not _any_part(root, parts):
        raise whole_file_problem(
            name,
            "is not a record written in Word: none of its headings is a part of the record. "
            "Start one with: summarygen new review.docx (or export a YAML record to Word)",
        )
    _read_parts(source, parts, root, (), [])
    return source


def _any_part(root: _Section, parts: list[Part]) -> bool:
    headings = {key(part.heading) for part in parts}
    return any(key(_NUMBERING.sub("", child.heading)) in headings for child in root.children)


def _blocks(body: Any, styles: dict[str, str]) -> Iterator[_Block]:
    for child in body:
        if child.tag == _w("p"):
            style, text = _paragraph(child, styles)
            lowered = style.lower()
            if lowered.startswith("heading") and lowered[-1:].isdigit():
                yield _Block("heading", text.strip(), level=int(lowered.split()[-1]))
            elif lowered == "title":
                yield _Block("heading", text.strip(), level=0)
            else:
                yield _Block("paragraph", text, style=style)
        elif child.tag == _w("tbl"):
            yield _Block("table", rows=_rows(child, styles))
        elif child.tag in (_w("sdt"), _w("customXml"), _w("ins")):
            content = child.find(_w("sdtContent"))
            yield from _blocks(child if content is None else content, styles)


def _paragraph(p: Any, styles: dict[str, str]) -> tuple[str, str]:
    style_mark = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    style_id = "" if style_mark is None else str(style_mark.get(_w("val"), ""))
    # a line break reads as a line break in the record's text, not as the space the
    # document reader makes of it for the checks
    p = copy.deepcopy(p)
    for mark in list(p.iter(_w("br"), _w("cr"))):
        text = etree.Element(_w("t"))
        text.text = "\n"
        mark.addprevious(text)
        mark.getparent().remove(mark)
    return styles.get(style_id, style_id), _docx_text(p, [])


def _rows(table: Any, styles: dict[str, str]) -> list[list[list[tuple[str, str]]]]:
    rows = []
    for tr in table.iter(_w("tr")):
        if tr.getparent() is not table and tr.getparent().tag != _w("sdtContent"):
            continue
        if tr.find(f"{_w('trPr')}/{_w('del')}") is not None:
            continue  # a row deleted with changes tracked
        cells = [[_paragraph(p, styles) for p in tc.iter(_w("p"))] for tc in _cells(tr)]
        rows.append(cells)
    return rows


def _cells(row: Any) -> Iterator[Any]:
    """The cells of a table row, also those a content control wraps."""
    for child in row:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            yield from _cells(child if content is None else content)


def _tree(blocks: list[_Block]) -> _Section:
    root = _Section("", 0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading" and block.level > 0 and block.text:
            while stack[-1].level >= block.level:
                stack.pop()
            section = _Section(block.text, block.level)
            stack[-1].children.append(section)
            stack.append(section)
        elif block.kind != "heading":
            stack[-1].blocks.append(block)
    return root


def _content(blocks: list[_Block]) -> list[str]:
    return [
        b.text
        for b in blocks
        if b.kind == "paragraph" and b.style != GUIDANCE_STYLE and b.text.strip()
    ]


def _read_parts(
    source: WordSource, parts: list[Part], section: _Section, path: Path, names: list[str]
) -> dict[str, Any]:
    """Read ``section``'s sub-sections into ``source`` at ``path`` (the record data's
    mapping there is returned)."""
    target: dict[str, Any] = source.data if not path else {}
    by_heading = {key(part.heading): part for part in parts}
    for child in section.children:
        child.heading = _NUMBERING.sub("", child.heading)  # "3. Background", "2.1 Reviewers"
    written = {key(child.heading) for child in section.children}
    seen: dict[str, str] = {}
    for child in section.children:
        part = by_heading.get(key(child.heading))
        if part is None:
            close = _closest(child.heading, [p.heading for p in parts], written)
            where = f" under \u201c{': '.join(names)}\u201d" if names else ""
            hint = (
                f': did you mean "{close[0]}"?'
                if close
                else f"; the parts here are: {', '.join(p.heading for p in parts)}"
            )
            source.notes.append(
                ("", f'heading "{child.heading}"{where} is not a part of the record{hint}')
            )
            if close is None or not close[1]:
                continue
            part = by_heading[key(close[0])]  # read as meant, to find what else is wrong
        if part.field in seen:
            source.notes.append(
                ("", f'heading "{child.heading}" is given twice; give each part once')
            )
            continue
        seen[part.field] = child.heading
        value = _read_part(source, part, child, (*path, part.field), [*names, part.heading])
        if value is not None:
            target[part.field] = value
    under = f' under "{": ".join(names)}"' if names else ""
    for part in parts:
        if part.field not in seen:
            source.places[(*path, part.field)] = f'no heading "{part.heading}"{under}'
            source.empty[(*path, part.field)] = f'add the heading "{part.heading}" and its part'
    return target


def _closest(name: str, choices: list[str], written: set[str]) -> tuple[str, bool] | None:
    """The choice ``name`` is most likely a misspelling of, and whether to read it as that
    choice (not when the document also has the choice itself, spelt right)."""
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if not close:
        return None
    return close[0], key(close[0]) not in written


_EMPTY: dict[str, str] = WORDS["empty"]


def _read_part(
    source: WordSource, part: Part, section: _Section, path: Path, names: list[str]
) -> Any:
    source.empty[path] = _EMPTY[part.kind]
    title = ": ".join(names)
    _unread(source, part, section, f'section "{title}"')
    source.places[path] = f'section "{title}"'
    if part.kind == "text":
        return _read_text(source, _content(section.blocks), path, f'section "{title}"')
    if part.kind == "values":
        values = [text.strip() for text in _content(section.blocks)]
        for index, _ in enumerate(values):
            source.places[(*path, index)] = f'section "{title}", paragraph {index + 1}'
        if part.many:
            return values or None
        if len(values) > 1:
            source.notes.append((f'section "{title}"', "write one value only"))
        return values[0] if values else None
    if part.kind == "yaml":
        text = "\n".join(_content(section.blocks))
        if not text.strip():
            return None
        try:
            return parse(text).data
        except SourceSyntaxError as error:
            line = f" (line {error.position.line})" if error.position else ""
            source.notes.append((f'section "{title}"{line}', error.message))
            return None
    table = next((b for b in section.blocks if b.kind == "table"), None)
    if part.kind == "table":
        if table is None:
            return None
        return _read_table(source, part, table, path, title)
    # a group: its field table, then its sub-sections
    group: dict[str, Any] = {}
    if table is not None:
        _read_field_table(source, part, table, path, title, group)
    source.places[path] = f"{title} table"
    rows_of: dict[Path, list[str]] = {}
    for column in part.columns:
        source.labels[(*path, *column.path)] = f'"{column.label}"'
        for cut in range(1, len(column.path)):
            rows_of.setdefault((*path, *column.path[:cut]), []).append(f'"{column.label}"')
    for prefix, rows in rows_of.items():
        source.empty[prefix] = f"fill in the rows {', '.join(rows)}"
    group.update(_read_parts(source, part.parts, section, path, names))
    # a required group's section read empty: each of its missing fields is named
    return group or ({} if part.required else None)


def _unread(source: WordSource, part: Part, section: _Section, place: str) -> None:
    """Note what in ``section`` the form has no place for, so nothing is lost unsaid."""
    tables = [b for b in section.blocks if b.kind == "table"]
    if part.kind in ("table", "group"):
        extra = _content(section.blocks)
        if extra:
            source.notes.append(
                (
                    place,
                    f"{_shown(extra[0])} is not read: in this part, write in the table "
                    "(or make the text Guidance style)",
                )
            )
        if len(tables) > 1:
            source.notes.append((place, "has more than one table: only the first is read"))
    elif tables:
        source.notes.append((place, "a table here is not read: write paragraphs"))


def _cell_text(cell: list[tuple[str, str]]) -> list[str]:
    return [text for style, text in cell if style != GUIDANCE_STYLE and text.strip()]


def _read_table(
    source: WordSource, part: Part, table: _Block, path: Path, title: str
) -> list[Any] | None:
    if not table.rows:
        return None
    header = [" ".join(_cell_text(cell)) for cell in table.rows[0]]
    columns: list[Column | None] = []
    by_label = {key(c.label): c for c in part.columns}
    written = {key(heading) for heading in header}
    for heading in header:
        column = by_label.get(key(heading))
        if column is None and heading.strip():
            close = _closest(heading, [c.label for c in part.columns], written)
            if close and close[1]:
                column = by_label[key(close[0])]  # read as meant, to find what else is wrong
            hint = (
                f': did you mean "{close[0]}"?'
                if close
                else f"; the columns are: {', '.join(c.label for c in part.columns)}"
            )
            source.notes.append((f"{title} table", f'column "{heading}" is not a field{hint}'))
        columns.append(column)
    items: list[Any] = []
    for number, row in enumerate(table.rows[1:], start=1):
        cells = [_cell_text(cell) for cell in row]
        if not any(cells):
            continue
        index = len(items)
        item_path = (*path, index)
        row_place = f"{title} table, row {number}"
        source.places[item_path] = row_place
        item: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=False):
            if column is None:
                continue
            value_path = (*item_path, *column.path)
            place = f'{row_place}, "{column.label}"'
            source.places[value_path] = place
            value = _cell_value(source, column, cell, value_path, place)
            if value is not None:
                _put(item, column.path, value)
        for column in part.columns:
            source.labels[(*item_path, *column.path)] = f'"{column.label}"'
        items.append(item.get("") if part.item != "model" else item)
    return items or None


def _read_field_table(
    source: WordSource,
    part: Part,
    table: _Block,
    path: Path,
    title: str,
    group: dict[str, Any],
) -> None:
    by_label = {key(c.label): c for c in part.columns}
    rows = [[_cell_text(cell) for cell in row] for row in table.rows[1:]]
    written = {key(" ".join(cells[0])) for cells in rows if cells}
    seen: set[str] = set()
    for cells in rows:
        if not cells or not any(cells):
            continue
        name = " ".join(cells[0])
        column = by_label.get(key(name))
        if column is None:
            close = _closest(name, [c.label for c in part.columns], written)
            hint = f': did you mean "{close[0]}"?' if close else ""
            source.notes.append((f"{title} table", f'"{name}" is not a field{hint}'))
            if close is None or not close[1]:
                continue
            column = by_label[key(close[0])]  # read as meant, to find what else is wrong
        if column.label in seen:
            source.notes.append((f'{title} table, "{column.label}"', "given twice; give it once"))
            continue
        seen.add(column.label)
        value_path = (*path, *column.path)
        place = f'{title} table, "{column.label}"'
        source.places[value_path] = place
        value = _cell_value(source, column, cells[1] if len(cells) > 1 else [], value_path, place)
        if value is not None:
            _put(group, column.path, value)


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    if not path:
        target[""] = value
        return
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _cell_value(
    source: WordSource, column: Column, paragraphs: list[str], path: Path, place: str
) -> Any:
    if column.kind == "text":
        return _read_text(source, paragraphs, path, place)
    values = [text.strip() for text in paragraphs]
    if column.kind == "scalars":
        for index, _ in enumerate(values):
            source.places[(*path, index)] = f"{place}, line {index + 1}"
        return values or None
    if len(values) > 1:
        return "\n".join(values)
    return values[0] if values else None


def _read_text(source: WordSource, paragraphs: list[str], path: Path, place: str) -> Any:
    """One text, or a mapping of a text per reader when the paragraphs carry labels (a
    label is a paragraph of its own, or starts one: "For the public: ...")."""
    paragraphs = [part for text in paragraphs for part in _split_label(text)]
    labels = [_LABEL_REGISTERS.get(key(text)) for text in paragraphs]
    if not any(labels):
        return "\n\n".join(text.strip() for text in paragraphs) or None
    wording: dict[str, list[str]] = {}
    current: Register | None = None
    for text, register in zip(paragraphs, labels, strict=True):
        if register is not None:
            current = register
            if register.value in wording:
                source.notes.append(
                    (place, f"\u201c{REGISTER_LABELS[register]}\u201d is given twice")
                )
            wording.setdefault(register.value, [])
        elif current is None:
            source.notes.append(
                (
                    place,
                    f"{_shown(text)} comes before any reader's label: put it under "
                    + " or ".join(f"\u201c{lab}\u201d" for lab in REGISTER_LABELS.values()),
                )
            )
        else:
            wording[current.value].append(text.strip())
    result = {}
    for register in Register:
        if register.value in wording:
            source.places[(*path, register.value)] = f"{place}, {REGISTER_LABELS[register]}"
            source.labels[(*path, register.value)] = REGISTER_LABELS[register]
            text = "\n\n".join(wording[register.value])
            if text:
                result[register.value] = text
    return result or None


_INLINE_LABEL = re.compile(
    r"^\s*(" + "|".join(re.escape(lab) for lab in REGISTER_LABELS.values()) + r")\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def _split_label(text: str) -> list[str]:
    found = _INLINE_LABEL.match(text)
    if found is None:
        return [text]
    return [found.group(1), text[found.end() :]]


def _shown(text: str) -> str:
    from .schema import shown

    return shown(text, 40)
