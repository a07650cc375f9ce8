"""Accessibility rules for PDF files: the machine-checkable part of PDF/UA-1 (ISO 14289-1) and
of WCAG 2.1 A/AA for PDF (techniques PDF1, PDF6, PDF16, PDF18), read with pikepdf.

What is checked (rules, messages and fixes: ``rules/accessibility-pdf-html.yaml``):

- the file is tagged: a structure tree and ``/MarkInfo << /Marked true >>`` (PDF/UA-1 6.2, 7.1);
- every text-showing and painting operator of a page is inside marked content, tagged or an
  artifact (PDF/UA-1 7.1);
- ``/Lang`` is set and looks like a language tag (PDF/UA-1 7.2, WCAG 3.1.1);
- a title (``/Info /Title``, else XMP ``dc:title``), shown by the viewer
  (``/ViewerPreferences /DisplayDocTitle``) (PDF/UA-1 7.1, WCAG 2.4.2);
- no page paints pictures with no text at all (a scan: WCAG 1.1.1, 1.4.5);
- every Figure element (by its type or through the /RoleMap) has ``/Alt`` or ``/ActualText``
  (PDF/UA-1 7.3, WCAG 1.1.1);
- every Table element has rows and header cells (TH), and its headers say what they head
  (``/Scope`` or ``/Headers``) (PDF/UA-1 7.5, WCAG 1.3.1);
- no heading element is empty (PDF/UA-1 7.4); links and other annotations are described
  (PDF/UA-1 7.18); the file claims PDF/UA in its XMP (PDF/UA-1 5).

The rules follow those of the ``pdfua`` checker (PyPI), which the tests use as an independent
oracle; they are written here rather than called from it because each finding must name the
element's place in the structure tree (``location``), the structure tree must be read through
its /RoleMap (Word's and LibreOffice's own types), and pages are read with the content-stream
operator filter that keeps the build fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf

from .._resources import read_rules_yaml
from ..errors import Problem, RecordError
from ..findings import Finding, Severity

_HEADINGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6"}
_TABLE_GROUPS = {"THead", "TBody", "TFoot"}
_STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", *_HEADINGS, "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
    "TD", *_TABLE_GROUPS, "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link",
    "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
    "Artifact",
}  # fmt: skip
"""The standard structure types of ISO 32000-1 14.8.4 (a custom type maps to one of these)."""

_MAX_DEPTH = 200
_CONTENT_OPERATORS = "BDC BMC EMC Tj TJ ' \" Do BI"
"""What the page scan needs of a content stream: marked-content brackets, text-showing
operators (ISO 32000-1 Table 109), XObject painting and inline images."""
_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
_EXEMPT_ANNOTATIONS = {"/Widget", "/Link", "/Popup", "/PrinterMark", "/TrapNet"}
_LANGUAGE_TAG = re.compile(r"^(?:[A-Za-z]{2,3}|[xi]|sgn)(?:-[A-Za-z0-9]{1,8})*$")
"""The shape of a BCP 47 language tag (``en``, ``en-GB``, ``x-private``): what a screen
reader can pick a voice from."""
_ORDINALS = ("", "2nd ", "3rd ")


@dataclass(frozen=True)
class _Rule:
    check: str
    severity: Severity
    message: str
    fix: dict[str, str]


@dataclass(frozen=True)
class _Rules:
    programs: dict[str, list[str]]
    rules: dict[str, _Rule]


@cache
def _rules() -> _Rules:
    data = read_rules_yaml("accessibility-pdf-html.yaml")
    pdf = data["pdf"]
    return _Rules(
        programs=data["programs"],
        rules={
            name: _Rule(
                "accessibility." + rule["check"],
                Severity(rule["severity"]),
                rule["message"],
                rule["fix"],
            )
            for name, rule in pdf.items()
        },
    )


@dataclass
class _Element:
    """What the walk of the structure tree found that the rules look at."""

    role: str
    path: str
    page: int | None
    node: Any


@dataclass
class _Tree:
    role_map: dict[str, str]
    """The tree's /RoleMap: a custom type (without its slash) to the type it stands for."""
    figures: list[_Element] = field(default_factory=list)
    tables: list[_Element] = field(default_factory=list)
    headings: list[_Element] = field(default_factory=list)
    described_annotations: set[tuple[int, int]] = field(default_factory=set)
    """Annotations (by object number) whose Link or Annot element has /Alt or /ActualText."""

    def role_of(self, own: str) -> str:
        """The standard type an element's own type (``Normal``, ``H1``) stands for."""
        role = own
        for _ in range(10):
            if role in _STANDARD or role not in self.role_map:
                break
            role = self.role_map[role]
        return role


