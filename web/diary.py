"""The employee's diary: `/api/v1/me/diary` (their own) and `/api/v1/employees/{employee}/diary`
(a physician or coach they share it with). The employer side gets no scores: only a refusal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import JsonValue

from adapters.amsterdam_time import today_in_amsterdam
from service import diary
from web.identity import SignedIn, StoreDep, now, refuse_self_naming

router = APIRouter(tags=["diary"])
DIARY_EXAMPLE = {"date": "2026-03-02", "energy": 6, "stress": 4, "motivation": 7}


@router.post("/me/diary", status_code=201)
def write(
    body: Annotated[dict[str, JsonValue], Body(examples=[DIARY_EXAMPLE])],
    actor: SignedIn,
    store: StoreDep,
) -> JSONResponse:
    """Today's (or `date`'s) scores, 1-10 each; replaces that day's earlier entry."""
    refuse_self_naming(body)
    moment = now()
    entry = diary.parse_diary_entry({"date": today_in_amsterdam(moment).isoformat(), **body})
    written = diary.write(store, actor, entry, moment)
    return JSONResponse(
        {
            "date": entry.date.isoformat(),
            "entries": written.entries,
            "suggested_review_on": written.suggested_review_on,
        },
        status_code=201,
    )


@router.get("/me/diary")
def own(actor: SignedIn, store: StoreDep) -> list[dict[str, object]]:
    return [entry.model_dump(mode="json") for entry in diary.read_own(store, actor)]


@router.get("/employees/{employee}/diary")
def shared(employee: str, actor: SignedIn, store: StoreDep) -> list[dict[str, object]]:
    return [entry.model_dump(mode="json") for entry in diary.read(store, actor, employee, now())]
