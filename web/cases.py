"""`/api/v1/cases`: the case list, sick reports, one case, its events and its audit trail."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, JsonValue

from adapters.amsterdam_time import today_in_amsterdam
from domain.errors import BadInputError, quoted
from service.audit_csv import as_csv
from service.case_view import case_view
from service.recording import (
    SICK_FACTS,
    Recorded,
    RecordEvent,
    ReportSick,
    record,
    report_sick,
)
from service.review import audit_trail, open_cases
from service.riv import riv_report
from web.identity import SignedIn, StoreDep, now, refuse_self_naming

router = APIRouter(prefix="/cases", tags=["cases"])
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", description="a re-send with it changes nothing")
]


class SickReport(BaseModel):
    """A sick report: opens the employee's case (and the employee), or continues a linked one."""

    model_config = ConfigDict(extra="allow")  # extra fields are refused by name below

    employee: str
    name: str
    date: str | None = None  # the first sick day, YYYY-MM-DD; default today in Amsterdam
    percentage: JsonValue = 100
    first_name: str | None = None  # the employee's first name, for their messages
    # The facts of `sick_facts_recorded` (each optional; the domain words a bad value):
    vangnet: JsonValue = None  # true or false
    work_accident: JsonValue = None
    liable_third_party: JsonValue = None
    expected_duration: JsonValue = None  # up_to_1_week ... over_13_weeks, unknown


EVENT_EXAMPLE = {"type": "physician_notified", "date": "2026-01-06", "expected_seq": 1}


@router.get("")
def list_cases(actor: SignedIn, store: StoreDep) -> list[dict[str, object]]:
    return [summary.as_dict() for summary in open_cases(store, actor, now())]


@router.post("", status_code=201)
def report(
    body: SickReport, actor: SignedIn, store: StoreDep, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    extra = body.model_extra or {}
    refuse_self_naming(extra)
    if extra:
        raise BadInputError(f"unknown field(s) {', '.join(sorted(extra))} in a sick report")
    moment = now()
    command = ReportSick(
        employee_key=body.employee,
        display_name=body.name,
        report={
            "date": body.date or today_in_amsterdam(moment).isoformat(),
            "percentage": body.percentage,
        },
        idempotency_key=idempotency_key,
        facts={name: getattr(body, name) for name in SICK_FACTS},
        first_name=body.first_name,
    )
    return _answer(report_sick(store, actor, command, moment))


@router.get("/{case}")
def one_case(case: str, actor: SignedIn, store: StoreDep) -> dict[str, object]:
    return case_view(store, actor, case, now()).as_dict()


@router.get("/{case}/riv")
def riv(case: str, actor: SignedIn, store: StoreDep) -> dict[str, object]:
    """The reintegration report's parts, each with its dates or "missing", and its open steps."""
    return riv_report(store, actor, case, now()).as_dict()


@router.post("/{case}/events", status_code=201, responses={200: {"description": "re-sent"}})
def record_event(
    case: str,
    body: Annotated[dict[str, JsonValue], Body(examples=[EVENT_EXAMPLE])],
    actor: SignedIn,
    store: StoreDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Any event or correction: `type`, `date` (default today in Amsterdam) and its fields;
    `expected_seq` records it only if the case is still at that entry."""
    refuse_self_naming(body)
    entry = dict(body)
    expected = entry.pop("expected_seq", None)
    if expected is not None and (not isinstance(expected, int) or isinstance(expected, bool)):
        raise BadInputError(f"expected_seq must be a whole number, got {quoted(expected)}")
    moment = now()
    entry.setdefault("date", today_in_amsterdam(moment).isoformat())
    command = RecordEvent(case, entry, idempotency_key, expected)
    return _answer(record(store, actor, command, moment))


@router.get("/{case}/audit", response_model=None)
def audit(
    case: str, actor: SignedIn, store: StoreDep, format: Literal["json", "csv"] = "json"
) -> list[dict[str, object]] | Response:
    trail = [entry.as_dict() for entry in audit_trail(store, actor, case, now())]
    return trail if format == "json" else csv_response(case, trail)


def csv_response(case: str, trail: list[dict[str, object]]) -> Response:
    """The trail as the CLI's CSV, as a download (the API's and the console's)."""
    return Response(
        as_csv(trail),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{case}-audit.csv"'},
    )


def _answer(recorded: Recorded) -> JSONResponse:
    return JSONResponse(recorded.as_dict(), status_code=200 if recorded.already_recorded else 201)
