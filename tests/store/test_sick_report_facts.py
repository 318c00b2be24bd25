"""What a sick report may carry besides the report itself, on SQLite and PostgreSQL: the facts
the AP lets the employer record (UWV-TRACKS.md section 1), recorded as `sick_facts_recorded`
right after the report in the same write, and the employee's first name (roepnaam), which the
reminders to them carry. Nothing of it is stored unless all of it is."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pytest
from sqlmodel import Session, select

from adapters.store.case_store import CaseStore
from adapters.store.tables import OpenStepRow
from domain import roles
from domain.errors import BadInputError, InputError, NotAllowedError
from notifications.messages import Due, reminder_message
from service.case_messages import case_messages
from service.dispatch import Dispatcher, everything_to
from service.ports import CaseChangedError, CaseStatus, CaseUpdate, NewEntry
from service.recording import Recorded, RecordEvent, ReportSick, record, report_sick
from tests.organisation import JAN, manage
from tests.store.conftest import HR, MANAGER, NOW, PHYSICIAN, run_cli
from tests.store.test_dispatch_order import Recording

CASE = "E1042-20260105"
REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
FACTS = {"vangnet": True, "work_accident": False, "expected_duration": "1_to_6_weeks"}


def report(
    store: CaseStore,
    day: str = "2026-01-05",
    facts: Mapping[str, object] | None = None,
    first_name: str | None = None,
    key: str | None = None,
    actor: Any = HR,
    now: dt.datetime = NOW,
) -> Recorded:
    command = ReportSick(
        "E1042", "Jan Jansen", {"date": day}, key, facts=facts or {}, first_name=first_name
    )
    return report_sick(store, actor, command, now)


def logged(store: CaseStore, case: str = CASE) -> list[tuple[int, str, str, dict[str, Any]]]:
    return [
        (e.seq, e.type, e.business_date.isoformat(), json.loads(e.payload))
        for e in store.cases.load(case).log
    ]


def steps(store: CaseStore) -> set[str]:
    with Session(store.engine) as session:
        return set(session.exec(select(OpenStepRow.step)))


def first_name(store: CaseStore, employee: str = "E1042") -> str | None:
    found = store.cases.find_employee(employee)
    assert found is not None
    return found.first_name


def test_the_facts_are_the_entry_right_after_the_report_on_its_date_written_with_it(
    store: CaseStore,
) -> None:
    """Any fact given records `sick_facts_recorded` dated on the first sick day, as the next
    entry, by the same account at the same moment; the plan follows it (vangnet: the vangnet
    report to UWV is due)."""
    result = report(store, facts=FACTS | {"liable_third_party": None})
    assert (result.seq, result.type, result.facts) == (1, "reported_sick", FACTS)
    assert result.as_dict()["facts"] == FACTS
    entries = logged(store)
    assert [(seq, kind, day) for seq, kind, day, _ in entries] == [
        (1, "reported_sick", "2026-01-05"),
        (2, "sick_facts_recorded", "2026-01-05"),
    ]
    assert {k: v for k, v in entries[1][3].items() if v is not None} == FACTS | {
        "type": "sick_facts_recorded",
        "date": "2026-01-05",
    }
    log = store.cases.load(CASE).log
    assert (log[1].actor, log[1].recorded_at, log[1].idempotency_key) == (
        "anna.hr",
        log[0].recorded_at,
        None,
    )
    assert "uwv_vangnet_report" in steps(store)
    assert any(row.step == "uwv_vangnet_report" for row in result.open_steps)


def test_without_any_fact_the_report_is_recorded_alone(store: CaseStore) -> None:
    """No fact, or only facts left open (None), records no `sick_facts_recorded`."""
    result = report(store, facts=dict.fromkeys(FACTS))
    assert result.facts is None
    assert "facts" not in result.as_dict()
    assert [kind for _, kind, _, _ in logged(store)] == ["reported_sick"]


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ({"expected_duration": "forever"}, "expected_duration: input should be 'up_to_1_week'"),
        ({"vangnet": "maybe"}, "vangnet: input should be a valid boolean"),
        ({"diagnosis": "burn-out"}, "unknown fact(s) diagnosis at a sick report"),
        ({"date": "2026-01-01"}, "unknown fact(s) date"),
    ],
)
def test_a_bad_fact_stores_nothing_not_even_the_employee(
    store: CaseStore, facts: dict[str, object], reason: str
) -> None:
    """The facts are judged before anything is written: a bad one leaves no report, no case
    and no employee (E4000 is new), and no first name."""
    command = ReportSick("E4000", "Nel", {"date": "2026-01-05"}, facts=facts, first_name="Nel")
    with pytest.raises(BadInputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        report_sick(store, HR, command, NOW)
    assert store.cases.find_employee("E4000") is None
    assert store.cases.count_entries() == 0


def test_a_bad_fact_on_a_linked_report_leaves_the_case_and_the_name_as_they_were(
    store: CaseStore,
) -> None:
    report(store, first_name="Jan")
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}), NOW)
    with pytest.raises(BadInputError, match="expected_duration"):
        report(store, "2026-02-20", {"expected_duration": "long"}, first_name="Janneke")
    assert [kind for _, kind, _, _ in logged(store)] == ["reported_sick", "recovered"]
    assert first_name(store) == "Jan"


def test_a_write_of_a_report_and_its_facts_is_one_transaction(store: CaseStore) -> None:
    """If the store cannot write the second entry (here: its idempotency key is taken), the
    first is not written either, nor is the case's state or the first name changed."""
    report(store, key="taken")
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}), NOW)
    loaded = store.cases.load(CASE)

    def entry(kind: str, key: str | None) -> NewEntry:
        payload = json.dumps({"type": kind, "date": "2026-02-20"})
        return NewEntry(dt.date(2026, 2, 20), kind, payload, "anna.hr", "hr", NOW, key)

    change = CaseUpdate(dt.date(2026, 1, 5), CaseStatus.SICK, None, None, [], first_name="Janneke")
    with pytest.raises(CaseChangedError):
        store.cases.append(
            loaded, [entry("reported_sick", None), entry("sick_facts_recorded", "taken")], change
        )
    assert store.cases.load(CASE).case.last_seq == 2
    assert store.cases.load(CASE).case.status == "recovered"
    assert first_name(store) is None


