"""The flows HR starts: a sick report, and every later event. Thin: they call the service layer,
then publish the case's timeline as an artifact and each event as a Prefect event.

Parameters, logs, events and artifacts carry the case key, the employee key and display name,
event types and dates: never anything medical (the store holds nothing medical to begin with)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.events import emit_event

from adapters.store.case_store import CaseStore
from adapters.store.database import database_url, opened
from domain.roles import Role
from service.recording import Actor, Recorded, RecordEvent, ReportSick, record, report_sick
from service.review import timeline


@flow(name="report-sick")
def report_sick_flow(
    employee_key: str,
    display_name: str,
    first_sick_day: dt.date,
    actor: str,
    role: Role = Role.HR,
    percentage: int = 100,
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> Recorded:
    """HR (or a manager) reports an employee sick: opens the case, or continues a linked one."""
    command = ReportSick(
        employee_key,
        display_name,
        {"date": first_sick_day.isoformat(), "percentage": percentage},
        idempotency_key,
    )
    with opened(database_url()) as store:
        result = report_sick(store, Actor(actor, role), command, now or _utc_now())
        _publish(store, result)
    return result


@flow(name="record-event")
def record_event_flow(
    case_key: str,
    event_type: str,
    event_date: dt.date,
    actor: str,
    role: Role,
    fields: dict[str, Any] | None = None,
    expected_seq: int | None = None,
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> Recorded:
    """Record any later event or correction on a case; the case is re-planned in the same step."""
    entry = {**(fields or {}), "type": event_type, "date": event_date.isoformat()}
    command = RecordEvent(case_key, entry, idempotency_key, expected_seq)
    with opened(database_url()) as store:
        result = record(store, Actor(actor, role), command, now or _utc_now())
        _publish(store, result)
    return result


def _publish(store: CaseStore, result: Recorded) -> None:
    logger = get_run_logger()
    verb = "already recorded" if result.already_recorded else "recorded"
    logger.info("case %s entry %s: %s %s", result.case_key, result.seq, result.type, verb)
    if result.already_recorded:
        return
    emit_event(
        event=f"reintegration.case.{result.type}",
        resource={"prefect.resource.id": f"reintegration.case.{result.case_key}"},
        payload={"seq": result.seq, "business_date": result.business_date.isoformat()},
    )
    rows = timeline(store, result.case_key, result.business_date)
    create_table_artifact(
        key=artifact_key(result.case_key),
        table=[{"date": str(row.day), "what": row.what, "status": row.status} for row in rows],
        description=f"Timeline of case {result.case_key}: recorded events, open and overdue steps",
    )


def artifact_key(case_key: str) -> str:
    """Artifact keys allow lowercase letters, digits and dashes only."""
    return "case-" + re.sub(r"[^a-z0-9-]", "-", case_key.lower())


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
