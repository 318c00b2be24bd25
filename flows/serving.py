"""Serving the flows as deployments from this process: the same three `prefect.yaml` declares
for a process work pool, for users who want it running with one command."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.cases import record_event_flow, report_sick_flow
from flows.reminders import TIME_ZONE, WORKING_HOURS_CRON, dispatch_reminders_flow


def serve_all() -> None:
    serve(
        _built(report_sick_flow.to_deployment(name="report-sick")),
        _built(record_event_flow.to_deployment(name="record-event")),
        _built(
            dispatch_reminders_flow.to_deployment(
                name="dispatch-reminders",
                schedules=[Cron(WORKING_HOURS_CRON, timezone=TIME_ZONE)],
                concurrency_limit=1,
            )
        ),
    )


def _built(
    deployment: RunnerDeployment | Coroutine[Any, Any, RunnerDeployment],
) -> RunnerDeployment:
    assert isinstance(deployment, RunnerDeployment)  # called from sync code: no coroutine
    return deployment
