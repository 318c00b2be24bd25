"""Serving the dispatcher as a deployment from this process, as `prefect.yaml` declares it for a
process work pool, for users who want it running with one command. The recording flows are no
deployments: a run started from the Prefect UI would have to carry a person's token, which
Prefect would keep with the run; they run where the person signed in (the CLI, the API)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.reminders import TIME_ZONE, WORKING_HOURS_CRON, dispatch_reminders_flow


def serve_all() -> None:
    serve(
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
