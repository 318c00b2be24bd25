"""What each party reads, per language: rendered from the templates, without any delivery."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import icalendar
import pytest

from domain.law_calendar import Step
from domain.reminders import LANGUAGES, Kind, Party, Reminder
from domain.steps import MEETINGS, STEPS
from notifications.messages import (
    Due,
    Failure,
    digest_message,
    reminder_message,
    undeliverable_message,
)

CASE = "E1042-20260105"


def due(
    step: Step, kind: Kind, party: Party, name: str = "Jan Jansen", first_name: str | None = "Jan"
) -> Due:
    reminder = Reminder(dt.date(2026, 2, 20), step, dt.date(2026, 3, 2), kind, 0, party)
    return Due(CASE, name, reminder, first_name)


def test_every_template_renders_for_every_step_kind_party_and_language() -> None:
    """A missing word or variable in any template fails here, not in a dispatcher at 09:00."""
    for step, kind, party, language in itertools.product(Step, Kind, Party, LANGUAGES):
        message = reminder_message(due(step, kind, party), language)
        assert message.subject
        assert message.body
        assert message.language == language
        assert message.party == party.value


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("nl", "Plan van aanpak: maandag 2 maart 2026", ["Beste Jan,", "in jouw tempo"]),
        ("en", "Plan of action: Monday 2 March 2026", ["Dear Jan,", "at your own pace"]),
    ],
)
def test_the_employee_is_addressed_kindly_in_their_language_without_their_name_in_the_subject(
    language: str, subject: str, words: list[str]
) -> None:
    message = reminder_message(due(Step.PLAN_OF_ACTION, Kind.AHEAD, Party.EMPLOYEE), language)
    assert message.subject == subject
    for word in words:
        assert word in message.body


def test_the_employee_is_never_pressured() -> None:
    """No deadline pressure, no sanctions, no 'overdue' in anything the employee reads."""
    pressure = ["overdue", "verlopen", "sanction", "sanctie", "must", "moet", "immediately"]
    for step, kind, language in itertools.product(
        Step, (Kind.AHEAD, Kind.DUE, Kind.NEWS), LANGUAGES
    ):
        text = reminder_message(due(step, kind, Party.EMPLOYEE), language)
        words = f"{text.subject} {text.body}".lower()
        assert not [word for word in pressure if word in words], (step, kind, language)


@pytest.mark.parametrize(
    ("language", "next_step"),
    [
        ("nl", "een gesprek met Jan Jansen om het plan"),
        ("en", "Plan a conversation with Jan Jansen"),
    ],
)
def test_the_manager_gets_the_practical_next_step(language: str, next_step: str) -> None:
    message = reminder_message(due(Step.EVALUATION, Kind.AHEAD, Party.MANAGER), language)
    assert next_step in message.body


@pytest.mark.parametrize(
    ("language", "subject", "consequence"),
    [
        (
            "nl",
            (
                "Termijn verstreken sinds maandag 2 maart 2026: "
                f"Plan van aanpak \N{EM DASH} medewerker Jan Jansen (zaak {CASE})"
            ),
            "loonsanctie",
        ),
        (
            "en",
            (
                "Deadline passed on Monday 2 March 2026: "
                f"Plan of action \N{EM DASH} employee Jan Jansen (case {CASE})"
            ),
            "wage sanction",
        ),
    ],
)
def test_hr_gets_the_legal_deadline_and_what_happens_if_it_is_missed(
    language: str, subject: str, consequence: str
) -> None:
    message = reminder_message(due(Step.PLAN_OF_ACTION, Kind.ESCALATION, Party.HR), language)
    assert message.subject == subject
    assert consequence in message.body
    assert "Regeling procesgang eerste en tweede ziektejaar" in message.body


def test_a_late_uwv_report_tells_hr_of_the_fine_and_no_wage_sanction() -> None:
    """UWV-TRACKS.md section 13: a missed report to UWV costs a fine, not longer wages."""
    message = reminder_message(due(Step.UWV_SICKNESS_REPORT, Kind.DUE, Party.HR), "en")
    assert "a UWV fine of up to €455; no wage sanction" in message.body
    assert "runs longer" not in message.body


def test_hr_is_told_exactly_the_basis_and_consequence_of_each_law_step() -> None:
    """Every HR reminder of a law step (but the end, which gives its basis and its last day) gives the step's basis and consequence
    from the domain, and threatens no wage sanction where the step's consequence names none."""
    for step, kind, language in itertools.product(Step, Kind, LANGUAGES):
        body = reminder_message(due(step, kind, Party.HR), language).body
        info = STEPS[step]
        if not info.law_step or step is Step.WAGE_CONTINUATION_END:
            continue
        assert info.basis.text(language) in body, (step, kind, language)
        assert info.consequence.text(language) in body, (step, kind, language)
        threat = "loonsanctie" if language == "nl" else "wage sanction"
        if threat not in info.consequence.text(language):  # (the basis may name one)
            assert threat not in body.replace(info.basis.text(language), ""), (step, language)


