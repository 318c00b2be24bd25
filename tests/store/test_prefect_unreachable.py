"""With PREFECT_API_URL set and the server down, `record` and `report-sick` say so on one line
and exit 1, and nothing is recorded (issue 14: it was a 113-line traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from service.recording import ReportSick, report_sick
from tests.helpers import free_port
from tests.store.conftest import HR, NOW

CASE = "E1042-20260105"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # Prefect's part, not SQL's
def test_a_prefect_server_that_does_not_answer_is_one_line_and_nothing_is_recorded(
    hr: str, store: CaseStore
) -> None:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    server = f"http://127.0.0.1:{free_port()}/api"
    script = Path(sys.executable).with_name("reintegration")
    for command in (
        ["record", CASE, "physician_notified", "--date", "2026-01-06"],
        ["report-sick", "E2001", "--name", "Piet Peters", "--date", "2026-01-07"],
    ):
        done = subprocess.run(
            [str(script), *command],
            env={**os.environ, "PREFECT_API_URL": server},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stdout) == (1, ""), done.stderr
        assert done.stderr.startswith(
            f"reintegration: the Prefect server at {server}/ does not answer: "
        ), done.stderr
        assert done.stderr.endswith("; nothing was recorded\n")
        assert done.stderr.count("\n") == 1
    assert store.cases.load(CASE).case.last_seq == 1
    assert store.cases.count_entries() == 1  # no second case either
