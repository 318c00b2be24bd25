"""`/recovery`: the employee's recovery as it stands (what the physician says they can do, the
build-up, the contact agreement and its moments) and their forms: agree on contact, pause and
resume it, record a contact moment, propose a build-up. Each form carries the case's version
(`expected_seq`): one made on a case that moved on since is refused, as is any entry the domain
refuses; the page comes back with the one-line reason and the input kept."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from adapters.amsterdam_time import today_in_amsterdam
from domain.errors import BadInputError, InputError, NotFoundError
from domain.recovery_events import ContactForm
from service.own_case import OwnCase, own_case
from service.recording import RecordEvent, record
from service.recovery import recovery_of
from service.sessions import WebSession
from web.console.auth import Console, checked_form
from web.console.dashboard_page import whole_number
from web.console.form_dates import iso_day, typed_day
from web.console.rendering import page, words_for
from web.errors import status_of
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)
# Each form: the event it records, and its fields as typed.
FORMS: dict[str, tuple[str, ...]] = {
    "contact_agreed": ("date", "every_days", "form"),
    "contact_paused": ("date", "until"),
    "contact_resumed": ("date",),
    "contact_held": ("date", "form"),
    "build_up_proposed": ("date", "stages", "target_hours", "review_after_days"),
}
DEFAULTS = {"every_days": "14", "form": ContactForm.CALL.value, "review_after_days": "14"}
CONTACT_FORMS = tuple(form.value for form in ContactForm)
NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
STAGE_SEPARATOR = re.compile(r"\s*[,;]\s*")


@router.get("/recovery")
def recovery_page(request: Request, session: Console, done: str = "") -> Response:
    return _page(request, session, notice=done if done in FORMS else None)


@router.post("/recovery/{kind}")
async def record_recovery(request: Request, kind: str, session: Console) -> Response:
    if kind not in FORMS:
        raise NotFoundError(f"no form {kind!r}")
    form = await checked_form(request, session)
    typed = {name: form.get(name, "").strip() for name in FORMS[kind]}
    store, moment = store_of(request), now()
    try:
        case = own_case(store, session.actor, moment).view
        if case is None:
            raise NotFoundError("you have no case: HR opens one when you report sick")
        version = _version(form.get("expected_seq", ""))
        command = RecordEvent(case.case_key, entry_of(kind, typed), expected_seq=version)
        record(store, session.actor, command, moment)
    except InputError as error:
        kept = {"failed": kind, "typed": typed, "problem": str(error)}
        return _page(request, session, status_of(error), **kept)
    return RedirectResponse(f"/recovery?done={kind}", status_code=303)


def entry_of(kind: str, typed: dict[str, str]) -> dict[str, object]:
    """The event a form describes; what cannot be read is passed on as typed, for the domain
    to refuse in its own words."""
    entry: dict[str, object] = {"type": kind, "date": iso_day(typed["date"])}
    if "until" in typed:
        entry["until"] = iso_day(typed["until"])
    if "form" in typed:
        entry["form"] = typed["form"]
    for whole in ("every_days", "review_after_days"):
        if whole in typed:
            number = whole_number(typed[whole])
            entry[whole] = typed[whole] if number is None else number
    if "stages" in typed:
        entry["stages"] = [stage for stage in STAGE_SEPARATOR.split(typed["stages"]) if stage]
    if "target_hours" in typed:
        hours = typed["target_hours"]
        entry["target_hours"] = float(hours.replace(",", ".")) if NUMBER.fullmatch(hours) else hours
    return entry


def _version(text: str) -> int:
    version = whole_number(text)
    if version is None:
        raise BadInputError("the form does not say which version of the case it was made on")
    return version


def _page(request: Request, session: WebSession, status: int = 200, **shown: object) -> Response:
    """The page; `shown` may hold the `notice` of what was just recorded, or the refused form's
    kind (`failed`), its input (`typed`) and the one-line `problem`."""
    store, moment = store_of(request), now()
    mine: OwnCase = own_case(store, session.actor, moment)
    recovery, words = None, words_for(request)
    if mine.view is not None:
        recovery = recovery_of(store, session.actor, mine.view.case_key, moment).recovery
    agreed_by = recovery.build_up.agreed_by if recovery and recovery.build_up else ()
    today = typed_day(today_in_amsterdam(moment))
    values = {kind: {"date": today} | DEFAULTS for kind in FORMS}
    failed, typed = shown.get("failed"), shown.get("typed")
    if isinstance(failed, str) and isinstance(typed, dict):
        values[failed] = values[failed] | typed
    context = {"notice": None, "problem": None} | shown
    return page(
        request,
        "recovery.html",
        status,
        session=session,
        mine=mine,
        recovery=recovery,
        values=values,
        contact_forms=CONTACT_FORMS,
        agreed=", ".join(words.party(party.value) for party in sorted(agreed_by)),
        notice=context["notice"],
        problem=context["problem"],
    )
