"""The reminders' wording (issue 13, point 4): what every message may and must say.

Every reminder the engine can plan (each step, kind and party `domain.reminders` gives it) is
rendered in both languages, and so are the digest and the undeliverable notice; the rules below
hold for each. Then one named example per rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator

import pytest

from domain.reminders import (
    LANGUAGES,
    Kind,
    Party,
    Reminder,
    plan_reminders,
    setback_news,
)
from domain.steps import STEPS, OpenStep, Said, Step
from notifications.messages import (
    Due,
    Failure,
    Message,
    digest_message,
    reminder_message,
    try_out_message,
    undeliverable_message,
)

CASE = "C-1"
NAME = "Jan Jansen"
DUE = dt.date(2028, 1, 3)  # a Monday: wage continuation's last day is Sunday 2 January 2028
DASH = "\N{EM DASH}"
SANCTION = {"nl": "loonsanctie", "en": "wage sanction"}
# The one mention of a sanction that is information, not a consequence: the end of wage
# continuation moves with a sanction or an extension.
END_SENTENCE = {
    "nl": "De 104 weken lopen tot en met zondag 2 januari 2028, tenzij UWV een loonsanctie "
    "oplegt of u samen verlenging aanvraagt.",
    "en": "The 104 weeks run up to and including Sunday 2 January 2028, unless UWV imposes a "
    "wage sanction or you jointly apply for an extension.",
}
# UWV's own names of steps (point 2), as the Dutch messages must write them.
UWV_NAMES = {
    Step.UWV_SICKNESS_REPORT: "42e-weeksmelding",
    Step.FIRST_YEAR_EVALUATION: "eerstejaarsevaluatie",
    Step.CURRENT_ASSESSMENT: "actueel oordeel (verplicht onderdeel van het re-integratieverslag)",
}


def possible_reminders() -> list[Reminder]:
    """Every reminder `domain.reminders` can plan: each step's ahead, due and escalation
    reminders to each of its parties, and the news of a setback."""
    steps = [OpenStep(DUE, step) for step in Step]
    return plan_reminders(steps, set()) + setback_news(dt.date(2027, 12, 20), 2, DUE)


def every_reminder() -> Iterator[Reminder]:
    """Also the combinations no plan makes, so a template that is handed one still says
    nothing wrong."""
    for step, kind, party in itertools.product(Step, Kind, Party):
        yield Reminder(DUE - dt.timedelta(days=7), step, DUE, kind, 0, party)


def message(reminder: Reminder, language: str, first_name: str | None = "Jan") -> Message:
    return reminder_message(Due(CASE, NAME, reminder, first_name), language)


def everything() -> Iterator[tuple[Reminder, str, Message]]:
    """Each reminder (possible or not), digest and undeliverable notice, in each language,
    with the reminder it is about (a digest: each of its items)."""
    for reminder, language in itertools.product(every_reminder(), LANGUAGES):
        yield reminder, language, message(reminder, language)
        yield reminder, language, message(reminder, language, first_name=None)
        item = Due(CASE, NAME, reminder, "Jan")
        failure = Failure("mailto", "mailto://j...n@example.org", "refused")
        for about in Party:
            notice = undeliverable_message(item, about.value, 6, [failure], language)
            yield reminder, language, notice
        yield reminder, language, digest_message([item, item], reminder.party.value, language)


def without_basis(text: str, step: Step, language: str) -> str:
    """The text without the step's legal basis (a basis may name a sanction: it is the law,
    not a consequence) and without the end's informational sentence."""
    return text.replace(STEPS[step].basis.text(language), "").replace(END_SENTENCE[language], "")


def test_no_message_names_a_wage_sanction_the_steps_consequence_does_not_name() -> None:
    """Point 6: a sentence about a consequence says the table's consequence, nothing stronger.
    Only a step whose consequence mentions a wage sanction (or rules one out) may name one;
    the end of wage continuation's 'unless UWV imposes a wage sanction' is information."""
    for reminder, language, said in everything():
        threat = SANCTION[language]
        if threat in STEPS[reminder.step].consequence.text(language):
            continue
        text = without_basis(f"{said.subject}\n{said.body}", reminder.step, language)
        assert threat not in text.lower(), (reminder, language, said.subject)


