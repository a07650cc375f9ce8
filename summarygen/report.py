"""Formatters for check results: terminal, JSON and a one-page HTML report.

The checks engine never prints; these turn its results into what people and pipelines read.
The JSON shape is a contract (``"schema": 1``): add to it, never rename or remove.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ._templates import TemplateFolder
from ._terminal import terminal_line, terminal_text
from .checks.engine import DocumentCheck
from .checks.finding import Severity
from .checks.readability import Metrics
from .errors import TemplateError
from .record.schema import Waiver

JSON_SCHEMA_VERSION = 1
REPORT_TEMPLATE = "report.html.j2"
METRIC_NAMES = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "average_sentence_words": "Average sentence (words)",
    "longest_sentence_words": "Longest sentence (words)",
    "uncommon_word_share": "Uncommon words (%)",
}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


def worst_documents_first(checks: Sequence[DocumentCheck]) -> list[DocumentCheck]:
    def rank(check: DocumentCheck) -> tuple[int, int, int]:
        worst = check.worst
        return (
            worst.rank if worst else len(Severity),
            -check.count(Severity.ERROR),
            -check.count(Severity.WARNING),
        )

    return sorted(checks, key=rank)


def metrics_data(metrics: Metrics) -> dict[str, Any]:
    data = dataclasses.asdict(metrics)
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in data.items()}


def to_data(
    checks: Sequence[DocumentCheck],
    fail_on: Severity = Severity.ERROR,
    waivers: Sequence[Waiver] = (),
) -> dict[str, Any]:
    documents = []
    for check in checks:
        documents.append(
            {
                "document": check.document,
                "audience": check.audience,
                "passed": not check.fails(fail_on),
                "metrics": metrics_data(check.metrics),
                "sections": [
                    {"section": name, "metrics": metrics_data(metrics)}
                    for name, metrics in check.sections.items()
                ],
                "targets": [
                    {
                        "metric": result.target.metric,
                        "bound": "min" if result.target.min is not None else "max",
                        "target": result.target.min
                        if result.target.min is not None
                        else result.target.max,
                        "severity": result.target.severity.value,
                        "value": round(result.value, 2),
                        "met": result.met,
                    }
                    for result in check.targets
                ],
                "findings": [
                    {
                        "check": f.check,
                        "severity": f.severity.value,
                        "section": f.section,
                        "text": f.text,
                        "message": f.message,
                        "suggestion": f.suggestion,
                        **({"location": f.location} if f.location else {}),
                    }
                    for f in check.findings
                ],
            }
        )
    return {
        "schema": JSON_SCHEMA_VERSION,
        "passed": not any(c.fails(fail_on) for c in checks),
        "fail_on": fail_on.value,
        "summary": {s.value + "s": sum(c.count(s) for c in checks) for s in Severity},
        "waivers": [{"text": w.text, "reason": w.reason} for w in waivers],
        "documents": documents,
    }


def verdict(check: DocumentCheck, fail_on: Severity = Severity.ERROR) -> Text:
    counts = [
        f"{check.count(s)} {s.value}{'s' if check.count(s) != 1 else ''}"
        for s in Severity
        if check.count(s)
    ]
    if check.fails(fail_on):
        return Text("✗ " + ", ".join(counts), style="bold red")
    if counts:
        return Text("✓ " + ", ".join(counts), style="yellow")
    return Text("✓ meets its targets" if check.targets else "✓ consistent", style="green")


def print_waivers(waivers: Sequence[Waiver], console: Console) -> None:
    """The record's deliberate exceptions to the identity check, so nobody misses them."""
    for waiver in waivers:
        console.print(
            terminal_line(("waived", "bold magenta"), f" “{waiver.text}”: {waiver.reason}")
        )


