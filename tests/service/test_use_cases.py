"""The use cases' rules, on the in-memory store: who may record and read what, idempotency,
corrections, concurrency, the read log, and one load and one fold per request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.case import replay
from domain.errors import BadInputError, ConflictError, NotAllowedError, NotFoundError
from domain.roles import Role
from service.case_file import Actor
from service.case_view import case_view, changeable
from service.outbox import OutboxQuery, readable_messages
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.recovery import recovery_of
from service.review import audit_trail, open_cases
from tests.fakes import FakeStore
from tests.organisation import (
    ADMIN,
    AUDITOR,
    COACH,
    HR,
    JAN,
    MANAGER,
    PHYSICIAN,
    assign_physician,
    organise,
)

CASE = "E1042-20260105"


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    organise(store)
    report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), at("2026-01-05")
    )
    assign_physician(store, CASE)
    return store


def rec(store: FakeStore, actor: Actor, kind: str, day: str, **fields: Any) -> int:
    entry = {"type": kind, "date": day, **fields}
    return record(store, actor, RecordEvent(CASE, entry), at(day)).seq


def test_recording_loads_the_case_once_and_folds_it_once(
    store: FakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request's path opens the case file once and folds its history once."""
    folds: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        folds.append(1)
        return replay(*args, **kwargs)

    monkeypatch.setattr("service.case_file.replay", counted)
    store.cases.loads = 0
    rec(store, HR, "physician_notified", "2026-01-06")
    rec(store, PHYSICIAN, "physician_consulted", "2026-01-14")
    assert (store.cases.loads, len(folds)) == (2, 2)


def test_a_role_may_not_record_what_it_may_not_record_and_nothing_is_written(
    store: FakeStore,
) -> None:
    """HR never records the physician's steps; the refusal is 'not allowed' and writes nothing."""
    with pytest.raises(NotAllowedError, match="the hr role may not record problem_analysis_done"):
        rec(store, HR, "problem_analysis_done", "2026-01-20")
    assert store.cases.count_entries() == 1


def test_an_employee_acts_and_reads_only_on_their_own_case(store: FakeStore) -> None:
    """To another employee, someone else's case does not exist."""
    piet = Actor("piet", Role.EMPLOYEE, employee_key="E2000")
    with pytest.raises(NotFoundError, match=f"no case '{CASE}'"):
        rec(store, piet, "contact_paused", "2026-01-07", until="2026-01-20")
    with pytest.raises(NotFoundError, match=f"no case '{CASE}'"):
        audit_trail(store, piet, CASE, at("2026-01-07"))
    assert [e.kind for e in audit_trail(store, JAN, CASE, at("2026-01-07"))] == ["event"]


OTHER_MANAGER = Actor("ria.manager", Role.MANAGER, account_id=99)
OTHER_PHYSICIAN = Actor("dr.other", Role.PHYSICIAN)
OTHER_EMPLOYEE = Actor("piet", Role.EMPLOYEE, employee_key="E2000")
# Who sees Jan's case: HR and auditors every case, his own manager, his assigned physician,
# himself; nobody else, whatever their role.
SEES_JANS_CASE = {
    HR: True,
    AUDITOR: True,
    MANAGER: True,
    PHYSICIAN: True,
    JAN: True,
    OTHER_MANAGER: False,
    OTHER_PHYSICIAN: False,
    OTHER_EMPLOYEE: False,
}


@pytest.mark.parametrize(("actor", "sees"), SEES_JANS_CASE.items(), ids=lambda v: str(v)[:40])
def test_a_case_is_seen_by_its_employee_manager_physician_hr_and_auditors_only(
    store: FakeStore, actor: Actor, sees: bool
) -> None:
    """A case someone may not see is answered as if it did not exist: in the case list, the
    recovery view, and when recording on it."""
    listed = open_cases(store, actor, at("2026-01-07")) if actor.role is not Role.EMPLOYEE else []
    assert [s.case_key for s in listed] == ([CASE] if sees and actor is not JAN else [])
    if sees:
        assert recovery_of(store, actor, CASE, at("2026-01-07")).case_key == CASE
        return
    with pytest.raises(NotFoundError, match=f"no case '{CASE}'"):
        recovery_of(store, actor, CASE, at("2026-01-07"))
    with pytest.raises(NotFoundError, match=f"no case '{CASE}'"):
        rec(store, actor, "setback_reported", "2026-01-07")