def test_a_linked_report_records_its_facts_after_it_on_the_same_case(store: CaseStore) -> None:
    report(store)
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}), NOW)
    again = report(store, "2026-02-20", {"work_accident": True})
    assert (again.case_key, again.seq, again.facts) == (CASE, 3, {"work_accident": True})
    assert [(seq, kind, day) for seq, kind, day, _ in logged(store)][2:] == [
        (3, "reported_sick", "2026-02-20"),
        (4, "sick_facts_recorded", "2026-02-20"),
    ]


def test_a_manager_records_the_facts_of_their_own_employee_and_nobody_else_reports_sick(
    store: CaseStore,
) -> None:
    """The facts are the employer's (HR or a manager); any other role may not report sick at
    all, with or without facts, and nothing is stored."""
    assert report(store, facts={"vangnet": False}, actor=MANAGER).facts == {"vangnet": False}
    for actor in (PHYSICIAN, JAN):
        with pytest.raises(NotAllowedError, match=f"the {actor.role} role may not record"):
            report(store, "2026-01-06", FACTS, actor=actor)
    assert store.cases.count_entries() == 2


def test_a_role_that_may_report_sick_but_not_record_facts_stores_neither(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both entries are checked against the role table before anything is written."""
    monkeypatch.setitem(roles.MAY_RECORD, "sick_facts_recorded", frozenset({HR.role}))
    with pytest.raises(NotAllowedError, match="the manager role may not record sick_facts"):
        report(store, facts={"vangnet": True}, actor=MANAGER)
    assert report(store, actor=MANAGER).facts is None  # the report alone still may
    assert store.cases.count_entries() == 1


def test_a_resent_report_with_its_key_changes_nothing_and_answers_with_its_facts(
    store: CaseStore,
) -> None:
    """The key is on the report; its facts were written with it. A re-send with the same facts
    is answered with the original; other facts, or none, with the same key are refused."""
    first = report(store, facts=FACTS, key="k1")
    again = report(store, facts=FACTS, key="k1", now=NOW + dt.timedelta(hours=1))
    assert (again.already_recorded, again.seq, again.facts) == (True, 1, FACTS)
    assert again.open_steps == first.open_steps
    for other in ({"vangnet": False}, {}):
        with pytest.raises(BadInputError, match="idempotency key 'k1' was used for another"):
            report(store, facts=other, key="k1")
    assert store.cases.count_entries() == 2


def test_a_key_of_a_report_without_facts_still_replays_when_facts_were_recorded_later(
    store: CaseStore,
) -> None:
    """Facts recorded later, on their own, are not the report's: its re-send still matches."""
    report(store, key="k2")
    entry = {"type": "sick_facts_recorded", "date": "2026-01-06", "vangnet": True}
    record(store, HR, RecordEvent(CASE, entry), NOW + dt.timedelta(minutes=1))
    assert report(store, key="k2").already_recorded


def test_the_first_name_is_kept_and_a_later_report_that_gives_one_replaces_it(
    store: CaseStore,
) -> None:
    """The first name is set by the report that gives it (opening a case or continuing one)
    and kept by one that does not; the display name stays as it was first stored."""
    report(store, first_name="Jan")
    assert first_name(store) == "Jan"
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}), NOW)
    report(store, "2026-02-20")
    assert first_name(store) == "Jan"
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-02-23"}), NOW)
    report(store, "2026-02-25", first_name="Janneke")  # linked: the same case
    assert first_name(store) == "Janneke"
    record(store, HR, RecordEvent(CASE, {"type": "recovered", "date": "2026-03-02"}), NOW)
    report(store, "2026-04-01", first_name="Jannie")  # a new case
    assert first_name(store) == "Jannie"
    assert store.cases.find_employee("E1042").display_name == "Jan Jansen"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "the first name must be 1-100 characters"),
        (" ", "the first name must be 1-100 characters"),
        ("J" * 101, "the first name must be 1-100 characters"),
        ("Jan\x00", "the first name holds a control or formatting character"),
        ("Jan\u202e", "the first name holds a control or formatting character"),
    ],
)
def test_a_first_name_is_1_to_100_printable_characters(
    store: CaseStore, name: str, reason: str
) -> None:
    with pytest.raises(InputError, match=reason):
        report(store, first_name=name)
    assert store.cases.count_entries() == 0
    assert first_name(store) is None  # E1042 is known (the organisation's), still unnamed