@pytest.mark.parametrize(
    ("language", "assessment"), [("nl", "belastbaarheid"), ("en", "functional capacity")]
)
def test_the_physician_gets_the_assessment_that_is_due(language: str, assessment: str) -> None:
    message = reminder_message(due(Step.PROBLEM_ANALYSIS, Kind.AHEAD, Party.PHYSICIAN), language)
    assert assessment in message.body
    assert "Jan Jansen" in message.subject


def test_a_meeting_carries_a_calendar_entry_on_its_due_date_with_a_stable_uid() -> None:
    message = reminder_message(due(Step.EVALUATION, Kind.AHEAD, Party.MANAGER), "nl", first=True)
    [attachment] = message.attachments
    assert (attachment.name, attachment.mimetype) == ("invitation.ics", "text/calendar")
    [event] = icalendar.Calendar.from_ical(attachment.content).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2026, 3, 2)
    assert str(event["summary"]) == (
        f"Evaluatie van het plan van aanpak \N{EM DASH} medewerker Jan Jansen (zaak {CASE})"
    )
    assert str(event["uid"]) == f"{CASE}-evaluation-2026-03-02@reintegration"
    again = reminder_message(due(Step.EVALUATION, Kind.AHEAD, Party.EMPLOYEE), "en", first=True)
    assert again.attachments[0].content.count(f"UID:{CASE}-evaluation-2026-03-02") == 1


def test_only_the_first_reminder_of_a_meeting_carries_an_invitation() -> None:
    """Whichever kind the first is: a case entered late gets its first at the due date."""
    for step, kind, first in itertools.product(Step, Kind, (True, False)):
        message = reminder_message(due(step, kind, Party.HR), "en", first=first)
        assert bool(message.attachments) == (first and step in MEETINGS and kind is not Kind.NEWS)


def test_a_legal_date_on_a_sunday_is_kept_but_the_work_is_due_the_friday_before() -> None:
    """The rule: calendar entries and "do it by" use the last working day on or before the
    legal due date, which is named too; the end of wage continuation keeps its own words."""
    sunday = dt.date(2026, 1, 11)
    item = Due(
        CASE,
        "Jan Jansen",
        Reminder(dt.date(2026, 1, 2), Step.PLAN_OF_ACTION, sunday, Kind.AHEAD, 0, Party.HR),
    )
    message = reminder_message(item, "nl", first=True)
    assert message.subject.endswith(
        "uiterlijk vrijdag 9 januari 2026 (wettelijke termijn zondag 11 januari)"
    )
    assert (
        "uiterlijk vrijdag 9 januari 2026 (wettelijke termijn zondag 11 januari) nodig"
        in message.body
    )
    english = reminder_message(item, "en")
    assert "by Friday 9 January 2026 (legal deadline Sunday 11 January)" in english.subject
    [event] = icalendar.Calendar.from_ical(message.attachments[0].content).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2026, 1, 9)
    monday = replace(item, reminder=replace(item.reminder, due=dt.date(2026, 1, 12)))
    assert "uiterlijk maandag 12 januari 2026 nodig" in reminder_message(monday, "nl").body
    end = replace(
        item,
        reminder=replace(item.reminder, step=Step.WAGE_CONTINUATION_END, due=dt.date(2028, 1, 3)),
    )
    assert "tot en met zondag 2 januari 2028," in reminder_message(end, "nl").body


def test_the_html_part_says_what_the_text_says_with_everything_escaped() -> None:
    message = reminder_message(due(Step.PLAN_OF_ACTION, Kind.AHEAD, Party.HR, "<b>Jan</b>"), "en")
    assert "<b>Jan</b>" in message.body
    assert "&lt;b&gt;Jan&lt;/b&gt;" in message.html
    assert "<b>" not in message.html
    assert message.html.count("<p>") == message.body.count("\n\n") + 1


def test_a_digest_lists_every_reminder_in_one_message() -> None:
    items = [
        due(Step.PLAN_OF_ACTION, Kind.AHEAD, Party.HR),
        due(Step.PROBLEM_ANALYSIS, Kind.ESCALATION, Party.HR, "Piet de Vries"),
    ]
    message = digest_message(items, "hr", "nl")
    assert message.subject == "2 herinneringen voor HR"
    assert (
        f"- Plan van aanpak \N{EM DASH} medewerker Jan Jansen (zaak {CASE}): "
        "uiterlijk maandag 2 maart 2026"
    ) in message.body
    assert "Probleemanalyse \N{EM DASH} medewerker Piet de Vries" in message.body
    assert "termijn verstreken sinds maandag 2 maart 2026" in message.body
    assert "<ul><li>" in message.html


def test_hr_hears_which_target_did_not_take_a_reminder() -> None:
    item = due(Step.PLAN_OF_ACTION, Kind.AHEAD, Party.EMPLOYEE)
    failure = Failure("mailto", "mailto j***@example.org", "mailto target refused it")
    message = undeliverable_message(item, "employee", 6, [failure], "en")
    assert message.party == "hr"
    assert message.subject == (
        f"Reminder not delivered to the employee \N{EM DASH} employee Jan Jansen (case {CASE})"
    )
    assert "after 6 attempts" in message.body
    assert "- mailto j***@example.org: mailto target refused it" in message.body
    assert message.key != reminder_message(item, "en").key
