"""Open the pack as readers do: LibreOffice converts the DOCX files, poppler reads the PDFs.

Used by ``test_libreoffice.py`` and ``test_pdf_readers.py``:

- LibreOffice: :func:`convert_to_tagged_pdf` converts many DOCX files in one ``soffice`` call
  (it takes about 2 s to start), with a private user profile so that it runs as root in CI
  and beside a LibreOffice someone has open, and with a timeout.
- What the Document says a reader should meet: its running text in order, its table cells,
  its pictures' alt text.
- What a reader gets from a PDF: the text as ``pdftotext`` extracts it, the structure tree
  as poppler reads it (heading levels, table cells with their text), figure alt text, the
  language, and each page as a picture (``pdftoppm``).
- Broken copies: a real file with one thing taken away (alt text, the language, a heading
  level, a page's content), so each test can show that its check fails when it should.

LibreOffice comes from apt (``libreoffice-writer-nogui``), poppler from ``poppler-utils``.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
from lxml import etree
from PIL import Image

from summarygen.document import (
    Block,
    Callout,
    Chart,
    Document,
    EasyReadRow,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)

from ..pdf_tools import run, struct_elements

# --- LibreOffice ------------------------------------------------------------------------------

TAGGED_PDF_EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
"""LibreOffice writes a tagged PDF (headings, tables, figures with /Alt) only when asked."""

WORD_IMPORT = "MS Word 2007 XML"
"""Open each file as a DOCX or not at all: without it, soffice opens a damaged DOCX as plain
text and "converts" it without a word of complaint."""

CONVERSION_TIMEOUT_SECONDS = 180.0


class LibreOfficeFailed(RuntimeError):
    """soffice did not convert every file; the message holds what it printed."""


def soffice() -> str:
    """The path of LibreOffice's command-line program."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise LibreOfficeFailed(
            "LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui"
        )
    return found


def convert_to_tagged_pdf(
    docx_files: Sequence[Path],
    out_dir: Path,
    *,
    font_dirs: Sequence[Path] = (),
    timeout: float = CONVERSION_TIMEOUT_SECONDS,
) -> dict[Path, Path]:
    """Convert every file with ONE soffice call; return each DOCX's PDF (``out_dir/<stem>.pdf``).

    ``font_dirs`` are added to the system's fonts for this call (through fontconfig), so the
    layout does not depend on which fonts the machine happens to have: without the DOCX's
    font, LibreOffice falls back to the system's default sans-serif (DejaVu Sans on Debian),
    not to the font table's Arial.

    Raises :class:`LibreOfficeFailed` with soffice's output if it fails, times out, or leaves
    any file unconverted (soffice exits 0 when it cannot load a file)."""
    stems = Counter(path.stem for path in docx_files)
    if clashes := sorted(stem for stem, count in stems.items() if count > 1):
        raise ValueError(f"two files would convert to the same PDF: {', '.join(clashes)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs = {docx: out_dir / f"{docx.stem}.pdf" for docx in docx_files}
    for pdf in pdfs.values():
        pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarygen-soffice-profile-") as profile:
        environment = dict(os.environ)
        if font_dirs:
            environment["FONTCONFIG_FILE"] = str(_fontconfig_adding(font_dirs, Path(profile)))
        command = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"--infilter={WORD_IMPORT}",
            "--convert-to",
            TAGGED_PDF_EXPORT,
            "--outdir",
            str(out_dir),
            *(str(path) for path in docx_files),
        ]
        returncode, output = _run_in_own_process_group(command, environment, timeout)
    unconverted = [docx.name for docx, pdf in pdfs.items() if not _is_pdf(pdf)]
    if returncode != 0 or unconverted:
        problem = f"exited with {returncode}"
        if unconverted:
            problem += f" but did not convert {', '.join(unconverted)}"
        raise LibreOfficeFailed(f"soffice {problem}\n$ {shlex.join(command)}\n{output}")
    return pdfs


