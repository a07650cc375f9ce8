"""summarygen: one case review record in, the whole checked publication pack out.

The public API is what ``__all__`` lists; every other module is private. Names are imported
on first use, so the command line starts without loading what a command does not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import ChecksFailed, Problem, RecordError, RenderError, SummarygenError, TemplateError

if TYPE_CHECKING:
    from ._templates import TemplateFolder
    from .checks import DocumentCheck, Finding, Severity, check_document, load_profiles
    from .composer import compose
    from .documents import DOCUMENT_TYPES
    from .pack import Pack, build_pack
    from .readers.files import read_file
    from .record import PartialDate, Record, Register, RegisterText, load_record, text_for

_WHERE = {
    "TemplateFolder": "._templates",
    "DocumentCheck": ".checks",
    "Finding": ".checks",
    "Severity": ".checks",
    "check_document": ".checks",
    "load_profiles": ".checks",
    "DOCUMENT_TYPES": ".documents",
    "compose": ".composer",
    "Pack": ".pack",
    "build_pack": ".pack",
    "read_file": ".readers.files",
    "PartialDate": ".record",
    "Record": ".record",
    "Register": ".record",
    "RegisterText": ".record",
    "load_record": ".record",
    "text_for": ".record",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'summarygen' has no attribute {name!r}")


__all__ = [
    "DOCUMENT_TYPES",
    "ChecksFailed",
    "DocumentCheck",
    "Finding",
    "Pack",
    "PartialDate",
    "Problem",
    "Record",
    "RecordError",
    "Register",
    "RegisterText",
    "RenderError",
    "Severity",
    "SummarygenError",
    "TemplateError",
    "TemplateFolder",
    "build_pack",
    "check_document",
    "compose",
    "load_profiles",
    "load_record",
    "read_file",
    "text_for",
]
