"""Folding a case from its events: linked periods, the 28-day rule and the input errors."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.case import Case, Gap, apply, replay
from domain.errors import InputError
from domain.events import EVENT_TYPES, Event, parse_event
from domain.sick_day_clock import sick_days_after
from tests.helpers import REQUIRED, event

D = "2026-01-05"


def fold(as_of: str, *raw: dict[str, object]) -> Case:
    events: list[Event] = [parse_event(item) for item in raw]
    return replay(events, dt.date.fromisoformat(as_of))


def test_a_new_report_less_than_28_days_after_recovery_continues_the_same_case() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("recovered", "2026-02-02"),
        event("reported_sick", "2026-03-01"),  # 27 days after the first fit day
    )
    assert case.first_sick_day == dt.date(2026, 1, 5)
    assert case.gaps == (Gap(dt.date(2026, 2, 2), dt.date(2026, 3, 1)),)
    assert case.gaps[0].days == 27


def test_a_new_report_28_days_after_recovery_starts_a_new_case_with_a_new_first_day() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("physician_notified", "2026-01-06"),
        event("recovered", "2026-02-02"),
        event("reported_sick", "2026-03-02", percentage=50),
    )
    assert case.first_sick_day == dt.date(2026, 3, 2)
    assert case.gaps == ()
    assert case.percentage == 50
    assert [e.type for e in case.events] == ["reported_sick"]


def test_recovering_and_reporting_sick_on_the_same_day_links_with_an_empty_gap() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("recovered", "2026-02-02"),
        event("reported_sick", "2026-02-02"),
    )
    assert case.is_sick
    assert case.gaps[0].days == 0


def test_a_partial_recovery_changes_the_percentage_but_the_employee_stays_sick() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("partially_recovered", "2026-03-01", percentage=40),
    )
    assert case.is_sick
    assert case.percentage == 40


def test_a_case_that_stays_recovered_28_days_is_closed() -> None:
    case = fold("2026-03-02", event("reported_sick", D), event("recovered", "2026-02-02"))
    assert case.is_closed(dt.date(2026, 3, 2))
    assert not case.is_closed(dt.date(2026, 3, 1))


def test_events_apply_in_date_order_whatever_order_they_are_given_in() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", "2026-03-01"),
        event("recovered", "2026-02-02"),
        event("reported_sick", D),
    )
    assert case.first_sick_day == dt.date(2026, 1, 5)
    assert case.reports == (dt.date(2026, 1, 5), dt.date(2026, 3, 1))


def test_an_error_names_the_event_by_its_place_as_given_not_in_date_order() -> None:
    """Events given out of date order apply sorted, and a refusal still names the event by
    its place in the input (or by its number in the log, when numbers are given)."""
    given = [
        parse_event(item)
        for item in (
            event("physician_notified", "2026-01-10"),
            event("reported_sick", D),
            event("reported_sick", "2026-01-07"),  # applies second: already sick
        )
    ]
    refused = r"event {} \(reported_sick on 2026-01-07\): reported sick while already sick"
    with pytest.raises(InputError, match=refused.format(3)):
        replay(given, dt.date(2026, 2, 1))
    with pytest.raises(InputError, match=refused.format(13)):
        replay(given, dt.date(2026, 2, 1), (11, 12, 13))


def test_events_on_the_same_date_apply_in_the_order_given() -> None:
    with pytest.raises(InputError, match=r"event 1 \(physician_notified on 2026-01-05\)"):
        fold("2026-04-01", event("physician_notified", D), event("reported_sick", D))
    assert fold("2026-04-01", event("reported_sick", D), event("physician_notified", D)).is_sick


def test_a_case_must_start_with_a_sick_report() -> None:
    with pytest.raises(
        InputError, match=r"event 1 \(evaluation_held on 2026-01-05\): the employee is not sick"
    ):
        fold("2026-04-01", event("evaluation_held", D))


def test_a_case_without_events_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no events"):
        replay([], dt.date(2026, 1, 1))


def test_reporting_sick_while_already_sick_is_an_input_error() -> None:
    with pytest.raises(
        InputError,
        match=r"event 2 \(reported_sick on 2026-02-01\): reported sick while already sick since 2026-01-05",
    ):
        fold("2026-04-01", event("reported_sick", D), event("reported_sick", "2026-02-01"))


def test_reporting_sick_while_partially_recovered_is_an_input_error() -> None:
    with pytest.raises(InputError, match="already sick"):
        fold(
            "2026-04-01",
            event("reported_sick", D),
            event("partially_recovered", "2026-01-20", percentage=50),
            event("reported_sick", "2026-02-01"),
        )


# Besides a new sick report, the reports of a recovery to UWV may follow a recovery
# (UWV-TRACKS.md, settled reading 3).
WHILE_RECOVERED = ("reported_sick", "uwv_recovery_reported", "uwv_vangnet_recovery_reported")


@pytest.mark.parametrize("kind", [kind for kind in EVENT_TYPES if kind not in WHILE_RECOVERED])
def test_any_event_but_a_sick_report_or_a_recovery_report_while_recovered_is_an_input_error(
    kind: str,
) -> None:
    """While recovered only a new sick report or a report of the recovery to UWV can happen."""
    extra = REQUIRED.get(kind, {})
    with pytest.raises(
        InputError,
        match=rf"event 3 \({kind} on 2026-02-10\): the employee is not sick: recovered on 2026-02-02",
    ):
        fold(
            "2026-04-01",
            event("reported_sick", D),
            event("recovered", "2026-02-02"),
            event(kind, "2026-02-10", **extra),
        )


def test_an_event_dated_after_the_as_of_date_is_an_input_error() -> None:
    with pytest.raises(
        InputError,
        match=r"event 2 \(physician_notified on 2026-01-08\): dated after the as-of date 2026-01-07",
    ):
        fold("2026-01-07", event("reported_sick", D), event("physician_notified", "2026-01-08"))


def test_an_event_dated_on_the_as_of_date_is_accepted() -> None:
    assert fold(
        "2026-01-06", event("reported_sick", D), event("physician_notified", "2026-01-06")
    ).is_sick


def test_sick_day_numbers_skip_the_fit_days_of_linked_periods() -> None:
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("recovered", "2026-01-12"),  # fit 7 days: 01-12 .. 01-18
        event("reported_sick", "2026-01-19"),
    )
    assert case.sick_day_number(dt.date(2026, 1, 5)) == 1
    assert case.sick_day_number(dt.date(2026, 1, 11)) == 7
    assert case.sick_day_number(dt.date(2026, 1, 19)) == 8
    assert case.sick_day_number(dt.date(2026, 1, 25)) == 14


def test_a_fit_day_between_linked_periods_counts_as_the_last_sick_day_before_it() -> None:
    """The fit days of a gap add no sick days: each of them, the first included, has the number
    of the sick day before the gap."""
    case = fold(
        "2026-04-01",
        event("reported_sick", D),
        event("recovered", "2026-01-12"),  # fit 7 days: 01-12 .. 01-18
        event("reported_sick", "2026-01-19"),
    )
    fit_days = [dt.date(2026, 1, 12) + dt.timedelta(days=n) for n in range(7)]
    assert [case.sick_day_number(fit) for fit in fit_days] == [7] * 7


def test_a_cases_sick_day_clock_counts_its_own_gaps_however_it_was_folded() -> None:
    """A case's sick-day clock (the one its fold hands it) counts exactly the case's gaps,
    whether the case was replayed at once or applied event by event; a later event leaves the
    clock of a case made before it as it was, and a new case starts without gaps."""
    events = [
        parse_event(item)
        for item in (
            event("reported_sick", D),
            event("recovered", "2026-01-12"),
            event("reported_sick", "2026-01-19"),  # linked: 7 fit days
            event("recovered", "2026-02-02"),
            event("reported_sick", "2026-02-09"),  # linked: 7 more
            event("recovered", "2026-03-02"),
            event("reported_sick", "2026-04-06"),  # 35 days later: a new case
        )
    ]
    anchors = [dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(0, 99, 7)]
    questions = [(anchor, days) for anchor in anchors for days in (0, 6, 41, 300)]

    def counted(case: Case) -> list[dt.date]:
        return [case.clock.after(anchor, days) for anchor, days in questions]

    def expected(case: Case) -> list[dt.date]:
        return [sick_days_after(anchor, days, case.gaps) for anchor, days in questions]

    applied: list[Case] = []
    for added in events:
        applied.append(apply(applied[-1] if applied else None, added))
        assert counted(applied[-1]) == expected(applied[-1])
    replayed = [replay(events[:n], events[n - 1].date) for n in range(1, len(events) + 1)]
    assert [counted(case) for case in applied] == [expected(case) for case in applied]
    assert [counted(case) for case in replayed] == [expected(case) for case in applied]
    assert [len(case.gaps) for case in applied] == [0, 0, 1, 1, 2, 2, 0]