def test_coaches_and_admins_see_no_case(store: FakeStore) -> None:
    for actor in (COACH, ADMIN):
        with pytest.raises(NotAllowedError):
            open_cases(store, actor, at("2026-01-07"))
        with pytest.raises(NotAllowedError):
            recovery_of(store, actor, CASE, at("2026-01-07"))


def test_a_manager_reports_sick_only_the_employees_they_manage(store: FakeStore) -> None:
    """HR reports anyone sick; a manager their own people, and to them others do not exist."""
    piet = ReportSick("E2000", "Piet", {"date": "2026-01-05"})
    with pytest.raises(NotFoundError, match="no employee 'E2000' among those you manage"):
        report_sick(store, MANAGER, piet, at("2026-01-05"))
    assert report_sick(store, HR, piet, at("2026-01-05")).case_key == "E2000-20260105"
    with pytest.raises(NotFoundError, match="no employee 'E2000' among those you manage"):
        report_sick(store, MANAGER, piet, at("2026-01-06"))


def test_an_unknown_case_is_not_found(store: FakeStore) -> None:
    with pytest.raises(NotFoundError, match="no case 'E9-20260105'"):
        record(
            store,
            HR,
            RecordEvent("E9-20260105", {"type": "recovered", "date": "2026-01-06"}),
            at("2026-01-06"),
        )


def test_an_idempotency_key_records_once_and_refuses_another_event(store: FakeStore) -> None:
    """Re-sending with the same key answers with the original entry; another event with the
    same key is refused."""
    entry = {"type": "physician_notified", "date": "2026-01-06"}
    first = record(store, HR, RecordEvent(CASE, entry, "k1"), at("2026-01-06"))
    again = record(store, HR, RecordEvent(CASE, entry, "k1"), at("2026-01-07"))
    assert (first.seq, again.seq, again.already_recorded) == (2, 2, True)
    other = {"type": "recovered", "date": "2026-01-07"}
    with pytest.raises(BadInputError, match="idempotency key 'k1' was used for another event"):
        record(store, HR, RecordEvent(CASE, other, "k1"), at("2026-01-07"))
    assert store.cases.count_entries() == 2


def test_a_replay_is_answered_only_to_a_role_that_may_record_the_entry(
    store: FakeStore,
) -> None:
    """An idempotency key is no way around the role table, and its refusal names no case."""
    entry = {"type": "physician_notified", "date": "2026-01-06"}
    record(store, HR, RecordEvent(CASE, entry, "k1"), at("2026-01-06"))
    with pytest.raises(NotAllowedError, match="the manager role may not record"):
        record(store, MANAGER, RecordEvent(CASE, entry, "k1"), at("2026-01-07"))
    report_sick(store, HR, ReportSick("E2000", "Piet", {"date": "2026-01-05"}), at("2026-01-05"))
    with pytest.raises(BadInputError) as refused:
        record(store, HR, RecordEvent("E2000-20260105", entry, "k1"), at("2026-01-07"))
    assert CASE not in str(refused.value)


def test_only_the_side_that_agreed_to_a_build_up_corrects_or_retracts_its_agreement(
    store: FakeStore,
) -> None:
    """The physician cannot take back the employer's word, nor the employer the physician's."""
    rec(store, PHYSICIAN, "capacity_assessed", "2026-03-02", days_per_week=3, hours_per_day=3)
    proposal = {"stages": ["2x2", "3x2"], "target_hours": 6, "review_after_days": 14}
    rec(store, JAN, "build_up_proposed", "2026-03-03", **proposal)
    employer = rec(store, MANAGER, "build_up_agreed", "2026-03-04", party="employer")
    physician = rec(store, PHYSICIAN, "build_up_agreed", "2026-03-05", party="physician")
    with pytest.raises(NotAllowedError, match="recorded by the manager side: only that side"):
        rec(store, PHYSICIAN, "event_retracted", "2026-03-06", retracts=employer)
    with pytest.raises(NotAllowedError, match="recorded by the physician side: only that side"):
        rec(store, MANAGER, "event_retracted", "2026-03-06", retracts=physician)
    assert rec(store, HR, "event_retracted", "2026-03-06", retracts=employer) == physician + 1


