"""`/recovery`: the employee's recovery as it stands (what the physician says they can do, the
build-up, the contact agreement and its moments), with a link to the form of each event they
may record on their case (agree on contact, pause and resume it, a contact moment, a build-up
proposal, a setback): the same forms as everyone's (`record_pages`), which bring them back
here with what was recorded."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.own_case import OwnCase, own_case
from service.recording import recordable_types
from service.recovery import recovery_of
from web.console.auth import Console
from web.console.rendering import page, words_for
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


@router.get("/recovery")
def recovery_page(request: Request, session: Console, recorded: str = "") -> Response:
    store, moment = store_of(request), now()
    mine: OwnCase = own_case(store, session.actor, moment)
    recovery, words = None, words_for(request)
    if mine.view is not None:
        recovery = recovery_of(store, session.actor, mine.view.case_key, moment).recovery
    agreed_by = recovery.build_up.agreed_by if recovery and recovery.build_up else ()
    log = mine.view.log if mine.view is not None else ()
    return page(
        request,
        "recovery.html",
        session=session,
        mine=mine,
        recovery=recovery,
        recordable=recordable_types(session.actor),
        just_recorded=next((e for e in log if str(e.seq) == recorded), None),
        agreed=", ".join(words.party(party.value) for party in sorted(agreed_by)),
    )
