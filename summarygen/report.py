"""Formatters for check results: terminal, JSON and a one-page HTML report.

The checks engine never prints; these turn its results into what people and pipelines read.
The JSON shape is a contract (``"schema": 1``): add to it, never rename or remove.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from rich.console import Console, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ._templates import TemplateFolder
from ._terminal import terminal_line, terminal_text
from .checks.engine import DocumentCheck, TargetResult
from .checks.finding import Finding, Severity
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
                        **({"where": f.where} if f.where else {}),
                        **({"source": f.source} if f.source else {}),
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


def plural(count: int, noun: str, many: str = "") -> str:
    """``count`` and its noun as people write them: "1 sentence", "2 sentences", "1,376 words"."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def counted(check: DocumentCheck, severities: Sequence[Severity]) -> str:
    """The counts of ``severities`` that are not zero, worst first: "2 errors, 11 warnings"."""
    return ", ".join(plural(check.count(s), s.value) for s in severities if check.count(s))


def verdict_parts(check: DocumentCheck, fail_on: Severity = Severity.ERROR) -> tuple[str, str, str]:
    """A document's verdict as (symbol, words, style), symbol and words agreeing.

    ``✗ needs attention: 2 errors`` when it fails at ``fail_on``; ``! meets its targets
    (11 warnings)`` when it passes with warnings (never a tick beside problems); ``✓ meets its
    targets`` when nothing worse than a suggestion is left. The pack's own check has no
    reading targets: it is ``consistent`` instead."""
    failing = [s for s in Severity if s.at_least(fail_on)]
    if check.fails(fail_on):
        worse = counted(check, failing)
        rest = counted(check, [s for s in (Severity.WARNING,) if s not in failing])
        return "✗", f"needs attention: {worse}" + (f" ({rest})" if rest else ""), "bold red"
    passed = "meets its targets" if check.targets else "consistent"
    if check.targets and check.metrics.too_short:
        passed = "too short to score (targets not checked)"
    warnings = counted(check, [Severity.ERROR, Severity.WARNING])
    if warnings:
        return "!", f"{passed} ({warnings})", "yellow"
    if check.targets and check.metrics.too_short:
        return "–", passed, "yellow"
    return "✓", passed, "green"


def verdict(check: DocumentCheck, fail_on: Severity = Severity.ERROR) -> Text:
    """The verdict as one styled piece of text: "✗ needs attention: 2 errors"."""
    symbol, words, style = verdict_parts(check, fail_on)
    return Text(f"{symbol} {words}", style=style)


@cache
def _audience_labels() -> dict[str, str]:
    from .checks.profiles import load_profiles

    labels = {name: profile.label for name, profile in load_profiles().items()}
    return {name: label[:1].lower() + label[1:] for name, label in labels.items()}


def audience_label(audience: str) -> str:
    """Who a document is for, as the shipped profiles name them ("professionals and
    inspectors"); "the whole pack" for the pack's own check; otherwise the id itself."""
    if audience == "all":
        return "the whole pack"
    return _audience_labels().get(audience, audience)


SHORT_METRIC_NAMES = {
    "flesch_reading_ease": "reading ease",
    "flesch_kincaid_grade": "grade",
    "average_sentence_words": "average sentence",
    "longest_sentence_words": "longest sentence",
    "uncommon_word_share": "uncommon words",
}
_UNITS = {
    "average_sentence_words": " words",
    "longest_sentence_words": " words",
    "uncommon_word_share": "%",
}


def shown_number(value: float, near: float | None = None) -> str:
    """A score as people write it: whole numbers (``68``, ``40``, ``1,376``), with one decimal
    only where it means something: a value below 10 (grade ``9.7``), or one that would round
    onto its target ``near`` and so hide whether the target was met (``25.4`` against 25)."""
    rounded = round(value)
    if abs(value - rounded) < 0.05:
        return f"{rounded:,}"
    if abs(value) < 10 or (near is not None and rounded == near and value != near):
        return f"{value:,.1f}"
    return f"{rounded:,}"


def shown_score(result: TargetResult, unit: bool = True) -> str:
    """A score with its unit: ``40 words``, ``1.2%``, ``68``."""
    bound = result.target.min if result.target.min is not None else result.target.max
    number = shown_number(result.value, bound)
    return number + (_UNITS.get(result.target.metric, "") if unit else "")


