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
    await_events(case, "reported_sick", "recovered")


def await_events(case: str, *types: str) -> None:
    """Wait (30 s at most) until the Prefect server holds an event of each type for `case`."""
    wanted = {f"reintegration.case.{kind}" for kind in types}
    with get_client(sync_client=True) as client:
        names: set[str] = set()
        deadline = time.monotonic() + 30
        while wanted - names:
            assert time.monotonic() < deadline, names
            ours = EventFilter(event=EventNameFilter(prefix=["reintegration.case."]))
            page = client.read_events(ours, limit=50)  # this server refuses the default, 100
            names = {e.event for e in page.events if e.resource.id == f"reintegration.case.{case}"}
            time.sleep(0.5)


def test_a_sick_report_flow_carries_the_facts_and_the_first_name(store_url: str) -> None:
    """The flow's command holds the report's facts and the first name (neither medical nor a
    secret): both are stored, and the facts are a Prefect event of their own."""
    facts = {"vangnet": True, "expected_duration": "1_to_6_weeks"}
    command = ReportSick(
        "E11", "Wim Willems", {"date": "2026-01-05"}, facts=facts, first_name="Wim"
    )
    with clock.simulated(REPORTED):
        result = report_sick_flow(command, token(store_url, HR.name))
    assert (result.seq, result.facts) == (1, facts)
    with opened(store_url) as store:
        stored = store.cases.load(result.case_key)
    assert [e.type for e in stored.log] == ["reported_sick", "sick_facts_recorded"]
    assert stored.employee.first_name == "Wim"
    await_events(result.case_key, "reported_sick", "sick_facts_recorded")


def test_the_days_first_dispatch_refreshes_the_timeline_of_a_case_whose_step_fell_overdue(
    store_url: str,
) -> None:
    """A timeline artifact is as of the day it is made, with who must act on each step; the
    09:00 dispatcher run makes a new one for each case with a step that fell overdue since
    the last working day (here Monday, for the physician's notification due on Sunday)."""
    with clock.simulated(REPORTED):
        case = report_sick_flow(sick("E10", "Kim"), token(store_url, HR.name)).case_key
    with clock.simulated(dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)):  # 09:00 in Amsterdam
        dispatch_reminders_flow()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[artifact_key(case)]))
        )
    assert len(artifacts) == 2
    latest = max(artifacts, key=lambda artifact: artifact.created or dt.datetime.min)
    assert (
        '"what": "notify_physician", "status": "overdue", "party": "employer", '
        '"title": "Report the absence to the occupational physician"'
    ) in str(latest.data)


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
        assert stored.employee.first_name == "Jan"  # the reminders to him may use it
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
