"""Every HTML page of both sample packs, opened in Chromium: WCAG 2.1 A and AA by axe-core
(at 1280 and 320 px wide), headings that skip no level, regions with names of their own,
keyboard focus in reading order and visible (3:1), a working skip link, and reflow at 320 px
wide without sideways scrolling (WCAG 1.4.10).

One browser serves the whole module; each test opens its file in a fresh page. Pages broken
on purpose (from a real page, one fault each) prove that every check can fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

from summarygen import Pack
from summarygen.documents import DOCUMENT_TYPES

from ..conftest import SAMPLE_DOCUMENTS, SAMPLES
from .browser import (
    NARROW_VIEWPORT,
    FocusStop,
    axe_violations,
    chromium,
    focus_order,
    focused_element,
    format_violations,
    heading_levels_skip,
    heading_outline,
    horizontal_overflow,
    region_names,
    tab_through,
    tabbable_in_document_order,
)

pytestmark = pytest.mark.client

SAMPLE_NAMES = [sample.stem for sample in SAMPLES]
DOCUMENTS = list(DOCUMENT_TYPES)
WIDE_DESKTOP: ViewportSize = {"width": 1280, "height": 900}
LAYOUT_WIDTHS = (WIDE_DESKTOP["width"], NARROW_VIEWPORT["width"])
"""axe checks both layouts: at 320 px the action plan's tables scroll inside their regions,
which brings in rules (scrollable regions must take focus) that the wide layout never meets."""
MINIMUM_NON_TEXT_CONTRAST = 3.0
"""WCAG 1.4.11 Non-text Contrast, which covers the focus indicator."""

OpenPage = Callable[[Path], Page]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def browser_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=WIDE_DESKTOP)
    yield context
    context.close()


@pytest.fixture
def open_page(browser_context: BrowserContext) -> Iterator[OpenPage]:
    """Opens a file in a new page (its own focus, scroll and viewport), closed after the test."""
    opened: list[Page] = []

    def open_file(path: Path) -> Page:
        page = browser_context.new_page()
        opened.append(page)
        page.goto(path.as_uri())
        return page

    yield open_file
    for page in opened:
        page.close()


def html_file(pack: Pack, document: str) -> Path:
    paths = [
        built.path
        for item in pack.documents
        for built in item.files
        if built.document == document and built.format == "html"
    ]
    assert len(paths) == 1, f"expected one HTML file for {document} in {pack.folder}: {paths}"
    return paths[0]


@pytest.fixture(
    params=[(sample.stem, document) for sample, document in SAMPLE_DOCUMENTS],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def published_page(
    request: pytest.FixtureRequest, sample_packs: dict[str, Pack], open_page: OpenPage
) -> Page:
    sample, document = request.param
    return open_page(html_file(sample_packs[sample], document))


# --- every page of both sample packs ------------------------------------------------------


def test_every_document_has_an_html_page(sample_packs: dict[str, Pack]) -> None:
    for sample, pack in sample_packs.items():
        pages = {path.name for path in pack.folder.glob("*.html")}
        expected = {
            f"{pack.folder.name}-{document}.html"
            for path, document in SAMPLE_DOCUMENTS
            if path.stem == sample
        }
        assert expected <= pages, f"{sample}: missing {sorted(expected - pages)}"


def repeated(names: list[str]) -> list[str]:
    return sorted({name for name in names if names.count(name) > 1})


def test_page_meets_wcag_2_1_a_and_aa(published_page: Page) -> None:
    found: list[str] = []
    for width in LAYOUT_WIDTHS:
        published_page.set_viewport_size({"width": width, "height": WIDE_DESKTOP["height"]})
        violations = axe_violations(published_page)
        if violations:
            found.append(f"at {width} px wide:\n{format_violations(violations)}")
    assert found == [], "axe-core found:\n" + "\n".join(found)
    outline = heading_outline(published_page)
    assert not heading_levels_skip(published_page), f"heading levels skip: {outline}"
    regions = region_names(published_page)
    assert all(regions), f"a region without a name: {regions}"
    assert repeated(regions) == [], f"regions that share a name: {regions}"


def test_first_tab_reaches_the_skip_link(published_page: Page) -> None:
    published_page.keyboard.press("Tab")
    focused = published_page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["skip-link", "#content"]
    skip_link_box = published_page.locator(".skip-link").bounding_box()
    assert skip_link_box is not None and skip_link_box["y"] >= 0, "skip link not shown on focus"


def test_keyboard_focus_follows_the_reading_order_and_shows(published_page: Page) -> None:
    expected = tabbable_in_document_order(published_page)
    stops = tab_through(published_page)
    assert len(expected) >= 1
    assert [stop.element for stop in stops] == expected, "Tab does not follow the DOM order"
    assert faint(stops) == {}, "focus indicators fainter than 3:1 against the page"


def faint(stops: list[FocusStop]) -> dict[str, float]:
    """The elements whose focus indicator has less than 3:1 contrast with the page."""
    return {
        stop.element: round(stop.indicator_contrast, 2)
        for stop in stops
        if stop.indicator_contrast < MINIMUM_NON_TEXT_CONTRAST
    }


def test_skip_link_moves_focus_to_main(published_page: Page) -> None:
    published_page.keyboard.press("Tab")
    published_page.keyboard.press("Enter")
    assert published_page.evaluate("() => document.activeElement.tagName") == "MAIN"


def test_page_reflows_at_320_px_without_scrolling_sideways(published_page: Page) -> None:
    overflow = horizontal_overflow(published_page)
    assert overflow <= 0, f"the page scrolls {overflow} px sideways at 320 px wide"


# --- the check report written into each pack (an HTML page too, though not published) ------


@pytest.fixture(params=SAMPLE_NAMES)
def check_report_page(
    request: pytest.FixtureRequest, sample_packs: dict[str, Pack], open_page: OpenPage
) -> Page:
    pack = sample_packs[request.param]
    return open_page(pack.folder / f"{pack.folder.name}-check-report.html")


def test_check_report_meets_wcag_2_1_a_and_aa(check_report_page: Page) -> None:
    violations = axe_violations(check_report_page)
    assert violations == [], "axe-core found:\n" + format_violations(violations)
    outline = heading_outline(check_report_page)
    assert not heading_levels_skip(check_report_page), f"heading levels skip: {outline}"


def test_check_report_reflows_at_320_px_without_scrolling_sideways(
    check_report_page: Page,
) -> None:
    overflow = horizontal_overflow(check_report_page)
    assert overflow <= 0, f"the page scrolls {overflow} px sideways at 320 px wide"


# --- pages broken on purpose: each check must catch its fault ------------------------------


class BrokenCopy(Protocol):
    def __call__(self, document: str, old: str, new: str, times: int = 1) -> Page: ...


@pytest.fixture
def broken_copy(sample_packs: dict[str, Pack], tmp_path: Path, open_page: OpenPage) -> BrokenCopy:
    """Opens a copy of a real page of the first sample with one fault put in: the first
    ``times`` matches of ``old`` (a regular expression) replaced by ``new``."""

    def open_broken(document: str, old: str, new: str, times: int = 1) -> Page:
        original = html_file(sample_packs[SAMPLE_NAMES[0]], document).read_text("utf-8")
        broken, replaced = re.subn(old, new, original, count=times)
        assert replaced == times, (
            f"{old!r} is not {times} times in the {document} page: update this broken fixture"
        )
        path = tmp_path / f"broken-{document}.html"
        path.write_text(broken, "utf-8")
        return open_page(path)

    return open_broken


def violation_ids(page: Page) -> set[str]:
    return {violation["id"] for violation in axe_violations(page)}


def test_axe_catches_an_image_without_alt_text(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("easy-read", r' alt="[^"]*"', "")
    assert "image-alt" in violation_ids(page)


def test_axe_catches_a_page_without_a_language(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("overview", r'<html lang="[^"]*">', "<html>")
    assert "html-has-lang" in violation_ids(page)


def test_heading_check_catches_a_skipped_level(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("overview", r"<h2>(.*?)</h2>", r"<h3>\1</h3>")
    assert heading_outline(page)[:2] == [1, 3]
    assert heading_levels_skip(page)


def test_focus_check_catches_a_positive_tabindex(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("action-plan", r'tabindex="0"', 'tabindex="1"')
    in_document_order = tabbable_in_document_order(page)
    order = focus_order(page)
    assert sorted(order) == sorted(in_document_order), "the same elements, met in another order"
    assert order != in_document_order
    page.locator(".table-wrap").first.focus()
    assert order[0] == focused_element(page), "Tab goes first to the region with tabindex=1"


def test_focus_check_catches_a_faint_focus_indicator(broken_copy: BrokenCopy) -> None:
    page = broken_copy("children", r"box-shadow: 0 0 0 6px var\(--ink\);", "")
    too_faint = faint(tab_through(page))
    assert too_faint, "the yellow outline alone (1.6:1 on white) should be found too faint"
    assert all(contrast < 2 for contrast in too_faint.values())


def test_region_check_catches_two_tables_with_one_name(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("action-plan", r'aria-label="Recommendation R\d"', 'aria-label="Table"', 2)
    assert repeated(region_names(page)) == ["Table"]


def test_skip_link_check_catches_a_target_that_cannot_take_focus(
    broken_copy: BrokenCopy,
) -> None:
    page = broken_copy("overview", r'<main id="content" tabindex="-1">', "<main>")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.tagName") != "MAIN"


def test_reflow_check_catches_a_long_unbreakable_line(tmp_path: Path, open_page: OpenPage) -> None:
    path = tmp_path / "wide.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Too wide</title></head><body><p>{'unbreakable' * 60}</p></body></html>",
        "utf-8",
    )
    assert horizontal_overflow(open_page(path)) > 0


def test_reflow_allows_a_wide_table_that_scrolls_in_its_own_region(
    broken_copy: BrokenCopy,
) -> None:
    wide_cells = "".join(f"<th scope='col'>Column{n}</th>" for n in range(30))
    page = broken_copy("action-plan", r"<thead><tr>", f"<thead><tr>{wide_cells}")
    assert horizontal_overflow(page) <= 0
    table_overflow = page.evaluate(
        "() => { const region = document.querySelector('.table-wrap');"
        " return region.scrollWidth - region.clientWidth; }"
    )
    assert table_overflow > 0, "the table should scroll inside its region at 320 px"


def test_heading_outline_reads_aria_levels(tmp_path: Path, open_page: OpenPage) -> None:
    path = tmp_path / "aria-headings.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><title>Headings</title><h1>Title</h1>'
        '<div role="heading" aria-level="2">Part</div><h2 aria-level="4">Deep</h2></html>',
        "utf-8",
    )
    page = open_page(path)
    assert heading_outline(page) == [1, 2, 4]
    assert heading_levels_skip(page)


def test_focus_order_is_empty_on_a_page_with_nothing_to_focus(
    tmp_path: Path, open_page: OpenPage
) -> None:
    path = tmp_path / "plain.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><title>Plain</title><p>Text</p></html>', "utf-8"
    )
    page = open_page(path)
    assert focused_element(page) is None
    assert focus_order(page) == [] == tabbable_in_document_order(page)