def shown_aim(result: TargetResult) -> str:
    """The target as a short aim: ``≥ 30``, ``≤ 40``."""
    return result.target.bound


def print_waivers(waivers: Sequence[Waiver], console: Console) -> None:
    """The record's deliberate exceptions to the identity check, so nobody misses them."""
    for waiver in waivers:
        console.print(
            terminal_line(("waived", "bold magenta"), f" “{waiver.text}”: {waiver.reason}")
        )


_TOOL_PLACE = re.compile(r"[/<>\[\]]|\.xml\b|^(docx|pdf|html|xlsx|pptx)$", re.IGNORECASE)
"""A piece of a ``location`` that is for tools (a part name, an element path), not people."""


def readable_location(location: str) -> str:
    """The pieces of a tool-facing ``location`` a person can use ("page 3"), without part
    names or element paths ("word/document.xml", "<p>"); "" when none is left. Used only
    while a finding has no ``where``."""
    pieces = re.split(r": | › ", location)
    return ", ".join(piece for piece in pieces if piece and not _TOOL_PLACE.search(piece))


def finding_place(finding: Finding, *, document: bool = True) -> str:
    """Where a finding is, for a person: the document (or file), then ``where`` ("section
    'Background', paragraph 3", "page 3"), or else the section heading and any page the
    tool-facing location names. Never a part name such as ``word/document.xml``: the full
    ``location`` is for tools and goes to JSON only."""
    where = finding.where
    if not where:
        parts = [f"section '{finding.section}'" if finding.section else ""]
        parts.append(readable_location(finding.location))
        where = ", ".join(part for part in parts if part)
    return ", ".join(part for part in (finding.document if document else "", where) if part)


def _finding_lines(finding: Finding, *, suggestion: bool, quote_width: int | None) -> list[Text]:
    """What the terminal says about one finding, under its heading line: the message, the
    quoted text (cut to one line when ``quote_width`` is given), the suggestion and, for a
    built document, where to change it in the record."""
    said = [terminal_text(finding.message)]
    if finding.text:
        quote = terminal_text(f"“{finding.text}”", "italic")
        if quote_width is not None:
            quote.truncate(quote_width, overflow="ellipsis")
        said.append(quote)
    if suggestion and finding.suggestion:
        said.append(terminal_text(f"→ {finding.suggestion}", "green"))
    return said


def _place_line(finding: Finding, *, document: bool) -> Text | None:
    place = finding_place(finding, document=document)
    if finding.source:
        place += ("; " if place else "") + f"in the record: {finding.source}"
    return terminal_text(place, "dim") if place else None


_SYMBOL = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.SUGGESTION: "·"}


