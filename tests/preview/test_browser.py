"""The preview in a real browser (system Chromium through Playwright, axe-core from
node_modules): a save that shortens a hard sentence takes its highlight away and moves the
score without a reload, keeping the reader's place; a broken record shows its problems and
the documents come back when it is fixed; axe-core finds no WCAG 2.1 A/AA violation, the
highlights and their notes included; the strict Content-Security-Policy holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from summarygen.preview import PreviewSession, listening_socket, run_in_thread
from summarygen.preview.highlight import KINDS

from ..clients.browser import axe_violations, chromium, format_violations
from .conftest import HARD_SENTENCE, HARD_SENTENCE_TEXT, SHORTER, edited

pytestmark = pytest.mark.client

WAIT_MS = 15_000
"""How long a step may take on a busy machine: the page updates as soon as it can."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture
def preview_url(record: Path) -> Iterator[str]:
    session = PreviewSession(record)
    sock = listening_socket(0)
    stop = run_in_thread(session, sock)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    stop()
    sock.close()


def open_preview(browser: Browser, url: str, *, for_axe: bool = False, width: int = 1280) -> Page:
    # axe-core is injected as an inline script, which the page's policy refuses; only the
    # axe run lets the browser bypass it.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=for_axe)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__previewListening === true", timeout=WAIT_MS)
    return page


def test_a_save_updates_the_page_without_a_reload(
    browser: Browser, preview_url: str, record: Path
) -> None:
    page = open_preview(browser, preview_url + "?doc=children")
    page.evaluate("() => { window.__sameDocument = true; }")
    mark = page.locator("mark.hl.k-long[data-note]", has_text=HARD_SENTENCE_TEXT)
    expect(mark).to_have_count(1)
    fre_before = page.locator(".document-entry.chosen .targets").inner_text()
    page.evaluate("() => window.scrollTo(0, 400)")
    record.write_text(edited(record.read_text(), HARD_SENTENCE, SHORTER))
    expect(mark).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("#status")).to_contain_text("children:", timeout=WAIT_MS)
    expect(page.locator("#status")).to_contain_text("1 fewer hard sentence")
    fre_after = page.locator(".document-entry.chosen .targets").inner_text()
    assert fre_after != fre_before
    assert page.evaluate("() => window.__sameDocument") is True  # no reload
    assert page.evaluate("() => window.scrollY") == 400  # the reader's place kept
    assert page.evaluate("() => document.body.dataset.doc") == "children"
    page.context.close()


def test_a_broken_record_shows_its_problems_until_fixed(
    browser: Browser, preview_url: str, record: Path
) -> None:
    page = open_preview(browser, preview_url + "?doc=easy-read")
    good = record.read_text()
    record.write_text(edited(good, "  kind: lcspr", "  kind: lcspx"))
    problems = page.locator(".problems")
    expect(problems).to_contain_text("line 17", timeout=WAIT_MS)
    expect(problems).to_contain_text("review.kind")
    expect(page.locator("article.document")).to_have_count(0)
    record.write_text(good)
    expect(problems).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("article.document")).to_have_count(1)
    expect(page.locator("#status")).to_contain_text("documents are back")
    page.context.close()


def test_a_note_shows_on_focus_hover_and_tap(browser: Browser, preview_url: str) -> None:
    page = open_preview(browser, preview_url + "?doc=children")
    mark = page.locator("mark.hl[data-note]").first
    popup = page.locator("#popup")
    mark.focus()
    expect(popup).to_be_visible()
    note = page.locator("#" + str(mark.get_attribute("aria-describedby")))
    expect(popup).to_contain_text(note.inner_text(), use_inner_text=False)
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    page.locator("h2.document-label").click()
    mark.hover()
    expect(popup).to_be_visible()
    page.locator("h2.document-label").hover()
    expect(popup).to_be_hidden()
    mark.click()  # a tap
    expect(popup).to_be_visible()
    page.locator("h2.document-label").click()
    expect(popup).to_be_hidden()
    page.context.close()


@pytest.mark.parametrize(
    ("document", "width"),
    [("children", 1280), ("overview", 1280), ("press-statement", 1280), ("action-plan", 320)],
)
def test_axe_finds_no_violation(
    browser: Browser, preview_url: str, document: str, width: int
) -> None:
    page = open_preview(browser, f"{preview_url}?doc={document}", for_axe=True, width=width)
    page.locator("mark.hl[data-note]").first.focus()  # a note open, as a reader sees it
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.context.close()


def test_the_page_loads_nothing_from_elsewhere_and_no_inline_script(
    browser: Browser, preview_url: str
) -> None:
    page = open_preview(browser, preview_url + "?doc=children")
    injected = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", () => resolve("blocked"));
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.head.append(script);
            setTimeout(() => resolve(window.__ran ? "ran" : "blocked"), 500);
        })"""
    )
    assert injected == "blocked"
    sources = page.evaluate(
        """() => [...document.querySelectorAll("script[src], link[href], img[src]")]
            .map((element) => element.src || element.href)"""
    )
    assert sources and all(source.startswith("http://127.0.0.1:") for source in sources)
    page.context.close()


def test_each_kind_of_highlight_has_its_own_line_not_only_its_colour(
    browser: Browser, preview_url: str
) -> None:
    page = open_preview(browser, preview_url + "?doc=overview")
    lines = page.evaluate(
        """() => [...document.querySelectorAll(".legend mark")].map((mark) => {
            const style = getComputedStyle(mark);
            return [style.textDecorationLine, style.textDecorationStyle,
                    style.borderBottomStyle, style.outlineStyle,
                    getComputedStyle(mark, "::before").content].join(" ");
        })"""
    )
    assert len(lines) == len(KINDS)
    assert len(set(lines)) == len(lines), lines
    page.context.close()
