"""What a reminder says. Plain and respectful; nothing medical, ever (the store holds none).
Per-party templates and languages come with the notifications issue; this is the plain text."""

from __future__ import annotations

from dataclasses import dataclass

from domain.law_calendar import STEPS
from domain.reminders import Kind, Party, Reminder


@dataclass(frozen=True)
class Message:
    key: str  # unique per reminder: "<case>:<reminder key>"
    case_key: str
    party: str
    subject: str
    body: str


def reminder_message(case_key: str, display_name: str, reminder: Reminder) -> Message:
    """The message for one reminder of one case, as its party should read it."""
    party, kind, due, title = (
        reminder.party,
        reminder.kind,
        reminder.due,
        STEPS[reminder.step].title,
    )
    if kind is Kind.ESCALATION:
        subject = f"Overdue since {due}: {title} ({display_name})"
        body = (
            f"The step '{title}' for {display_name} (case {case_key}) was due on {due} and is "
            "not recorded as done. The Wet verbetering Poortwachter expects it; a missed step "
            "can lead UWV to extend wage continuation. Please arrange it or record it as done."
        )
    elif party is Party.EMPLOYEE:
        subject = f"Coming up: {title}"
        body = (
            f"A step in your return to work is planned for {due}: {title}. There is nothing "
            "you need to prepare alone; your contact at work or the occupational physician "
            "will help. Take care of yourself."
        )
    else:
        when = "today" if kind is Kind.DUE else f"by {due}"
        subject = f"Due {when}: {title} ({display_name})"
        body = f"For {display_name} (case {case_key}): {title}, due {due}."
    return Message(f"{case_key}:{reminder.key}", case_key, party.value, subject, body)