def _fontconfig_adding(font_dirs: Sequence[Path], folder: Path) -> Path:
    """A fontconfig file: the system's configuration, and ``font_dirs`` as well."""
    dirs = "".join(f"  <dir>{escape(str(path.resolve()))}</dir>\n" for path in font_dirs)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{dirs}"
        f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def _run_in_own_process_group(
    command: list[str], environment: dict[str, str], timeout: float
) -> tuple[int, str]:
    """Run soffice, killing it *and its children* (oosplash, soffice.bin) if it hangs."""
    process = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        raise LibreOfficeFailed(
            f"soffice did not finish within {timeout:.0f} s\n$ {shlex.join(command)}\n{output}"
        ) from None
    return process.returncode, output


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(5) == b"%PDF-"


# --- what the Document says a reader should find -----------------------------------------------


def reading_order(document: Document) -> list[str]:
    """The Document's running text, block by block, in the order a reader meets it: headings,
    paragraphs, list items, easy read sentences, captions and callout titles; not the cells
    of tables (see :func:`table_cells`), which text extraction reads in its own order.

    A quote's title is its attribution and follows the quote (as in the HTML and the PDF); a
    box's or a note's title comes before its blocks. The cover (title, partnership, date) is
    not made of blocks."""
    texts: list[str] = []

    def add(blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading | Paragraph | EasyReadRow):
                texts.append(block.text)
            elif isinstance(block, ListBlock):
                texts.extend(plain_text(item) for item in block.items)
            elif isinstance(block, Table):
                texts.append(block.caption)
            elif isinstance(block, Figure):
                texts.append(plain_text(block.caption))
            elif isinstance(block, Chart):  # its caption
                texts.append(block.title)
            elif isinstance(block, Callout):
                title = plain_text(block.title)
                if block.style != "quote":
                    texts.append(title)
                add(block.blocks)
                if block.style == "quote":
                    texts.append(title)

    add(document.blocks)
    return [text for text in texts if text_key(text)]


def table_cells(document: Document) -> list[str]:
    """The text of every table cell, header rows included, row by row (empty cells left out)."""
    tables = [
        block.table if isinstance(block, Chart) else block
        for block in document.walk()
        if isinstance(block, Table | Chart)  # a chart's numbers are a table too
    ]
    return [
        plain_text(cell)
        for table in tables
        for row in (table.header, *table.rows)
        for cell in row
        if text_key(plain_text(cell))
    ]


def picture_alt_texts(document: Document) -> list[str]:
    return [
        block.alt for block in document.walk() if isinstance(block, Figure | EasyReadRow | Chart)
    ]


# --- what a reader gets from a PDF ------------------------------------------------------------


XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class TextLine:
    text: str
    top: int
    """Distance from the top of the page, in points (rounded)."""


def pdf_text_pages(pdf: Path) -> list[list[TextLine]]:
    """Each page's lines, in the reading order ``pdftotext`` extracts them, with where they
    sit on the page (``-bbox-layout``)."""
    result = run("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-")
    if result.returncode != 0:
        raise AssertionError(f"pdftotext could not read {pdf.name}: {result.stderr}")
    page_tree = etree.fromstring(result.stdout.encode(), etree.XMLParser(recover=True))
    return [
        [
            TextLine(
                " ".join(word.text or "" for word in line.iter(f"{XHTML}word")),
                round(float(line.get("yMin", "0"))),
            )
            for line in page.iter(f"{XHTML}line")
        ]
        for page in page_tree.iter(f"{XHTML}page")
    ]


