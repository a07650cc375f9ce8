"""Accessibility rules for HTML pages, read with lxml: the WCAG 2.1 A and AA failures that can
be told from the page's markup alone.

What is checked (rules, messages and fixes: ``rules/accessibility-pdf-html.yaml``): ``lang``
on ``<html>`` (WCAG 3.1.1); a ``<title>`` (2.4.2); one ``<h1>`` and no skipped heading level
(1.3.1, 2.4.6); ``alt`` on every ``<img>`` (1.1.1; ``alt=""`` marks decoration and passes);
header cells in every table not marked as layout (``role="presentation"``) (1.3.1); text a
screen reader can read out for every link (2.4.4, 4.1.2); a label for every form field
(1.3.1, 3.3.2, 4.1.2).

Hidden elements (the ``hidden`` attribute, ``aria-hidden="true"``, ``display: none``) are
left out, as :mod:`summarygen.readers.html` leaves them out, and so are scripts, styles and
templates. Text marked as boilerplate (our cover, header and footer) is checked: every
reader meets it.

With ``axe=True``, the page is also opened in Chromium (driven by Playwright) and axe-core's
rules for WCAG 2.0 and 2.1, levels A and AA, are run on it (see :mod:`._axe`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._resources import read_rules_yaml
from ..errors import Problem, RecordError
from ..findings import Finding, Severity
from ..readers.html import is_hidden, parse_page
from ..readers.lines import tidy

_NOT_SHOWN = {"script", "style", "template", "noscript", "head"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_FIELDS = {"input", "select", "textarea"}
_UNLABELLED_INPUTS = {"hidden", "submit", "reset", "button", "image"}
"""Input types that need no label: not shown, or named by their value or alt text."""
_LAYOUT_ROLES = {"presentation", "none"}


@dataclass(frozen=True)
class _Rule:
    check: str
    severity: Severity
    message: str
    fix: str


@cache
def _rules() -> dict[str, _Rule]:
    html = read_rules_yaml("accessibility-pdf-html.yaml")["html"]
    return {
        name: _Rule(
            "accessibility." + rule["check"],
            Severity(rule["severity"]),
            rule["message"],
            rule["fix"],
        )
        for name, rule in html.items()
        if name != "axe"
    }


def findings(path: Path, *, axe: bool = False) -> list[Finding]:
    """Accessibility findings for the HTML page at ``path``; ``axe`` also runs axe-core.

    Raises :class:`summarygen.errors.RecordError` when the file cannot be read, or when
    ``axe`` is asked for and Chromium, Playwright or axe-core is missing (saying what to
    install)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RecordError(
            [Problem(path.name, None, None, "", f"cannot read the page: {error.strerror}")]
        ) from None
    found = page_findings(data, path.name)
    if axe:
        from ._axe import axe_findings

        found += axe_findings(path)
    return found


def page_findings(data: bytes, document: str) -> list[Finding]:
    """Accessibility findings for an HTML page (its bytes); ``document`` names it."""
    if not data.strip():
        return []
    root = parse_page(data)
    tree = root.getroottree()
    page = _Page(document, tree)
    _language(root, page)
    _title(root, page)
    previous = 0
    headings = 0
    seen_h1 = False
    for element, heading in _shown(root):
        tag = element.tag
        level = _heading_level(element)
        if level:
            headings += 1
            seen_h1 = seen_h1 or level == 1
            if previous and level > previous + 1:
                page.add(
                    "skipped-heading",
                    element,
                    f"the heading '{_short(element.text_content())}'",
                    heading,
                    level=level,
                    previous=previous,
                    wanted=previous + 1,
                )
            previous = level
        elif tag == "img":
            page.count("image")
            if "alt" not in element.attrib and not _aria_name(element, root):
                page.add("img-no-alt", element, page.nth("image", heading), heading)
        elif tag == "table":
            page.count("table")
            if element.get("role", "").strip().lower() not in _LAYOUT_ROLES and not _has_th(
                element
            ):
                page.add("table-no-th", element, page.nth("table", heading), heading)
        elif tag == "a" and element.get("href") is not None:
            page.count("link")
            if not _link_named(element, root):
                page.add("link-no-text", element, page.nth("link", heading), heading)
        elif tag in _FIELDS and _needs_label(element):
            page.count("form field")
            if not _field_named(element, root):
                page.add("field-no-label", element, page.nth("form field", heading), heading)
    if not seen_h1:
        page.add("no-h1", root, "the page's headings", "", location="/html/body")
    return page.findings


