"""Open pages in the system Chromium (driven by Playwright) and check them as a reader would.

Chromium is Debian's (``apt-get install chromium``), never a Playwright download: the machine
reaches no browser download site. axe-core comes from the repo's own ``package.json``
(``npm ci`` puts it in ``node_modules/``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, TypedDict

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from summarygen.accessibility._axe import CHROMIUM_ARGS, WCAG_A_AA_TAGS

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("SUMMARYGEN_CHROMIUM", "/usr/bin/chromium"))

NARROW_VIEWPORT: ViewportSize = {"width": 320, "height": 640}
"""WCAG 1.4.10 Reflow: 320 CSS px wide, the same as 1280 px zoomed to 400 %."""


class AxeViolation(TypedDict):
    id: str
    impact: str | None
    help: str
    targets: list[str]


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system Chromium, headless and kept off the network, open for the ``with`` block."""
    if not CHROMIUM.is_file():
        raise RuntimeError(
            f"Chromium is not at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(or point SUMMARYGEN_CHROMIUM at another Chromium binary)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[AxeViolation]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it is laid out now.

    axe-core is injected into the page on the first call; later calls (say, at another
    viewport width) reuse it.
    """
    if not AXE_SCRIPT.is_file():
        raise RuntimeError(
            f"axe-core is missing ({AXE_SCRIPT} not found): run `npm ci` in {REPO_ROOT}."
        )
    if page.evaluate("() => typeof axe === 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    violations: list[AxeViolation] = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                targets: violation.nodes.map((node) => node.target.join(" ")),
            }));
        }""",
        list(WCAG_A_AA_TAGS),
    )
    return violations


def format_violations(violations: list[AxeViolation]) -> str:
    """One line per rule, with the elements it found, for an assertion message."""
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(violation["targets"])
        for violation in violations
    )


# Names an element by its path from <html> (tag and position among same-tag siblings), so
# that an element met by pressing Tab can be compared with one found by walking the DOM.
_DESCRIBE_ELEMENT = """
(element) => {
    if (!element || element === document.body || element === document.documentElement) {
        return null;
    }
    const steps = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
        let position = 1;
        for (let sibling = node.previousElementSibling; sibling;
             sibling = sibling.previousElementSibling) {
            if (sibling.tagName === node.tagName) position += 1;
        }
        steps.unshift(`${node.tagName.toLowerCase()}:nth-of-type(${position})`);
    }
    return steps.join(" > ") + (element.id ? `#${element.id}` : "");
}
"""


def focused_element(page: Page) -> str | None:
    """The element that has keyboard focus, by its DOM path; None when nothing has it."""
    described: str | None = page.evaluate(f"() => ({_DESCRIBE_ELEMENT})(document.activeElement)")
    return described


class FocusStop(NamedTuple):
    element: str
    """The focused element, by its DOM path (see :func:`focused_element`)."""
    indicator_contrast: float
    """What :func:`focus_indicator_contrast` measured while it had focus."""


def tab_through(page: Page, max_presses: int = 200) -> list[FocusStop]:
    """Presses Tab through a freshly loaded page (where the first Tab starts from the top):
    each element reached, in the order reached, with how well its focus shows.

    Stops when focus leaves the page or comes back to an element already met (a full
    cycle), or after ``max_presses``.
    """
    stops: list[FocusStop] = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        element = focused_element(page)
        if element is None or element in (stop.element for stop in stops):
            break
        stops.append(FocusStop(element, focus_indicator_contrast(page)))
    return stops


def focus_order(page: Page, max_presses: int = 200) -> list[str]:
    """The elements that Tab reaches on a freshly loaded page, in order (see
    :func:`tab_through`)."""
    return [stop.element for stop in tab_through(page, max_presses)]


