"""The Dutch public holidays, from the `holidays` package's NL calendar."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Container
from functools import cache

import holidays
from holidays.holiday_base import HolidayBase


@cache
def dutch_public_holidays() -> Container[dt.date]:
    """The NL calendar, one for the process: asking about a year computes that year's
    holidays once (as `holidays.country_holidays("NL")`, a year outside 1966-2100 has none)."""
    return _Calendar(_netherlands())


class _Calendar(Container[dt.date]):
    def __init__(self, country: type[HolidayBase]) -> None:
        self._country = country
        self._years: dict[int, frozenset[dt.date]] = {}

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        year = self._years.get(day.year)
        if year is None:
            year = self._years[day.year] = frozenset(self._country(years=day.year))
        return day in year


def _netherlands() -> type[HolidayBase]:
    """The `Netherlands` class, from its own module only. Importing it the usual way runs
    `holidays.countries`, which imports every country's module (~250, 60 ms or more)."""
    [package] = holidays.__path__
    spec = importlib.util.spec_from_file_location(
        "holidays.countries.netherlands", f"{package}/countries/netherlands.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    country: type[HolidayBase] = module.Netherlands
    return country