def test_the_consequence_is_said_exactly_wherever_a_consequence_is_stated() -> None:
    """Point 6: HR's reminder of each of the law's steps (but the end, which says its last
    day) gives the step's consequence in the domain's own words; no other party's message,
    no digest and no notice states a consequence at all."""
    lead_in = {"nl": "Als de stap ontbreekt:", "en": "If the step is missed:"}
    for reminder in possible_reminders():
        info = STEPS[reminder.step]
        for language in LANGUAGES:
            body = message(reminder, language).body
            stated = reminder.party is Party.HR and info.law_step
            if stated and reminder.step is not Step.WAGE_CONTINUATION_END:
                assert info.consequence.text(language) in body, (reminder, language)
            if lead_in[language] in body:
                assert f"{lead_in[language]} {info.consequence.text(language)}." in body
                assert stated, (reminder, language)
                assert info.escalated, (reminder, language)


def test_the_end_of_wage_continuation_is_never_a_deadline() -> None:
    """Point 1: no 'uiterlijk'/'by', no 'verlopen'/'overdue'/'passed' for the end, in any
    message about it (to anyone, of any kind, a digest or a notice); it names the last day,
    the day before its due date, and never the due date itself."""
    never = {
        "nl": ["uiterlijk", "verlopen", "verstreken", "vandaag"],
        "en": [" by ", "overdue", "passed", "today"],
    }
    last_day = {"nl": "zondag 2 januari 2028", "en": "Sunday 2 January 2028"}
    due_day = {"nl": "3 januari 2028", "en": "3 January 2028"}
    for reminder, language, said in everything():
        if reminder.step is not Step.WAGE_CONTINUATION_END or reminder.kind is Kind.NEWS:
            continue
        text = f"{said.subject}\n{said.body}"
        assert not [word for word in never[language] if word in text.lower()], said
        assert last_day[language] in text, said
        assert due_day[language] not in text, said


def test_a_subject_is_one_line_without_doubled_brackets() -> None:
    """Points 1 and 4: no '((' or ') (' in any subject (a title's own brackets then the
    employee's), and never a line break."""
    for _, _, said in everything():
        assert "\n" not in said.subject, said.subject
        assert "((" not in said.subject, said.subject
        assert ") (" not in said.subject, said.subject


def test_the_employee_is_greeted_by_first_name_or_hello_never_by_full_name() -> None:
    """Point 3: 'Beste Jan,' ('Dear Jan,'), or 'Hallo,' ('Hello,') without a first name;
    the employee's own messages never carry their display name at all."""
    greeting = {"nl": ("Beste Jan,", "Hallo,"), "en": ("Dear Jan,", "Hello,")}
    for reminder, language in itertools.product(every_reminder(), LANGUAGES):
        if reminder.party is not Party.EMPLOYEE:
            continue
        named, anonymous = message(reminder, language), message(reminder, language, None)
        assert named.body.splitlines()[0] == greeting[language][0]
        assert anonymous.body.splitlines()[0] == greeting[language][1]
        for said in (named, anonymous):
            assert NAME not in f"{said.subject}\n{said.body}", said


def test_the_dutch_messages_use_uwvs_own_names() -> None:
    """Point 2: '42e-weeksmelding', 'eerstejaarsevaluatie' and 'actueel oordeel (verplicht
    onderdeel van het re-integratieverslag)' in every Dutch message about those steps; an
    escalation says 'Termijn verstreken sinds', never 'verlopen sinds'."""
    for reminder in possible_reminders():
        said = message(reminder, "nl")
        text = f"{said.subject}\n{said.body}"
        if reminder.step in UWV_NAMES:
            assert UWV_NAMES[reminder.step] in text.lower(), said.subject
        if reminder.kind is Kind.ESCALATION:
            assert said.subject.startswith("Termijn verstreken sinds "), said.subject
    for _, _, said in everything():
        assert "verlopen sinds" not in f"{said.subject}\n{said.body}".lower(), said
        assert "overdue since" not in f"{said.subject}\n{said.body}".lower(), said


def test_hr_manager_and_physician_read_the_employee_named_as_the_employee() -> None:
    """Point 4: in every subject for HR, the manager and the physician the employee appears
    as 'Title — medewerker Name (zaak C)' ('— employee Name (case C)'), so no step title runs
    into their name; a digest's lines and the undeliverable notice say it the same way."""
    about = {
        "nl": f"{DASH} medewerker {NAME} (zaak {CASE})",
        "en": f"{DASH} employee {NAME} (case {CASE})",
    }
    for reminder in possible_reminders():
        if reminder.party is Party.EMPLOYEE:
            continue
        for language in LANGUAGES:
            assert about[language] in message(reminder, language).subject, reminder
    for _, language, said in everything():
        if said.party == "employee" or said.key.endswith(":test"):
            continue
        if said.key.startswith("digest:"):
            lines = [line for line in said.body.splitlines() if line.startswith("- ")]
            assert all(about[language] in line for line in lines), said.body
        else:
            assert about[language] in said.subject, said.subject


