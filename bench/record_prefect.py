"""Benchmark of recording one event through the Prefect flow path: `reintegration record CASE
physician_notified --date D` as a new process with PREFECT_API_URL set, so that the entry is
recorded inside a `record-event` flow run on a Prefect server (a temporary one, started here as
the tests start theirs), on a SQLite store.

What is measured, each run on a case of its own that holds one entry (its sick report), as in
`bench/record_cli.py`: from starting the process until the new entry is committed ("start to
commit"), until the process has ended ("start to exit"), and the process's CPU time (user +
sys, start to exit). The load average is printed with the figures: on a loaded machine the
wall times grow with the waiting, the CPU time much less. Interleaved with them, a process that
imports what the CLI imports on this path before its commit (`IMPORTS`: Prefect and the
store) and ends: the floor of the figures, start to exit and CPU. The processes use compiled
bytecode (written by a first untimed run) and a Prefect home of their own. Given another
installation's `reintegration` script (another worktree's `.venv/bin/reintegration`, say), it
is measured too, interleaved: before against after.

Run: .venv/bin/python bench/record_prefect.py [RUNS] [OTHER-SCRIPT]   (default 21; prints its
figures; the server takes some 20 s to start)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowFilter, FlowFilterName
from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_ANALYTICS_ENABLED, temporary_settings
from prefect.testing.utilities import prefect_test_harness
from record_cli import FIRST_DAY, HR, SCRIPT, child_environment, interleaved, print_processes

from adapters.store.database import DATABASE_FILE, open_store
from service.accounts import TokenRequest, create_token
from service.ports import NewAccount
from service.recording import ReportSick, report_sick

IMPORTS = "cli.main, cli.recording, flows.cases"  # flows.cases: Prefect, the store, the service


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    scripts = {"": SCRIPT} | ({" (other)": Path(sys.argv[2])} if len(sys.argv) > 2 else {})
    now = dt.datetime.now(dt.UTC)
    with (
        tempfile.TemporaryDirectory() as tmp,
        temporary_settings(updates={PREFECT_SERVER_ANALYTICS_ENABLED: False}),  # no telemetry
        prefect_test_harness(server_startup_timeout=90),
    ):
        data_dir = Path(tmp)
        url = f"sqlite:///{data_dir / DATABASE_FILE}"
        store = open_store(url, tmp)  # the key file in tmp
        store.directory.add_account(NewAccount(HR.name, HR.name, HR.role, None, now))
        token = create_token(store, HR, TokenRequest(HR.name), now).token
        cases = []
        for n in range(len(scripts) * (runs + 1)):
            command = ReportSick(f"E{n:04d}", f"Employee {n}", {"date": FIRST_DAY.isoformat()})
            cases.append(report_sick(store, HR, command, now).case_key)
        store.engine.dispose()
        environment = child_environment(
            {
                "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                "PREFECT_HOME": str(data_dir / "prefect"),
                "REINTEGRATION_TOKEN": token,
            }
        )
        load_before = os.getloadavg()[0]
        samples = interleaved(scripts, runs, (url, data_dir, cases), environment, IMPORTS)
        load_after = os.getloadavg()[0]
        with get_client(sync_client=True) as client:
            flow_runs = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=["record-event"]))
            )
        completed = sum(1 for run in flow_runs if run.state and run.state.is_completed())

    print(
        f"record one event through a Prefect flow run, SQLite store, {runs} runs; load average "
        f"{load_before:.2f} before, {load_after:.2f} after ({os.cpu_count()} CPUs)"
    )
    print_processes(scripts, samples, IMPORTS, ", with PREFECT_API_URL set")
    print(f"record-event flow runs completed: {completed} of {len(scripts) * (runs + 1)}")


if __name__ == "__main__":
    main()