def print_terminal(
    checks: Sequence[DocumentCheck],
    console: Console,
    *,
    fail_on: Severity = Severity.ERROR,
    show: Severity = Severity.SUGGESTION,
    only: str = "",
) -> None:
    """Grouped by document, worst first; each target met or missed; sentences quoted.

    ``only`` keeps the findings whose check starts with it (``identity.``), and the
    documents that have any."""
    for check in worst_documents_first(checks):
        if only and not any(f.check.startswith(only) for f in check.findings):
            continue
        parts: list[Any] = []
        measured = bool(check.targets) and not only
        if only:
            pass  # only the findings asked for
        elif not check.targets:
            parts.append(
                Text(
                    "Consistency across the pack: findings, recommendations, actions, "
                    "counts and pseudonyms.",
                    style="dim",
                )
            )
        elif check.metrics.too_short:
            parts.append(
                terminal_text(
                    f"{check.metrics.words} words: too short to score; targets not checked."
                )
            )
        else:
            targets = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
            for column in ("target", "aim", "value", ""):
                targets.add_column(column)
            for result in check.targets:
                mark = (
                    Text("met", style="green")
                    if result.met
                    else Text(
                        f"missed ({result.target.severity.value})",
                        style=_STYLE[result.target.severity],
                    )
                )
                targets.add_row(
                    terminal_text(METRIC_NAMES[result.target.metric]),
                    terminal_text(result.aim),
                    terminal_text(f"{result.value:.1f}"),
                    mark,
                )
            parts.append(targets)
        metrics = check.metrics
        extra = (
            f"{metrics.words} words, {metrics.sentences} sentences, "
            f"{metrics.polysyllable_share:.0f}% long words, {metrics.passive_share:.0f}% passive"
            + (f", SMOG {metrics.smog:.1f}" if metrics.smog is not None else "")
        )
        if measured:
            parts.append(Text(extra, style="dim"))
        shown = [
            f for f in check.findings if f.severity.at_least(show) and f.check.startswith(only)
        ]
        for finding in shown:
            line = terminal_line(
                (f"{finding.severity.value:<10}", _STYLE[finding.severity]), f" {finding.check}"
            )
            if finding.section:
                line.append_text(terminal_text(f"  [{finding.section}]", "dim"))
            if finding.location:
                line.append_text(terminal_text(f"  {finding.document}: {finding.location}", "dim"))
            parts.append(line)
            said = [terminal_text(finding.message)]  # indented, and wrapped under the indent
            if finding.text:
                said.append(terminal_text(f"“{finding.text}”", "italic"))
            if finding.suggestion:
                said.append(terminal_text(f"→ {finding.suggestion}", "green"))
            parts.append(Padding(Group(*said), (0, 0, 0, 2)))
        hidden = sum(1 for f in check.findings if f.check.startswith(only)) - len(shown)
        if hidden:
            parts.append(Text(f"({hidden} more below {show.value} level not shown)", style="dim"))
        title = terminal_line((check.document, "bold"), f"  for {check.audience}  ")
        title.append_text(verdict(check, fail_on))
        console.print(Panel(Group(*parts), title=title, title_align="left"), soft_wrap=False)


def render_html(
    checks: Sequence[DocumentCheck],
    *,
    title: str,
    fail_on: Severity = Severity.ERROR,
    templates: TemplateFolder | None = None,
    waivers: Sequence[Waiver] = (),
) -> str:
    """A one-page report a manager can read, with each score drawn against its target.

    ``report.html.j2`` is rendered in Jinja's sandbox; raises TemplateError naming it when it
    fails."""
    templates = templates or TemplateFolder()
    environment = SandboxedEnvironment(  # the template may come from an organisation's folder
        loader=templates.loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    ordered = worst_documents_first(checks)
    try:
        template = environment.get_template(REPORT_TEMPLATE)
        return template.render(
            title=title,
            checks=ordered,
            data=to_data(ordered, fail_on, waivers),
            names=METRIC_NAMES,
            fail_on=fail_on,
            severities=list(Severity),
            scale=_chart_scale,
        )
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"template {error.filename or REPORT_TEMPLATE}, line {error.lineno}: {error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"template {templates.path(REPORT_TEMPLATE)}: {error}") from None


def _chart_scale(metric: str, value: float) -> float:
    """Where a value sits on its bar, 0 to 100 per cent of the bar's length."""
    top = {
        "flesch_reading_ease": 100.0,
        "flesch_kincaid_grade": 20.0,
        "average_sentence_words": 40.0,
        "longest_sentence_words": 60.0,
        "uncommon_word_share": 30.0,
    }[metric]
    return max(0.0, min(100.0, value / top * 100))