def findings(path: Path) -> list[Finding]:
    """Accessibility findings for the PDF file at ``path``.

    Raises :class:`summarygen.errors.RecordError` for a file that is not a readable PDF or is
    locked by a password."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise _unreadable(path, "it is locked with a password") from None
    except (pikepdf.PdfError, OSError, ValueError) as error:
        raise _unreadable(path, f"it is not a readable PDF ({error})") from None
    with pdf:
        try:
            return pdf_findings(pdf, path.name)
        except (pikepdf.PdfError, RecursionError) as error:
            raise _unreadable(path, f"its structure could not be read ({error})") from None


def pdf_findings(pdf: pikepdf.Pdf, document: str) -> list[Finding]:
    """Accessibility findings for an open PDF; ``document`` names it in the findings."""
    report = _Report(document, _program(pdf))
    root = pdf.Root
    tree_root = root.get("/StructTreeRoot")
    mark_info = root.get("/MarkInfo")
    tagged = isinstance(tree_root, pikepdf.Dictionary) and bool(
        isinstance(mark_info, pikepdf.Dictionary) and mark_info.get("/Marked")
    )
    if not tagged:
        report.add(
            "untagged",
            "the whole document",
            "/Root/MarkInfo" if isinstance(tree_root, pikepdf.Dictionary) else "/Root",
        )
    _language(root, report)
    _title(pdf, root, report)
    _pages(pdf, tagged, report)
    if tagged:
        tree = _walk(pdf, tree_root)
        _figures(tree, report)
        _tables(tree, report)
        _headings(tree, report)
        _annotations(pdf, tree, report)
        if not _claims_pdfua(pdf):
            report.add("no-pdfua-claim", "the document's properties", "/Root/Metadata")
    return report.findings


@dataclass
class _Report:
    document: str
    program: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule_name: str, where: str, location: str, **values: object) -> None:
        rule = _rules().rules[rule_name]
        self.findings.append(
            Finding(
                check=rule.check,
                severity=rule.severity,
                document=self.document,
                section="",
                text="",
                message=rule.message.format(**values),
                suggestion=rule.fix.get(self.program, rule.fix["other"]),
                location=location,
                where=where,
            )
        )


def _unreadable(path: Path, why: str) -> RecordError:
    return RecordError([Problem(path.name, None, None, "", f"cannot check accessibility: {why}")])


def _program(pdf: pikepdf.Pdf) -> str:
    """Which program made the PDF (a key of ``programs`` in the rules), or ``other``."""
    said = " ".join(
        _text(pdf.docinfo.get(key)) or "" for key in ("/Creator", "/Producer")
    ).casefold()
    for program, names in _rules().programs.items():
        if any(name.casefold() in said for name in names):
            return program
    return "other"


def _text(value: Any) -> str | None:
    if isinstance(value, pikepdf.String | pikepdf.Name):
        return str(value)
    return None


# --- the catalog ------------------------------------------------------------------------------


def _language(root: Any, report: _Report) -> None:
    lang = (_text(root.get("/Lang")) or "").strip()
    if not lang:
        report.add("no-language", "the document's language setting", "/Root/Lang")
    elif not _LANGUAGE_TAG.match(lang):
        report.add("bad-language", "the document's language setting", "/Root/Lang", lang=lang)


def _title(pdf: pikepdf.Pdf, root: Any, report: _Report) -> None:
    title = (_text(pdf.docinfo.get("/Title")) or "").strip()
    if not title and root.get("/Metadata") is not None:
        try:
            with pdf.open_metadata() as xmp:
                title = str(xmp.get("dc:title", "") or "").strip()
        except Exception:  # a broken XMP packet is no title
            title = ""
    if not title:
        report.add("no-title", "the document's properties", "/Info/Title")
        return
    preferences = root.get("/ViewerPreferences")
    if not (
        isinstance(preferences, pikepdf.Dictionary) and bool(preferences.get("/DisplayDocTitle"))
    ):
        report.add(
            "title-not-shown",
            "the document's properties",
            "/Root/ViewerPreferences/DisplayDocTitle",
        )


def _claims_pdfua(pdf: pikepdf.Pdf) -> bool:
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return False
    try:
        packet = metadata.read_bytes()
    except pikepdf.PdfError:
        return False
    return b"pdfuaid" in packet or b"PDF/UA" in packet


# --- the pages ----------------------------------------------------------------------------


@dataclass
class _PageScan:
    text: int = 0
    images: int = 0
    unmarked_text: int = 0
    unmarked_paint: int = 0


def _pages(pdf: pikepdf.Pdf, tagged: bool, report: _Report) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        scan = _scan_page(page)
        if scan is None:
            continue
        if scan.images and not scan.text:
            report.add("scanned-page", f"page {number}", f"/Root/Pages[{number}]")
        if tagged and (scan.unmarked_text or scan.unmarked_paint):
            what = []
            if scan.unmarked_text:
                what.append(f"{scan.unmarked_text} piece(s) of text")
            if scan.unmarked_paint:
                what.append(f"{scan.unmarked_paint} picture(s) or drawing(s)")
            report.add(
                "untagged-content",
                f"page {number}",
                f"/Root/Pages[{number}]/Contents",
                what=" and ".join(what),
            )


def _scan_page(page: pikepdf.Page) -> _PageScan | None:
    """Count the page's text-showing operators and painted pictures, and those outside any
    marked content. Form XObjects are looked into for text and pictures (a form painted
    inside marked content is marked as a whole). None when the content cannot be read."""
    scan = _PageScan()
    try:
        _scan_stream(page, page.obj.get("/Resources"), scan, depth=0, marked=False, seen=set())
    except (pikepdf.PdfError, ValueError, TypeError):
        return None
    return scan


def _scan_stream(
    holder: Any, resources: Any, scan: _PageScan, *, depth: int, marked: bool, seen: set[Any]
) -> None:
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    level = 0
    for instruction in pikepdf.parse_content_stream(holder, _CONTENT_OPERATORS):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            scan.images += 1
            if not (marked or level):
                scan.unmarked_paint += 1
            continue
        operator = str(instruction.operator)
        if operator in ("BDC", "BMC"):
            level += 1
        elif operator == "EMC":
            level = max(0, level - 1)
        elif operator in _TEXT_OPERATORS:
            scan.text += 1
            if not (marked or level):
                scan.unmarked_text += 1
        elif operator == "Do":
            if not (marked or level):
                scan.unmarked_paint += 1
            name = instruction.operands[0] if instruction.operands else None
            xobject = (
                xobjects.get(str(name))
                if isinstance(xobjects, pikepdf.Dictionary) and isinstance(name, pikepdf.Name)
                else None
            )
            if not isinstance(xobject, pikepdf.Stream):
                continue
            subtype = xobject.get("/Subtype")
            if subtype == pikepdf.Name.Image:
                scan.images += 1
            elif subtype == pikepdf.Name.Form and depth < 8 and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                inner = _PageScan()
                _scan_stream(
                    xobject,
                    xobject.get("/Resources", resources),
                    inner,
                    depth=depth + 1,
                    marked=True,
                    seen=seen,
                )
                scan.text += inner.text
                scan.images += inner.images


# --- the structure tree -----------------------------------------------------------------------


def _walk(pdf: pikepdf.Pdf, tree_root: Any) -> _Tree:
    """Each Figure, Table and heading element of the structure tree, in the tree's order, with
    its path (``Document[1]/Sect[2]/Figure[1]``: each step the element's own type, numbered
    among its siblings of that type) and page."""
    role_map_object = tree_root.get("/RoleMap")
    role_map = (
        {str(key)[1:]: str(value)[1:] for key, value in role_map_object.items()}
        if isinstance(role_map_object, pikepdf.Dictionary)
        else {}
    )
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    tree = _Tree(role_map)
    seen: set[tuple[int, int]] = set()

    def visit(node: Any, path: str, page: int | None, depth: int) -> None:
        counts: dict[str, int] = {}
        for kid in _kids(node):
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            if kid.get("/Type") == pikepdf.Name.OBJR:
                target = kid.get("/Obj")
                if isinstance(target, pikepdf.Dictionary) and _described(node):
                    tree.described_annotations.add(target.objgen)
                continue
            own_type = kid.get("/S")
            if not isinstance(own_type, pikepdf.Name):
                continue
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            own = str(own_type)[1:]
            counts[own] = counts.get(own, 0) + 1
            kid_path = f"{path}/{own}[{counts[own]}]" if path else f"{own}[{counts[own]}]"
            page_object = kid.get("/Pg")
            kid_page = pages.get(page_object.objgen, page) if page_object is not None else page
            role = tree.role_of(own)
            if kid_page is None and role in _REPORTED:
                kid_page = _first_page(kid, pages, 0)
            element = _Element(role, kid_path, kid_page, kid)
            if role == "Figure":
                tree.figures.append(element)
            elif role == "Table":
                tree.tables.append(element)
            elif role in _HEADINGS:
                tree.headings.append(element)
            if depth < _MAX_DEPTH:
                visit(kid, kid_path, kid_page, depth + 1)

    visit(tree_root, "", None, 0)
    return tree


_REPORTED = {"Figure", "Table", *_HEADINGS}


def _first_page(
    node: Any, pages: dict[Any, int], depth: int, seen: set[Any] | None = None
) -> int | None:
    """The page of the first content under an element that names no page of its own (each
    element looked into once)."""
    seen = set() if seen is None else seen
    if depth > _MAX_DEPTH:
        return None
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary):
            page_object = kid.get("/Pg")
            if page_object is not None and page_object.objgen in pages:
                return pages[page_object.objgen]
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            found = _first_page(kid, pages, depth + 1, seen)
            if found is not None:
                return found
    return None


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [kids]


def _described(node: Any) -> bool:
    return any((_text(node.get(key)) or "").strip() for key in ("/Alt", "/ActualText"))


def _ordinal_where(kind: str, elements: list[_Element], index: int) -> str:
    """ "the figure on page 3", "the 2nd figure on page 3": counted among the elements of
    the same kind on the same page."""
    element = elements[index]
    if element.page is None:
        return f"the {_ordinal(index + 1)}{kind}"
    before = sum(1 for other in elements[:index] if other.page == element.page)
    return f"the {_ordinal(before + 1)}{kind} on page {element.page}"


def _ordinal(number: int) -> str:
    if number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    return f"{number}th "


def _figures(tree: _Tree, report: _Report) -> None:
    for index, figure in enumerate(tree.figures):
        alt = _text(figure.node.get("/Alt"))
        actual = _text(figure.node.get("/ActualText"))
        where = _ordinal_where("figure", tree.figures, index)
        if alt is None and actual is None:
            report.add("figure-no-alt", where, figure.path)
        elif not (alt or "").strip() and not (actual or "").strip():
            report.add("figure-empty-alt", where, figure.path)


def _tables(tree: _Tree, report: _Report) -> None:
    role_of = tree.role_of
    for index, table in enumerate(tree.tables):
        rows = _rows(table.node, role_of)
        where = _ordinal_where("table", tree.tables, index)
        if not rows:
            report.add("table-no-rows", where, table.path)
            continue
        cells = [
            (role_of(str(cell.get("/S"))[1:]), cell)
            for row in rows
            for cell in _kids(row)
            if isinstance(cell, pikepdf.Dictionary) and isinstance(cell.get("/S"), pikepdf.Name)
        ]
        headers = [cell for role, cell in cells if role == "TH"]
        data = [cell for role, cell in cells if role == "TD"]
        if not data:
            continue
        if not headers:
            report.add("table-no-header", where, table.path)
        elif not any(_has_scope(cell) for cell in headers) and not any(
            cell.get("/Headers") is not None or _attribute(cell, "/Headers") is not None
            for cell in data
        ):
            report.add("table-headers-unassociated", where, table.path)


def _rows(
    table: Any, role_of: Callable[[str], str], seen: set[Any] | None = None, depth: int = 0
) -> list[Any]:
    """The table's TR rows, through its THead, TBody and TFoot (each looked into once)."""
    seen = set() if seen is None else seen
    rows: list[Any] = []
    for kid in _kids(table):
        if not isinstance(kid, pikepdf.Dictionary) or not isinstance(kid.get("/S"), pikepdf.Name):
            continue
        role = role_of(str(kid.get("/S"))[1:])
        if role == "TR":
            rows.append(kid)
        elif role in _TABLE_GROUPS and depth < _MAX_DEPTH:
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            rows.extend(_rows(kid, role_of, seen, depth + 1))
    return rows


