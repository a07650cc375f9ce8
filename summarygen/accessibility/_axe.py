"""``check --axe``: run axe-core (https://github.com/dequelabs/axe-core) on an HTML page in
Chromium, its rules for WCAG 2.0 and 2.1 levels A and AA, and turn each rule it finds broken
into a Finding (severity from axe's impact, by ``rules/accessibility-pdf-html.yaml``).

Needs three things the rest of summarygen does not: Playwright (``pip install
'summarygen[axe]'``), a Chromium or Chrome program (``SUMMARYGEN_CHROMIUM``, else ``chromium``,
``chromium-browser``, ``google-chrome`` on the PATH), and axe-core's ``axe.min.js``
(``SUMMARYGEN_AXE_CORE``, else ``node_modules/axe-core`` in the current folder or one above
it, in the source checkout, or npm's global folder). When one is missing, a RecordError says
what to install (``check`` exits 2).

The page is opened from its file with every request to the network refused (a hand-written
page may load scripts or trackers from anywhere), and Chromium is kept off the network.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from .._resources import read_rules_yaml
from ..errors import Problem, RecordError
from ..findings import Finding, Severity

WCAG_A_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
"""axe-core's tags for the WCAG 2.0 and 2.1 success criteria of levels A and AA."""

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Keep the browser off the network: without these it tries to reach update and sync servers."""

_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_AXE_IN_NODE_MODULES = Path("node_modules") / "axe-core" / "axe.min.js"
_GLOBAL_NODE_MODULES = (Path("/usr/local/lib/node_modules"), Path("/usr/lib/node_modules"))
_WIDTH = 1280
_HEIGHT = 900

_RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


@cache
def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = read_rules_yaml("accessibility-pdf-html.yaml")["html"]["axe"]
    return settings


def chromium_program() -> Path | None:
    """The Chromium (or Chrome) program to run, or None where there is none."""
    named = os.environ.get("SUMMARYGEN_CHROMIUM", "").strip()
    if named:
        return Path(named) if Path(named).is_file() else None
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def axe_script() -> Path | None:
    """axe-core's ``axe.min.js``, or None where it is not installed."""
    named = os.environ.get("SUMMARYGEN_AXE_CORE", "").strip()
    if named:
        return Path(named) if Path(named).is_file() else None
    here = Path.cwd().resolve()
    checkout = Path(__file__).resolve().parents[2]
    for folder in (here, *here.parents, checkout):
        if (folder / _AXE_IN_NODE_MODULES).is_file():
            return folder / _AXE_IN_NODE_MODULES
    for folder in _GLOBAL_NODE_MODULES:
        if (folder / "axe-core" / "axe.min.js").is_file():
            return folder / "axe-core" / "axe.min.js"
    return None


def axe_findings(path: Path) -> list[Finding]:
    """What axe-core finds against WCAG 2.0/2.1 A and AA in the HTML page at ``path``.

    Raises RecordError naming what to install when Playwright, Chromium or axe-core is
    missing, or when Chromium cannot open the page."""
    missing = []
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import Route, sync_playwright
    except ImportError:
        missing.append("Playwright is not installed")
    chromium = chromium_program()
    if chromium is None:
        missing.append("no Chromium was found")
    script = axe_script()
    if script is None:
        missing.append("axe-core's axe.min.js was not found")
    if missing or chromium is None or script is None:
        message = _settings()["missing"].format(missing=" and ".join(missing))
        raise RecordError([Problem(path.name, None, None, "--axe", message)])

    def refuse_network(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), headless=True, args=list(CHROMIUM_ARGS)
            )
            try:
                page = browser.new_page(viewport={"width": _WIDTH, "height": _HEIGHT})
                page.route("**/*", refuse_network)
                page.goto(path.resolve().as_uri())
                page.add_script_tag(path=str(script))
                violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, list(WCAG_A_AA_TAGS))
            finally:
                browser.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
        raise RecordError(
            [Problem(path.name, None, None, "--axe", f"Chromium could not check it: {first_line}")]
        ) from None
    return [_finding(path.name, violation) for violation in violations]


def _finding(document: str, violation: dict[str, Any]) -> Finding:
    settings = _settings()
    targets: list[str] = violation.get("targets") or []
    values = {
        "rule": violation.get("id", "unknown"),
        "help": violation.get("help", ""),
        "help_url": violation.get("helpUrl", ""),
        "count": len(targets),
    }
    impact = violation.get("impact") or "serious"
    shown = ", ".join(targets[:3]) + (f" and {len(targets) - 3} more" if len(targets) > 3 else "")
    return Finding(
        check="accessibility." + settings["check"].format(**values),
        severity=Severity(settings["severity_by_impact"].get(impact, "error")),
        document=document,
        section="",
        text="",
        message=settings["message"].format(**values),
        suggestion=settings["fix"].format(**values),
        location="; ".join(targets),
        where=f"the element(s) {shown}" if shown else "the page",
    )
