"""The form of each event type, made from the event's own model, so that a form has exactly the
event's fields and nothing else: a day typed dd-mm-jjjj, a whole or decimal number (a decimal
comma is fine), one choice from the event's fixed list, ticks for a list of choices, the
build-up's stages as "3x2, 3x3". `entry_of_form` turns a posted form back into the event's
JSON, and the domain checks it as it checks every other entry, in its own words."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel

from domain.done_steps import DONE_BY
from domain.events import Event
from domain.recovery_events import AgreementParty, StageSpec
from service.case_file import Actor
from service.recording import agreeing_side, recordable_types
from web.console.form_dates import iso_day, typed_day

MODELS: dict[str, type[BaseModel]] = {
    kind.model_fields["type"].default: kind for kind in get_args(get_args(Event)[0])
}
# The event that closes each step (the law's, and the recovery's own).
CLOSED_BY: dict[str, str] = {
    step.value: str(kind.model_fields["type"].default) for kind, step in DONE_BY.items()
} | {
    "capacity_review": "capacity_assessed",
    "stage_review": "stage_reviewed",
    "contact": "contact_held",
}
NEXT_STAGE = re.compile(r"\s*[;,]\s*(?=\d\s*x)")  # "3x2,5, 4x3": the comma before a stage


@dataclass(frozen=True)
class FormField:
    name: str
    widget: str  # date, whole, decimal, choice, yes_no, choices, stages, text, own_side
    required: bool
    choices: tuple[str, ...] = ()
    default: str = ""


def closing(actor: Actor) -> dict[str, str]:
    """The steps `actor` may close, each with the event type that closes it."""
    mine = recordable_types(actor)
    return {step: kind for step, kind in CLOSED_BY.items() if kind in mine}


def fields_of(event_type: str) -> tuple[FormField, ...]:
    """The form fields of `event_type`, one per field of its model (its type aside)."""
    model = MODELS[event_type]
    found = []
    for name, info in model.model_fields.items():
        if name == "type":
            continue
        widget, choices = _widget(_bare(info.annotation))
        value = None if info.is_required() else info.get_default(call_default_factory=True)
        default = "" if value is None else _typed(value)
        found.append(FormField(name, widget, info.is_required(), choices, default))
    return tuple(found)


def entry_of_form(event_type: str, form: Mapping[str, str], actor: Actor) -> dict[str, object]:
    """The event as JSON from the posted fields; an empty optional field is left out, and a
    value that cannot be read is passed on as typed, for the domain to refuse."""
    entry: dict[str, object] = {"type": event_type}
    for field in fields_of(event_type):
        if field.widget == "choices":
            entry[field.name] = [c for c in field.choices if form.get(f"{field.name}.{c}")]
            continue
        if field.widget == "own_side":  # the side that agrees is the signed-in role's own
            entry[field.name] = agreeing_side(actor)
            continue
        text = form.get(field.name, "").strip()
        if text:
            entry[field.name] = _read(field.widget, text)
    return entry


def form_values(event: BaseModel) -> dict[str, str]:
    """The posted fields that `entry_of_form` reads back as `event` (to correct it)."""
    values: dict[str, str] = {}
    for field in fields_of(str(getattr(event, "type"))):  # noqa: B009 (every event has a type)
        value = getattr(event, field.name)
        if field.widget == "choices":
            values |= {f"{field.name}.{choice}": "1" for choice in value}
        elif value is not None:
            values[field.name] = _typed(value)
    return values


def _bare(annotation: object) -> object:
    """The type under `Annotated[...]` and `X | None`."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _widget(annotation: object) -> tuple[str, tuple[str, ...]]:
    if annotation is AgreementParty:
        return "own_side", ()
    if annotation is bool:  # a choice of two, read back as true or false
        return "yes_no", ("true", "false")
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return "choice", tuple(member.value for member in annotation)
    if get_origin(annotation) is list:
        item = _bare(get_args(annotation)[0])
        if item is StageSpec:
            return "stages", ()
        assert isinstance(item, type), item
        assert issubclass(item, StrEnum), item
        return "choices", tuple(member.value for member in item)
    widgets: dict[object, str] = {dt.date: "date", int: "whole", float: "decimal", str: "text"}
    return widgets[annotation], ()


def _read(widget: str, text: str) -> object:  # noqa: PLR0911 (one reading per widget)
    if widget == "date":
        return iso_day(text)
    if widget == "yes_no":
        return {"true": True, "false": False}.get(text, text)
    if widget == "whole":
        return int(text) if text.isascii() and text.isdigit() and len(text) < 7 else text
    if widget == "decimal":
        number = text.replace(",", ".")
        if len(number) < 10 and re.fullmatch(r"\d+(\.\d+)?", number):
            return float(number)
        return text
    if widget == "stages":
        return [stage.replace(",", ".") for stage in NEXT_STAGE.split(text) if stage.strip()]
    return text


def _typed(value: object) -> str:  # noqa: PLR0911 (one way of typing per kind of value)
    """A value as a person would type it in the form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return typed_day(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return ", ".join(_typed(item) for item in value)
    if isinstance(value, StageSpec):
        return f"{value.sessions}x{value.hours:g}".replace(".", ",")
    return str(value)
