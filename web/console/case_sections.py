"""What the case page shows below its steps, each for the roles its service allows (a section a
role may not read is left out): the recovery (capacity in functional terms, the build-up ladder
as a picture and tables, the contact agreement), the way to the contact routes, and the case's
messages: those sent or tried newest first, then those planned soonest first, each list capped
like the trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Request

from domain.errors import NotAllowedError
from domain.recovery import BuildUp, Recovery
from service.case_file import Actor
from service.case_messages import CaseMessage, case_messages
from service.contacts import may_keep_contacts
from service.recovery import recovery_of
from web.console.messages import Words
from web.console.recovery_svg import ladder_svg, stage_spec
from web.console.rendering import words_for
from web.identity import store_of


@dataclass(frozen=True)
class StageRow:
    number: int
    spec: str  # "3 x 3 uur = 9 uur per week"
    state: str  # now, reached or ahead (a message key's tail)


@dataclass(frozen=True)
class CaseSections:
    recovery: Recovery | None  # None: the role may not read it
    ladder: str | None  # the picture, with a build-up
    stage_rows: list[StageRow]
    current_stage: str | None
    may_keep_contacts: bool
    messages: list[CaseMessage] | None  # tried or sent, newest first; None: the role reads none
    upcoming: list[CaseMessage]  # planned, soonest first
    messages_total: int


def case_sections(
    request: Request, actor: Actor, case_key: str, now: dt.datetime, shown: int | None
) -> CaseSections:
    """What `case_recovery.html` shows: `shown` messages at most (None: all of them)."""
    store, t = store_of(request), words_for(request)
    messages: list[CaseMessage] | None
    try:
        messages = case_messages(store, actor, case_key, t.language)
    except NotAllowedError:
        messages = None
    recovery: Recovery | None
    try:
        view = recovery_of(store, actor, case_key, now)
        recovery, today = view.recovery, view.today
    except NotAllowedError:
        recovery, today = None, now.date()
    build_up = recovery.build_up if recovery else None
    return CaseSections(
        recovery=recovery,
        ladder=ladder_svg(recovery, today, t) if recovery else None,
        stage_rows=stage_rows(recovery, t) if recovery and build_up else [],
        current_stage=current_stage(build_up, t) if build_up else None,
        may_keep_contacts=may_keep_contacts(actor),
        messages=None
        if messages is None
        else [m for m in messages if m.state != "planned"][:shown],
        upcoming=[m for m in reversed(messages or ()) if m.state == "planned"][:shown],
        messages_total=len(messages or ()),
    )


def current_stage(build_up: BuildUp, t: Words) -> str:
    """ "fase 2 van 4: 3 x 3 uur per week, een rustdag ertussen", or who agreed to the proposal"""
    stage = build_up.stage
    if stage is None or build_up.current is None:
        agreed = ", ".join(t.party(party) for party in sorted(build_up.agreed_by))
        return t("proposed", parties=agreed or t("nobody"))
    words = t(
        "stage_words",
        n=build_up.current + 1,
        total=len(build_up.stages),
        sessions=stage.sessions,
        hours=f"{stage.hours:g}",
    )
    return words + (t("rest_day_between") if stage.rest_days else "")


def stage_rows(recovery: Recovery, t: Words) -> list[StageRow]:
    """Each stage: the current one, one reached before (a setback may have left it), or ahead."""
    build_up = recovery.build_up
    assert build_up is not None, "rows only of a build-up"
    reached = {change.stage for change in recovery.course}
    return [
        StageRow(
            number,
            stage_spec(t, stage),
            "now"
            if number - 1 == build_up.current
            else "reached"
            if number in reached
            else "ahead",
        )
        for number, stage in enumerate(build_up.stages, start=1)
    ]
