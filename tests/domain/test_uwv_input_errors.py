"""Every input error of the UWV tracks' events (UWV-TRACKS.md) is refused in one clear line that
names the event, never a traceback; and nothing of a refused entry is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from domain.errors import BadInputError, NotAllowedError
from service.case_view import case_view
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.fakes import FakeStore
from tests.helpers import event, law_steps
from tests.organisation import HR, JAN, assign_physician, organise
from tests.service.test_use_cases import CASE, at

D = "2026-01-05"  # D⊕21 = 2026-01-26, D⊕475 = 2027-04-25, the end 2028-01-03
SICK = event("reported_sick", D)
SANCTION = event("wage_sanction_imposed", "2027-12-20", until="2028-06-30")
ENDED = event("employment_ended", "2026-03-15")
IVA = event("early_iva_applied", "2026-06-01")
REQUEST = {"requested_by": "employer", "question": "employer_efforts"}

# (name, the history before, the refused event, what the refusal says)
CASES: list[tuple[str, list[dict[str, Any]], dict[str, Any], str]] = [
    (
        "shortening-requested-without-a-sanction",
        [],
        event("sanction_shortening_requested", "2027-12-20"),
        "there is no wage sanction to shorten",
    ),
    (
        "shortened-without-a-sanction",
        [],
        event("sanction_shortened", "2027-12-20"),
        "there is no wage sanction to shorten",
    ),
    (
        "shortening-refused-without-a-sanction",
        [],
        event("sanction_shortening_refused", "2027-12-20"),
        "there is no wage sanction whose shortening could be refused",
    ),
    (
        "sanction-until-before-the-last-day",
        [],
        event("wage_sanction_imposed", "2027-12-20", until="2028-01-01"),
        (
            "until must lie from 2028-01-02 (the current last day of the obligation) to 2028-12-31 "
            "(364 days after it), got 2028-01-01"
        ),
    ),
    (
        "sanction-until-more-than-364-days-after-it",
        [],
        event("wage_sanction_imposed", "2027-12-20", until="2029-01-01"),
        "until must lie from 2028-01-02",
    ),
    (
        "second-sanction-until-before-the-first-ones-end",
        [SANCTION],
        event("wage_sanction_imposed", "2028-02-01", until="2028-06-29"),
        "until must lie from 2028-06-30 (the current last day of the obligation)",
    ),
    (
        "sanction-on-the-end",
        [],
        event("wage_sanction_imposed", "2028-01-03", until="2028-06-30"),
        "a wage sanction must be imposed before the end of wage continuation on 2028-01-03",
    ),
    (
        "early-iva-before-day-21",
        [],
        event("early_iva_applied", "2026-01-25"),
        "an early IVA application can be made from 2026-01-26 to 2027-04-25",
    ),
    (
        "early-iva-after-day-475",
        [],
        event("early_iva_applied", "2027-04-26"),
        "an early IVA application can be made from 2026-01-26 to 2027-04-25",
    ),
    (
        "early-iva-twice",
        [IVA],
        event("early_iva_applied", "2026-07-01"),
        "an early IVA application was already made on 2026-06-01",
    ),
    (
        "early-iva-decided-without-applied",
        [],
        event("early_iva_decided", "2026-07-01", granted=True),
        "no early_iva_applied before it",
    ),
    (
        "extension-in-a-reported-vangnet-case",
        [event("uwv_vangnet_reported", "2026-01-07")],
        event("wage_extension_granted", "2027-08-30", weeks=13),
        "no voluntary extension in a vangnet case reported to UWV (on 2026-01-07)",
    ),
    (
        "extension-on-the-end",
        [],
        event("wage_extension_granted", "2028-01-03", weeks=13),
        "an extension must be granted before the end of wage continuation on 2028-01-03",
    ),
    (
        "extension-after-a-sanctions-end",
        [SANCTION],
        event("wage_extension_granted", "2028-07-01", weeks=13),
        "before the end of wage continuation on 2028-07-01",
    ),
    (
        "second-opinion-on-the-end",
        [],
        event("expert_opinion_requested", "2028-01-03", **REQUEST),
        "a second opinion can only be asked before the end of wage continuation on 2028-01-03",
    ),
    (
        "evaluation-after-employment-ended",
        [ENDED],
        event("evaluation_held", "2026-03-16"),
        (
            "employment ended on 2026-03-15: after that only uwv_leaving_reported, "
            "leaving_riv_handed_over and recovered may be recorded"
        ),
    ),
    (
        "uwv-recovery-report-after-employment-ended",
        [ENDED],
        event("uwv_recovery_reported", "2026-03-15"),
        "employment ended on 2026-03-15",
    ),
    (
        "employment-ended-twice",
        [ENDED],
        event("employment_ended", "2026-03-20"),
        "employment already ended on 2026-03-15",
    ),
    (
        "sick-report-after-employment-ended",
        [ENDED, event("recovered", "2026-03-20")],
        event("reported_sick", "2026-05-01"),
        "employment ended on 2026-03-15: a new sick report is not the employer's to record",
    ),
    (
        "leaving-report-while-recovered-after-employment-ended",
        [ENDED, event("recovered", "2026-03-20")],
        event("uwv_leaving_reported", "2026-03-21"),
        "the employee is not sick: recovered on 2026-03-20",
    ),
    (
        "employment-ended-while-recovered",
        [event("recovered", "2026-03-01")],
        event("employment_ended", "2026-03-10"),
        "the employee is not sick: recovered on 2026-03-01",
    ),
    (
        "waiting-days-on-a-linked-report",
        [event("recovered", "2026-01-10"), event("reported_sick", "2026-01-20")],
        event("waiting_days_applied", "2026-01-20", days=1),
        (
            "waiting days apply only to the first sick report of a case, and this case has a "
            "linked report since 2026-01-20"
        ),
    ),
    (
        "waiting-days-twice",
        [event("waiting_days_applied", D, days=1)],
        event("waiting_days_applied", "2026-01-06", days=2),
        "waiting days were already applied (1)",
    ),
    (
        "vangnet-recovery-report-after-the-case-closed",
        [event("uwv_vangnet_reported", "2026-01-07"), event("recovered", "2026-02-02")],
        event("uwv_vangnet_recovery_reported", "2026-03-02"),
        "the employee is not sick: recovered on 2026-02-02",
    ),
    # The events' own fields.
    (
        "extension-under-13-weeks",
        [],
        event("wage_extension_granted", "2027-08-30", weeks=12),
        "weeks: input should be greater than or equal to 13, got 12",
    ),
    (
        "three-waiting-days",
        [],
        event("waiting_days_applied", D, days=3),
        "days: input should be less than or equal to 2, got 3",
    ),
    (
        "sanction-until-not-a-real-date",
        [],
        event("wage_sanction_imposed", "2027-12-20", until="2028-02-30"),
        "until: 2028-02-30 is not a real date",
    ),
    (
        "sanction-until-out-of-range",
        [],
        event("wage_sanction_imposed", "2027-12-20", until="3000-01-01"),
        "until: 3000-01-01 is outside 1900-01-01 .. 2999-12-31",
    ),
    (
        "sanction-without-until",
        [],
        event("wage_sanction_imposed", "2027-12-20"),
        "missing field 'until'",
    ),
    (
        "decision-without-granted",
        [IVA],
        event("early_iva_decided", "2026-07-01"),
        "missing field 'granted'",
    ),
    (
        "second-opinion-without-its-question",
        [],
        event("expert_opinion_requested", "2026-07-01", requested_by="employee"),
        "missing field 'question'",
    ),
    (
        "second-opinion-with-an-unknown-question",
        [],
        event("expert_opinion_requested", "2026-07-01", requested_by="employee", question="why"),
        (
            "question: input should be 'fit_for_own_work', 'suitable_work', 'employee_efforts' or "
            "'employer_efforts', got 'why'"
        ),
    ),
    (
        "second-opinion-with-its-content",
        [],
        event("expert_opinion_requested", "2026-07-01", **REQUEST, text="the question itself"),
        "unknown field 'text'",
    ),
    (
        "vangnet-with-its-ground",
        [],
        event("sick_facts_recorded", D, vangnet=True, ground="pregnancy"),
        "unknown field 'ground'",
    ),
    (
        "vangnet-not-a-boolean",
        [],
        event("sick_facts_recorded", D, vangnet="yes"),
        "vangnet: input should be a valid boolean, got 'yes'",
    ),
    (
        "granted-not-a-boolean",
        [IVA],
        event("early_iva_decided", "2026-07-01", granted="yes"),
        "granted: input should be a valid boolean, got 'yes'",
    ),
]
NAMES = [name for name, *_ in CASES]


@pytest.mark.parametrize(("name", "history", "bad", "says"), CASES, ids=NAMES)
def test_the_case_document_refuses_it_in_one_line_naming_the_event(
    name: str, history: list[dict[str, Any]], bad: dict[str, Any], says: str
) -> None:
    """The refusal names the event by its position, type and date, and says why, on one line."""
    position = len(history) + 2
    with pytest.raises(BadInputError) as refused:
        law_steps("2029-12-31", SICK, *history, bad)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"event {position} ({bad['type']} on {bad['date']}): ")
    assert says in message


def test_the_history_before_each_refused_event_is_valid() -> None:
    """Each refusal above is the bad event's, not its history's."""
    for _, history, _, _ in CASES:
        law_steps("2029-12-31", SICK, *history)


# Nothing stored: the store refuses the same events and writes nothing.
STORED = [
    ("shortened-without-a-sanction", event("sanction_shortened", "2026-03-02")),
    ("early-iva-before-day-21", event("early_iva_applied", "2026-01-25")),
    ("early-iva-decided-without-applied", event("early_iva_decided", "2026-03-02", granted=False)),
    ("extension-under-13-weeks", event("wage_extension_granted", "2026-03-02", weeks=12)),
    (
        "sanction-until-more-than-364-days-after-it",
        event("wage_sanction_imposed", "2026-03-02", until="2029-01-01"),
    ),
]


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    organise(store)
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": D}), at(D))
    assign_physician(store, CASE)
    return store


@pytest.mark.parametrize(("name", "bad"), STORED, ids=[name for name, _ in STORED])
def test_recording_a_refused_event_writes_nothing(
    store: FakeStore, name: str, bad: dict[str, Any]
) -> None:
    with pytest.raises(BadInputError):
        record(store, HR, RecordEvent(CASE, bad), at("2026-03-02"))
    assert store.cases.count_entries() == 1


def test_after_employment_ended_the_store_takes_only_the_leaving_events(store: FakeStore) -> None:
    record(store, HR, RecordEvent(CASE, ENDED), at("2026-03-15"))
    with pytest.raises(BadInputError, match="employment ended on 2026-03-15"):
        record(
            store, HR, RecordEvent(CASE, event("evaluation_held", "2026-03-16")), at("2026-03-16")
        )
    assert store.cases.count_entries() == 2
    record(
        store, HR, RecordEvent(CASE, event("uwv_leaving_reported", "2026-03-16")), at("2026-03-16")
    )
    assert store.cases.count_entries() == 3


def test_an_employee_asks_a_second_opinion_only_as_the_employee(store: FakeStore) -> None:
    """HR may record the employee's request for them; the employee never the employer's."""
    employers = event("expert_opinion_requested", "2026-03-02", **REQUEST)
    with pytest.raises(NotAllowedError, match="the employee role may not record a request by"):
        record(store, JAN, RecordEvent(CASE, employers), at("2026-03-02"))
    assert store.cases.count_entries() == 1
    own = {**employers, "requested_by": "employee"}
    record(store, JAN, RecordEvent(CASE, own), at("2026-03-02"))
    record(store, HR, RecordEvent(CASE, own), at("2026-03-02"))
    assert store.cases.count_entries() == 3


@pytest.mark.parametrize(("name", "history", "bad", "says"), CASES[:6], ids=NAMES[:6])
def test_the_deadlines_command_prints_the_refusal_on_one_line_and_nothing_else(
    name: str,
    history: list[dict[str, Any]],
    bad: dict[str, Any],
    says: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 1, one line on standard error, nothing on standard output."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"as_of": "2029-12-31", "events": [SICK, *history, bad]}))
    assert main(["deadlines", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert says in err


def test_the_timeline_shows_what_the_uwv_events_set_and_the_steps_they_open(
    store: FakeStore,
) -> None:
    """A sanction shows its last day, an extension its weeks; the steps they open are listed."""
    for entry in (
        event("wage_extension_granted", "2026-03-02", weeks=13),
        event("expert_opinion_requested", "2026-03-02", **REQUEST),
    ):
        record(store, HR, RecordEvent(CASE, entry), at("2026-03-02"))
    view = case_view(store, HR, CASE, at("2026-03-02"))
    rows = [(row.day.isoformat(), row.what) for row in view.timeline]
    assert ("2026-03-02", "wage_extension_granted: 13 weeks") in rows
    assert ("2026-03-02", "expert_opinion_requested by the employer: employer_efforts") in rows
    assert ("2026-03-30", "expert_opinion") in rows
    assert ("2028-04-03", "wage_continuation_end") in rows


def test_the_case_view_gives_each_open_step_its_basis_and_consequence(store: FakeStore) -> None:
    """What the API and the console read: the step's legal basis and the cost of missing it."""
    steps = case_view(store, HR, CASE, at("2026-01-06")).as_dict()["open_steps"]
    assert isinstance(steps, list)
    week_42 = next(step for step in steps if step["step"] == "uwv_sickness_report")
    assert week_42["basis"] == "Ziektewet art. 38 / 38a"
    assert str(week_42["consequence"]).startswith("a UWV fine of up to €455; no wage sanction")
