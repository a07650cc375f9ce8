"""summarygen: one case review record in, the whole checked publication pack out.

The public API is what ``__all__`` lists; every other module is private.
"""

from .errors import ChecksFailed, Problem, RecordError, RenderError, SummarygenError, TemplateError
from .record import PartialDate, Record, Register, RegisterText, load_record, text_for

__all__ = [
    "ChecksFailed",
    "PartialDate",
    "Problem",
    "Record",
    "RecordError",
    "Register",
    "RegisterText",
    "RenderError",
    "SummarygenError",
    "TemplateError",
    "load_record",
    "text_for",
]
