"""Recording: one transaction that validates against the case, appends, and re-plans, or does
nothing at all."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from adapters.store.case_store import CaseStore
from adapters.store.tables import CaseRow, ContactRoute, Employee, OpenStepRow
from domain.errors import InputError
from domain.roles import Role
from service.case_file import Actor
from service.ports import CaseChangedError, CaseStatus, CaseUpdate, Contact, NewEntry
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.organisation import JAN, assign_physician
from tests.store.conftest import HR, MANAGER, NOW, PHYSICIAN

CASE = "E1042-20260105"


def sick(store: CaseStore, day: str = "2026-01-05", key: str | None = None) -> str:
    command = ReportSick("E1042", "Jan Jansen", {"date": day}, idempotency_key=key)
    case_key = report_sick(store, HR, command, NOW).case_key
    assign_physician(store, case_key)
    return case_key


def rec(store: CaseStore, kind: str, day: str, actor: Actor = HR, **fields: object) -> int:
    entry = {"type": kind, "date": day, **fields}
    return record(store, actor, RecordEvent(CASE, entry), NOW).seq


def schedule(store: CaseStore) -> dict[str, str]:
    with Session(store.engine) as session:
        rows = session.exec(select(OpenStepRow)).all()
        return {row.step: row.due.isoformat() for row in rows}


def test_a_first_sick_report_creates_the_employee_and_opens_the_case(store: CaseStore) -> None:
    contacts = (Contact("employee", "mailto://jan@example.org"),)
    command = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}, contacts=contacts)
    result = report_sick(store, HR, command, NOW)
    assert (result.case_key, result.seq, result.already_recorded) == (CASE, 1, False)
    with Session(store.engine) as session:
        assert session.exec(select(Employee.display_name)).all() == ["Jan Jansen"]
        assert session.exec(select(ContactRoute.party)).all() == ["employee"]
    assert schedule(store)["notify_physician"] == "2026-01-11"


def test_recording_an_event_replans_the_schedule(store: CaseStore) -> None:
    sick(store)
    rec(store, "problem_analysis_done", "2026-01-20", PHYSICIAN)
    assert schedule(store)["plan_of_action"] == "2026-02-03"
    assert "problem_analysis" not in schedule(store)


def test_a_report_less_than_28_days_after_recovery_continues_the_case(store: CaseStore) -> None:
    sick(store)
    rec(store, "recovered", "2026-02-02")
    assert schedule(store) == {}
    assert sick(store, "2026-02-20") == CASE
    assert store.cases.load(CASE).case.last_seq == 3
    assert schedule(store)["wage_continuation_end"] == "2028-01-21"  # 18 fit days later


def test_a_report_28_days_after_recovery_opens_a_new_case(store: CaseStore) -> None:
    sick(store)
    rec(store, "recovered", "2026-02-02")
    assert sick(store, "2026-03-02") == "E1042-20260302"
    assert store.cases.load("E1042-20260302").case.last_seq == 1


def test_reporting_sick_while_sick_is_refused_and_nothing_is_stored(store: CaseStore) -> None:
    sick(store)
    with pytest.raises(InputError, match="already sick since 2026-01-05"):
        sick(store, "2026-01-10")
    assert store.cases.count_entries() == 1


def test_a_sick_report_through_record_that_would_start_a_new_case_is_refused(
    store: CaseStore,
) -> None:
    sick(store)
    rec(store, "recovered", "2026-02-02")
    with pytest.raises(InputError, match="starts a new case; use report-sick"):
        rec(store, "reported_sick", "2026-03-10")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"type": "evaluation_held", "date": "2026-01-20", "diagnosis": "burn-out"},
            "unknown field 'diagnosis'",
        ),
        (
            {"type": "evaluation_held", "date": "2026-01-20", "complaint": "exhausted"},
            "unknown field 'complaint'",
        ),
        (
            {"type": "partially_recovered", "date": "2026-01-20", "percentage": 0},
            "percentage must be",
        ),
        (
            {"type": "evaluation_held", "date": "2026-06-02"},
            "dated after the as-of date 2026-06-01",
        ),
        ({"type": "evaluation_held", "date": "2026-02-30"}, "not a real date"),
        ({"type": "promotion", "date": "2026-01-20"}, "unknown event type"),
    ],
)
def test_bad_entries_are_rejected_before_anything_is_stored(
    store: CaseStore, entry: dict[str, object], message: str
) -> None:
    sick(store)
    before = schedule(store)
    with pytest.raises(InputError, match=message):
        record(store, HR, RecordEvent(CASE, entry), NOW)
    assert store.cases.count_entries() == 1
    assert schedule(store) == before


def test_a_role_may_record_only_its_own_events(store: CaseStore) -> None:
    sick(store)
    with pytest.raises(InputError, match="the hr role may not record problem_analysis_done"):
        rec(store, "problem_analysis_done", "2026-01-20", HR)
    with pytest.raises(InputError, match="the manager role may not record uwv_notified"):
        rec(store, "uwv_notified", "2026-01-20", MANAGER)
    with pytest.raises(InputError, match="the physician role may not record reported_sick"):
        report_sick(store, PHYSICIAN, ReportSick("E7", "X", {"date": "2026-01-05"}), NOW)
    assert store.cases.count_entries() == 1


def test_an_employee_records_only_on_their_own_case(store: CaseStore) -> None:
    sick(store)
    with pytest.raises(InputError, match=f"no case '{CASE}'"):
        rec(store, "wia_applied", "2026-01-20", Actor("piet", Role.EMPLOYEE, employee_key="E9999"))
    assert rec(store, "wia_applied", "2026-01-20", JAN) == 2


def test_resending_with_the_same_idempotency_key_is_a_no_op_returning_the_original(
    store: CaseStore,
) -> None:
    sick(store)
    command = RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}, idempotency_key="k-1")
    first = record(store, HR, command, NOW)
    again = record(store, HR, command, NOW + dt.timedelta(hours=1))
    assert (again.seq, again.already_recorded, first.already_recorded) == (first.seq, True, False)
    assert store.cases.count_entries() == 2


def test_an_idempotency_key_reused_for_another_event_is_refused(store: CaseStore) -> None:
    sick(store, key="report-1")
    other = RecordEvent(
        CASE, {"type": "recovered", "date": "2026-02-02"}, idempotency_key="report-1"
    )
    with pytest.raises(InputError, match="idempotency key 'report-1' was used for another event"):
        record(store, HR, other, NOW)


def test_a_sick_report_resent_for_another_employee_under_the_same_key_is_refused(
    store: CaseStore,
) -> None:
    sick(store, key="report-1")
    other = ReportSick("E2000", "Piet Peters", {"date": "2026-01-05"}, idempotency_key="report-1")
    with pytest.raises(InputError, match="idempotency key 'report-1' was used for another event"):
        report_sick(store, HR, other, NOW)
    assert store.cases.find_employee("E2000") is None


def test_a_write_decided_on_an_old_version_loses_with_case_changed(store: CaseStore) -> None:
    sick(store)
    seen = store.cases.load(CASE).case.last_seq
    rec(store, "physician_notified", "2026-01-06")
    stale = RecordEvent(CASE, {"type": "evaluation_held", "date": "2026-01-07"}, expected_seq=seen)
    with pytest.raises(CaseChangedError, match="changed: it is at entry 2, not 1; reload"):
        record(store, HR, stale, NOW)
    assert store.cases.count_entries() == 2


def test_appending_to_a_case_loaded_before_another_write_fails_whole(store: CaseStore) -> None:
    sick(store)
    loaded = store.cases.load(CASE)
    rec(store, "physician_notified", "2026-01-06")
    entry = NewEntry(
        business_date=dt.date(2026, 2, 2),
        type="recovered",
        payload='{"date": "2026-02-02", "type": "recovered"}',
        actor=HR.name,
        role=HR.role.value,
        recorded_at=NOW,
        idempotency_key=None,
    )
    change = CaseUpdate(
        dt.date(2026, 1, 5),
        CaseStatus.RECOVERED,
        dt.date(2026, 2, 2),
        closes_on=dt.date(2026, 3, 2),
        steps=[],
    )
    with pytest.raises(CaseChangedError, match="changed since it was loaded"):
        store.cases.append(loaded, [entry], change)
    assert store.cases.load(CASE).case.last_seq == 2
    assert store.cases.load(CASE).case.status == "sick"
    assert schedule(store)["physician_consult"] == "2026-01-25"


def test_a_retraction_takes_an_entry_out_of_the_history(store: CaseStore) -> None:
    sick(store)
    rec(store, "recovered", "2026-02-02")
    assert schedule(store) == {}
    rec(store, "event_retracted", "2026-02-03", retracts=2)
    assert store.cases.load(CASE).case.status == "sick"
    assert schedule(store)["notify_physician"] == "2026-01-11"
    assert store.cases.count_entries() == 3


def test_a_correction_replaces_an_entry_and_the_calendar_follows(store: CaseStore) -> None:
    sick(store)
    rec(store, "problem_analysis_done", "2026-01-20", PHYSICIAN)
    fixed = {"type": "problem_analysis_done", "date": "2026-01-27"}
    rec(store, "event_corrected", "2026-01-28", PHYSICIAN, corrects=2, event=fixed)
    assert schedule(store)["plan_of_action"] == "2026-02-10"


def test_a_correction_that_breaks_the_history_is_refused(store: CaseStore) -> None:
    """Retracting the linked report that a later entry needs leaves that entry dated while
    recovered: refused, nothing written. (Retracting the opening report voids the case.)"""
    sick(store)
    rec(store, "recovered", "2026-01-10")
    rec(store, "reported_sick", "2026-01-12")
    rec(store, "physician_notified", "2026-01-13")
    with pytest.raises(InputError, match="the employee is not sick"):
        rec(store, "event_retracted", "2026-01-14", retracts=3)
    with pytest.raises(InputError, match="has no entry 9"):
        rec(store, "event_retracted", "2026-01-14", retracts=9)
    assert store.cases.count_entries() == 4


def test_a_correction_needs_the_role_that_may_record_the_original(store: CaseStore) -> None:
    sick(store)
    rec(store, "problem_analysis_done", "2026-01-20", PHYSICIAN)
    with pytest.raises(InputError, match="the hr role may not record problem_analysis_done"):
        rec(store, "event_retracted", "2026-01-21", HR, retracts=2)


def test_a_case_row_keeps_the_first_sick_day_and_status(store: CaseStore) -> None:
    sick(store)
    rec(store, "recovered", "2026-02-02")
    with Session(store.engine) as session:
        row = session.exec(select(CaseRow)).one()
    assert (row.first_sick_day, row.status, row.recovered_on) == (
        dt.date(2026, 1, 5),
        "recovered",
        dt.date(2026, 2, 2),
    )


def test_a_case_is_read_beside_a_writer_from_the_last_commit(store: CaseStore) -> None:
    """Reading takes no write lock (SQLite: a read transaction in WAL; PostgreSQL: no lock at
    all): while another writer holds the store, a case loads at once, as last committed."""
    sick(store)
    committed = store.cases.load(CASE).case.last_seq
    with store.engine.begin() as writer:  # holds the write lock (SQLite: BEGIN IMMEDIATE)
        writer.execute(update(CaseRow).values(last_seq=CaseRow.last_seq + 5))  # not committed
        loaded: list[int] = []
        reader = threading.Thread(
            target=lambda: loaded.append(store.cases.load(CASE).case.last_seq)
        )
        reader.start()
        reader.join(timeout=20)  # a read waiting for the lock would still be waiting
        read_while_written = not reader.is_alive()
        writer.rollback()
    reader.join()
    assert read_while_written
    assert loaded == [committed]