# One named example per point.


def test_point_1_the_end_of_wage_continuation_says_its_last_day() -> None:
    """Due 2028-01-03 (the first day after the obligation): its last day is Sunday 2 January."""
    end = Reminder(dt.date(2027, 12, 3), Step.WAGE_CONTINUATION_END, DUE, Kind.AHEAD, 0, Party.HR)
    nl, en = message(end, "nl"), message(end, "en")
    assert nl.subject == (
        f"Einde loondoorbetaling {DASH} medewerker Jan Jansen (zaak C-1): "
        "laatste dag zondag 2 januari 2028"
    )
    assert END_SENTENCE["nl"] in nl.body
    assert "De 104 weken lopen tot en met zondag 2 januari 2028" in nl.body
    assert en.subject == (
        f"End of wage continuation {DASH} employee Jan Jansen (case C-1): "
        "last day Sunday 2 January 2028"
    )
    assert END_SENTENCE["en"] in en.body
    digest = digest_message([Due(CASE, NAME, end)] * 2, "hr", "nl")
    assert (
        f"- Einde loondoorbetaling {DASH} medewerker Jan Jansen (zaak C-1): "
        "laatste dag zondag 2 januari 2028"
    ) in digest.body.splitlines()


def test_point_2_uwvs_names_and_a_passed_term() -> None:
    report = Reminder(
        dt.date(2026, 10, 13), Step.UWV_SICKNESS_REPORT, DUE, Kind.ESCALATION, 1, Party.HR
    )
    said = message(report, "nl")
    assert said.subject == (
        "Termijn verstreken sinds maandag 3 januari 2028: "
        f"42e-weeksmelding bij UWV {DASH} medewerker Jan Jansen (zaak C-1)"
    )
    assert message(report, "en").subject.startswith("Deadline passed on Monday 3 January 2028: ")
    digest = digest_message([Due(CASE, NAME, report)] * 2, "hr", "nl")
    assert ": termijn verstreken sinds maandag 3 januari 2028" in digest.body
    assessment = dataclasses.replace(
        report, step=Step.CURRENT_ASSESSMENT, kind=Kind.AHEAD, party=Party.PHYSICIAN
    )
    assert message(assessment, "nl").subject.startswith(
        "Actueel oordeel (verplicht onderdeel van het re-integratieverslag) "
    )
    evaluation = dataclasses.replace(
        assessment, step=Step.FIRST_YEAR_EVALUATION, party=Party.MANAGER
    )
    assert message(evaluation, "nl").subject.startswith("Eerstejaarsevaluatie ")


def test_point_3_the_employee_is_greeted_by_first_name() -> None:
    """`Due` keeps its three positional fields; `first_name` is the last, and optional."""
    assert [field.name for field in dataclasses.fields(Due)] == [
        "case_key",
        "display_name",
        "reminder",
        "first_name",
    ]
    plan = Reminder(dt.date(2026, 2, 20), Step.PLAN_OF_ACTION, DUE, Kind.AHEAD, 0, Party.EMPLOYEE)
    assert reminder_message(Due(CASE, NAME, plan, "Jan"), "nl").body.startswith("Beste Jan,\n")
    assert reminder_message(Due(CASE, NAME, plan), "nl").body.startswith("Hallo,\n")
    assert reminder_message(Due(CASE, NAME, plan, "Jan"), "en").body.startswith("Dear Jan,\n")
    assert reminder_message(Due(CASE, NAME, plan), "en").body.startswith("Hello,\n")
    trial = try_out_message(CASE, NAME, "employee", "nl", "Jan")
    assert trial.body.startswith("Beste Jan,\n")
    assert NAME not in trial.body
    assert try_out_message(CASE, NAME, "employee", "en").body.startswith("Hello,\n")
    assert "medewerker Jan Jansen (zaak C-1)" in try_out_message(CASE, NAME, "hr", "nl").body
    digest = digest_message([Due(CASE, NAME, plan, "Jan")] * 2, "employee", "nl")
    assert digest.body.startswith("Beste Jan,\n")
    assert NAME not in digest.body


