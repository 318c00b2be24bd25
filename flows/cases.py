"""The flows HR starts: a sick report, and every later event. Thin: they call the service layer
with the command as given, then publish the case's timeline as an artifact and each event as a
Prefect event.

Parameters, logs, events and artifacts carry the case key, the employee key, display name and
first name, the facts of a sick report (whether, never why), event types and dates: never
anything medical (the store holds nothing medical to begin with), and never a contact route
(those hold secrets: add them with `reintegration contacts`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

import httpx
from prefect import Flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.client.orchestration import get_client
from prefect.context import SettingsContext, get_settings_context
from prefect.events import emit_event
from pydantic import SecretStr
from pydantic_core import to_jsonable_python

from adapters.store.database import database_url, opened
from domain.errors import BadInputError
from flows import clock
from service.accounts import authenticate
from service.recording import (
    FACTS_TYPE,
    Recorded,
    RecordEvent,
    ReportSick,
    record,
    report_sick,
)
from service.timeline import TimelineRow

P = ParamSpec("P")
R = TypeVar("R")


class _Flow(Flow[P, R]):
    """A flow whose run's parameters are stored as pydantic gives them in JSON (dataclasses as
    objects, a `SecretStr` masked), exactly as Prefect's own way, FastAPI's `jsonable_encoder`,
    gives these, without importing FastAPI (~80 ms before the entry is recorded)."""

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        return {
            name: to_jsonable_python(value, fallback=lambda value: f"<{type(value).__name__}>")
            for name, value in parameters.items()
        }


def _flow(name: str) -> Callable[[Callable[P, R]], Flow[P, R]]:
    """As Prefect's `@flow(name=...)`, making a `_Flow`."""

    def make(fn: Callable[P, R]) -> Flow[P, R]:
        return _Flow(fn, name=name)

    return make


@contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow runs started within run without Prefect's heartbeat thread, which tells a crashed
    long run from a live one: a run of these flows lasts a fraction of a second, and a sync
    run's end waits for the thread's next wake-up (it sleeps in 1 s steps), ~1 s that the CLI
    would otherwise spend before it prints what was recorded. (As `temporary_settings` does, but
    with the settings copied rather than loaded again from every source: 30-50 ms less.)"""
    context = get_settings_context()
    settings = context.settings
    flows = settings.flows.model_copy(update={"heartbeat_frequency": None})
    quiet = settings.model_copy(update={"flows": flows})
    with SettingsContext(profile=context.profile, settings=quiet):
        yield


@_flow("report-sick")
def report_sick_flow(command: ReportSick, token: SecretStr) -> Recorded:
    """HR (or a manager) reports an employee sick: opens the case, or continues a linked one.
    `token` is the acting person's: the flow acts as its account (Prefect keeps a `SecretStr`
    parameter masked)."""
    if command.contacts:
        raise BadInputError("contact routes hold secrets and are never flow parameters")
    moment = clock.now()
    with opened(database_url()) as store:
        actor = authenticate(store, token.get_secret_value(), moment)
        result = report_sick(store, actor, command, moment)
    _publish(result)
    return result


@_flow("record-event")
def record_event_flow(command: RecordEvent, token: SecretStr) -> Recorded:
    """Record any later event or correction on a case, as the account of `token`; the case is
    re-planned in the same step."""
    moment = clock.now()
    with opened(database_url()) as store:
        actor = authenticate(store, token.get_secret_value(), moment)
        result = record(store, actor, command, moment)
    _publish(result)
    return result


def check_server() -> None:
    """Refuse on one line, before anything is recorded, when the Prefect server does not answer
    (rather than the engine's traceback once the flow run is started)."""
    with get_client(sync_client=True) as client:
        error = client.api_healthcheck()
        server = urlsplit(str(client.api_url))
    if error is not None:
        where = server._replace(netloc=server.netloc.rpartition("@")[2]).geturl()  # no user
        reason = (
            f"HTTP {error.response.status_code}"  # its text names the URL, password and all
            if isinstance(error, httpx.HTTPStatusError)
            else (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        )
        raise BadInputError(
            f"the Prefect server at {where} does not answer: {reason}; nothing was recorded"
        )


def _publish(result: Recorded) -> None:
    logger = get_run_logger()
    verb = "already recorded" if result.already_recorded else "recorded"
    logger.info("case %s entry %s: %s %s", result.case_key, result.seq, result.type, verb)
    if result.already_recorded:
        return
    written = [(result.seq, result.type)]
    if result.facts is not None:  # a sick report's facts, recorded right after it
        written.append((result.seq + 1, FACTS_TYPE))
    for seq, kind in written:
        emit_event(
            event=f"reintegration.case.{kind}",
            resource={"prefect.resource.id": f"reintegration.case.{result.case_key}"},
            payload={"seq": seq, "business_date": result.business_date.isoformat()},
        )
    publish_timeline(result.case_key, result.timeline)


def publish_timeline(case_key: str, timeline: list[TimelineRow]) -> None:
    """The case's timeline as its table artifact, as of today (a newer one replaces it)."""
    create_table_artifact(
        key=artifact_key(case_key),
        table=[row.as_dict() for row in timeline],
        description=f"Timeline of case {case_key}: recorded events, open and overdue steps, "
        "with who must act",
    )


def artifact_key(case_key: str) -> str:
    """Artifact keys allow lowercase letters, digits and dashes only."""
    return "case-" + re.sub(r"[^a-z0-9-]", "-", case_key.lower())
