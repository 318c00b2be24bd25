"""Days in the console's forms are typed day-month-year, as people here write them."""

from __future__ import annotations

import datetime as dt

import pytest

from web.console.form_dates import iso_day, typed_day


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("3-2-2026", "2026-02-03"),
        ("03-02-2026", "2026-02-03"),
        (" 3/2/2026 ", "2026-02-03"),
        ("3.2.2026", "2026-02-03"),
        ("2026-02-03", "2026-02-03"),  # ISO passes as it is
        ("31-02-2026", "2026-02-31"),  # the domain refuses a day that does not exist
        ("gisteren", "gisteren"),  # and anything else, in its own words
    ],
)
def test_a_typed_day_month_year_becomes_an_iso_date_and_anything_else_passes_as_typed(
    typed: str, iso: str
) -> None:
    assert iso_day(typed) == iso


def test_a_form_shows_a_day_as_it_is_typed() -> None:
    assert typed_day(dt.date(2026, 2, 3)) == "03-02-2026"
