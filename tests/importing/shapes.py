"""FICTION: the invented review of content.py written out as partnerships write reports.

Each function writes one shape of report to a file and returns its path:

- ``heading_styles``: Word heading styles with numbered headings ("6.1 Key practice
  episode 1: ..."), "Recommendation 1:" paragraphs, an action plan table with a RAG column;
- ``bold_paragraphs``: no heading styles at all, headings are bold Normal paragraphs
  numbered by hand, some misspelled ("Backround", "Recomendations"); "Recommendation 1"
  alone in bold above its text; the glossary as "CSC – ..." lines;
- ``tables``: a recommendations table with the partnership's response, an action plan
  grouped by rows across the table ("Recommendation 2"), episodes and agencies as tables;
- ``pandoc_markdown``: Markdown made into .docx by pandoc (pypandoc-binary);
- ``libreoffice_odt``: an OpenDocument text written here, converted to .docx by LibreOffice.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as WordDocument

from . import content as c


def _bold(word: WordDocument, text: str) -> None:
    word.add_paragraph().add_run(text).bold = True


def _table(word: WordDocument, header: list[str], rows: list[list[str]]) -> None:
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _action_rows(with_rec: bool) -> list[list[str]]:
    return [
        ([str(a.recommendation)] if with_rec else [])
        + [a.agency, a.action, a.lead, a.due, a.status, a.evidence]
        for a in c.ACTIONS
    ]


def heading_styles(folder: Path) -> Path:
    word = docx.Document()
    word.add_paragraph(c.TITLE, style="Title")
    for line in c.COVER:
        word.add_paragraph(line)
    word.add_heading("1. Introduction", 1)
    for text in c.INTRODUCTION:
        word.add_paragraph(text)
    word.add_heading("2. Terms of Reference", 1)
    word.add_paragraph(c.TERMS_LEAD)
    for text in c.TERMS:
        word.add_paragraph(text, style="List Number")
    word.add_heading("3. Methodology", 1)
    for text in c.METHODOLOGY:
        word.add_paragraph(text)
    word.add_heading("4. Agencies involved", 1)
    for name, role in c.AGENCIES:
        word.add_paragraph(f"{name} – {role}", style="List Bullet")
    word.add_heading("5. Background", 1)
    for text in c.BACKGROUND:
        word.add_paragraph(text)
    word.add_heading("6. Key practice episodes", 1)
    for n, episode in enumerate(c.EPISODES, 1):
        word.add_heading(f"6.{n} Key practice episode {n}: {episode.title} ({episode.when})", 2)
        for text in episode.paragraphs:
            word.add_paragraph(text)
    word.add_heading("7. Analysis and findings", 1)
    for n, finding in enumerate(c.FINDINGS, 1):
        word.add_heading(f"7.{n} Finding {n}: {finding.title}", 2)
        for text in finding.paragraphs:
            word.add_paragraph(text)
    word.add_heading("8. Good practice", 1)
    for text in c.GOOD_PRACTICE:
        word.add_paragraph(text, style="List Bullet")
    word.add_heading("9. Conclusion", 1)
    for text in c.CONCLUSION:
        word.add_paragraph(text)
    word.add_heading("10. Recommendations", 1)
    for n, text in enumerate(c.RECOMMENDATIONS, 1):
        word.add_paragraph(f"Recommendation {n}: {text} (Finding {min(n, 4)})")
    word.add_heading("11. Action plan", 1)
    _table(
        word,
        ["Rec", "Agency", "Action", "Lead", "Timescale", "RAG", "Evidence"],
        _action_rows(True),
    )
    word.add_heading("12. Glossary", 1)
    _table(word, ["Term", "Meaning"], [list(pair) for pair in c.GLOSSARY])
    word.add_heading("13. Acknowledgements", 1)
    for text in c.ACKNOWLEDGEMENTS:
        word.add_paragraph(text)
    path = folder / "heading-styles.docx"
    word.save(str(path))
    return path


def bold_paragraphs(folder: Path) -> Path:
    word = docx.Document()
    _bold(word, c.TITLE)
    for line in c.COVER:
        word.add_paragraph(line)
    _bold(word, "1. Why this review was held")
    for text in c.INTRODUCTION:
        word.add_paragraph(text)
    _bold(word, "2. Scope of the review")
    word.add_paragraph(c.TERMS_LEAD)
    for text in c.TERMS:
        word.add_paragraph(text, style="List Bullet")
    _bold(word, "3. The Review Process")
    for text in c.METHODOLOGY:
        word.add_paragraph(text)
    _bold(word, "4. Organisations involved")
    for name, role in c.AGENCIES:
        word.add_paragraph(f"{name}: {role}")
    _bold(word, "5. Backround to the family")
    for text in c.BACKGROUND:
        word.add_paragraph(text)
    _bold(word, "6. Chronology")
    for n, episode in enumerate(c.EPISODES, 1):
        _bold(word, f"KPE {n} – {episode.title} ({episode.when})")
        for text in episode.paragraphs:
            word.add_paragraph(text)
    _bold(word, "7. Learning")
    for n, finding in enumerate(c.FINDINGS, 1):
        word.add_paragraph(f"Finding {n}: {finding.title}")
        for text in finding.paragraphs:
            word.add_paragraph(text)
    _bold(word, "8. What went well")
    for text in c.GOOD_PRACTICE:
        word.add_paragraph(text)
    _bold(word, "9. Conclusions")
    for text in c.CONCLUSION:
        word.add_paragraph(text)
    _bold(word, "10. Recomendations")
    for n, text in enumerate(c.RECOMMENDATIONS, 1):
        _bold(word, f"Recommendation {n}")
        word.add_paragraph(text)
    _bold(word, "11. Action Plan")
    _table(
        word,
        [
            "Rec No.",
            "Agency",
            "Action",
            "Lead Officer",
            "Due date",
            "Status",
            "Evidence of completion",
        ],
        _action_rows(True),
    )
    _bold(word, "12. Glossary of terms")
    for term, meaning in c.GLOSSARY:
        word.add_paragraph(f"{term} – {meaning}")
    _bold(word, "Acknowledgements")
    for text in c.ACKNOWLEDGEMENTS:
        word.add_paragraph(text)
    path = folder / "bold-paragraphs.docx"
    word.save(str(path))
    return path


def tables(folder: Path) -> Path:
    word = docx.Document()
    word.add_paragraph(c.TITLE, style="Title")
    for line in c.COVER:
        word.add_paragraph(line)
    word.add_heading("Introduction", 1)
    for text in c.INTRODUCTION:
        word.add_paragraph(text)
    word.add_heading("Key lines of enquiry", 1)
    for text in c.TERMS:
        word.add_paragraph(text, style="List Bullet")
    word.add_heading("Methodology", 1)
    for text in c.METHODOLOGY:
        word.add_paragraph(text)
    word.add_heading("Agencies involved", 1)
    _table(word, ["Agency", "Involvement"], [list(pair) for pair in c.AGENCIES])
    word.add_heading("Background", 1)
    for text in c.BACKGROUND:
        word.add_paragraph(text)
    word.add_heading("Key practice episodes", 1)
    _table(
        word,
        ["KPE", "Dates", "Episode", "Summary"],
        [[str(n), e.when, e.title, " ".join(e.paragraphs)] for n, e in enumerate(c.EPISODES, 1)],
    )
    word.add_heading("Findings", 1)
    for n, finding in enumerate(c.FINDINGS, 1):
        word.add_heading(f"Finding {n}. {finding.title}", 2)
        for text in finding.paragraphs:
            word.add_paragraph(text)
    word.add_heading("Good practice", 1)
    for text in c.GOOD_PRACTICE:
        word.add_paragraph(text, style="List Bullet")
    word.add_heading("Conclusion", 1)
    for text in c.CONCLUSION:
        word.add_paragraph(text)
    word.add_heading("Recommendations and partnership response", 1)
    _table(
        word,
        ["No.", "Recommendation", "Findings", "Partnership response"],
        [
            [str(n), text, str(min(n, 4)), response]
            for n, (text, response) in enumerate(
                zip(c.RECOMMENDATIONS, c.RESPONSES, strict=True), 1
            )
        ],
    )
    word.add_heading("Multi-agency action plan", 1)
    header = ["Agency", "Action", "Lead", "Timescale", "RAG status", "Evidence"]
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    current = 0
    for action, row in zip(c.ACTIONS, _action_rows(False), strict=True):
        if action.recommendation != current:
            current = action.recommendation
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = f"Recommendation {current}"
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    word.add_heading("Abbreviations", 1)
    _table(word, ["Abbreviation", "Meaning"], [list(pair) for pair in c.GLOSSARY])
    word.add_heading("Acknowledgements", 1)
    for text in c.ACKNOWLEDGEMENTS:
        word.add_paragraph(text)
    path = folder / "tables.docx"
    word.save(str(path))
    return path


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_text() -> str:
    lines = [
        "---",
        f"title: {c.TITLE}",
        "---",
        "",
        *(f"{line}\n" for line in c.COVER),
        "# Introduction",
        "",
        *(f"{text}\n" for text in c.INTRODUCTION),
        "# Terms of reference",
        "",
        c.TERMS_LEAD,
        "",
        *(f"{n}. {text}" for n, text in enumerate(c.TERMS, 1)),
        "",
        "# Methodology",
        "",
        *(f"{text}\n" for text in c.METHODOLOGY),
        "# Agencies involved",
        "",
        *(f"- {name} – {role}" for name, role in c.AGENCIES),
        "",
        "# Background",
        "",
        *(f"{text}\n" for text in c.BACKGROUND),
        "# Key practice episodes",
        "",
    ]
    for n, episode in enumerate(c.EPISODES, 1):
        lines += [f"## KPE {n}: {episode.title} ({episode.when})", ""]
        lines += [f"{text}\n" for text in episode.paragraphs]
    lines += ["# Analysis", ""]
    for n, finding in enumerate(c.FINDINGS, 1):
        lines += [f"**Finding {n}: {finding.title}**", ""]
        lines += [f"{text}\n" for text in finding.paragraphs]
    lines += ["# Good practice", "", *(f"- {text}" for text in c.GOOD_PRACTICE), ""]
    lines += ["# Conclusion", "", *(f"{text}\n" for text in c.CONCLUSION)]
    lines += ["# Recommendations", ""]
    lines += [f"{n}. {text}" for n, text in enumerate(c.RECOMMENDATIONS, 1)]
    lines += ["", "# Action plan", ""]
    lines += ["| Recommendation | Agency | Action | Lead | Due | RAG | Evidence |"]
    lines += ["|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in _action_rows(True)]
    lines += ["", "# Glossary", "", "| Term | Meaning |", "|---|---|"]
    lines += [f"| {term} | {meaning} |" for term, meaning in c.GLOSSARY]
    lines += ["", "# Acknowledgements", "", *c.ACKNOWLEDGEMENTS, ""]
    return "\n".join(lines)


def pandoc_markdown(folder: Path) -> Path:
    import pypandoc

    source = folder / "report.md"
    source.write_text(markdown_text(), encoding="utf-8")
    path = folder / "pandoc.docx"
    pypandoc.convert_file(str(source), "docx", outputfile=str(path))
    return path


def _odt_paragraph(text: str, heading: int = 0) -> str:
    if heading:
        return f'<text:h text:outline-level="{heading}">{escape(text)}</text:h>'
    return f"<text:p>{escape(text)}</text:p>"


def _odt_table(name: str, rows: list[list[str]]) -> str:
    columns = len(rows[0])
    body = [f'<table:table table:name="{name}">']
    body.append(f'<table:table-column table:number-columns-repeated="{columns}"/>')
    for n, row in enumerate(rows):
        if n == 0:
            body.append("<table:table-header-rows>")
        body.append("<table:table-row>")
        for cell in row:
            body.append(
                f'<table:table-cell office:value-type="string">{_odt_paragraph(cell)}'
                "</table:table-cell>"
            )
        body.append("</table:table-row>")
        if n == 0:
            body.append("</table:table-header-rows>")
    body.append("</table:table>")
    return "".join(body)


def odt_bytes() -> bytes:
    parts = [_odt_paragraph(c.TITLE, 1)]
    parts += [_odt_paragraph(line) for line in c.COVER]
    parts.append(_odt_paragraph("Reasons for the review", 1))
    parts += [_odt_paragraph(text) for text in c.INTRODUCTION]
    parts.append(_odt_paragraph("Terms of reference", 1))
    parts += [_odt_paragraph(text) for text in c.TERMS]
    parts.append(_odt_paragraph("Methodology", 1))
    parts += [_odt_paragraph(text) for text in c.METHODOLOGY]
    parts.append(_odt_paragraph("Agencies involved", 1))
    parts.append(_odt_table("Agencies", [["Agency", "Involvement"], *map(list, c.AGENCIES)]))
    parts.append(_odt_paragraph("Background", 1))
    parts += [_odt_paragraph(text) for text in c.BACKGROUND]
    parts.append(_odt_paragraph("Key practice episodes", 1))
    for n, episode in enumerate(c.EPISODES, 1):
        parts.append(_odt_paragraph(f"Episode {n}: {episode.title} – {episode.when}", 2))
        parts += [_odt_paragraph(text) for text in episode.paragraphs]
    parts.append(_odt_paragraph("Findings", 1))
    for n, finding in enumerate(c.FINDINGS, 1):
        parts.append(_odt_paragraph(f"Finding {n}: {finding.title}", 2))
        parts += [_odt_paragraph(text) for text in finding.paragraphs]
    parts.append(_odt_paragraph("Good practice", 1))
    parts += [_odt_paragraph(text) for text in c.GOOD_PRACTICE]
    parts.append(_odt_paragraph("Conclusion", 1))
    parts += [_odt_paragraph(text) for text in c.CONCLUSION]
    parts.append(_odt_paragraph("Recommendations", 1))
    parts += [
        _odt_paragraph(f"Recommendation {n}: {text}") for n, text in enumerate(c.RECOMMENDATIONS, 1)
    ]
    parts.append(_odt_paragraph("Action plan", 1))
    header = ["Recommendation", "Agency", "Action", "Lead", "Target date", "RAG", "Evidence"]
    parts.append(_odt_table("ActionPlan", [header, *_action_rows(True)]))
    parts.append(_odt_paragraph("Glossary", 1))
    parts.append(_odt_table("Glossary", [["Term", "Meaning"], *map(list, c.GLOSSARY)]))
    parts.append(_odt_paragraph("Acknowledgements", 1))
    parts += [_odt_paragraph(text) for text in c.ACKNOWLEDGEMENTS]
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        "<office:document-content"
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' office:version="1.3"><office:body><office:text>'
        + "".join(parts)
        + "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        odt.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        odt.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def libreoffice_odt(folder: Path) -> Path:
    source = folder / "odt-report.odt"
    source.write_bytes(odt_bytes())
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "odt-report.docx"


def themed_scr(folder: Path) -> Path:
    """The second report (content_w.py): an older serious case review in another shape."""
    from . import content_w as w

    word = docx.Document()
    word.add_heading(w.TITLE, 1)
    word.add_paragraph(w.PARTNERSHIP)
    word.add_heading("Reason for the review", 1)
    for text in w.INTRODUCTION:
        word.add_paragraph(text)
    word.add_heading("Scope", 1)
    for text in w.TERMS:
        word.add_paragraph(text, style="List Bullet")
    word.add_heading("Methodology", 1)
    for text in w.METHODOLOGY:
        word.add_paragraph(text)
    word.add_heading("Background", 1)
    for text in w.BACKGROUND:
        word.add_paragraph(text)
    word.add_heading("Family involvement in the review", 1)
    for text in w.FAMILY:
        word.add_paragraph(text)
    word.add_heading("The voice of the child", 1)
    for text in w.CHILD:
        word.add_paragraph(text)
    word.add_heading("Chronology", 1)
    _table(word, ["Date", "Agency", "Event"], [list(row) for row in w.CHRONOLOGY])
    word.add_heading("Analysis", 1)
    for title, paragraphs in w.THEMES:
        word.add_heading(title, 2)
        for text in paragraphs:
            word.add_paragraph(text)
    word.add_heading("Strengths in practice", 2)
    for text in w.GOOD_PRACTICE:
        word.add_paragraph(text, style="List Bullet")
    word.add_heading("Conclusion", 1)
    for text in w.CONCLUSION:
        word.add_paragraph(text)
    word.add_heading("Recommendations", 1)
    for n, text in enumerate(w.RECOMMENDATIONS, 1):
        word.add_paragraph(f"{n}. {text}")
    word.add_heading("Partnership response", 1)
    for text in w.RESPONSE:
        word.add_paragraph(text)
    word.add_heading("Action plan", 1)
    _table(
        word,
        [
            "Action No.",
            "Recommendation",
            "Organisation",
            "Action",
            "Responsible officer",
            "Target date",
            "Status",
            "% complete",
        ],
        [
            [no, rec, agency, action, lead, due, status, percent]
            for no, rec, agency, action, lead, due, status, percent in w.ACTIONS
        ],
    )
    word.add_heading("Glossary", 1)
    for term, meaning in w.GLOSSARY:
        word.add_paragraph(f"{term}: {meaning}", style="List Bullet")
    path = folder / "themed-scr.docx"
    word.save(str(path))
    return path