def focus_indicator_contrast(page: Page) -> float:
    """The best contrast (WCAG 1.4.11 asks 3:1) between the focused element's indicator, its
    outline or the rings of its box-shadow, and the background it sits on (that of its
    nearest ancestor with one; white if none). 1.0 when it shows no indicator."""
    contrast: float = page.evaluate(
        """() => {
            const element = document.activeElement;
            const rgb = (color) => {
                const match = /rgba?\\(([^)]*)\\)/.exec(color);
                if (!match) return null;
                const [r, g, b, alpha = 1] = match[1].split(/[\\s,/]+/).filter(Boolean)
                    .map(Number);
                return alpha === 0 ? null : [r, g, b];
            };
            const luminance = (color) => {
                const [r, g, b] = color.map((value) => {
                    const channel = value / 255;
                    return channel <= 0.03928
                        ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const ratio = (one, other) => {
                const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
                return (light + 0.05) / (dark + 0.05);
            };
            let background = [255, 255, 255];
            for (let node = element.parentElement; node; node = node.parentElement) {
                const color = rgb(getComputedStyle(node).backgroundColor);
                if (color) { background = color; break; }
            }
            const style = getComputedStyle(element);
            const indicators = [];
            if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
                indicators.push(rgb(style.outlineColor));
            }
            for (const ring of style.boxShadow.matchAll(/rgba?\\([^)]*\\)/g)) {
                indicators.push(rgb(ring[0]));
            }
            return Math.max(1, ...indicators.filter(Boolean).map((c) => ratio(c, background)));
        }"""
    )
    return contrast


def tabbable_in_document_order(page: Page) -> list[str]:
    """The elements a keyboard user should meet, in DOM order: every shown element that takes
    focus from Tab (links, form controls, tabindex >= 0), by the same DOM path as
    :func:`focus_order`.

    A scrolling region without tabindex is not among them, though Chromium lets Tab reach
    it: other browsers do not, so comparing with :func:`focus_order` shows it up."""
    paths: list[str] = page.evaluate(
        f"""() => {{
            const describe = {_DESCRIBE_ELEMENT};
            const candidates = document.querySelectorAll(
                "a[href], area[href], button, input, select, textarea, summary, iframe, "
                + "[tabindex], [contenteditable=''], [contenteditable='true']"
            );
            return Array.from(candidates)
                .filter((element) => element.tabIndex >= 0 && !element.disabled)
                .filter((element) => element.getClientRects().length > 0)
                .filter((element) => getComputedStyle(element).visibility !== "hidden")
                .map(describe);
        }}"""
    )
    return paths


def heading_outline(page: Page) -> list[int]:
    """The levels of the page's headings (h1-h6 and role=heading), in document order."""
    levels: list[int] = page.evaluate(
        """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]"))
            .filter((heading) => heading.getClientRects().length > 0)
            .map((heading) => Number(heading.getAttribute("aria-level")
                ?? (/^H[1-6]$/.test(heading.tagName) ? heading.tagName[1] : 2)))"""
    )
    return levels


def heading_levels_skip(page: Page) -> bool:
    """Whether a heading goes more than one level deeper than the one before it (h1 then h3),
    or the first heading is not an h1. (axe's "heading-order" is a best-practice rule, not
    part of its WCAG tags, so it is checked here.)"""
    levels = heading_outline(page)
    if levels and levels[0] != 1:
        return True
    return any(later > earlier + 1 for earlier, later in itertools.pairwise(levels))


def region_names(page: Page) -> list[str]:
    """The names of the page's region landmarks (role=region, or a named <section>), in
    document order: what a screen reader lists to jump between them."""
    names: list[str] = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                "[role=region], section[aria-label], section[aria-labelledby]"))
            .map((region) => region.getAttribute("aria-label")
                ?? (region.getAttribute("aria-labelledby") || "").split(/\\s+/)
                    .map((id) => document.getElementById(id)?.textContent ?? "").join(" "))
            .map((name) => name.replace(/\\s+/g, " ").trim())"""
    )
    return names


def horizontal_overflow(page: Page, width: int = NARROW_VIEWPORT["width"]) -> int:
    """How many CSS px the page itself scrolls sideways at ``width`` px wide (0: it reflows).

    Content that scrolls inside its own region (a wide data table in a scrolling wrapper,
    which WCAG 1.4.10 allows) does not count: only the document's own scroll width does.
    """
    page.set_viewport_size({"width": width, "height": NARROW_VIEWPORT["height"]})
    overflow: int = page.evaluate(
        """() => {
            const root = document.documentElement;
            const body = document.body ? document.body.scrollWidth : 0;
            return Math.max(root.scrollWidth, body) - root.clientWidth;
        }"""
    )
    return overflow
