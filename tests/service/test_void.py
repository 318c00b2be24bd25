"""A case opened by mistake is voided by retracting its opening sick report: it stays in the
trail as it stood, leaves every list, sends nothing, and takes no more entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.errors import BadInputError, NotAllowedError, NotFoundError
from service.case_file import Actor
from service.case_view import case_view, voidable
from service.own_case import own_case
from service.ports import CaseStatus, ReminderStatus
from service.recording import Recorded, RecordEvent, ReportSick, record, report_sick
from service.review import audit_trail, open_cases
from service.riv import riv_report
from tests.fakes import FakeStore
from tests.organisation import HR, JAN, MANAGER, PHYSICIAN, assign_physician, organise

CASE = "E1042-20261102"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    organise(store)
    report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-11-02"}), at("2026-11-02")
    )
    assign_physician(store, CASE)
    record(
        store,
        HR,
        RecordEvent(CASE, {"type": "physician_notified", "date": "2026-11-03"}),
        at("2026-11-03"),
    )
    return store


def void(store: FakeStore, actor: Actor = HR, key: str | None = None) -> Recorded:
    entry: dict[str, Any] = {"type": "event_retracted", "date": "2026-11-04", "retracts": 1}
    return record(store, actor, RecordEvent(CASE, entry, key), at("2026-11-04"))


def test_retracting_the_opening_report_voids_the_case_and_stops_every_reminder(
    store: FakeStore,
) -> None:
    """The case is void: no open step, no pending reminder, out of the open cases, while its
    trail keeps every entry, the voiding one last."""
    assert store.reminders.of_case(CASE)
    recorded = void(store)
    assert (recorded.type, recorded.open_steps) == ("event_retracted", [])
    assert store.cases.load(CASE).case.status is CaseStatus.VOID
    assert all(r.status is not ReminderStatus.PENDING for r in store.reminders.of_case(CASE))
    assert open_cases(store, HR, at("2026-11-04")) == []
    trail = [e.type for e in audit_trail(store, HR, CASE, at("2026-11-04")) if e.kind == "event"]
    assert trail == ["reported_sick", "physician_notified", "event_retracted"]
    view = case_view(store, HR, CASE, at("2026-11-05"))
    assert (view.voided_on, view.open_steps) == (dt.date(2026, 11, 4), [])


def test_nothing_more_is_recorded_on_a_void_case(store: FakeStore) -> None:
    """An entry on a void case is refused with one line naming the day it was voided, and
    nothing is stored."""
    void(store)
    entries = store.cases.count_entries()
    with pytest.raises(BadInputError, match=r"^case E1042-20261102 was voided on 2026-11-04"):
        record(
            store,
            PHYSICIAN,
            RecordEvent(CASE, {"type": "physician_consulted", "date": "2026-11-05"}),
            at("2026-11-05"),
        )
    assert store.cases.count_entries() == entries


def test_sending_the_voiding_entry_again_with_its_key_changes_nothing(store: FakeStore) -> None:
    """Idempotency holds for the voiding entry too: the re-send answers the original."""
    first = void(store, key="void-1")
    again = void(store, key="void-1")
    assert (again.seq, again.already_recorded) == (first.seq, True)


def test_only_the_side_that_reported_sick_may_void_the_case(store: FakeStore) -> None:
    """The physician and the employee may not void HR's case; a manager, of the employer's side
    and allowed to report sick, may."""
    assert not voidable(PHYSICIAN, case_view(store, PHYSICIAN, CASE, at("2026-11-04")))
    with pytest.raises(NotAllowedError):
        void(store, PHYSICIAN)
    with pytest.raises(NotAllowedError):
        void(store, JAN)
    assert voidable(MANAGER, case_view(store, MANAGER, CASE, at("2026-11-04")))
    assert void(store, MANAGER).open_steps == []
    assert not voidable(HR, case_view(store, HR, CASE, at("2026-11-05")))


def test_a_new_sick_report_after_a_void_opens_a_case_of_its_own(store: FakeStore) -> None:
    """The void case is never continued: a report on the same first day opens `...-2`; the
    employee sees the new case, never the void one."""
    void(store)
    assert own_case(store, JAN, at("2026-11-04")).view is None
    again = report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-11-02"}), at("2026-11-05")
    )
    assert (again.case_key, again.seq) == (f"{CASE}-2", 1)
    view = own_case(store, JAN, at("2026-11-05")).view
    assert view is not None
    assert view.case_key == f"{CASE}-2"


def test_the_employee_cannot_read_a_void_case_but_sees_their_earlier_real_one() -> None:
    """A case opened by mistake is not the employee's: reading it is answered as for a case
    that does not exist, and their own page shows the case before it."""
    store = FakeStore()
    organise(store)
    june = report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-06-01"}), at("2026-06-01")
    ).case_key
    record(
        store, HR, RecordEvent(june, {"type": "recovered", "date": "2026-06-10"}), at("2026-06-10")
    )
    report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-11-02"}), at("2026-11-02")
    )
    void(store)
    with pytest.raises(NotFoundError, match=f"no case '{CASE}'"):
        case_view(store, JAN, CASE, at("2026-11-05"))
    view = own_case(store, JAN, at("2026-11-05")).view
    assert view is not None
    assert view.case_key == june
    assert riv_report(store, HR, CASE, at("2026-11-05")).voided_on == dt.date(2026, 11, 4)


def test_a_void_case_stops_its_week_and_its_sickness_on_the_day_it_was_voided(
    store: FakeStore,
) -> None:
    """Weeks later, the case page still says the week it was voided in, and its one sick period
    ends that day instead of running on to today."""
    void(store)
    view = case_view(store, HR, CASE, at("2026-12-28"))
    assert view.week == 1
    assert view.periods == ((dt.date(2026, 11, 2), dt.date(2026, 11, 4)),)
    assert all(row.day <= dt.date(2026, 11, 4) for row in view.timeline)
