"""What the engine says to each party, in their language, from the Jinja2 templates in
`templates/<language>/`: one per party, plus the digest, the undeliverable notice and the
calendar invitation. Every word a person reads is in those templates; this module picks the
template and fills it in. Nothing medical can appear: the store holds none.

A template's output is the plain-text body; its `subject` (or `summary`) is set inside it. The
HTML part is made from the text, so both always say the same."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import icalendar
import jinja2

from adapters.dutch_holidays import dutch_public_holidays
from domain.reminders import Kind, Party, Reminder
from domain.sick_day_clock import last_working_day_on_or_before
from domain.steps import LAW_STEPS, MEETINGS, STEPS

HOLIDAYS = dutch_public_holidays()
# Of one step's reminders in a digest, the one that says most: an escalation over a due
# reminder over one ahead.
_WEIGHT = {Kind.AHEAD: 0, Kind.DUE: 1, Kind.ESCALATION: 2, Kind.OVERVIEW: 2, Kind.NEWS: 3}

# Autoescape is off because the templates make plain text; `_as_html` escapes every character
# of it when it makes the HTML part.
_TEMPLATES = jinja2.Environment(  # noqa: S701
    loader=jinja2.PackageLoader("notifications"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Attachment:
    name: str
    mimetype: str
    content: str


@dataclass(frozen=True)
class Message:
    key: str  # unique per send: "<case>:<reminder key>", or a digest's own key
    case_keys: tuple[str, ...]
    party: str
    language: str
    subject: str
    body: str  # plain text
    attachments: tuple[Attachment, ...] = ()

    @property
    def html(self) -> str:
        """The body as HTML, for channels that show it (email)."""
        return _as_html(self.body)


@dataclass(frozen=True)
class Due:
    """One reminder of one case, with what a message about it needs."""

    case_key: str
    display_name: str
    reminder: Reminder
    # How the employee is greeted in what they read ("Beste Jan,"); without it, "Hallo,".
    # Never the display name: a greeting by full name reads like a letter from an office.
    first_name: str | None = None

    @property
    def key(self) -> str:
        return f"{self.case_key}:{self.reminder.key}"


@dataclass(frozen=True)
class Failure:
    channel: str
    target: str  # redacted
    error: str


def reminder_message(item: Due, language: str, first: bool = False) -> Message:
    """The message for one reminder, as its party should read it. The `first` reminder of a
    meeting that reaches its party carries the calendar invitation, whichever kind it is (a
    case entered late gets its first reminder only once the date is near or past)."""
    r = item.reminder
    context = _fields(item, language)
    subject, body = _render(f"{language}/{r.party.value}.j2", context)
    attachments: tuple[Attachment, ...] = ()
    if first and r.step in MEETINGS and r.kind is not Kind.NEWS:
        attachments = (_invitation(item, language),)
    return Message(item.key, (item.case_key,), r.party.value, language, subject, body, attachments)


def digest_message(items: Sequence[Due], party: str, language: str) -> Message:
    """One message listing several reminders for one party (the digest option): one line per
    case and step (the one that says most, of its latest due date), sorted by due date, each
    with the step's basis and consequence as a single message gives them."""
    latest: dict[tuple[str, str], Due] = {}
    for item in items:
        r = item.reminder
        held = latest.get((item.case_key, r.step))
        if held is None or (r.due, _WEIGHT[r.kind]) > (
            held.reminder.due,
            _WEIGHT[held.reminder.kind],
        ):
            latest[item.case_key, r.step] = item
    kept = sorted(latest.values(), key=lambda i: (i.reminder.due, i.case_key, i.reminder.step))
    listed = [_fields(item, language) for item in kept]
    subject, body = _render(f"{language}/digest.j2", {"party": party, "items": listed})
    keys = "\n".join(item.key for item in items).encode()
    key = f"digest:{party}:{hashlib.sha256(keys).hexdigest()[:16]}"
    cases = tuple(dict.fromkeys(item.case_key for item in items))
    return Message(key, cases, party, language, subject, body)


