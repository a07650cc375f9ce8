"""HTML writer: one standalone, accessible page per Document (CSS and pictures inlined).

``page.html.j2`` may come from an organisation's templates folder, so it is rendered in
Jinja's sandbox like every template: it can lay out the Document, not reach into Python."""

from __future__ import annotations

import base64
from functools import cache

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .._templates import TemplateFolder
from ..document import Document
from ..errors import TemplateError

PAGE = "page.html.j2"


def write(document: Document, templates: TemplateFolder) -> bytes:
    """The Document as one standalone HTML page (UTF-8 bytes).

    Raises TemplateError naming the page template when it fails or breaks the sandbox."""
    environment = page_environment(templates)
    pictures = {
        block.picture: _data_uri(templates, block.picture)
        for block in document.walk()
        if block.kind in ("easy-read-row", "figure")
    }
    css = templates.read("style.css")
    try:
        page = environment.get_template(PAGE)
        html = page.render(doc=document, meta=document.meta, css=css, pictures=pictures)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"template {error.filename or PAGE}, line {error.lineno}: {error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"template {templates.path(PAGE)}: {error}") from None
    return html.encode("utf-8")


def _data_uri(templates: TemplateFolder, name: str) -> str:
    data = templates.picture(name).path.read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@cache
def page_environment(templates: TemplateFolder) -> SandboxedEnvironment:
    """The sandbox every HTML page template is rendered in (a document's, the site's)."""
    return SandboxedEnvironment(
        loader=templates.loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
