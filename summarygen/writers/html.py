"""HTML writer: one standalone, accessible page per Document (CSS and pictures inlined)."""

from __future__ import annotations

import base64
from functools import cache

import jinja2

from .._templates import TemplateFolder
from ..document import Document


def write(document: Document, templates: TemplateFolder) -> bytes:
    environment = _environment(templates)
    page = environment.get_template("page.html.j2")
    pictures = {
        block.picture: _data_uri(templates, block.picture)
        for block in document.walk()
        if block.kind in ("easy-read-row", "figure")
    }
    html = page.render(
        doc=document,
        meta=document.meta,
        css=templates.read("style.css"),
        pictures=pictures,
    )
    return html.encode("utf-8")


def _data_uri(templates: TemplateFolder, name: str) -> str:
    data = templates.picture(name).path.read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@cache
def _environment(templates: TemplateFolder) -> jinja2.Environment:
    from .._resources import templates_dir

    search = [str(templates_dir())]
    if templates.override is not None:
        search.insert(0, str(templates.override))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
