"""Amsterdam time: business days are judged there, whatever the machine's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_in_amsterdam(now: dt.datetime) -> dt.date:
    return now.astimezone(AMSTERDAM).date()


def at_amsterdam_hour(day: dt.date, hour: int) -> dt.datetime:
    """`hour` o'clock on `day` in Amsterdam, in UTC."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMSTERDAM).astimezone(dt.UTC)
