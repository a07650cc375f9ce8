"""The case review record: schema and loading."""

from .dates import PartialDate
from .loading import load_record
from .schema import Record, Register, RegisterText, text_for

__all__ = ["PartialDate", "Record", "Register", "RegisterText", "load_record", "text_for"]
