"""Recovery through the store, the reminders and the roles; the diary stays the employee's."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from domain.diary import DiaryEntry
from domain.errors import InputError
from domain.roles import Role
from notifications.sinks import OutboxSink, read_outbox
from service import diary
from service.case_file import Actor
from service.dispatch import Dispatcher, everything_to
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.recovery import recovery_of
from service.review import audit_trail, open_cases, timeline
from tests.organisation import COACH as ORGANISATION_COACH
from tests.organisation import JAN, assign_physician
from tests.store.conftest import AUDITOR, HR, MANAGER, PHYSICIAN

CASE = "E1042-20260105"
EMPLOYEE, COACH = JAN, ORGANISATION_COACH


def at(day: str, hour: int = 8) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")


def rec(store: CaseStore, actor: Actor, kind: str, day: str, **fields: object) -> None:
    record(store, actor, RecordEvent(CASE, {"type": kind, "date": day, **fields}), at(day))


@pytest.fixture
def case(store: CaseStore) -> str:
    report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), at("2026-01-05")
    )
    assign_physician(store, CASE)
    return CASE


# The course the sources describe, day by day: who records what.
COURSE: list[tuple[str, Actor, str, dict[str, object]]] = [
    ("2026-03-02", PHYSICIAN, "capacity_assessed", {"days_per_week": 3, "hours_per_day": 3}),
    (
        "2026-03-03",
        EMPLOYEE,
        "build_up_proposed",
        {"stages": ["3x2", "3x3", "4x3", "4x5"], "target_hours": 20},
    ),
    ("2026-03-04", MANAGER, "build_up_agreed", {"party": "employer"}),
    ("2026-03-05", PHYSICIAN, "build_up_agreed", {"party": "physician"}),
    ("2026-03-19", MANAGER, "stage_reviewed", {"outcome": "advance"}),
    ("2026-03-26", EMPLOYEE, "setback_reported", {}),
    ("2026-04-08", PHYSICIAN, "capacity_assessed", {"days_per_week": 4, "hours_per_day": 3}),
    ("2026-04-09", MANAGER, "stage_reviewed", {"outcome": "advance", "to_stage": 3}),
    ("2026-05-04", PHYSICIAN, "capacity_assessed", {"days_per_week": 4, "hours_per_day": 5}),
    ("2026-05-05", MANAGER, "stage_reviewed", {"outcome": "advance"}),
]


def test_the_course_from_the_sources_with_its_reviews_and_each_partys_reminders(
    store: CaseStore, case: str, tmp_path: Path
) -> None:
    """3x2h, 3x3h, a setback back to 3x2h with rest days kept, then 4x3h and 4x5h."""
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    dispatcher = Dispatcher(store, everything_to(outbox, "en"))
    plan = {day: (actor, kind, fields) for day, actor, kind, fields in COURSE}
    day = dt.date(2026, 3, 1)
    while day <= dt.date(2026, 5, 8):
        if day.isoformat() in plan:
            actor, kind, fields = plan[day.isoformat()]
            rec(store, actor, kind, day.isoformat(), **fields)
        dispatcher.dispatch_due(at(day.isoformat(), 12))
        day += dt.timedelta(days=1)

    stages = [
        row.what
        for row in timeline(store, HR, case, at(day.isoformat(), 12))
        if row.status == "stage"
    ]
    assert stages == [
        "stage 1: 3x2h, rest day between (start)",
        "stage 2: 3x3h, rest day between (advance)",
        "stage 1: 3x2h, rest day between (setback)",
        "stage 3: 4x3h, rest day between (advance)",
        "stage 4: 4x5h, rest day between (advance)",
    ]
    received: dict[str, list[str]] = defaultdict(list)
    for message in read_outbox(outbox.path):
        received[message["party"]].append(message["subject"])
    assert "Your build-up: a step back for now" in received["employee"]
    step_back = (
        f"A step back in the build-up, to stage 1 \N{EM DASH} employee Jan Jansen (case {case})"
    )
    assert step_back in received["manager"]
    assert step_back in received["physician"]
    assert step_back in received["hr"]
    assert any(
        s.startswith("Review of the build-up stage \N{EM DASH} employee Jan Jansen")
        for s in received["manager"]
    )
    assert any(s.startswith("Review of the build-up stage: ") for s in received["employee"])
    assert any(
        s.startswith("Review of functional capacity \N{EM DASH} employee Jan Jansen")
        for s in received["physician"]
    )
    setback = next(
        m for m in read_outbox(outbox.path) if m["subject"] == "Your build-up: a step back for now"
    )
    assert "not a failure" in setback["body"]
    assert "rest days" in setback["body"]
    view = recovery_of(store, HR, case, at("2026-05-08"))
    assert view.recovery.build_up is not None
    assert view.recovery.build_up.target_reached


def test_a_stage_beyond_the_latest_capacity_is_refused_and_nothing_is_stored(
    store: CaseStore, case: str
) -> None:
    for day, actor, kind, fields in COURSE[:5]:
        rec(store, actor, kind, day, **fields)
    before = store.cases.load(case).case.last_seq
    with pytest.raises(
        InputError, match=r"stage 3 \(4x3h, rest day between\) is beyond the latest"
    ):
        rec(store, MANAGER, "stage_reviewed", "2026-03-27", outcome="advance")
    assert store.cases.load(case).case.last_seq == before


@pytest.mark.parametrize(
    ("actor", "kind", "fields", "error"),
    [
        (
            MANAGER,
            "capacity_assessed",
            {"days_per_week": 3, "hours_per_day": 3},
            "manager role may not record capacity_assessed",
        ),
        (
            HR,
            "build_up_proposed",
            {"stages": ["3x2"], "target_hours": 6},
            "hr role may not record build_up_proposed",
        ),
        (
            PHYSICIAN,
            "build_up_agreed",
            {"party": "employer"},
            "physician role may not agree for the employer",
        ),
        (HR, "contact_paused", {"until": "2026-04-01"}, "hr role may not record contact_paused"),
        (
            Actor("E9999", Role.EMPLOYEE, employee_key="E9999"),
            "setback_reported",
            {},
            f"no case '{CASE}'",
        ),
    ],
)
def test_each_recovery_event_is_recorded_by_its_own_party(
    store: CaseStore, case: str, actor: Actor, kind: str, fields: dict[str, object], error: str
) -> None:
    with pytest.raises(InputError, match=error):
        rec(store, actor, kind, "2026-03-02", **fields)


def test_contact_due_reminds_the_manager_and_a_pause_holds_it_back(
    store: CaseStore, case: str, tmp_path: Path
) -> None:
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    rec(store, MANAGER, "contact_agreed", "2026-01-12", every_days=7, form="call")
    rec(store, EMPLOYEE, "contact_paused", "2026-01-13", until="2026-02-02")
    Dispatcher(store, everything_to(outbox, "en")).dispatch_due(at("2026-01-30", 12))
    assert not [m for m in read_outbox(outbox.path) if m["subject"].startswith("Keeping in touch")]
    Dispatcher(store, everything_to(outbox, "en")).dispatch_due(at("2026-02-02", 12))
    [contact] = [m for m in read_outbox(outbox.path) if m["subject"].startswith("Keeping in touch")]
    assert contact["party"] == "manager"
    assert "not what was said" in contact["body"]


def write_course(store: CaseStore, start: dt.date, scores: list[tuple[int, int, int]]) -> None:
    for offset, (energy, stress, motivation) in enumerate(scores):
        day = start + dt.timedelta(days=offset)
        entry = DiaryEntry(date=day, energy=energy, stress=stress, motivation=motivation)
        diary.write(store, EMPLOYEE, entry, at(day.isoformat()))


def test_the_employer_side_never_reads_diary_scores(store: CaseStore, case: str) -> None:
    write_course(store, dt.date(2026, 2, 1), [(6, 4, 7), (5, 5, 6)])
    for actor in (HR, MANAGER, AUDITOR, PHYSICIAN):  # they see Jan's case, not his diary
        with pytest.raises(InputError, match="the employer side never sees its scores"):
            diary.read(store, actor, "E1042", at("2026-02-03"))
    with pytest.raises(InputError, match="no employee 'E1042'"):  # a coach he did not choose
        diary.read(store, COACH, "E1042", at("2026-02-03"))
    assert [e.energy for e in diary.read(store, EMPLOYEE, "E1042", at("2026-02-03"))] == [6, 5]
    diary.share(store, EMPLOYEE, "dr.bakker")
    diary.share(store, EMPLOYEE, "coach.co")
    assert len(diary.read(store, PHYSICIAN, "E1042", at("2026-02-03"))) == 2
    assert len(diary.read(store, COACH, "E1042", at("2026-02-03"))) == 2
    with pytest.raises(InputError, match="shared with a physician or a coach, not the hr role"):
        diary.share(store, EMPLOYEE, "anna.hr")
    with pytest.raises(InputError, match="only the employee may write a diary"):
        diary.write(
            store,
            HR,
            DiaryEntry(date=dt.date(2026, 2, 3), energy=1, stress=1, motivation=1),
            at("2026-02-03"),
        )
    shown = diary.sharing(store, EMPLOYEE)
    assert shown.readers == [("dr.bakker", "physician"), ("coach.co", "coach")]
    assert [(read.reader, read.role) for read in shown.reads] == [
        ("dr.bakker", "physician"),
        ("coach.co", "coach"),
    ]
    diary.unshare(store, EMPLOYEE, "coach.co")
    with pytest.raises(InputError, match="no employee 'E1042'"):  # unshared: Jan is gone
        diary.read(store, COACH, "E1042", at("2026-02-03"))
    trail = json.dumps(
        [vars(e) for e in audit_trail(store, HR, case, at("2026-02-03"))], default=str
    )
    assert "energy" not in trail
    assert "diary" not in trail
    assert "energy" not in str(open_cases(store, HR, at("2026-02-03")))


STEADY, LOW = (7, 3, 7), (3, 8, 3)


def test_with_the_signal_on_a_sustained_drop_brings_the_capacity_review_forward(
    store: CaseStore, case: str, tmp_path: Path
) -> None:
    """The employer side learns only that an earlier review is suggested, never a score."""
    rec(store, PHYSICIAN, "capacity_assessed", "2026-03-02", days_per_week=3, hours_per_day=3)
    diary.set_signal(store, EMPLOYEE, True)
    write_course(store, dt.date(2026, 3, 2), [STEADY] * 21 + [LOW] * 4)
    view = recovery_of(store, HR, case, at("2026-03-26"))
    assert view.recovery.capacity is not None
    assert view.recovery.capacity.next_review == dt.date(2026, 4, 1)  # a week after 03-25
    [suggested] = [
        e
        for e in audit_trail(store, HR, case, at("2026-03-26"))
        if e.type == "earlier_review_suggested"
    ]
    assert suggested.details == {}
    write_course(store, dt.date(2026, 3, 26), [LOW] * 3)  # the drop goes on: no second one
    events = [
        e
        for e in audit_trail(store, HR, case, at("2026-03-29"))
        if e.type == "earlier_review_suggested"
    ]
    assert len(events) == 1
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    Dispatcher(store, everything_to(outbox, "en")).dispatch_due(at("2026-04-01", 12))
    text = (tmp_path / "outbox.jsonl").read_text()
    assert "Review of functional capacity" in text
    assert "energy" not in text
    assert "stress" not in text


def test_without_the_signal_a_drop_stays_in_the_diary(store: CaseStore, case: str) -> None:
    rec(store, PHYSICIAN, "capacity_assessed", "2026-03-02", days_per_week=3, hours_per_day=3)
    write_course(store, dt.date(2026, 3, 2), [STEADY] * 21 + [LOW] * 7)
    assert not [
        e
        for e in audit_trail(store, HR, case, at("2026-03-30"))
        if e.type == "earlier_review_suggested"
    ]


def test_a_diary_entry_for_the_future_is_refused(store: CaseStore, case: str) -> None:
    with pytest.raises(InputError, match="in the future"):
        diary.write(
            store,
            EMPLOYEE,
            DiaryEntry(date=dt.date(2026, 3, 3), energy=5, stress=5, motivation=5),
            at("2026-03-02"),
        )