def _attribute(node: Any, key: str) -> Any:
    attributes = node.get("/A")
    candidates = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    for candidate in candidates:
        if isinstance(candidate, pikepdf.Dictionary) and candidate.get(key) is not None:
            return candidate.get(key)
    return None


def _has_scope(cell: Any) -> bool:
    return _attribute(cell, "/Scope") is not None or cell.get("/Headers") is not None


def _headings(tree: _Tree, report: _Report) -> None:
    for index, heading in enumerate(tree.headings):
        if not _marks_content(heading.node, 0) and not _described(heading.node):
            where = _ordinal_where("heading", tree.headings, index)
            report.add("empty-heading", where, heading.path, role=heading.role)


def _marks_content(node: Any, depth: int, seen: set[Any] | None = None) -> bool:
    """Whether the element or one beneath it holds page content (an MCID, a marked-content
    reference or an object reference). Each element is looked into once (``seen``), so a
    hostile tree whose elements share children cannot make this slow."""
    seen = set() if seen is None else seen
    if depth > _MAX_DEPTH:
        return False
    for kid in _kids(node):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and _is_integer(kid)):
            return True
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
                return True
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            if _marks_content(kid, depth + 1, seen):
                return True
    return False


def _is_integer(value: Any) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def _annotations(pdf: pikepdf.Pdf, tree: _Tree, report: _Report) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        for position, annotation in enumerate(_annotation_list(annotations), start=1):
            subtype = annotation.get("/Subtype")
            described = bool((_text(annotation.get("/Contents")) or "").strip()) or (
                annotation.is_indirect and annotation.objgen in tree.described_annotations
            )
            if described:
                continue
            location = f"/Root/Pages[{number}]/Annots[{position}]"
            if subtype == pikepdf.Name.Link:
                report.add("link-no-description", f"a link on page {number}", location)
            elif str(subtype) not in _EXEMPT_ANNOTATIONS:
                name = str(subtype)[1:] if subtype is not None else "unnamed"
                report.add(
                    "annotation-no-description",
                    f"the {name} annotation on page {number}",
                    location,
                    subtype=name,
                )


def _annotation_list(annotations: Any) -> Iterator[Any]:
    for annotation in annotations:
        if isinstance(annotation, pikepdf.Dictionary):
            yield annotation
