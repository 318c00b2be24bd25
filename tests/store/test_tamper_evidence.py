"""Each entry's hash covers the whole entry: a change by SQL to any one of its fields, behind the
application's back, makes `reintegration verify` exit 1 with a line naming the case and the
entry; putting the value back makes it pass again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import (
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    column,
    create_engine,
    select,
    table,
    text,
)
from sqlalchemy.types import TypeEngine

from tests.store.conftest import run_cli

CASE = "E1042-20260105"
ENTRY = 2  # the middle entry of three: neither the first nor the case's head
ONE_DAY, ONE_SECOND = dt.timedelta(days=1), dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Hashed:
    """A field the hash covers: where it is stored, its type, and how the test changes it."""

    table: str  # the case key lives on the case row; every other field on the entry
    column: str
    kind: TypeEngine[Any]
    change: Callable[[Any], Any]


HASHED_FIELDS = {
    "case": Hashed("case", "key", String(), lambda key: key.replace("E1042", "E1043")),
    "seq": Hashed("event_log", "seq", Integer(), lambda seq: seq + 7),
    "business_date": Hashed("event_log", "business_date", Date(), lambda d: d + ONE_DAY),
    "type": Hashed("event_log", "type", String(), lambda _: "evaluation_held"),
    "payload": Hashed("event_log", "payload", String(), lambda payload: payload + " "),
    "actor": Hashed("event_log", "actor", String(), lambda _: "mallory"),
    "role": Hashed("event_log", "role", String(), lambda _: "auditor"),
    "recorded_at": Hashed(
        "event_log", "recorded_at", DateTime(timezone=True), lambda at: at + ONE_SECOND
    ),
    "idempotency_key": Hashed("event_log", "idempotency_key", String(), lambda _: "other-key"),
    "prev_hash": Hashed("event_log", "prev_hash", String(), lambda digest: digest[::-1]),
}


@pytest.fixture
def engine(hr: str) -> Iterator[Engine]:
    engine = create_engine(hr)
    yield engine
    engine.dispose()


def read(engine: Engine, field: Hashed, row_id: int) -> Any:
    target = table(field.table, column("id", Integer()), column(field.column, field.kind))
    with engine.connect() as connection:
        query = select(target.c[field.column]).where(target.c.id == row_id)
        return connection.execute(query).scalar_one()


def write(engine: Engine, field: Hashed, row_id: int, value: Any) -> None:
    """Set the field by SQL, as someone with database rights could."""
    target = table(field.table, column("id", Integer()), column(field.column, field.kind))
    with engine.begin() as connection:
        connection.execute(
            target.update().values({field.column: value}).where(target.c.id == row_id)
        )


def row_ids(engine: Engine) -> dict[str, int]:
    """The id of the case row, and of the entry under test, by table."""
    with engine.connect() as connection:
        case = connection.execute(text('SELECT id FROM "case" WHERE key = :k'), {"k": CASE})
        entry = connection.execute(text("SELECT id FROM event_log WHERE seq = :s"), {"s": ENTRY})
        return {"case": case.scalar_one(), "event_log": entry.scalar_one()}


def history(capsys: pytest.CaptureFixture[str]) -> None:
    """Three entries; the second carries an idempotency key, so that field is not empty."""
    for args in (
        ["report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05"],
        ["record", CASE, "physician_notified", "--date", "2026-01-06", "--idempotency-key", "k1"],
        ["record", CASE, "partially_recovered", "percentage=60", "--date", "2026-01-20"],
    ):
        assert run_cli(capsys, *args)[0] == 0


def test_every_hashed_field_changed_by_sql_is_reported_by_verify_naming_case_and_entry(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    intact = (0, "verify: all 3 entries are intact; every hash chain checks out.\n", "")
    assert run_cli(capsys, "verify") == intact
    ids, unreported = row_ids(engine), {}
    for name, field in HASHED_FIELDS.items():
        old = read(engine, field, ids[field.table])
        new = field.change(old)
        write(engine, field, ids[field.table], new)
        case = new if name == "case" else CASE
        entry = new if name == "seq" else ENTRY
        code, out, _ = run_cli(capsys, "verify")
        altered = f"  case {case}: entry {entry} was altered after it was recorded"
        if code != 1 or altered not in out.splitlines():
            unreported[name] = (code, out)
        write(engine, field, ids[field.table], old)
        assert run_cli(capsys, "verify") == intact, f"{name} was not put back"
    assert unreported == {}, "changed by SQL, but verify did not report the entry as altered"
