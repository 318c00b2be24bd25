"""`/cases/{case}/contacts`: how the parties of a case's employee are reached, for whoever
`service.contacts` lets keep them (HR, and the employee's own manager). Routes are shown masked;
one is added (a URL Apprise cannot use is refused), removed, or tried with a test message whose
result the page reports. Every form carries the session's CSRF token."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.errors import BadInputError, InputError
from domain.reminders import DEFAULT_LANGUAGE
from service.case_view import case_view
from service.contacts import TryOut, add_contacts, list_contacts, remove_contact, try_route
from service.ports import Contact
from service.recording import PARTIES
from service.sessions import WebSession
from web.console.auth import Console, checked_form
from web.console.dashboard_page import whole_number
from web.console.messages import LANGUAGES
from web.console.rendering import page
from web.errors import status_of
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


def _page(
    request: Request, session: WebSession, case: str, outcome: TryOut | InputError | None = None
) -> Response:
    """The page, with a tried route's result or a refusal's one line (and its status). A
    refused URL is not shown again: it may hold a password."""
    store = store_of(request)
    view = case_view(store, session.actor, case, now())
    refused = outcome if isinstance(outcome, InputError) else None
    return page(
        request,
        "contacts.html",
        status_of(refused) if refused else 200,
        session=session,
        view=view,
        routes=list_contacts(store, session.actor, view.employee_key),
        parties=PARTIES,
        languages=LANGUAGES,
        problem=str(refused) if refused else None,
        tried=outcome if isinstance(outcome, TryOut) else None,
    )


def _back(case: str) -> Response:
    return RedirectResponse(f"/cases/{case}/contacts", status_code=303)


@router.get("/cases/{case}/contacts")
def contacts_page(request: Request, case: str, session: Console) -> Response:
    return _page(request, session, case)


@router.post("/cases/{case}/contacts")
async def add_route(request: Request, case: str, session: Console) -> Response:
    form = await checked_form(request, session)
    store = store_of(request)
    contact = Contact(
        form.get("party", ""), form.get("url", "").strip(), form.get("language", DEFAULT_LANGUAGE)
    )
    try:
        employee = case_view(store, session.actor, case, now()).employee_key
        add_contacts(store, session.actor, employee, [contact], now())
    except InputError as error:
        return _page(request, session, case, error)
    return _back(case)


@router.post("/cases/{case}/contacts/remove")
async def remove_route(request: Request, case: str, session: Console) -> Response:
    form = await checked_form(request, session)
    store = store_of(request)
    try:
        employee = case_view(store, session.actor, case, now()).employee_key
        remove_contact(store, session.actor, employee, _number(form), now())
    except InputError as error:
        return _page(request, session, case, error)
    return _back(case)


@router.post("/cases/{case}/contacts/try")
async def try_out(request: Request, case: str, session: Console) -> Response:
    form = await checked_form(request, session)
    store = store_of(request)
    try:
        employee = case_view(store, session.actor, case, now()).employee_key
        tried = try_route(store, session.actor, employee, _number(form))
    except InputError as error:
        return _page(request, session, case, error)
    return _page(request, session, case, tried)


def _number(form: dict[str, str]) -> int:
    number = whole_number(form.get("number", ""))
    if number is None:
        raise BadInputError("which route? its number is missing")
    return number
