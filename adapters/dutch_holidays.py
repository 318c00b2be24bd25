"""The Dutch public holidays, as the `holidays` package's NL calendar gives them, read from the
table that `python -m tools.dutch_holidays` writes from it (`dutch_holidays_table.py`). Importing
`holidays` itself would cost every command ~25 ms, and its NL module imports all ~250 countries'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from functools import cache

from adapters.dutch_holidays_table import HOLIDAYS


@cache
def dutch_public_holidays() -> Container[dt.date]:
    """Every NL public holiday, one set for the process. Like `holidays.country_holidays("NL")`,
    it knows the years 1966-2100 and has no holidays in any other year."""
    return frozenset(
        dt.date(int(year), int(day[:2]), int(day[2:]))
        for year, *days in (line.split() for line in HOLIDAYS.splitlines() if line)
        for day in days
    )
