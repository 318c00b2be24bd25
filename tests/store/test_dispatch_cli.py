"""`reintegration dispatch`: sends what is due now without Prefect, says what it sent, and when
nothing is due, when the next reminder goes out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from adapters.amsterdam_time import AMSTERDAM
from adapters.store.case_store import CaseStore
from tests.store.conftest import run_cli as run

CASE = "E1042-20260105"


def outbox(tmp_path: Path) -> list[dict[str, object]]:
    path = tmp_path / "data" / "outbox.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_dispatch_sends_what_is_due_says_what_and_then_when_the_next_goes_out(
    hr: str, store: CaseStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the first send time nothing goes out and the command names the next reminder;
    at it, the reminder goes to the outbox and is listed by case, step, kind and party (no
    names); run again, nothing goes out twice."""
    assert (
        run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05")[0] == 0
    )
    planned = store.reminders.next_pending()
    assert planned is not None
    first = planned.reminder
    local = first.send_at.astimezone(AMSTERDAM)
    just_before = (local - dt.timedelta(minutes=1)).isoformat()

    code, out, err = run(capsys, "dispatch", "--now", just_before)
    assert (code, err) == (0, "")
    assert out == (
        f"Nothing to send at {(local - dt.timedelta(minutes=1)):%a %-d %b %Y %H:%M}: the next "
        f"reminder goes out {local:%a %-d %b %Y %H:%M} ({first.step}, {first.kind}, to "
        f"{first.party}, case {CASE}).\n"
    )
    assert outbox(tmp_path) == []

    code, out, _ = run(capsys, "dispatch", "--now", local.strftime("%Y-%m-%dT%H:%M"))
    assert code == 0
    assert f"{CASE}: {first.step} ({first.kind}) to the {first.party} via outbox" in out
    assert "Jan Jansen" not in out
    sent = outbox(tmp_path)
    assert len(sent) == out.count(f"{CASE}: ")
    assert run(capsys, "dispatch", "--now", local.isoformat())[1].startswith("Nothing to send")
    assert len(outbox(tmp_path)) == len(sent)


def test_dispatch_with_nothing_planned_says_so(hr: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty store: nothing to send, and no reminder planned."""
    code, out, _ = run(capsys, "dispatch", "--now", "2027-01-04T09:00+01:00")
    assert code == 0
    assert out == "Nothing to send at Mon 4 Jan 2027 09:00: no reminder is planned.\n"


def test_a_moment_that_is_not_one_is_refused_in_one_line(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--now tomorrow` is refused with one line and exit 1; nothing is sent."""
    code, out, err = run(capsys, "dispatch", "--now", "tomorrow")
    assert (code, out) == (1, "")
    assert err == "reintegration: --now 'tomorrow' is not a moment such as 2027-01-04T09:00\n"
