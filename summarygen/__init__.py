"""summarygen: one case review record in, the whole checked publication pack out.

The public API is what ``__all__`` lists; every other module is private.
"""

from ._templates import TemplateFolder
from .checks import DocumentCheck, Finding, Severity, check_document, load_profiles
from .compose import DOCUMENT_TYPES, compose
from .errors import ChecksFailed, Problem, RecordError, RenderError, SummarygenError, TemplateError
from .pack import Pack, build_pack
from .readers.files import read_file
from .record import PartialDate, Record, Register, RegisterText, load_record, text_for

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
