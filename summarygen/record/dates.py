"""Dates with the precision the author knows: a year, a month, or a day.

Reviews reduce dates to month and year so that nobody is identified; a record
holds exactly what the author wrote, and documents print it at that precision.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month, or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(
                f"'{text}' is not a date: write YYYY-MM (month and year, e.g. 2021-03), "
                "YYYY-MM-DD or YYYY"
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a date: there is no month {month}")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"'{text}' is not a date: {calendar.month_name[month]} {year} has {last} days"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The last day the date may mean: 2025-06 is 30 June 2025, 2025 is 31 December."""
        month = self.month or 12
        return _dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """As a reader in the UK writes it: '3 March 2021', 'March 2021', '2021'."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.display()

    @classmethod
    def _validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return cls(value)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError("expected a date written as YYYY-MM (e.g. 2021-03), YYYY-MM-DD or YYYY")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso()),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": JSON_PATTERN,
            "description": "A date as YYYY-MM (month and year), YYYY-MM-DD or YYYY.",
            "examples": ["2021-03"],
        }
