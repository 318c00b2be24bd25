"""Recording on a case from the console: a form per event type (`/cases/{case}/record/{type}`),
a correction of an entry (`.../entries/{seq}/correct`, the entry's own form filled in) and a
retraction (`.../entries/{seq}/retract`, a confirmation). Every form carries the case's entry
number as the view showed it: when the case changed meanwhile, the form comes back with what is
new, the person's input kept, to send again once read. The domain checks every entry."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from adapters.amsterdam_time import today_in_amsterdam
from domain.corrections import OPENING
from domain.errors import BadInputError, InputError, NotFoundError
from service.case_view import CaseView, LoggedEntry, case_view, changeable, voidable
from service.ports import CaseChangedError
from service.recording import RecordEvent, check_may_record, record
from service.sessions import WebSession
from web.console.auth import Console, checked_form
from web.console.dashboard_page import whole_number
from web.console.event_forms import MODELS, entry_of_form, fields_of, form_values
from web.console.form_dates import typed_day
from web.console.rendering import page
from web.errors import status_of
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Form:
    """What the form page needs: which event, and for a correction or retraction, which entry."""

    case: str
    event_type: str
    action: str  # "record", "correct" or "retract"
    target: LoggedEntry | None = None


@router.get("/cases/{case}/record/{event_type}")
def record_form(request: Request, case: str, event_type: str, session: Console) -> Response:
    form = _recording(case, event_type, session)
    view = case_view(store_of(request), session.actor, case, now())
    values = {f.name: f.default for f in fields_of(event_type)} | {"date": typed_day(view.today)}
    return _page(request, session, view, form, values)


@router.post("/cases/{case}/record/{event_type}")
async def record_posted(request: Request, case: str, event_type: str, session: Console) -> Response:
    form = _recording(case, event_type, session)
    posted = await checked_form(request, session)
    entry = entry_of_form(event_type, posted, session.actor)
    return _recorded(request, session, form, posted, entry)


@router.get("/cases/{case}/entries/{seq}/{action}")
def change_form(request: Request, case: str, seq: int, action: str, session: Console) -> Response:
    view = case_view(store_of(request), session.actor, case, now())
    form = _changing(view, seq, action, session)
    assert form.target is not None
    assert form.target.now is not None
    return _page(request, session, view, form, form_values(form.target.now))


@router.post("/cases/{case}/entries/{seq}/{action}")
async def change_posted(
    request: Request, case: str, seq: int, action: str, session: Console
) -> Response:
    view = case_view(store_of(request), session.actor, case, now())
    form = _changing(view, seq, action, session)
    posted = await checked_form(request, session)
    today = view.today.isoformat()
    entry: dict[str, object] = (
        {"type": "event_retracted", "date": today, "retracts": seq}
        if action == "retract"
        else {
            "type": "event_corrected",
            "date": today,
            "corrects": seq,
            "event": entry_of_form(form.event_type, posted, session.actor),
        }
    )
    return _recorded(request, session, form, posted, entry)


def _recording(case: str, event_type: str, session: WebSession) -> Form:
    if event_type not in MODELS:
        raise NotFoundError(f"no event type {event_type}")
    check_may_record(session.actor, event_type)
    return Form(case, event_type, "record")


def _changing(view: CaseView, seq: int, action: str, session: WebSession) -> Form:
    target = next((e for e in view.log if e.seq == seq), None)
    if action not in ("correct", "retract") or target is None:
        raise NotFoundError(f"case {view.case_key} has no entry {seq} to {action}")
    voiding = seq == OPENING and action == "retract" and voidable(session.actor, view)
    if seq not in changeable(session.actor, view) and not voiding:
        check_may_record(session.actor, target.now.type if target.now else target.entry.type)
        raise NotFoundError(
            f"entry {seq} of case {view.case_key} is not one you may {action}: retracted, a "
            "correction, the opening sick report, or recorded by another side"
        )
    assert target.now is not None
    return Form(view.case_key, target.now.type, action, target)


def _recorded(
    request: Request,
    session: WebSession,
    form: Form,
    posted: dict[str, str],
    entry: dict[str, object],
) -> Response:
    store, moment, case = store_of(request), now(), form.case
    expected = whole_number(posted.get("expected_seq", ""))
    try:
        if expected is None:  # every form says which version it was made on
            raise BadInputError("the form does not say which version of the case it was made on")
        done = record(store, session.actor, RecordEvent(case, entry, expected_seq=expected), moment)
    except CaseChangedError as error:
        view = case_view(store, session.actor, case, moment)
        news = view.entries_after(expected or 0)
        return _page(
            request, session, view, form, posted, status=409, problem=str(error), news=news
        )
    except InputError as error:
        view = case_view(store, session.actor, case, moment)
        status = status_of(error)
        return _page(request, session, view, form, posted, status=status, problem=str(error))
    return RedirectResponse(f"{back_to(session, case)}?recorded={done.seq}#recorded", 303)


def back_to(session: WebSession, case: str) -> str:
    """Where a form returns: the employee to their own recovery page, anyone else to the case."""
    return "/recovery" if session.actor.role == "employee" else f"/cases/{case}"


def _page(  # noqa: PLR0913 (a form page: the case, the form, what was typed, and what went wrong)
    request: Request,
    session: WebSession,
    view: CaseView,
    form: Form,
    values: dict[str, str],
    *,
    status: int = 200,
    problem: str | None = None,
    news: list[LoggedEntry] | None = None,
) -> Response:
    return page(
        request,
        "record.html",
        status,
        session=session,
        view=view,
        form=form,
        fields=fields_of(form.event_type) if form.action != "retract" else (),
        values=values,
        problem=problem,
        news=news,
        today=typed_day(today_in_amsterdam(now())),
        back=back_to(session, view.case_key),
    )