def print_terminal(
    checks: Sequence[DocumentCheck],
    console: Console,
    *,
    fail_on: Severity = Severity.ERROR,
    show: Severity = Severity.SUGGESTION,
    only: str = "",
) -> None:
    """The full listing (``check --details``): grouped by document, worst first; each target
    met or missed; every finding with where it is and the sentence quoted.

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
                    f"{plural(check.metrics.words, 'word')}: too short to score; "
                    "targets not checked."
                )
            )
        else:
            targets = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
            for column in ("target", "aim", "score", ""):
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
                    terminal_text(shown_score(result, unit=False)),
                    mark,
                )
            parts.append(targets)
        metrics = check.metrics
        extra = (
            f"{plural(metrics.words, 'word')}, {plural(metrics.sentences, 'sentence')}, "
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
            parts.append(line)
            said = _finding_lines(finding, suggestion=True, quote_width=None)
            place = _place_line(finding, document=finding.document != check.document)
            parts.append(
                Padding(Group(*([place] if place else []), *said), (0, 0, 0, 2))
            )  # indented, and wrapped under the indent
        hidden = sum(1 for f in check.findings if f.check.startswith(only)) - len(shown)
        if hidden:
            parts.append(Text(f"({hidden} more below {show.value} level not shown)", style="dim"))
        title = terminal_line((check.document, "bold"), f"  for {audience_label(check.audience)}  ")
        title.append_text(verdict(check, fail_on))
        console.print(Panel(Group(*parts), title=title, title_align="left"), soft_wrap=False)


SUMMARY_FINDINGS = 8
"""How many findings the default screen shows at most (errors first, then warnings)."""
SCREEN_LINES = 50
"""The default screen's height: the verdict, the scores and the findings that most need
attention fit in it, at any width from 80 columns."""


_SCORED = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "average_sentence_words",
    "longest_sentence_words",
)
"""The scores the default screen shows for each document (every target is in the report)."""


def _score_cell(result: TargetResult | None, too_short: bool, units: bool) -> Text:
    if result is None:
        return Text("")
    if too_short or result.met is None:
        return Text("–", style="dim")
    cell = terminal_text(shown_score(result, unit=units))
    if result.missed:
        cell.stylize(_STYLE[result.target.severity])
    cell.append_text(Text(f" ({shown_aim(result)})", style="dim"))
    return cell


def _score_header(metric: str, units: bool) -> str:
    """The column heading on two short lines: "reading\\nease", "longest\\nsentence (words)"."""
    unit = _UNITS.get(metric, "").strip()
    name = SHORT_METRIC_NAMES[metric].replace(" ", "\n", 1)
    return name + ("" if units or not unit else f"\n({unit})")


def documents_table(
    checks: Sequence[DocumentCheck],
    fail_on: Severity = Severity.ERROR,
    *,
    verdicts: bool = True,
    scores: bool = True,
    units: bool = True,
) -> Table:
    """One row a document: its verdict in words and a symbol that agree, each score against
    its target (reading ease, grade, average and longest sentence) and its length in
    words. ``verdicts`` or ``scores`` False leaves those columns out (a narrow terminal
    shows them as two tables); ``units`` False leaves "words" out of each score."""
    table = Table(
        box=None, pad_edge=False, padding=(0, 1, 0, 0), show_header=True, header_style="bold"
    )
    if verdicts:
        table.add_column("")
    table.add_column("document", no_wrap=True, vertical="bottom")
    if verdicts:
        table.add_column("verdict", no_wrap=True)
    if scores:
        for metric in _SCORED:
            table.add_column(_score_header(metric, units), justify="right", no_wrap=True)
        table.add_column("words", justify="right", no_wrap=True)
    for check in checks:
        symbol, words, style = verdict_parts(check, fail_on)
        if not verdicts and not check.targets:
            continue  # the pack's own check has no scores
        by_metric: dict[str, TargetResult] = {r.target.metric: r for r in check.targets}
        too_short = check.metrics.too_short
        row: list[Text] = [terminal_text(check.document, "bold")]
        if verdicts:
            row = [Text(symbol, style=style), *row, Text(words, style=style)]
        if scores:
            row.extend(_score_cell(by_metric.get(m), too_short, units) for m in _SCORED)
            row.append(Text(f"{check.metrics.words:,}" if check.targets else ""))
        table.add_row(*row)
    return table


def documents_overview(
    checks: Sequence[DocumentCheck], console: Console, fail_on: Severity = Severity.ERROR
) -> list[Table]:
    """The documents' verdicts and scores as one table if it fits the console's width
    without wrapping, else without units in the cells, else as two tables (verdicts, then
    scores)."""
    width = console.options.max_width
    for units in (True, False):
        table = documents_table(checks, fail_on, units=units)
        natural = Measurement.get(console, console.options.update_width(10_000), table)
        if natural.maximum <= width:
            return [table]
    return [
        documents_table(checks, fail_on, scores=False),
        documents_table(checks, fail_on, verdicts=False, units=False),
    ]


def _missed_targets(check: DocumentCheck) -> list[Finding]:
    """Each missed target as a finding to show (a missed longest-sentence target is already
    one finding a sentence)."""
    return [
        Finding(
            f"readability.{result.target.metric}",
            result.target.severity,
            check.document,
            "",
            "",
            f"{SHORT_METRIC_NAMES[result.target.metric]} {shown_score(result)}: "
            f"the target is {shown_aim(result)} for {audience_label(check.audience)}",
        )
        for result in check.targets
        if result.missed and not result.by_sentence
    ]


def most_needing_attention(checks: Sequence[DocumentCheck]) -> list[Finding]:
    """Every error and warning (missed targets included), in the order to look at them:
    errors first, then warnings; within each, one of every kind in every document before a
    second of any (so eight long sentences in one document do not hide the rest), worst
    documents first."""
    ordered = worst_documents_first(checks)
    rank = {check.document: index for index, check in enumerate(ordered)}
    candidates: list[tuple[int, int, int, int, Finding]] = []
    seen: dict[tuple[str, str], int] = {}
    position = 0
    for check in ordered:
        for finding in [*_missed_targets(check), *check.findings]:
            if not finding.severity.at_least(Severity.WARNING):
                continue
            kind = (finding.document, finding.check)
            seen[kind] = seen.get(kind, -1) + 1
            candidates.append(
                (finding.severity.rank, seen[kind], rank[check.document], position, finding)
            )
            position += 1
    return [item[-1] for item in sorted(candidates, key=lambda item: item[:4])]


def _wrapped(console: Console, texts: Sequence[Text], *, indent: int) -> list[Text]:
    """``texts`` wrapped to the console's width under an ``indent``, one Text a line, with
    no spaces after the last word (so a copied line is what was said)."""
    width = max(20, console.options.max_width - indent)
    lines: list[Text] = []
    for text in texts:
        for line in text.wrap(console, width):
            line.rstrip()
            lines.append(Text(" " * indent).append_text(line))
    return lines


def _height(console: Console, renderable: Any) -> int:
    return len(console.render_lines(renderable, console.options, pad=False))


def print_summary(
    checks: Sequence[DocumentCheck],
    console: Console,
    *,
    fail_on: Severity = Severity.ERROR,
    title: str = "",
    report: Path | None = None,
    command: str = "",
    limit: int = SUMMARY_FINDINGS,
    screen: int = SCREEN_LINES,
) -> None:
    """The default screen of ``check``: the verdict first, in one screen.

    A table of the documents (verdict, scores against targets, words), then the few findings
    that most need attention (at most ``limit``, and only as many as fit in ``screen``
    lines at the console's width), then where the full list is: the HTML ``report`` if one
    was written, and ``command`` with ``--details`` or ``--format json``."""
    head: list[Any] = []
    if title:
        documents = [check for check in checks if check.targets]  # not the pack as a whole
        head.append(
            terminal_line((title, "bold"), f": {plural(len(documents), 'document')} checked")
        )
    for table in documents_overview(worst_documents_first(checks), console, fail_on):
        head.extend([table, Text("")])
    attention = most_needing_attention(checks)
    totals = {s: sum(c.count(s) for c in checks) for s in Severity}
    total_line = "In all: " + ", ".join(plural(totals[s], s.value) for s in Severity) + "."
    tail: list[Any] = []
    if attention or totals[Severity.SUGGESTION]:
        tail.append(Text(""))
        if report is not None:
            total_line += " Every one, with what to change, is in the report: "
            tail.append(terminal_line(total_line, (report, "bold")))
        else:
            tail.append(terminal_text(total_line))
        if command:
            tail.append(terminal_text(f"To list every one here: {command} --details"))
            tail.append(
                terminal_text(
                    "For a report to read or share, add --report report.html; "
                    "for a pipeline, --format json."
                    if report is None
                    else "For a pipeline: --format json."
                )
            )
    used = sum(_height(console, part) for part in (*head, *tail))
    items: list[list[Text]] = []
    explained: set[str] = set()
    width = max(20, console.options.max_width - 4)
    for finding in attention[:limit]:
        label = "error" if finding.severity is Severity.ERROR else "warning"
        line = terminal_line(
            (f"{_SYMBOL[finding.severity]} {label}", _STYLE[finding.severity]),
            "  ",
            (finding_place(finding), "bold"),
        )
        said = _finding_lines(
            finding,
            suggestion=finding.check not in explained,
            quote_width=width,
        )
        if finding.source:
            said.append(terminal_text(f"in the record: {finding.source}", "dim"))
        block = [
            *_wrapped(console, [line], indent=0),
            *_wrapped(console, said, indent=4),
        ]
        height = len(block)
        if used + height + 2 > screen:
            break
        explained.add(finding.check)
        items.append(block)
        used += height
    for part in head:
        console.print(part, soft_wrap=False)
    if items:
        more = len(attention) - len(items)
        counted_all = plural(len(attention), "error or warning", "errors and warnings")
        heading = terminal_text(
            f"Needs attention first ({len(items)} of {counted_all}):"
            if more
            else "Needs attention first:",
            "bold",
        )
        console.print(heading, soft_wrap=False)
        for block in items:
            for text in block:
                console.print(text, soft_wrap=True)  # wrapped already, and not padded
    for part in tail:
        console.print(part, soft_wrap=False)


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
            plural=plural,
            number=shown_number,
            score=shown_score,
            audience=audience_label,
            verdict=verdict_parts,
            place=finding_place,
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
