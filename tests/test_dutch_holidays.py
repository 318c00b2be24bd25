"""The NL calendar the engine uses is the `holidays` package's, from a table written from it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import holidays

from adapters.dutch_holidays import dutch_public_holidays
from tools.dutch_holidays import TABLE, table


def test_every_day_is_a_holiday_exactly_when_the_packages_nl_calendar_says_so() -> None:
    """After an upgrade of `holidays` that changes the calendar: `python -m tools.dutch_holidays`."""
    theirs = holidays.country_holidays("NL")
    ours = dutch_public_holidays()
    day, last = dt.date(1900, 1, 1), dt.date(3010, 12, 31)
    while day <= last:
        assert (day in ours) == (day in theirs), day
        day += dt.timedelta(days=1)


def test_the_calendar_is_made_once_and_answers_dates_only() -> None:
    assert dutch_public_holidays() is dutch_public_holidays()
    assert dt.date(2027, 4, 27) in dutch_public_holidays()
    assert "2027-04-27" not in dutch_public_holidays()


def test_the_calendar_does_not_import_the_holidays_package() -> None:
    probe = (
        "import sys, datetime; from adapters.dutch_holidays import dutch_public_holidays; "
        "assert datetime.date(2026, 12, 25) in dutch_public_holidays(); "
        "print(sorted(m for m in sys.modules if m.startswith('holidays')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_table_is_what_the_tool_writes() -> None:
    assert TABLE.read_text() == table()
