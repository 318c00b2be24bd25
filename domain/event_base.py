"""What every event is: frozen, strictly validated, dated by the business day it happened on.

Validation is strict by construction: an event has exactly the fields its class lists, so a
diagnosis or a description of complaints cannot be recorded on the employer side (AVG; AP
policy rules "De zieke werknemer"), not even by accident.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import CoreSchema, core_schema

from domain.errors import quoted

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _real_date(value: object) -> dt.date:
    """Accept a `date` or a YYYY-MM-DD string naming a real calendar day in a sane range."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {quoted(value)}")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"{value} is outside {EARLIEST_DATE} .. {LATEST_DATE}")
    return value


class _RealDateSchema:
    """`_real_date` for Python data; from JSON text (a fast path, see `case_document`), pydantic's
    own strict date, which takes exactly the YYYY-MM-DD strings of real days, in the same range,
    without a Python call. Its error messages are pydantic's: read JSON that fails it as Python
    data to be told what is wrong."""

    def __get_pydantic_core_schema__(self, source: object, handler: object) -> CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.date_schema(strict=True, ge=EARLIEST_DATE, le=LATEST_DATE),
            python_schema=core_schema.no_info_before_validator_function(
                _real_date, core_schema.date_schema()
            ),
        )


RealDate = Annotated[dt.date, _RealDateSchema()]
Percentage = Annotated[int, Field(ge=1, le=100)]


class BaseEvent(BaseModel):
    """What every event has: the business date it happened on."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    date: RealDate
