"""Anyone with the rows can recompute the chain, now and after an upgrade: each entry's hash is
the SHA-256 of one canonical JSON object of its fields, written out below independently of the
store's code, so a change to the format (which would leave every stored chain unverifiable)
fails here. The process and the database run in Amsterdam time, so a timestamp hashed in any
zone but UTC shows too."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Date, DateTime, create_engine, text
from sqlalchemy.engine import make_url

from tests.store.conftest import run_cli

CASE = "E1042-20260105"
GENESIS = "0" * 64


@pytest.fixture
def amsterdam(hr: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The local time zone, and PostgreSQL's session zone, are Amsterdam's (UTC+1 in winter)."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    if make_url(hr).get_backend_name() == "postgresql":
        engine = create_engine(hr)
        with engine.begin() as connection:
            database = make_url(hr).database
            connection.execute(
                text(f"ALTER DATABASE \"{database}\" SET timezone = 'Europe/Amsterdam'")
            )
        engine.dispose()
    yield hr
    monkeypatch.undo()
    time.tzset()


def expected_hash(row: dict[str, object], case_key: str) -> str:
    """The documented format: these ten fields, keys sorted, no spaces, UTF-8 as it is, the
    timestamp in UTC with microseconds."""
    recorded_at = row["recorded_at"]
    assert isinstance(recorded_at, dt.datetime)
    utc = (
        recorded_at.replace(tzinfo=dt.UTC)  # SQLite keeps no zone: it was written in UTC
        if recorded_at.tzinfo is None
        else recorded_at.astimezone(dt.UTC)
    )
    business_date = row["business_date"]
    assert isinstance(business_date, dt.date)
    content = {
        "case": case_key,
        "seq": row["seq"],
        "business_date": business_date.isoformat(),
        "type": row["type"],
        "payload": row["payload"],
        "actor": row["actor"],
        "role": row["role"],
        "recorded_at": utc.isoformat(timespec="microseconds"),
        "idempotency_key": row["idempotency_key"],
        "prev_hash": row["prev_hash"],
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_each_stored_hash_is_the_documented_sha256_of_its_row_and_the_chain_links(
    amsterdam: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three entries, with a name and a case manager beyond ASCII and an idempotency key: each
    stored hash is recomputed from its row, each entry points at the one before, the case row
    holds the last hash, and `verify`, reading the rows back in this zone, agrees."""
    monkeypatch.setenv("REINTEGRATION_ACTOR", "zoë.hr")  # not ASCII, as names often are not
    for args in (
        ["report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05"],
        ["record", CASE, "physician_notified", "--date", "2026-01-06", "--idempotency-key", "k1"],
        ["record", CASE, "plan_of_action_agreed", "case_manager=Zoë Çelik", "--date", "2026-01-30"],
    ):
        assert run_cli(capsys, *args)[0] == 0
    engine = create_engine(amsterdam)
    with engine.connect() as connection:
        query = text(
            'SELECT c.key AS case_key, c.head_hash, e.* FROM event_log e JOIN "case" c '
            "ON c.id = e.case_id ORDER BY e.seq"
        ).columns(recorded_at=DateTime(timezone=True), business_date=Date())
        rows = [dict(row._mapping) for row in connection.execute(query)]
    engine.dispose()

    assert [row["seq"] for row in rows] == [1, 2, 3]
    assert rows[2]["payload"].count("Zoë Çelik") == 1  # hashed as it is, not as \u escapes
    previous = GENESIS
    for row in rows:
        assert row["prev_hash"] == previous, row["seq"]
        assert row["hash"] == expected_hash(row, CASE), row["seq"]
        previous = str(row["hash"])
    assert rows[-1]["head_hash"] == previous
    assert run_cli(capsys, "verify")[:2] == (
        0,
        "verify: all 3 entries are intact; every hash chain checks out.\n",
    )
