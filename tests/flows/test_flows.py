"""The real flows under a real (temporary) Prefect server: the wiring, tested once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterKey,
    FlowFilter,
    FlowFilterName,
)
from prefect.client.schemas.schedules import CronSchedule
from prefect.events.filters import EventFilter, EventNameFilter
from prefect.settings import PREFECT_API_URL
from prefect.testing.utilities import prefect_test_harness
from pydantic import SecretStr
from sqlmodel import Session, select

from adapters.store.database import opened
from adapters.store.tables import ContactRoute
from flows import clock
from flows.cases import artifact_key, record_event_flow, report_sick_flow
from flows.demo import SCRIPT, run_demo, summary
from flows.reminders import WORKING_HOURS_CRON, dispatch_reminders_flow
from notifications.sinks import read_outbox
from service.recording import RecordEvent, ReportSick
from tests.organisation import HR, PHYSICIAN, assign_physician, organise, token_for

REPORTED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=90):
        yield


def sick(employee: str, name: str) -> ReportSick:
    return ReportSick(employee, name, {"date": "2026-01-05"})


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", url)
    monkeypatch.setenv("REINTEGRATION_OUTBOX", str(tmp_path / "outbox.jsonl"))
    with opened(url) as store:
        organise(store)
    return url


def token(store_url: str, login: str) -> SecretStr:
    with opened(store_url) as store:
        return SecretStr(token_for(store, login))


def test_hr_flows_record_replan_and_the_dispatcher_sends(store_url: str, tmp_path: Path) -> None:
    with clock.simulated(REPORTED):
        case = report_sick_flow(sick("E1042", "Jan Jansen"), token(store_url, HR.name)).case_key
    assert case == "E1042-20260105"
    with opened(store_url) as store:
        assign_physician(store, case)
    with clock.simulated(REPORTED + dt.timedelta(days=9)):
        seq = record_event_flow(
            RecordEvent(case, {"type": "physician_consulted", "date": "2026-01-14"}),
            token(store_url, PHYSICIAN.name),
        )
    assert seq.seq == 2
    with clock.simulated(dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC)):
        sent = dispatch_reminders_flow()
    # notify_physician's ahead, due and escalation are all due: only the latest goes out
    assert sent == {"sent": 1, "retrying": 0, "given_up": 0}
    [escalation] = read_outbox(tmp_path / "outbox.jsonl")
    assert escalation["party"] == "hr"
    assert escalation["subject"].startswith("Termijn verstreken sinds zondag 11 januari 2026")
    with opened(store_url) as store:
        assert store.cases.load(case).case.last_seq == 2


def test_a_bad_event_fails_the_flow_run_with_the_reason(store_url: str) -> None:
    hr = token(store_url, HR.name)
    with clock.simulated(REPORTED):
        case = report_sick_flow(sick("E7", "Piet"), hr).case_key
    with pytest.raises(ValueError, match="the hr role may not record problem_analysis_done"):
        record_event_flow(
            RecordEvent(case, {"type": "problem_analysis_done", "date": "2026-01-06"}), hr
        )
    with pytest.raises(ValueError, match="not signed in"):
        record_event_flow(
            RecordEvent(case, {"type": "recovered", "date": "2026-01-06"}), SecretStr("rtk_x")
        )


def test_a_flow_run_keeps_the_token_masked_and_takes_no_identity_or_time_parameter(
    store_url: str,
) -> None:
    """Prefect stores a run's parameters: the token is masked there, and no parameter can
    name who acts or when (the flows' clock is the real one outside the demonstration)."""
    hr = token(store_url, HR.name)
    report_sick_flow(sick("E8", "Ans"), hr)
    for flow in (report_sick_flow, record_event_flow, dispatch_reminders_flow):
        assert not {"actor", "role", "now", "recorded_at"} & set(flow.parameters.properties)
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["report-sick"]))
        )
    stored = [json.dumps(run.parameters, default=str) for run in runs]
    assert stored
    assert all(hr.get_secret_value() not in text for text in stored)