def test_only_the_side_that_recorded_an_entry_corrects_or_retracts_it(store: FakeStore) -> None:
    """The employee cannot erase the manager's contact moment, nor the manager the physician's
    stage review or the employee's setback; the side that recorded it corrects it."""
    rec(store, MANAGER, "contact_agreed", "2026-01-06", every_days=7, form="call")
    held = rec(store, MANAGER, "contact_held", "2026-01-08", form="call")
    with pytest.raises(NotAllowedError, match=f"entry {held} of case .* manager side"):
        rec(store, JAN, "event_retracted", "2026-01-09", retracts=held)
    fixed = {"type": "contact_held", "date": "2026-01-08", "form": "video"}
    with pytest.raises(NotAllowedError, match="manager side"):
        rec(store, JAN, "event_corrected", "2026-01-09", corrects=held, event=fixed)
    by_jan = rec(store, JAN, "contact_held", "2026-01-10", form="app")
    with pytest.raises(NotAllowedError, match="employee side"):
        rec(store, MANAGER, "event_retracted", "2026-01-11", retracts=by_jan)
    assert rec(store, JAN, "event_retracted", "2026-01-11", retracts=by_jan) == by_jan + 1
    assert rec(store, MANAGER, "event_corrected", "2026-01-12", corrects=held, event=fixed) > by_jan


def test_a_write_decided_on_a_stale_version_is_a_conflict(store: FakeStore) -> None:
    rec(store, HR, "physician_notified", "2026-01-06")
    stale = RecordEvent(CASE, {"type": "recovered", "date": "2026-01-07"}, expected_seq=1)
    with pytest.raises(ConflictError, match="it is at entry 2, not 1"):
        record(store, HR, stale, at("2026-01-07"))


def test_a_correction_of_a_correction_is_refused(store: FakeStore) -> None:
    """Corrections point at original entries only."""
    rec(store, HR, "physician_notified", "2026-01-06")
    fixed = {"type": "physician_notified", "date": "2026-01-07"}
    assert rec(store, HR, "event_corrected", "2026-01-08", corrects=2, event=fixed) == 3
    with pytest.raises(BadInputError, match="a correction cannot be corrected"):
        rec(store, HR, "event_corrected", "2026-01-08", corrects=3, event=fixed)
    with pytest.raises(BadInputError, match="a correction cannot be corrected"):
        rec(store, HR, "event_retracted", "2026-01-08", retracts=3)
    assert store.cases.count_entries() == 3


def test_a_correction_needs_the_role_that_may_record_the_corrected_entry(store: FakeStore) -> None:
    rec(store, PHYSICIAN, "problem_analysis_done", "2026-01-20")
    with pytest.raises(NotAllowedError, match="the hr role may not record problem_analysis_done"):
        rec(store, HR, "event_retracted", "2026-01-21", retracts=2)
    assert rec(store, PHYSICIAN, "event_retracted", "2026-01-21", retracts=2) == 3
    plan = [
        s.step.value
        for s in record(
            store,
            HR,
            RecordEvent(CASE, {"type": "physician_notified", "date": "2026-01-21"}),
            at("2026-01-21"),
        ).open_steps
    ]
    assert "problem_analysis" in plan  # the retracted analysis no longer counts


def test_reads_by_anyone_but_the_employee_are_recorded(store: FakeStore) -> None:
    """AVG: who looked at a case file, when, and why."""
    audit_trail(store, PHYSICIAN, CASE, at("2026-01-07"))
    recovery_of(store, MANAGER, CASE, at("2026-01-08"))
    recovery_of(store, JAN, CASE, at("2026-01-09"))
    open_cases(store, AUDITOR, at("2026-01-10"))
    reads = store.reads.of_case(store.cases.load(CASE).case.id)
    assert [(r.actor, r.purpose) for r in reads] == [
        ("dr.bakker", "audit"),
        ("mark.manager", "recovery"),
        ("olga.auditor", "cases"),
    ]


