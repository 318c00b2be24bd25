"""Through the `reintegration` command: a correction or retraction must point at an original
entry; one that points at another correction is refused on one line and nothing is recorded."""

from __future__ import annotations

import json

import pytest

from tests.store.conftest import run_cli

CASE = "E1042-20260105"
FIXED = {"type": "partially_recovered", "date": "2026-01-21", "percentage": 50}
OF_ENTRY_3 = {
    "correction": ["event_corrected", "corrects=3", f"event={json.dumps(FIXED)}"],
    "retraction": ["event_retracted", "retracts=3"],
}


@pytest.mark.parametrize("second", list(OF_ENTRY_3))
def test_a_correction_of_a_correction_is_refused_and_nothing_is_recorded(
    hr: str, capsys: pytest.CaptureFixture[str], second: str
) -> None:
    """Entry 3 corrects entry 2; correcting or retracting entry 3 is refused (exit 1, one line
    on standard error pointing at the original entry), and the trail still has 3 entries."""
    for args in (
        ["report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05"],
        ["record", CASE, "partially_recovered", "percentage=60", "--date", "2026-01-20"],
        [
            "record",
            CASE,
            "event_corrected",
            "corrects=2",
            f"event={json.dumps(FIXED)}",
            "--date",
            "2026-01-22",
        ],
    ):
        assert run_cli(capsys, *args)[0] == 0
    code, out, err = run_cli(capsys, "record", CASE, *OF_ENTRY_3[second], "--date", "2026-01-23")
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: ")
    assert err.count("\n") == 1
    assert "correct the original entry" in err
    assert run_cli(capsys, "verify")[1].startswith("verify: all 3 entries are intact")