def test_each_case_has_a_timeline_artifact_and_each_event_is_a_prefect_event(
    store_url: str,
) -> None:
    hr = token(store_url, HR.name)
    with clock.simulated(REPORTED):
        case = report_sick_flow(sick("E9", "Els"), hr).case_key
    with clock.simulated(REPORTED + dt.timedelta(days=15)):
        record_event_flow(RecordEvent(case, {"type": "recovered", "date": "2026-01-20"}), hr)
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[artifact_key(case)]))
        )
        assert len(artifacts) == 2  # a version per flow run: the timeline as it grew
        latest = max(artifacts, key=lambda artifact: artifact.created or dt.datetime.min)
        assert '"what": "recovered", "status": "recorded"' in str(latest.data)
        names: set[str] = set()
        deadline = time.monotonic() + 30
        while {"reintegration.case.reported_sick", "reintegration.case.recovered"} - names:
            assert time.monotonic() < deadline, names
            ours = EventFilter(event=EventNameFilter(prefix=["reintegration.case."]))
            page = client.read_events(ours, limit=50)  # this server refuses the default, 100
            names = {e.event for e in page.events if e.resource.id == f"reintegration.case.{case}"}
            time.sleep(0.5)


def test_the_demonstration_runs_a_burnout_case_to_return_to_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a store of its own: the demonstration brings its own organisation."""
    store_url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", store_url)
    monkeypatch.setenv("REINTEGRATION_OUTBOX", str(tmp_path / "outbox.jsonl"))
    lines: list[str] = []
    case = run_demo(lines.append)
    assert case == "E1042-20260105"
    assert any("reports sick again, 3 weeks after recovering (linked)" in line for line in lines)
    parties = {line.split("->")[1].split()[0] for line in lines if "->" in line}
    assert parties == {"employee", "manager", "hr", "physician"}
    with opened(store_url) as store:
        stored = store.cases.load(case)
        assert (stored.case.status, stored.case.last_seq) == ("recovered", len(SCRIPT) + 2)
        assert [r for r in store.reminders.of_case(case) if r.status == "pending"] == []
    shown = summary(case)
    assert shown[-2].startswith("Reminders received: employee")
    assert any("stage 1: 3x2h, rest day between (setback)" in line for line in shown)
    assert any("-> employee  Je opbouw: even een stap terug" in line for line in lines)


def test_prefect_yaml_deploys_the_dispatcher_alone_on_the_working_hours_schedule(
    tmp_path: Path,
) -> None:
    """`prefect deploy --all` against the temporary server, as a user would run it."""
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "REINTEGRATION_HOME": str(ROOT),
    }
    prefect = [str(Path(sys.executable).with_name("prefect")), "--no-prompt"]
    subprocess.run(
        [*prefect, "work-pool", "create", "reintegration", "--type", "process"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*prefect, "deploy", "--all"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    with get_client(sync_client=True) as client:
        deployments = {d.name: d for d in client.read_deployments()}
    assert set(deployments) == {"dispatch-reminders"}  # no deployment acts for a person
    [schedule] = deployments["dispatch-reminders"].schedules
    assert isinstance(schedule.schedule, CronSchedule)
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (
        WORKING_HOURS_CRON,
        "Europe/Amsterdam",
    )


def test_with_a_prefect_server_configured_the_cli_records_through_the_flows(store_url: str) -> None:
    with opened(store_url) as store:
        token = token_for(store, HR.name)
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "REINTEGRATION_TOKEN": token,
    }
    script = str(Path(sys.executable).with_name("reintegration"))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([script, *args], env=env, capture_output=True, text=True, check=False)

    report = cli(
        "report-sick",
        "E55",
        "--name",
        "Ria",
        "--date",
        "2026-01-05",
        "--contact",
        "employee=mailto://ria:s3cret@example.org",
    )
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith(
        "Recorded case E55-20260105 entry 1: reported_sick on 2026-01-05"
    )
    bad = cli("record", "E55-20260105", "problem_analysis_done", "--date", "2026-01-06")
    assert bad.returncode == 1
    assert (
        bad.stderr
        == "reintegration: the hr role may not record problem_analysis_done (allowed: physician)\n"
    )
    with get_client(sync_client=True) as client:
        key = ArtifactFilterKey(any_=[artifact_key("E55-20260105")])
        assert client.read_artifacts(artifact_filter=ArtifactFilter(key=key))
    with opened(store_url) as store:
        assert store.cases.load("E55-20260105").case.last_seq == 1
        with Session(store.engine) as session:
            assert session.exec(select(ContactRoute.party)).all() == ["employee"]