def test_point_4_the_physicians_consult_names_the_employee_as_the_employee() -> None:
    consult = Reminder(
        dt.date(2026, 2, 20), Step.PHYSICIAN_CONSULT, DUE, Kind.AHEAD, 0, Party.PHYSICIAN
    )
    assert message(consult, "nl").subject == (
        f"Eerste consult bij de bedrijfsarts {DASH} medewerker Jan Jansen (zaak C-1): "
        "uiterlijk maandag 3 januari 2028"
    )
    assert message(consult, "en").subject == (
        f"First consult with the occupational physician {DASH} employee Jan Jansen (case C-1): "
        "by Monday 3 January 2028"
    )
    digest = digest_message([Due(CASE, NAME, consult)] * 2, "physician", "nl")
    assert (
        f"- Eerste consult bij de bedrijfsarts {DASH} medewerker Jan Jansen (zaak C-1): "
        "uiterlijk maandag 3 januari 2028"
    ) in digest.body
    notice = undeliverable_message(Due(CASE, NAME, consult), "manager", 6, [], "nl")
    assert notice.subject == (
        f"Herinnering niet bezorgd aan de leidinggevende {DASH} medewerker Jan Jansen (zaak C-1)"
    )


def test_point_5_the_wia_reminder_says_when_and_who_supplies_what() -> None:
    wia = Reminder(dt.date(2027, 12, 20), Step.WIA_APPLICATION, DUE, Kind.AHEAD, 0, Party.EMPLOYEE)
    nl, en = message(wia, "nl").body, message(wia, "en").body
    assert "Rond week 88 van je ziekte stuurt UWV je een brief over de WIA." in nl
    assert "Zodra die er is, kun je bij UWV een WIA-uitkering aanvragen" in nl
    assert (
        "De bedrijfsarts levert het medische deel; je werkgever geeft je het re-integratieverslag."
        in nl
    )
    assert "Around week 88" in en
    assert "The occupational physician (bedrijfsarts) provides the medical part" in en
    assert "your employer gives you the reintegration report (re-integratieverslag)" in en


def test_point_6_the_consequence_comes_from_the_domain_and_nothing_stronger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A consult missed costs nothing by law: HR hears exactly that, no wage sanction. And the
    templates write no consequence of their own: change the domain's, and the message follows."""
    consult = Reminder(
        dt.date(2028, 1, 4), Step.PHYSICIAN_CONSULT, DUE, Kind.ESCALATION, 1, Party.HR
    )
    body = message(consult, "nl").body
    assert "Grondslag: advies. Als de stap ontbreekt: geen gevolg in de wet." in body
    assert "loonsanctie" not in body
    changed = dataclasses.replace(
        STEPS[Step.PHYSICIAN_CONSULT], consequence=Said("X happens", "X gebeurt")
    )
    monkeypatch.setitem(STEPS, Step.PHYSICIAN_CONSULT, changed)
    assert "Als de stap ontbreekt: X gebeurt." in message(consult, "nl").body
    assert "If the step is missed: X happens." in message(consult, "en").body


def test_due_today_only_when_it_is_sent_on_the_due_day() -> None:
    """A step due on a Sunday is to be done by the Friday before, when it is reminded: "today",
    with the legal date."""
    sunday = dt.date(2028, 1, 2)
    on_friday = Reminder(dt.date(2027, 12, 31), Step.EVALUATION, sunday, Kind.DUE, 0, Party.MANAGER)
    assert message(on_friday, "nl").subject.endswith(
        ": vandaag (wettelijke termijn zondag 2 januari)"
    )
    monday = dt.date(2028, 1, 3)
    on_the_day = dataclasses.replace(on_friday, send_on=monday, due=monday)
    assert message(on_the_day, "nl").subject.endswith(": vandaag")


def test_the_employees_digest_speaks_to_them_and_leaves_recording_to_the_employer() -> None:
    """An employee cannot record the law's steps: their digest says "u" and that the employer
    records what is done, where HR's says to record it."""
    plan = Reminder(
        DUE - dt.timedelta(days=7), Step.PLAN_OF_ACTION, DUE, Kind.AHEAD, 0, Party.EMPLOYEE
    )
    final = dataclasses.replace(plan, step=Step.FINAL_EVALUATION)
    items = [Due(CASE, NAME, plan, "Jan"), Due(CASE, NAME, final, "Jan")]
    nl = digest_message(items, "employee", "nl")
    assert nl.subject == "2 herinneringen voor u"
    assert nl.body.startswith("Beste Jan,\n\nDit staat voor u open:\n")
    assert nl.body.rstrip().endswith(
        "Uw werkgever legt vast wat gedaan is; dan stoppen de herinneringen ervoor."
    )
    assert "Registreer" not in nl.body
    en = digest_message(items, "employee", "en")
    assert (en.subject, "Record a step" in en.body) == ("2 reminders for you", False)
    hr = digest_message(
        [
            dataclasses.replace(item, reminder=dataclasses.replace(item.reminder, party=Party.HR))
            for item in items
        ],
        "hr",
        "nl",
    )
    assert hr.subject == "2 herinneringen voor HR"
    assert "Registreer een stap als die gedaan is" in hr.body