@dataclass
class _Page:
    document: str
    tree: Any
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def nth(self, kind: str, heading: str) -> str:
        """ "the 3rd image, under the heading 'Background'"."""
        where = f"the {_ordinal(self.counts[kind])} {kind}"
        return f"{where}, under the heading '{heading}'" if heading else where

    def add(
        self,
        rule_name: str,
        element: Any,
        where: str,
        heading: str,
        *,
        location: str | None = None,
        **values: object,
    ) -> None:
        rule = _rules()[rule_name]
        self.findings.append(
            Finding(
                check=rule.check,
                severity=rule.severity,
                document=self.document,
                section=heading,
                text="",
                message=rule.message.format(**values),
                suggestion=rule.fix.format(**values),
                location=location if location is not None else self.tree.getpath(element),
                where=where,
            )
        )


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _short(text: str, limit: int = 60) -> str:
    text = tidy(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shown(root: Any) -> Iterator[tuple[Any, str]]:
    """Each element a reader meets, in document order, with the text of the heading above it
    ("" before the first). Hidden elements and all in them are left out."""
    heading = ""
    stack = [root]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _NOT_SHOWN or is_hidden(element):
            continue
        yield element, heading
        if _heading_level(element):
            heading = _short(element.text_content())
        stack.extend(reversed(element))


def _heading_level(element: Any) -> int:
    if element.tag in _HEADINGS:
        return _HEADINGS[element.tag]
    if element.get("role", "").strip().lower() == "heading":
        level = element.get("aria-level", "2").strip()
        return int(level) if level.isdigit() and int(level) > 0 else 2
    return 0


def _language(root: Any, page: _Page) -> None:
    html = root if root.tag == "html" else next(root.iterancestors("html"), root)
    lang = (
        html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    ).strip()
    if not lang:
        page.add("no-lang", html, "the page's first tag (<html>)", "", location="/html")


def _title(root: Any, page: _Page) -> None:
    titles = root.xpath("//head/title | //title")
    if not titles or not tidy(titles[0].text_content()):
        page.add(
            "no-title", root, "the page's title (in its <head>)", "", location="/html/head/title"
        )


def _has_th(table: Any) -> bool:
    """Whether the table has a header cell of its own (not one of a table inside it)."""
    for cell in table.iter("th", "td"):
        if next(cell.iterancestors("table"), None) is not table:
            continue
        if cell.tag == "th" or cell.get("role", "").strip().lower() in (
            "columnheader",
            "rowheader",
        ):
            return True
    return False


def _labelled_by(element: Any, root: Any) -> str:
    ids = element.get("aria-labelledby", "").split()
    texts = []
    for id_ in ids:
        found = root.xpath("//*[@id=$id]", id=id_)
        if found:
            texts.append(found[0].text_content())
    return tidy(" ".join(texts))


def _aria_name(element: Any, root: Any) -> bool:
    return bool(tidy(element.get("aria-label", "")) or _labelled_by(element, root))


def _link_named(link: Any, root: Any) -> bool:
    """Whether a link has an accessible name: text, aria-label, aria-labelledby, a title,
    or an image inside with alt text."""
    if _aria_name(link, root) or tidy(link.get("title", "")):
        return True
    return _shown_text(link)


def _shown_text(element: Any) -> bool:
    if tidy(element.text or ""):
        return True
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NOT_SHOWN and not is_hidden(child):
            if child.tag == "img" and tidy(child.get("alt", "")):
                return True
            if _aria_name(child, child.getroottree().getroot()) or _shown_text(child):
                return True
        if tidy(child.tail or ""):
            return True
    return False


def _needs_label(field_element: Any) -> bool:
    if field_element.tag != "input":
        return True
    return field_element.get("type", "text").strip().lower() not in _UNLABELLED_INPUTS


def _field_named(field_element: Any, root: Any) -> bool:
    if _aria_name(field_element, root) or tidy(field_element.get("title", "")):
        return True
    if any(tidy(label.text_content()) for label in field_element.iterancestors("label")):
        return True
    id_ = field_element.get("id", "").strip()
    if id_:
        for label in root.xpath("//label[@for=$id]", id=id_):
            if tidy(label.text_content()):
                return True
    return False
