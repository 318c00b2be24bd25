"""Dates in forms as people here type them: day-month-year (3-2-2026, 03-02-2026, 3/2/2026),
not the browser's own date picker, which follows the browser's language (a US picker for an
en-US browser) rather than the page's."""

from __future__ import annotations

import datetime as dt
import re

TYPED_DAY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def iso_day(typed: str) -> str:
    """A typed day as YYYY-MM-DD; anything else as typed, for the domain to refuse in its own
    words (which also refuses a day that does not exist, such as 31-02-2026)."""
    found = TYPED_DAY.fullmatch(typed.strip())
    if found is None:
        return typed.strip()
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def typed_day(day: dt.date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"
