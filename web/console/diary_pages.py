"""`/diary`: the employee's own diary (a day's scores, the trend, whom they share it with and
who read it, the opt-in signal); `/employees/{employee}/diary`: the same days for a physician or
coach the employee shares it with, each read recorded. Anyone else gets the refusal page of the
service's error (403, or 404 when they do not even see the employee): never a score."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from adapters.amsterdam_time import today_in_amsterdam
from domain.diary import DiaryEntry
from domain.errors import InputError
from service import diary
from service.own_case import diary_owner, own_employee
from service.sessions import WebSession
from web.console.auth import Console, checked_form
from web.console.dashboard_page import whole_number
from web.console.diary_svg import diary_svg, summary
from web.console.form_dates import iso_day, typed_day
from web.console.messages import Words
from web.console.rendering import page, words_for
from web.errors import status_of
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)
DAY_FIELDS = ("date", *diary.SCORES)
NOTICES = ("written", "review_suggested", "shared", "unshared", "signal")


@router.get("/diary")
def diary_page(request: Request, session: Console, done: str = "") -> Response:
    return _page(request, session, notice=done if done in NOTICES else None)


@router.post("/diary")
async def write_day(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    typed = {name: form.get(name, "").strip() for name in DAY_FIELDS}
    raw: dict[str, object] = {name: _score(typed[name]) for name in diary.SCORES}
    today = today_in_amsterdam(now()).isoformat()
    raw["date"] = iso_day(typed["date"]) or today  # left empty: today, as in the API
    try:
        entry = diary.parse_diary_entry(raw)
        written = diary.write(store_of(request), session.actor, entry, now())
    except InputError as error:
        return _page(request, session, status_of(error), day=typed, problem=str(error))
    done = "review_suggested" if written.suggested_review_on else "written"
    return RedirectResponse(f"/diary?done={done}", status_code=303)


@router.post("/diary/share")
async def share(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    reader = form.get("reader", "").strip()
    try:
        diary.share(store_of(request), session.actor, reader)
    except InputError as error:
        return _page(request, session, status_of(error), reader=reader, problem=str(error))
    return RedirectResponse("/diary?done=shared", status_code=303)


@router.post("/diary/unshare")
async def unshare(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    try:
        diary.unshare(store_of(request), session.actor, form.get("reader", ""))
    except InputError as error:
        return _page(request, session, status_of(error), problem=str(error))
    return RedirectResponse("/diary?done=unshared", status_code=303)


@router.post("/diary/signal")
async def signal(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    diary.set_signal(store_of(request), session.actor, form.get("on") == "1")
    return RedirectResponse("/diary?done=signal", status_code=303)


@router.get("/employees/{employee}/diary")
def shared_diary(request: Request, employee: str, session: Console) -> Response:
    """Refused (by the service, before anything is read) unless the diary is shared with the
    signed-in physician or coach, or is their own."""
    store, actor = store_of(request), session.actor
    entries = diary.read(store, actor, employee, now())
    return page(
        request,
        "diary_reader.html",
        session=session,
        employee=employee,
        name=diary_owner(store, actor, employee),
        own=actor.is_employee(employee),
        days=DiaryDays.of(entries, words_for(request)),
    )


def _page(request: Request, session: WebSession, status: int = 200, **shown: object) -> Response:
    """The diary page; `shown` may hold the refused form's input (`day`, `reader`), the
    one-line `problem`, or the `notice` of what was just done."""
    store, actor = store_of(request), session.actor
    employee = own_employee(store, actor)  # refuses every role but the employee
    entries = diary.read_own(store, actor)
    blank = dict.fromkeys(diary.SCORES, "") | {"date": typed_day(today_in_amsterdam(now()))}
    context = {"day": blank, "reader": "", "problem": None, "notice": None} | shown
    return page(
        request,
        "diary.html",
        status,
        session=session,
        sharing=diary.sharing(store, actor),
        signal_on=employee.diary_signal,
        days=DiaryDays.of(entries, words_for(request)),
        **context,
    )


@dataclass(frozen=True)
class DiaryDays:
    """The chart, its summary in words and the days newest first, for either page."""

    chart: str
    summary: str
    newest_first: list[DiaryEntry]

    @classmethod
    def of(cls, entries: list[DiaryEntry], words: Words) -> DiaryDays:
        return cls(diary_svg(entries, words), summary(entries, words), entries[::-1])


def _score(typed: str) -> object:
    """A score as a whole number when it is written as one; else as typed, for the service
    to refuse in its own words ("energy is a whole number from 1 to 10, got '11x'")."""
    number = whole_number(typed)
    return typed if number is None else number