def text_key(text: str) -> str:
    """Text reduced to its letters and digits, lower case: what survives any line breaking.

    Line breaks, hyphens added at a line end, spaces, quotes and ligatures all vanish, so a
    paragraph matches however a reader wrapped it."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def page_bodies(pages: Sequence[Sequence[TextLine]]) -> list[str]:
    """Each page's text without its running header and footer ("Page 3 of 9").

    A running line is one at the same height on every page, with the same text (numbers
    aside). A table header repeated on each page it spans is not one (it is not on the
    cover), so it stays."""

    def place(line: TextLine) -> tuple[int, str]:
        return line.top, re.sub(r"\d+", "#", line.text)

    running: set[tuple[int, str]] = set()
    if len(pages) > 1:
        running = set.intersection(*({place(line) for line in page} for page in pages))
    return ["\n".join(line.text for line in page if place(line) not in running) for page in pages]


FURNITURE_ROOM = 1000
"""How far apart (in letters and digits) the two halves of a text broken by a page break may
be. A table row that breaks across pages is read cell by cell: the first half of each cell,
the running header, the repeated header row, then the second half of each cell."""


def reading_order_problems(
    expected: Sequence[str], pages: Sequence[Sequence[TextLine]]
) -> list[str]:
    """What of ``expected`` (texts, in order) a reader does not meet, in order, in ``pages``.

    Each text is looked for after the one before it. A text found only earlier is reported
    as out of order; one found nowhere as missing. A text broken by a page break still
    matches: running headers and footers are removed, and the text may be cut between two
    words, the first part near the end of a page and the rest near the top of the next."""
    bodies = [text_key(body) for body in page_bodies(pages)]
    body = "".join(bodies)
    page_starts = list(itertools.accumulate(len(page) for page in bodies[:-1]))
    problems: list[str] = []
    position = 0
    previous = "the start"
    for text in expected:
        found = _find_across_page_breaks(body, _word_keys(text), position, page_starts)
        if found is None:
            where = "before where it belongs" if text_key(text) in body else "anywhere"
            problems.append(f"not found after {_quote(previous)}, nor {where}: {_quote(text)}")
            continue
        position = found
        previous = text
    return problems


def missing_texts(expected: Sequence[str], pages: Sequence[Sequence[TextLine]]) -> list[str]:
    """The texts of ``expected`` found nowhere in ``pages`` (in any order), even allowing for
    a page break inside them as :func:`reading_order_problems` does."""
    bodies = [text_key(body) for body in page_bodies(pages)]
    body = "".join(bodies)
    page_starts = list(itertools.accumulate(len(page) for page in bodies[:-1]))
    return [
        text
        for text in expected
        if _find_across_page_breaks(body, _word_keys(text), 0, page_starts) is None
    ]


def _word_keys(text: str) -> list[str]:
    """The keys of the words of ``text``: where a line (and so a page) may break it."""
    return [key for word in re.split(r"[\s\-\u2010-\u2014/]+", text) if (key := text_key(word))]


def _find_across_page_breaks(
    body: str, words: Sequence[str], start: int, page_starts: Sequence[int]
) -> int | None:
    """Where to look for the next text after the earliest match of ``words`` at or after
    ``start``, or None if there is none.

    A match is the words themselves (the next text comes after them), or the words cut in two
    at a page start: the first part ending at most :data:`FURNITURE_ROOM` before it, the rest
    starting at most that after. The next text may then come between the two parts: in a
    table row broken across pages, the next cell's first part ends the page."""
    key = "".join(words)
    direct = body.find(key, start)
    best = (direct, direct + len(key)) if direct >= 0 else None
    for page_start in page_starts:
        if page_start <= start or (best is not None and page_start - len(key) > best[0]):
            continue
        for cut in range(1, len(words)):
            head, tail = "".join(words[:cut]), "".join(words[cut:])
            head_at = body.rfind(head, max(start, page_start - FURNITURE_ROOM), page_start)
            if head_at < 0:
                continue
            tail_at = body.find(tail, page_start, page_start + FURNITURE_ROOM + len(tail))
            if tail_at >= 0 and (best is None or head_at < best[0]):
                best = (head_at, head_at + len(head))
                break
    return None if best is None else best[1]


def _quote(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= length else text[: length - 1] + "…")


def heading_levels(pdf: Path) -> list[int]:
    """The level of every heading (H1..H6) in the structure tree, as poppler reads it
    (``pdfinfo -struct``, which resolves a role map such as LibreOffice's)."""
    result = run("pdfinfo", "-struct", str(pdf))
    if result.returncode != 0:
        raise AssertionError(f"pdfinfo could not read the structure of {pdf.name}: {result.stderr}")
    return [
        int(match.group(1))
        for line in result.stdout.splitlines()
        if (match := re.match(r"\s*H([1-6])\b", line))
    ]


def heading_levels_skip(levels: Sequence[int]) -> list[tuple[int, int]]:
    """Each place where a heading is more than one level below the one before it, as
    ``(previous level, level)``; the first heading counts as following a level 0."""
    return [
        (previous, level)
        for previous, level in itertools.pairwise([0, *levels])
        if level > previous + 1
    ]


