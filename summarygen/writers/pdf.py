"""The PDF writer: the Document as JSON data, laid out by ``templates/document.typ`` with Typst.

Typst compiles with ``pdf_standards=["ua-1"]``, so the PDF is tagged PDF/UA-1 (headings,
lists, tables with header cells, figures with alt text, /Lang, the title in the window bar),
and Typst refuses to write a picture without alt text.

The text of the Document reaches Typst only as data (``sys.inputs``), never as markup.

Typst reads files only inside its root folder, and the template and the pictures may come
from different folders (an organisation's templates folder overrides the shipped one file by
file, pictures included). So each compile gets a fresh temporary root holding a copy of the
template and of the pictures the Document uses (a few KB each): a template cannot read any
other file on the machine (``read("/etc/passwd")`` reads ``<root>/etc/passwd``, which is not
there, and ``..`` cannot leave the root). The template must therefore be one self-contained
file. In a build, that root is made inside the build's private staging folder, so a killed
build leaves no copy behind (see :func:`scratch_in`). Fonts come only from the templates
folders (and Typst's own as a fallback), never from the system, so every machine prints the
same PDF. With ``SOURCE_DATE_EPOCH`` set
(https://reproducible-builds.org/specs/source-date-epoch/), the PDF's dates are that time,
and the same Document gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import typst

from .._templates import TemplateFolder
from ..document import Document, EasyReadRow, Figure, Meta
from ..errors import RenderError, TemplateError
from .boilerplate import FICTION_NOTICE, PDF_PROPERTY

TEMPLATE_NAME = "document.typ"

_scratch: ContextVar[Path | None] = ContextVar("pdf_scratch", default=None)


@contextlib.contextmanager
def scratch_in(folder: Path) -> Iterator[None]:
    """Make the PDFs' temporary folders inside ``folder`` (a build's private staging folder,
    which a killed build's guardian or the next build removes) rather than the system's."""
    token = _scratch.set(folder)
    try:
        yield
    finally:
        _scratch.reset(token)


def write(document: Document, templates: TemplateFolder) -> bytes:
    """The Document as a tagged PDF/UA-1 file."""
    document_id = document.meta.document
    try:
        with tempfile.TemporaryDirectory(prefix="summarygen-pdf-", dir=_scratch.get()) as folder:
            root = Path(folder)
            main = _copy(templates.path(TEMPLATE_NAME), root / TEMPLATE_NAME, "the PDF template")
            data = document.to_data()
            data["pictures"] = _copy_pictures(document, templates, root)
            pdf = typst.compile(
                str(main),
                root=str(root),
                font_paths=_fonts(templates),
                ignore_system_fonts=True,
                sys_inputs={"document": json.dumps(data, ensure_ascii=False)},
                pdf_standards=["ua-1"],
                timestamp=_source_date(),
            )
            return mark_boilerplate(pdf, document.meta)
    except TemplateError as error:
        raise RenderError(f"{document_id}: PDF: {error}") from error
    except typst.TypstError as error:
        cause = _plain_cause(error)
        raise RenderError(f"{document_id}: PDF: Typst could not compile: {cause}") from error


def mark_boilerplate(pdf: bytes, meta: Meta) -> bytes:
    """The PDF with the structure elements of the cover, the fiction notice and the credits
    given the user property :data:`.boilerplate.PDF_PROPERTY`, so that a reader of the file
    leaves them out of measurement, as the build does. Their types stay as Typst wrote them
    (P, H1), so assistive technology reads them as before. An element is marked only where
    its text is what the template prints there: an organisation's template that prints
    something else there is left as it is."""
    import pikepdf

    from ..readers.lines import tidy
    from ..readers.pdf import unit_elements

    cover = [
        meta.label,
        meta.title,
        ", ".join(meta.subjects),
        " · ".join(part for part in (meta.partnership, meta.date) if part),
        FICTION_NOTICE if meta.fiction else "",
    ]
    with pikepdf.open(io.BytesIO(pdf)) as pike:
        elements = unit_elements(pike, pdf)
        marked = 0
        for wanted, candidates in (
            ([tidy(text) for text in cover if text.strip()], elements[:8]),
            ([tidy(text) for text in meta.credits if text.strip()], elements[-4:][::-1]),
        ):
            for element, role, text in candidates:
                if text in wanted and role in ("P", "H1"):
                    wanted.remove(text)
                    _add_user_property(pike, element, PDF_PROPERTY)
                    marked += 1
        if not marked:
            return pdf
        output = io.BytesIO()
        pike.save(output, deterministic_id=True)
        return output.getvalue()


def _add_user_property(pike: Any, element: Any, name: str) -> None:
    import pikepdf

    prop = pikepdf.Dictionary(N=pikepdf.String(name), V=True)
    attributes = pike.make_indirect(
        pikepdf.Dictionary(O=pikepdf.Name.UserProperties, P=pikepdf.Array([prop]))
    )
    existing = element.get("/A")
    if existing is None:
        element.A = attributes
    elif isinstance(existing, pikepdf.Array):
        existing.append(attributes)
    else:
        element.A = pikepdf.Array([existing, attributes])


def _source_date() -> int | None:
    """SOURCE_DATE_EPOCH, the time to give as the PDF's creation date; None for now."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise TemplateError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}"
        )
    return int(value)


def _fonts(templates: TemplateFolder) -> typst.Fonts:
    """The templates folders' fonts, with Typst's own as a fallback; never the system's."""
    folders = [str(folder) for folder in templates.font_dirs()]
    return typst.Fonts(include_system_fonts=False, font_paths=folders)


def _copy_pictures(document: Document, templates: TemplateFolder, root: Path) -> dict[str, str]:
    """Copy each picture the Document shows into ``root``; return name -> path as Typst sees it.

    The copies are named by number, not by picture name, so no name can make a path."""
    (root / "pictures").mkdir()
    names = (block.picture for block in document.walk() if isinstance(block, EasyReadRow | Figure))
    typst_paths: dict[str, str] = {}
    for number, name in enumerate(dict.fromkeys(names)):
        source = templates.picture(name).path
        copy_name = f"pictures/picture-{number}{source.suffix.lower()}"
        _copy(source, root / copy_name, f"the picture '{name}'")
        typst_paths[name] = f"/{copy_name}"
    return typst_paths


def _copy(source: Path, target: Path, what: str) -> Path:
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        raise TemplateError(f"cannot read {what} ({source}): {error.strerror}") from error
    return target


def _plain_cause(error: typst.TypstError) -> str:
    """Typst's message, where in the template, and its hints, without the source excerpt.

    A check the template makes of the data (an ``assert``, such as "the picture 'help' has
    no alt text") reads as its own message: where it sits in the template does not matter."""
    lines = (getattr(error, "message", "") or str(error)).strip().splitlines() or ["unknown error"]
    cause = lines[0]
    if cause.startswith(_TEMPLATE_CHECK):
        return cause.removeprefix(_TEMPLATE_CHECK)
    place = _TYPST_LOCATION.search(getattr(error, "diagnostic", "") or "")
    if place is not None:
        cause += f" (at {place.group(1)})"
    hints = [hint for hint in getattr(error, "hints", None) or [] if hint]
    return cause + "".join(f"; hint: {hint}" for hint in hints)


_TEMPLATE_CHECK = "assertion failed: "
_TYPST_LOCATION = re.compile(r"┌─ (?:\S*/)?([^/\s]+:\d+:\d+)")