def test_a_case_view_is_read_by_whoever_lists_cases_and_its_employee_and_the_read_is_recorded(
    store: FakeStore,
) -> None:
    seen = case_view(store, MANAGER, CASE, at("2026-01-20"))
    shown: Any = seen.as_dict()
    assert (shown["last_seq"], shown["status"]) == (1, "sick")
    assert [(s["step"], s["party"]) for s in shown["overdue"]] == [("notify_physician", "employer")]
    assert case_view(store, JAN, CASE, at("2026-01-21")).case_key == CASE
    for refused in (COACH, ADMIN):
        with pytest.raises(NotAllowedError, match=f"the {refused.role} role may not read a case"):
            case_view(store, refused, CASE, at("2026-01-22"))
    reads = store.reads.of_case(store.cases.load(CASE).case.id)
    assert [(r.actor, r.purpose) for r in reads] == [("mark.manager", "case")]


def test_a_role_without_the_right_to_read_is_refused_before_the_case_is_opened(
    store: FakeStore,
) -> None:
    store.cases.loads = 0
    with pytest.raises(NotAllowedError, match="the manager role may not read a case's audit trail"):
        audit_trail(store, MANAGER, "E9-20260105", at("2026-01-07"))
    assert store.cases.loads == 0


def test_the_case_list_leaves_out_cases_recovered_for_28_days(store: FakeStore) -> None:
    rec(store, HR, "recovered", "2026-02-02")
    assert [s.case_key for s in open_cases(store, HR, at("2026-03-01"))] == [CASE]
    assert open_cases(store, HR, at("2026-03-02")) == []


def test_a_report_within_28_days_continues_the_case_and_later_opens_a_new_one(
    store: FakeStore,
) -> None:
    rec(store, HR, "recovered", "2026-02-02")
    again = ReportSick("E1042", "Jan Jansen", {"date": "2026-02-20"})
    assert report_sick(store, HR, again, at("2026-02-20")).case_key == CASE
    rec(store, HR, "recovered", "2026-03-02")
    later = ReportSick("E1042", "Jan Jansen", {"date": "2026-03-30"})
    assert report_sick(store, HR, later, at("2026-03-30")).case_key == "E1042-20260330"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (HR, [("employee", CASE), ("manager", CASE), ("employee", "E2077-20260105")]),
        (AUDITOR, [("employee", CASE), ("manager", CASE), ("employee", "E2077-20260105")]),
        (MANAGER, [("manager", CASE)]),
        (OTHER_MANAGER, []),
        (JAN, [("employee", CASE)]),
        (PHYSICIAN, []),
        (COACH, []),
    ],
)
def test_the_outbox_shows_each_role_only_its_own_messages(
    store: FakeStore, actor: Actor, expected: list[tuple[str, str]]
) -> None:
    """HR and auditors read every message; a party its own about the cases it sees (a
    manager: of the employees they manage); a coach none."""
    report_sick(store, HR, ReportSick("E2077", "Els", {"date": "2026-01-05"}), at("2026-01-05"))
    messages = [
        {"party": "employee", "cases": [CASE]},
        {"party": "manager", "cases": [CASE]},
        {"party": "employee", "cases": ["E2077-20260105"]},
    ]
    shown = readable_messages(store, actor, messages, OutboxQuery())
    assert [(m["party"], m["cases"][0]) for m in shown] == expected


def test_the_console_offers_to_change_only_what_the_side_may_change(store: FakeStore) -> None:
    """Not the opening report, not another side's entry, not a retracted one, not a correction."""
    rec(store, MANAGER, "contact_agreed", "2026-01-06", every_days=7, form="call")
    by_jan = rec(store, JAN, "contact_held", "2026-01-08", form="app")
    retracted = rec(store, JAN, "contact_held", "2026-01-09", form="call")
    rec(store, JAN, "event_retracted", "2026-01-10", retracts=retracted)
    view = case_view(store, JAN, CASE, at("2026-01-10"))
    assert changeable(JAN, view) == {by_jan}
    assert changeable(MANAGER, view) == {2}
    assert changeable(HR, view) == set()  # HR records no contact; the sick report opens the case
