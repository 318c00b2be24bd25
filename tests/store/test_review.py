"""Reviewing: the open-case list, the audit trail with its reads, and tamper detection."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from adapters.store.case_store import CaseStore
from domain.errors import InputError
from domain.roles import Role
from service.case_file import Actor
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import audit_trail, open_cases, verify
from tests.organisation import JAN, assign_physician
from tests.store.conftest import AUDITOR, HR, MANAGER, NOW, PHYSICIAN

CASE = "E1042-20260105"
EMPLOYEE = JAN


@pytest.fixture
def case(store: CaseStore) -> str:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    assign_physician(store, CASE)
    for kind, day, actor in [
        ("physician_notified", "2026-01-06", HR),
        ("physician_consulted", "2026-01-14", PHYSICIAN),
        ("problem_analysis_done", "2026-01-20", PHYSICIAN),
    ]:
        record(store, actor, RecordEvent(CASE, {"type": kind, "date": day}), NOW)
    return CASE


def sql(store: CaseStore, statement: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement))


def test_open_cases_show_the_next_due_step_and_the_overdue_ones(
    store: CaseStore, case: str
) -> None:
    [summary] = open_cases(store, MANAGER, dt.datetime(2026, 2, 5, tzinfo=dt.UTC))
    assert summary.case_key == case
    assert summary.next_step is not None
    assert (summary.next_step.step.value, str(summary.next_step.due)) == (
        "uwv_sickness_report",
        "2026-10-26",
    )
    assert [(s.step.value, str(s.due)) for s in summary.overdue] == [
        ("plan_of_action", "2026-02-03")
    ]


def test_cases_closed_after_28_days_recovered_are_not_listed(store: CaseStore, case: str) -> None:
    record(store, HR, RecordEvent(case, {"type": "recovered", "date": "2026-02-02"}), NOW)
    assert open_cases(store, HR, dt.datetime(2026, 3, 1, tzinfo=dt.UTC))[0].status == "recovered"
    assert open_cases(store, HR, dt.datetime(2026, 3, 2, tzinfo=dt.UTC)) == []


def test_the_employee_role_cannot_list_everyones_cases(store: CaseStore, case: str) -> None:
    with pytest.raises(InputError, match="the employee role may not list cases"):
        open_cases(store, EMPLOYEE, NOW)


def test_the_trail_shows_every_entry_with_who_recorded_it_and_when(
    store: CaseStore, case: str
) -> None:
    trail = [e for e in audit_trail(store, AUDITOR, case, NOW) if e.kind == "event"]
    assert [(e.seq, e.type, e.actor, e.role) for e in trail] == [
        (1, "reported_sick", "anna.hr", "hr"),
        (2, "physician_notified", "anna.hr", "hr"),
        (3, "physician_consulted", "dr.bakker", "physician"),
        (4, "problem_analysis_done", "dr.bakker", "physician"),
    ]
    assert trail[0].details == {"percentage": 100}
    assert all(len(e.hash) == 64 for e in trail)


def test_reads_by_non_employee_roles_are_recorded_in_the_trail(store: CaseStore, case: str) -> None:
    open_cases(store, MANAGER, NOW)
    audit_trail(store, HR, case, NOW + dt.timedelta(minutes=1))
    trail = audit_trail(store, AUDITOR, case, NOW + dt.timedelta(minutes=2))
    reads = [(e.actor, e.role, e.type) for e in trail if e.kind == "read"]
    assert reads == [
        ("mark.manager", "manager", "cases"),
        ("anna.hr", "hr", "audit"),
        ("olga.auditor", "auditor", "audit"),
    ]


def test_the_employee_reads_their_own_trail_unrecorded_and_no_one_elses(
    store: CaseStore, case: str
) -> None:
    assert audit_trail(store, EMPLOYEE, case, NOW)
    reads = [e.role for e in audit_trail(store, AUDITOR, case, NOW) if e.kind == "read"]
    assert reads == ["auditor"]  # the employee's own read is not recorded
    with pytest.raises(InputError, match=f"no case '{CASE}'"):
        audit_trail(store, Actor("E9", Role.EMPLOYEE, employee_key="E9"), case, NOW)


def test_managers_do_not_read_the_audit_trail(store: CaseStore, case: str) -> None:
    with pytest.raises(InputError, match="the manager role may not read a case's audit trail"):
        audit_trail(store, MANAGER, case, NOW)


def test_an_intact_store_verifies_clean(store: CaseStore, case: str) -> None:
    assert verify(store, AUDITOR) == (4, [])


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        (
            'UPDATE event_log SET payload = \'{"date": "2026-01-14", "type": "physician_consulted", "diagnosis": "x"}\' WHERE seq = 3',
            "entry 3 was altered",
        ),
        ("UPDATE event_log SET business_date = '2026-01-13' WHERE seq = 3", "entry 3 was altered"),
        ("UPDATE event_log SET actor = 'someone.else' WHERE seq = 1", "entry 1 was altered"),
        ("UPDATE event_log SET type = 'recovered' WHERE seq = 4", "entry 4 was altered"),
        ("DELETE FROM event_log WHERE seq = 2", "entries 2..2 are missing"),
        ("DELETE FROM event_log WHERE seq = 4", "entries were removed or the case row was altered"),
        ('UPDATE "case" SET last_seq = 3', "entries were removed or the case row was altered"),
    ],
)
def test_editing_the_store_by_hand_is_reported_by_verify(
    store: CaseStore, case: str, statement: str, problem: str
) -> None:
    sql(store, statement)
    _, problems = verify(store, HR)
    assert any(problem in p for p in problems), problems


def test_a_rewritten_entry_breaks_the_chain_after_it_even_with_a_fresh_hash(
    store: CaseStore, case: str
) -> None:
    sql(store, "UPDATE event_log SET hash = 'f' || substr(hash, 2) WHERE seq = 2")
    _, problems = verify(store, AUDITOR)
    assert "case E1042-20260105: entry 2 was altered after it was recorded" in problems
    assert "case E1042-20260105: entry 3 does not follow the entry before" in problems


def test_only_hr_and_auditors_verify(store: CaseStore, case: str) -> None:
    with pytest.raises(InputError, match="the physician role may not verify"):
        verify(store, PHYSICIAN)
