"""`/`: the open cases the signed-in account sees, with filters, search and pages (GET
parameters), and the sick-report form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from adapters.amsterdam_time import today_in_amsterdam
from domain.errors import InputError, NotAllowedError
from service.dashboard import DashboardQuery, Stage, dashboard
from service.own_case import Home, home_of
from service.recording import FACTS_TYPE, SICK_FACTS, ReportSick, report_sick
from service.sessions import WebSession
from web.console.auth import Console, checked_form
from web.console.employee_pages import coach_home, employee_home
from web.console.event_forms import entry_of_form, fields_of
from web.console.form_dates import iso_day, typed_day
from web.console.rendering import page
from web.errors import status_of
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)
# The facts come from the event's own form (`event_forms`), so a fact has exactly its choices.
FACT_FIELDS = tuple(field for field in fields_of(FACTS_TYPE) if field.name in SICK_FACTS)
SICK_REPORT_FIELDS = (
    "employee",
    "name",
    "first_name",
    "date",
    "percentage",
    *(field.name for field in FACT_FIELDS),
)


def query_of(request: Request) -> DashboardQuery:
    """The filters from the query string; anything unreadable counts as not given."""
    params = request.query_params
    return DashboardQuery(
        team=params.get("team", ""),
        overdue_only=params.get("overdue") == "1",
        due_this_week=params.get("week") == "1",
        contact_due=params.get("contact") == "1",
        search=params.get("q", "")[:100],
        page=whole_number(params.get("page", "")) or 1,
        stage=Stage(stage) if (stage := params.get("stage", "")) in tuple(Stage) else Stage.ANY,
    )


def whole_number(text: str) -> int | None:
    """A small whole number written in ASCII digits, else None (the domain says why)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 7 else None


def _page(
    request: Request,
    session: WebSession,
    status: int = 200,
    report: dict[str, str] | None = None,
    problem: str | None = None,
) -> Response:
    query = query_of(request)
    moment = now()
    found = dashboard(store_of(request), session.actor, query, moment)
    blank = dict.fromkeys(SICK_REPORT_FIELDS, "") | {"percentage": "100"}
    return page(
        request,
        "dashboard.html",
        status,
        session=session,
        board=found,
        query=query,
        stages=[stage for stage in Stage if stage is not Stage.ANY],
        may_report=session.actor.role in ("hr", "manager"),
        fact_fields=FACT_FIELDS,
        report=report or blank | {"date": typed_day(today_in_amsterdam(moment))},
        problem=problem,
    )


@router.get("/")
def home(request: Request, session: Console) -> Response:
    home_page = home_of(session.actor)
    if home_page is Home.OWN_CASE:
        return employee_home(request, session)
    if home_page is Home.SHARED_DIARIES:
        return coach_home(request, session)
    try:
        return _page(request, session)
    except NotAllowedError:  # an admin: their pages are still to come
        return page(request, "no_pages_yet.html", session=session)


@router.post("/report-sick")
async def report(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    fields = {name: form.get(name, "").strip() for name in SICK_REPORT_FIELDS}
    percentage = whole_number(fields["percentage"])
    facts = entry_of_form(FACTS_TYPE, fields, session.actor)
    command = ReportSick(
        employee_key=fields["employee"],
        display_name=fields["name"],
        report={
            "date": iso_day(fields["date"]),
            "percentage": fields["percentage"] if percentage is None else percentage,
        },
        facts={name: facts[name] for name in SICK_FACTS if name in facts},
        first_name=fields["first_name"] or None,
    )
    try:
        recorded = report_sick(store_of(request), session.actor, command, now())
    except InputError as error:
        return _page(request, session, status_of(error), fields, str(error))
    return RedirectResponse(f"/cases/{recorded.case_key}", status_code=303)