@dataclass(frozen=True)
class StructureElement:
    kind: str
    """The standard structure type as poppler reports it (a role map resolved): "TD", "H2"."""
    text: str
    """The text of its marked content and of its descendants', joined by spaces."""


def structure_elements(pdf: Path) -> list[StructureElement]:
    """Every element of the structure tree with its text, in tree order, as poppler reads it
    (``pdfinfo -struct-text``): what a screen reader walks, independent of page layout."""
    result = run("pdfinfo", "-struct-text", str(pdf))
    if result.returncode != 0:
        raise AssertionError(f"pdfinfo could not read the structure of {pdf.name}: {result.stderr}")
    elements: list[tuple[int, str, list[str]]] = []
    open_elements: list[tuple[int, list[str]]] = []
    for line in result.stdout.splitlines():
        indent = len(line) - len(line.lstrip())
        content = line.strip()
        while open_elements and open_elements[-1][0] >= indent:
            open_elements.pop()
        if content.startswith('"') and content.endswith('"') and len(content) > 1:
            for _, texts in open_elements:
                texts.append(content[1:-1])
        elif (kind := re.match(r"([A-Za-z][\w ]*?)(?: <[^>]*>)?(?: \"|:| \(|$)", content)) and (
            not content.startswith("/")
        ):
            texts = []
            elements.append((indent, kind.group(1), texts))
            open_elements.append((indent, texts))
    return [
        StructureElement(kind, " ".join(" ".join(texts).split())) for _, kind, texts in elements
    ]


def structure_headings(elements: Sequence[StructureElement]) -> list[tuple[int, str]]:
    """The level and text of each heading element: a screen reader's list of headings."""
    return [
        (int(element.kind[1]), element.text)
        for element in elements
        if re.fullmatch(r"H[1-6]", element.kind)
    ]


def table_cell_problems(expected: Sequence[str], found: Sequence[StructureElement]) -> list[str]:
    """Where the TH and TD elements of the structure tree (``found``) do not hold the
    Document's table cells (``expected``), cell by cell."""
    cells = [element.text for element in found if element.kind in ("TH", "TD")]
    cells = [text for text in cells if text_key(text)]
    problems = [
        f"cell {number}: {_quote(got)}, expected {_quote(want)}"
        for number, (want, got) in enumerate(zip(expected, cells, strict=False), start=1)
        if text_key(want) != text_key(got)
    ]
    if len(cells) != len(expected):
        problems.append(f"{len(cells)} cells with text, expected {len(expected)}")
    return problems


def pdf_language(pdf: Path) -> str | None:
    with pikepdf.open(pdf) as opened:
        language = opened.Root.get("/Lang")
        return None if language is None else str(language)


def language_problem(pdf: Path, expected: str) -> str | None:
    """Why a screen reader would not pick the document's language voice, or None."""
    found = pdf_language(pdf)
    if found == expected:
        return None
    return f"{pdf.name} declares the language {found or 'nothing'}, not {expected}"


def pdf_fonts(pdf: Path) -> set[str]:
    """The PostScript names of the fonts a PDF uses, without a subset's tag (``pdffonts``)."""
    result = run("pdffonts", str(pdf))
    if result.returncode != 0:
        raise AssertionError(f"pdffonts could not read {pdf.name}: {result.stderr}")
    rows = result.stdout.splitlines()[2:]  # a header line and a rule line
    return {row.split()[0].split("+")[-1] for row in rows if row.strip()}


def figure_alt_texts(pdf: Path) -> list[str]:
    """The /Alt of each Figure of the structure tree, in order ("" where it has none)."""
    with pikepdf.open(pdf) as opened:
        return [
            str(element.get("/Alt", "")).strip()
            for element in struct_elements(opened)
            if _standard_type(opened, element) == "/Figure"
        ]


