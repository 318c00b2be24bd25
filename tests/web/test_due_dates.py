"""The console gives a legal step's date as a day it can be done on: a legal date on a weekend
day or a holiday reads as the last working day before it, with the legal date after it, as the
reminders say it."""

from __future__ import annotations

import datetime as dt

from domain.steps import OpenStep, Step
from web.console.messages import Words


def test_a_legal_date_on_a_sunday_reads_as_the_friday_before_with_the_legal_date() -> None:
    step = OpenStep(dt.date(2027, 10, 3), Step.FINAL_EVALUATION)
    assert Words("nl").due(step) == "vr 1 okt 2027 (wettelijke termijn zo 3 okt 2027)"
    assert Words("en").due(step) == "Fri 1 Oct 2027 (legal date Sun 3 Oct 2027)"


def test_holidays_count_as_days_off_too() -> None:
    """Saturday 26 December 2026 is Boxing Day and the 25th Christmas: Thursday the 24th."""
    step = OpenStep(dt.date(2026, 12, 26), Step.EVALUATION)
    assert Words("nl").due(step) == "do 24 dec 2026 (wettelijke termijn za 26 dec 2026)"


def test_a_working_day_and_a_recovery_step_keep_their_own_date() -> None:
    """A working day needs no second date, and the recovery's dates are agreements, not law."""
    assert Words("nl").due(OpenStep(dt.date(2027, 10, 4), Step.FINAL_EVALUATION)) == "ma 4 okt 2027"
    assert Words("nl").due(OpenStep(dt.date(2027, 10, 3), Step.CONTACT)) == "zo 3 okt 2027"


def test_the_end_of_wage_continuation_is_a_date_not_a_deadline() -> None:
    step = OpenStep(dt.date(2028, 1, 2), Step.WAGE_CONTINUATION_END)
    assert Words("nl").due(step) == "zo 2 jan 2028"