def count_message(items: Sequence[Due], party: str, language: str) -> Message:
    """For a target shared by many (the organisation's address for all managers): how many
    reminders are waiting, and where to see them; no name, case or step."""
    subject, body = _render(f"{language}/count.j2", {"party": party, "count": len(items)})
    keys = "\n".join(item.key for item in items).encode()
    key = f"count:{party}:{hashlib.sha256(keys).hexdigest()[:16]}"
    return Message(key, (), party, language, subject, body)


def undeliverable_message(
    item: Due, about: str, attempts: int, failures: Sequence[Failure], language: str
) -> Message:
    """Tells HR that a reminder to `about` (a party) could not be delivered at all."""
    context = _fields(item, language) | {"about": about, "attempts": attempts, "failures": failures}
    subject, body = _render(f"{language}/undeliverable.j2", context)
    key = f"{item.case_key}:undeliverable:{item.reminder.key}"
    return Message(key, (item.case_key,), "hr", language, subject, body)


def try_out_message(
    case_key: str, display_name: str, party: str, language: str, first_name: str | None = None
) -> Message:
    """A plain message to try one of a party's routes: it says only that it is a test."""
    context = {"name": display_name, "case": case_key, "party": party, "first_name": first_name}
    subject, body = _render(f"{language}/test.j2", context)
    return Message(f"{case_key}:test", (case_key,), party, language, subject, body)


def _fields(item: Due, language: str) -> dict[str, Any]:
    r = item.reminder
    info = STEPS[r.step]
    # The day to do it by: the legal due date, or the last working day before it when that is
    # a weekend day or a holiday. The legal date itself stays in `due`.
    do_by = last_working_day_on_or_before(r.due, HOLIDAYS)
    # A reminder sent after its due date (after downtime, or for a case entered late) says the
    # deadline passed, as an escalation does; the employee is never told so.
    late = r.kind in (Kind.AHEAD, Kind.DUE) and r.send_on > r.due and r.party is not Party.EMPLOYEE
    late |= r.kind is Kind.OVERVIEW  # an overview's own row is worded as its step's escalation
    return {
        "name": item.display_name,
        "first_name": item.first_name,
        "case": item.case_key,
        "step": r.step.value,
        "due": r.due,
        # The day before the due date: the last day of an obligation that ends on the due
        # date (wage continuation's due date is the first day after it).
        "last_day": r.due - dt.timedelta(days=1),
        "do_by": do_by,
        # "Today" only when it is sent on the day to do it by.
        "today": r.kind is Kind.DUE and r.send_on == do_by,
        "kind": Kind.ESCALATION.value if late else r.kind.value,
        "party": r.party.value,
        "number": r.number,
        "law_step": r.step in LAW_STEPS,
        "escalated": info.escalated,  # else a term to know of: its consequence is information
        # What the step rests on and what missing it costs (UWV-TRACKS.md section 13): the
        # templates say exactly this, nothing stronger.
        "basis": info.basis.text(language),
        "consequence": info.consequence.text(language),
    }


def _render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    module = _TEMPLATES.get_template(template).make_module(context)
    return module.subject.strip(), str(module).strip()  # type: ignore[attr-defined]  # set in the template


def _as_html(text: str) -> str:
    """Paragraphs for blank-line-separated blocks, a list for a block of "- " lines."""
    parts = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return "\n".join(parts)


def _invitation(item: Due, language: str) -> Attachment:
    """An all-day calendar entry on the day to do it by (the due date, or the last working day
    before it). Its UID is stable per case, step and due date, so a calendar updates the entry
    it has rather than adding another."""
    r = item.reminder
    module = _TEMPLATES.get_template(f"{language}/invitation.j2").make_module(
        _fields(item, language)
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//reintegration//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{item.case_key}-{r.step.value}-{r.due.isoformat()}@reintegration")
    event.add("dtstamp", dt.datetime.combine(r.send_on, dt.time(8), tzinfo=dt.UTC))
    day = last_working_day_on_or_before(r.due, HOLIDAYS)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", module.summary.strip())  # type: ignore[attr-defined]  # set in the template
    event.add("description", str(module).strip())
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return Attachment("invitation.ics", "text/calendar", calendar.to_ical().decode())