def test_the_first_name_reaches_the_reminders_to_the_employee(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each reminder the dispatcher renders, and each subject on the case's message list, is
    made from a `Due` that carries the employee's first name."""
    report(store, first_name="Jan", now=REPORTED)
    rendered: list[Due] = []
    real = reminder_message

    def rendering(item: Due, language: str, first: bool = False) -> Any:
        rendered.append(item)
        return real(item, language, first)

    monkeypatch.setattr("service.dispatch.reminder_message", rendering)
    sink = Recording("outbox")
    sent = Dispatcher(store, everything_to(sink)).dispatch_due(
        dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    )
    assert sent.sent > 0
    assert sink.got
    assert {(due.display_name, due.first_name) for due in rendered} == {("Jan Jansen", "Jan")}
    assert any(m.body.startswith("Dear Jan,") for m in sink.got if m.party == "employee")
    monkeypatch.setattr("service.case_messages.reminder_message", rendering)
    rendered.clear()
    assert case_messages(store, HR, CASE, "nl")
    assert {due.first_name for due in rendered} == {"Jan"}


def test_without_a_first_name_a_reminder_carries_none(store: CaseStore) -> None:
    """An employee without a first name is claimed with None: the messages fall back."""
    report(store, now=REPORTED)
    claimed = store.reminders.claim_due(
        dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
        10,
        dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
        dt.timedelta(minutes=5),
    )
    assert claimed
    assert {(c.display_name, c.first_name) for c in claimed} == {("Jan Jansen", None)}


def test_report_sick_on_the_command_line_takes_the_facts_and_the_first_name(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """The flags are the facts (a `--no-` flag is false, one not given is left out) and the
    first name; the output says which facts were recorded; a re-send with the key is a no-op."""
    command = (
        *("report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05"),
        *("--first-name", "Jan", "--vangnet", "--no-work-accident"),
        *("--expected-duration", "over_13_weeks", "--idempotency-key", "cli-1"),
    )
    code, out, err = run_cli(capsys, *command)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"Recorded case {CASE} entry 1: reported_sick on 2026-01-05",
        (
            "Facts recorded with it, entry 2: vangnet=yes, work_accident=no, "
            "expected_duration=over_13_weeks"
        ),
    ]
    assert first_name(store) == "Jan"
    facts = logged(store)[1][3]
    assert (facts["vangnet"], facts["work_accident"], facts["liable_third_party"]) == (
        True,
        False,
        None,
    )
    code, out, _ = run_cli(capsys, *command)
    assert code == 0
    assert out.startswith("Already recorded (same idempotency key), nothing changed:")
    assert store.cases.count_entries() == 2


def test_a_bad_fact_on_the_command_line_is_one_line_and_stores_nothing(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked before anything is written: no employee, no report, no first name."""
    code, out, err = run_cli(
        capsys,
        *("report-sick", "E4000", "--name", "Nel", "--date", "2026-01-05", "--vangnet"),
        *("--first-name", "Nel", "--expected-duration", "a_while"),
    )
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: expected_duration: input should be 'up_to_1_week'")
    assert err.count("\n") == 1
    assert store.cases.find_employee("E4000") is None
    assert store.cases.count_entries() == 0


def test_a_manager_on_the_command_line_reports_their_employee_sick_with_facts(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manager records the facts of their own employee's report; a physician may not report
    sick at all."""
    manage(store, "E3000", "Els de Vries")
    code, out, _ = run_cli(
        capsys,
        *("report-sick", "E3000", "--name", "Els de Vries", "--date", "2026-01-05"),
        *("--liable-third-party", "--as-account", "mark.manager"),
    )
    assert code == 0
    assert "Facts recorded with it, entry 2: liable_third_party=yes" in out
    code, _, err = run_cli(
        capsys,
        *("report-sick", "E3000", "--name", "Els de Vries", "--date", "2026-01-05"),
        *("--vangnet", "--as-account", "dr.bakker"),
    )
    assert (code, err) == (
        1,
        "reintegration: the physician role may not record reported_sick (allowed: hr, manager)\n",
    )
