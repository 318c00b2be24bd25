"""The Dutch public holidays, from the `holidays` package's NL calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

import holidays


def dutch_public_holidays() -> Container[dt.date]:
    """A lazily filled calendar: asking about a year computes that year's holidays."""
    return holidays.country_holidays("NL")
