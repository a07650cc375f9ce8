"""A templates folder that keeps each template's compiled code between saves.

The composer makes a fresh Jinja environment for every document it composes, which compiles
the document's template again (about 40-90 ms each for the shipped ones). A build composes
each document once, so that costs it nothing more; the preview composes on every save, so it
hands the composer this folder, whose loader compiles a template once per source text and
environment settings and reuses the code after.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from functools import cached_property
from types import CodeType
from typing import Any

import jinja2

from .._templates import TemplateFolder


class CompiledTemplates(TemplateFolder):
    """The same folder (``override`` first, then the shipped set), compiling each template
    once."""

    @cached_property
    def _codes(self) -> dict[tuple[Any, ...], CodeType]:
        return {}

    def loader(self) -> jinja2.BaseLoader:
        return _CachingLoader(super().loader(), self._codes)


class _CachingLoader(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader, codes: dict[tuple[Any, ...], CodeType]) -> None:
        self.inner = inner
        self.codes = codes

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.inner.get_source(environment, template)

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        key = (
            name,
            source,
            type(environment),
            environment.autoescape,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.finalize,
        )
        code = self.codes.get(key)
        if code is None:
            code = environment.compile(source, name, filename)
            self.codes[key] = code
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), uptodate
        )
