"""Voiding a case opened by mistake on a real store (SQLite and PostgreSQL): `record CASE
event_retracted retracts=1` voids it; it leaves `cases` and the dashboard, its reminders stop,
its seals still verify, and the next report opens a case of its own."""

from __future__ import annotations

import pytest

from adapters.store.case_store import CaseStore
from service.ports import ReminderStatus
from tests.store.conftest import as_account
from tests.store.conftest import run_cli as run

CASE = "E1042-20261102"


def test_a_voided_case_leaves_the_lists_sends_nothing_and_still_verifies(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """The voiding entry is recorded like any other and said in words; afterwards `cases` is
    empty, no reminder waits, `verify` finds every seal intact, and a new report opens `-2`."""
    assert (
        run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-11-02")[0] == 0
    )
    assert any(r.status is ReminderStatus.PENDING for r in store.reminders.of_case(CASE))
    code, out, err = run(
        capsys, "record", CASE, "event_retracted", "retracts=1", "--date", "2026-11-03"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Recorded case {CASE} entry 2: event_retracted on 2026-11-03",
        "The case is void (opened by mistake): nothing more is due, sent or recorded.",
    ]
    assert run(capsys, "cases")[1] == "No open cases.\n"
    assert all(r.status is not ReminderStatus.PENDING for r in store.reminders.of_case(CASE))
    code, out, _ = run(capsys, "verify", *as_account("olga.auditor"))
    assert code == 0, out
    code, out, err = run(capsys, "record", CASE, "physician_notified", "--date", "2026-11-03")
    assert (code, out) == (1, "")
    assert err.startswith(f"reintegration: case {CASE} was voided on 2026-11-03")
    code, out, _ = run(
        capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-11-02"
    )
    assert out.startswith(f"Recorded case {CASE}-2 entry 1: reported_sick on 2026-11-02")
