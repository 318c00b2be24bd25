"""Real processes against one store: concurrent writers and a writer killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from adapters.store.case_store import CaseStore
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import verify
from tests.store.conftest import AUDITOR, HR, NOW

CASE = "E1042-20260105"
ROOT = Path(__file__).parents[2]


def writer(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", url, CASE, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def open_case(store: CaseStore) -> None:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    record(
        store, HR, RecordEvent(CASE, {"type": "plan_of_action_agreed", "date": "2026-02-01"}), NOW
    )


def test_two_writers_deciding_on_the_same_version_exactly_one_wins(
    store: CaseStore, database_url: str
) -> None:
    open_case(store)
    for round_ in range(3):
        seen = store.load(CASE).row.last_seq
        start_at = str(time.time() + 2.5)  # both processes are loaded and waiting by then
        racers = [
            writer(database_url, "race", start_at, str(seen), f"2026-03-0{day}") for day in (1, 2)
        ]
        results = [(racer.wait(timeout=60), racer.communicate()[0].strip()) for racer in racers]
        codes = sorted(code for code, _ in results)
        assert codes == [0, 1], (round_, results)
        loser = next(out for code, out in results if code == 1)
        assert f"case {CASE} changed" in loser
        assert "reload" in loser
        assert store.load(CASE).row.last_seq == seen + 1
    assert verify(store, AUDITOR) == (5, [])


def test_a_writer_killed_mid_write_leaves_a_valid_store(
    store: CaseStore, database_url: str
) -> None:
    open_case(store)
    for _ in range(3):
        process = writer(database_url, "loop")
        assert process.stdout is not None
        for _ in range(15):  # let it get well into writing
            process.stdout.readline()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()  # type: ignore[union-attr]
        checked, problems = verify(store, AUDITOR)
        assert problems == []
        assert checked == store.count_entries() == store.load(CASE).row.last_seq
    entry = {"type": "evaluation_held", "date": "2026-03-02"}
    assert record(store, HR, RecordEvent(CASE, entry), NOW).seq == store.count_entries()
