"""What was recorded, read and sent, in people's words: "Probleemanalyse opgesteld, di 20 jan
2026", "Dossier ingezien", "Herinnering vooraf: Probleemanalyse, aan werkgever via mailto,
afgeleverd". The CSV export keeps the exact values; this is how the pages show them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from service.review import TrailEntry
from web.console.messages import Words

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DELIVERY = re.compile(r"(\w+) reminder: (\w+)")  # how `audit_trail` names a delivery


@dataclass(frozen=True)
class Line:
    when: str
    what: str
    details: str
    who: str


def trail_line(entry: TrailEntry, t: Words) -> Line:
    when = t.moment(entry.recorded_at)
    if entry.kind == "read":
        return Line(when, t.read(entry.type), "", _who(entry.actor, entry.role, t))
    if entry.kind == "delivery":
        found = DELIVERY.fullmatch(entry.type)
        what = f"{t.reminder(found[1])}: {t.step(found[2])}" if found else entry.type
        return Line(when, what, _delivery(entry.details, t), t.party(entry.role))
    if entry.kind == "route":
        route = f"{t.party(str(entry.details['party']))}: {entry.details['target']}"
        what = t(entry.type.replace(" ", "_"))
        return Line(when, what, route, _who(entry.actor, entry.role, t))
    what = t.event(entry.type)
    if entry.business_date:
        what += f", {t.date(entry.business_date)}"
    return Line(when, what, details(entry.details, t), _who(entry.actor, entry.role, t))


def event_words(event: BaseModel, t: Words) -> str:
    """An event with its date and fields: "Contactafspraak gemaakt, ma 2 mrt 2026: Elke..."."""
    fields = event.model_dump(mode="json")
    said = f"{t.event(fields.pop('type'))}, {_value(fields.pop('date'), t)}"
    told = details(fields, t)
    return f"{said}: {told}" if told else said


def details(fields: Mapping[str, object], t: Words) -> str:
    return "; ".join(
        f"{t.field(name)}: {_value(value, t)}"
        for name, value in fields.items()
        if value is not None
    )


def _value(value: object, t: Words) -> str:  # noqa: PLR0911 (one way of saying each kind)
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return t.date(dt.date.fromisoformat(value))
    if isinstance(value, str):
        return t.choice(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        return t.number(value)
    if isinstance(value, list):
        return ", ".join(_value(item, t) for item in value) or "-"
    if isinstance(value, dict) and "sessions" in value:  # a build-up stage
        return f"{value['sessions']}x{_value(float(value['hours']), t)}"
    if isinstance(value, dict) and "type" in value:  # the event a correction puts in place
        rest = {k: v for k, v in value.items() if k not in ("type", "date")}
        said = f"{t.event(str(value['type']))}, {_value(value.get('date'), t)}"
        return f"{said} ({details(rest, t)})" if rest else said
    return str(value)


def _delivery(fields: Mapping[str, object], t: Words) -> str:
    said = f"{fields.get('channel')} {fields.get('target')}: "
    if fields.get("delivered"):
        return said + t("delivered")
    return said + t("not_delivered_because", error=fields.get("error", ""))


def _who(actor: str, role: str, t: Words) -> str:
    return f"{actor} ({t.role(role)})"