def _standard_type(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> str:
    """The element's type, through the role map if it has a custom one (as LibreOffice's do)."""
    kind = str(element.S)
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap")
    return kind if role_map is None else str(role_map.get(kind, kind))


def alt_text_problems(expected: Sequence[str], found: Sequence[str]) -> list[str]:
    """Pictures whose alt text (``found``, in order) is not the Document's (``expected``)."""
    problems = [
        f"picture {number}: alt text {_quote(got) if got else 'missing'}, expected {_quote(want)}"
        for number, (want, got) in enumerate(zip(expected, found, strict=False), start=1)
        if " ".join(want.split()) != " ".join(got.split())
    ]
    if len(found) != len(expected):
        problems.append(f"{len(found)} figures with alt text slots, expected {len(expected)}")
    return problems


# --- pages as pictures --------------------------------------------------------------------------

BLANK_THRESHOLD = 245
"""A page whose darkest pixel is this light (0 black, 255 white) shows nothing."""


def render_pages(pdf: Path, out_dir: Path, *, resolution: int = 24) -> list[Path]:
    """Every page as a PNG in ``out_dir`` (which should hold nothing else), in page order.

    ``pdftoppm`` exits non-zero on a page it cannot render."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = run("pdftoppm", "-png", "-r", str(resolution), str(pdf), str(out_dir / "page"))
    if result.returncode != 0:
        raise AssertionError(f"pdftoppm could not render {pdf.name}: {result.stderr}")
    return sorted(out_dir.glob("page-*.png"), key=lambda png: int(png.stem.removeprefix("page-")))


def is_blank(png: Path) -> bool:
    """Whether no pixel of the page is darker than :data:`BLANK_THRESHOLD`."""
    with Image.open(png) as image:
        histogram = image.convert("L").histogram()
    return not any(histogram[:BLANK_THRESHOLD])


# --- broken copies of real files ------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _copy_docx_changing(
    source: Path, target: Path, part: str, change: Callable[[etree._Element], None]
) -> Path:
    """A copy of ``source`` with one XML part changed in place."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for entry in original.infolist():
            data = original.read(entry)
            if entry.filename == part:
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            copy.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def _first(elements: Iterator[etree._Element], what: str) -> etree._Element:
    element = next(elements, None)
    if element is None:
        raise ValueError(f"the file has no {what} to break")
    return element


def docx_without_alt_text(source: Path, target: Path) -> Path:
    """``source`` with the alt text (``wp:docPr`` descr and title) of its first picture gone."""

    def drop_alt_text(body: etree._Element) -> None:
        picture = _first(body.iter(f"{WP}docPr"), "picture")
        for attribute in ("descr", "title"):
            picture.attrib.pop(attribute, None)

    return _copy_docx_changing(source, target, "word/document.xml", drop_alt_text)


def docx_without_default_language(source: Path, target: Path) -> Path:
    """``source`` with no ``w:lang`` in the style defaults (where Word keeps the language)."""

    def drop_language(styles: etree._Element) -> None:
        language = _first(styles.iterfind(f"{W}docDefaults//{W}lang"), "default language")
        language.getparent().remove(language)

    return _copy_docx_changing(source, target, "word/styles.xml", drop_language)


def docx_with_skipped_heading_level(source: Path, target: Path) -> Path:
    """``source`` with its first Heading 2 made a Heading 4 (so it follows a Heading 1)."""

    def skip_a_level(body: etree._Element) -> None:
        style = _first(
            (s for s in body.iter(f"{W}pStyle") if s.get(f"{W}val") == "Heading2"), "Heading 2"
        )
        style.set(f"{W}val", "Heading4")

    return _copy_docx_changing(source, target, "word/document.xml", skip_a_level)


def pdf_without_language(source: Path, target: Path) -> Path:
    with pikepdf.open(source) as pdf:
        del pdf.Root["/Lang"]
        pdf.save(target)
    return target


def pdf_with_skipped_heading_level(source: Path, target: Path) -> Path:
    """``source`` with its first H2 retagged H4 (the H1 before it stays)."""
    with pikepdf.open(source) as pdf:
        heading = _first((e for e in struct_elements(pdf) if _standard_type(pdf, e) == "/H2"), "H2")
        heading.S = pikepdf.Name("/H4")
        pdf.save(target)
    return target


def pdf_with_blank_page(source: Path, target: Path) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.add_blank_page()
        pdf.save(target)
    return target
