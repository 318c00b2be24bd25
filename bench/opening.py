"""Benchmark of opening cases and recording an event through the real service path, against a
reference that does the same domain work with raw SQL (issue 15).

Run: .venv/bin/python bench/opening.py [CASES] [SERVER_URL] [--runs N] [--postgres]
(default: 300 cases, 5 runs, SQLite in a temporary directory; --postgres starts a throwaway
PostgreSQL cluster as the tests do, unless SERVER_URL names a PostgreSQL server, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432, where the bench may create its databases).

Each run opens CASES cases (a new employee's sick report; 12 open steps and 69 reminders
each), then records one event on each (a `physician_notified`, which replans ~50 reminders),
three ways, interleaved ten cases at a time, each in a fresh copy of one migrated store:
- project: `report_sick` and `record`, the use cases the CLI, the API and the flows call;
- reference: the same domain work (parse and validate the entry, fold, open steps, reminder
  plan, Amsterdam send times, the hash chain and the keyed seals) with raw SQL on the
  driver's connection, one transaction per entry, writing the very rows the store writes
  (the row counts are compared, and both stores pass `verify` at the end);
- raw SQL: the reference's statements with their values computed beforehand (the seals that
  cover a new row's id aside).
Prints the medians and the ratios; asserts nothing (but stops if a store does not verify).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import astuple, replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from adapters.amsterdam_time import at_amsterdam_hour, today_in_amsterdam
from adapters.store import seals
from adapters.store.case_store import CaseStore
from adapters.store.database import open_store
from adapters.store.hash_chain import GENESIS, entry_hash
from adapters.store.tables import OPEN_WHILE_SICK
from domain.case import Case, replay
from domain.corrections import Entry, effective_history, parse_entry
from domain.events import Event
from domain.law_calendar import open_steps
from domain.reminders import SEND_HOUR, plan_reminders, still_to_send
from domain.roles import Role
from service.case_file import HOLIDAYS, Actor
from service.ports import UNPLANNED, LogEntry
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import verify

HR = Actor("bench.hr", Role.HR)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = today_in_amsterdam(NOW)
FIRST_DAY = TODAY - dt.timedelta(days=402)  # 12 open steps, 69 reminders still to send
RECORDED = {"type": "physician_notified", "date": (FIRST_DAY + dt.timedelta(days=1)).isoformat()}
SIDES = ("project", "reference", "raw SQL")
CHUNK = 10  # cases a side opens (or records on) before the next side's turn


def employee_key(run: int, n: int) -> str:
    return f"R{run:02d}E{n:06d}"


def case_key(run: int, n: int) -> str:
    return f"{employee_key(run, n)}-{FIRST_DAY:%Y%m%d}"


# The project: the use cases.


def project_open(store: CaseStore, run: int, cases: range) -> None:
    report = {"date": FIRST_DAY.isoformat()}
    for n in cases:
        report_sick(store, HR, ReportSick(employee_key(run, n), f"Employee {n}", report), NOW)


def project_record(store: CaseStore, run: int, cases: range) -> None:
    for n in cases:
        record(store, HR, RecordEvent(case_key(run, n), RECORDED), NOW)


# The reference: the same domain work, raw SQL on the driver's connection.


class Raw:
    """The driver's connection of `store`, with SQLite's `?` or psycopg's `%s` parameters."""

    def __init__(self, store: CaseStore) -> None:
        self.key = store.key
        self.pooled = store.engine.raw_connection()
        self.connection: Any = self.pooled.driver_connection
        self.sqlite = store.engine.dialect.name == "sqlite"

    def run(self, sql: str, params: Sequence[object] = ()) -> Any:
        return self.connection.execute(self._sql(sql), params)

    def many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        self.connection.cursor().executemany(self._sql(sql), rows)

    def _sql(self, sql: str) -> str:
        return sql if self.sqlite else sql.replace("?", "%s")

    def begin(self) -> None:
        if self.sqlite:  # the store's engine takes the write lock at BEGIN, so does this
            self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.connection.commit()

    def moment(self, value: dt.datetime) -> object:
        """A timestamp as the store writes it: SQLite's text in UTC, PostgreSQL's own type."""
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else value

    def close(self) -> None:
        self.pooled.close()


INSERT_EMPLOYEE = (
    "INSERT INTO employee (key, display_name, version, diary_signal, relations_mac) "
    "VALUES (?, ?, 0, false, '') RETURNING id"
)
INSERT_CASE = (
    'INSERT INTO "case" (key, employee_id, first_sick_day, status, recovered_on, open_until, '
    "last_seq, head_hash, reads, deliveries, identity_mac, state_mac, trail_mac, reads_mac, "
    "deliveries_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '', '', '', '', '') RETURNING id"
)
SEAL_CASE = (
    'UPDATE "case" SET identity_mac = ?, state_mac = ?, trail_mac = ?, reads_mac = ?, '
    "deliveries_mac = ? WHERE id = ?"
)
INSERT_ENTRY = (
    "INSERT INTO event_log (case_id, seq, business_date, type, payload, actor, role, "
    "recorded_at, idempotency_key, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_STEP = "INSERT INTO open_step (case_id, step, due) VALUES (?, ?, ?)"
INSERT_REMINDER = (
    "INSERT INTO reminder (case_id, key, step, due, kind, number, party, send_at, status, "
    "attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)"
)


def payload(entry: Entry) -> str:
    return json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def new_entry(entry: Entry, seq: int, prev_hash: str, case_key: str) -> LogEntry:
    """The entry as the store logs it, chained after `prev_hash`."""
    logged = LogEntry(
        seq, entry.date, entry.type, payload(entry), HR.name, HR.role, NOW, None, prev_hash, ""
    )
    return replace(logged, hash=entry_hash(case_key, logged))


class Planned(NamedTuple):
    """The folded case, its open steps, its plan's keys and the reminders still to send."""

    case: Case
    steps: list[tuple[object, ...]]
    plan_keys: list[str]
    reminders: list[tuple[object, ...]]


def planned(raw: Raw, history: Mapping[int, Event]) -> Planned:
    case = replay(list(history.values()), TODAY, list(history))
    steps = open_steps(case, HOLIDAYS)
    plan = plan_reminders(steps, HOLIDAYS)
    reminders: list[tuple[object, ...]] = [
        (
            r.key,
            r.step.value,
            r.due,
            r.kind.value,
            r.number,
            r.party.value,
            raw.moment(at_amsterdam_hour(r.send_on, SEND_HOUR)),
        )
        for r in still_to_send(plan, TODAY)
    ]
    return Planned(case, [(s.step.value, s.due) for s in steps], [r.key for r in plan], reminders)


@contextmanager
def transaction(raw: Raw) -> Iterator[None]:
    raw.begin()
    try:
        yield
    except BaseException:
        raw.connection.rollback()
        raise
    raw.commit()


def count_case(raw: Raw) -> None:
    """The store's keyed count of cases, one up (as `store_seal.count_new_case`)."""
    key_id, cases, mac = raw.run(
        "UPDATE store_seal SET cases = cases + 1 WHERE id = 1 RETURNING key_id, cases, mac"
    ).fetchone()
    assert key_id == raw.key.id
    if raw.key.checks(seals.store_cases(cases - 1), mac):
        renewed = raw.key.mac(seals.store_cases(cases))
        raw.run("UPDATE store_seal SET mac = ? WHERE id = 1", (renewed,))


def insert_case(raw: Raw, who: str, name: str, first: dt.date, head: str) -> int:
    """The employee (new), the store's count and the case row, all sealed; the case's id."""
    key, case_key = raw.key, f"{who}-{first:%Y%m%d}"
    assert raw.run("SELECT id FROM employee WHERE key = ?", (who,)).fetchone() is None
    count_case(raw)
    employee_id: int = raw.run(INSERT_EMPLOYEE, (who, name)).fetchone()[0]
    relations = {"id": employee_id, "key": who, "account_id": None}
    relations |= {"manager_id": None, "team_id": None}
    raw.run(
        "UPDATE employee SET relations_mac = ? WHERE id = ?",
        (key.mac(seals.employee_relations(relations)), employee_id),
    )
    columns: dict[str, object] = {"key": case_key, "employee_id": employee_id}
    columns |= {"first_sick_day": first, "status": "sick", "recovered_on": None}
    columns |= {"open_until": OPEN_WHILE_SICK, "last_seq": 1, "head_hash": head}
    case_id: int = raw.run(INSERT_CASE, tuple(columns.values())).fetchone()[0]
    columns |= {"id": case_id, "reads": 0, "deliveries": 0}
    raw.run(SEAL_CASE, (*seals.case_seals(key, columns, who).values(), case_id))
    return case_id


def write(
    raw: Raw,
    case_id: int,
    logged: LogEntry,
    steps: Sequence[tuple[object, ...]],
    reminders: Sequence[tuple[object, ...]],
) -> None:
    entry = astuple(logged)
    raw.run(INSERT_ENTRY, (case_id, *entry[:6], raw.moment(logged.recorded_at), *entry[7:]))
    raw.many(INSERT_STEP, [(case_id, *step) for step in steps])
    raw.many(INSERT_REMINDER, [(case_id, *reminder) for reminder in reminders])


def reference_open(raw: Raw, run: int, cases: range) -> None:
    for n in cases:
        who, key = employee_key(run, n), case_key(run, n)
        event = parse_entry({"date": FIRST_DAY.isoformat(), "type": "reported_sick"})
        logged = new_entry(event, 1, GENESIS, key)
        plan = planned(raw, effective_history([event]))
        with transaction(raw):
            first = plan.case.first_sick_day
            case_id = insert_case(raw, who, f"Employee {n}", first, logged.hash)
            write(raw, case_id, logged, plan.steps, plan.reminders)


LOAD_CASE = (
    'SELECT c.id, c.last_seq, c.employee_id, c.identity_mac, e.key FROM "case" c '
    "JOIN employee e ON e.id = c.employee_id WHERE c.key = ?"
)
HELD = (
    "id",
    "first_sick_day",
    "status",
    "recovered_on",
    "open_until",
    "last_seq",
    "head_hash",
    "state_mac",
    "trail_mac",
)
HOLD_CASE = f'SELECT {", ".join(HELD)} FROM "case" WHERE id = ?'  # noqa: S608 (names)
UPDATE_CASE = (
    'UPDATE "case" SET first_sick_day = ?, status = ?, recovered_on = ?, open_until = ?, '
    "last_seq = ?, head_hash = ?, state_mac = ?, trail_mac = ? WHERE id = ?"
)
SEAL_KEY = "SELECT key_id FROM store_seal WHERE id = 1"
KEPT_KINDS = [kind.value for kind in UNPLANNED]


def reference_record(raw: Raw, run: int, cases: range) -> None:
    key = raw.key
    lock_seal, lock_case = ("", "") if raw.sqlite else (" FOR KEY SHARE", " FOR UPDATE")
    for n in cases:
        case_key_ = case_key(run, n)
        case_id, last_seq, employee_id, identity, who = raw.run(LOAD_CASE, (case_key_,)).fetchone()
        ids = {"id": case_id, "key": case_key_, "employee_id": employee_id}
        assert key.checks(seals.case_identity(ids, who), identity)
        log = raw.run("SELECT payload FROM event_log WHERE case_id = ? ORDER BY seq", (case_id,))
        entries = [parse_entry(json.loads(row[0])) for row in log.fetchall()]
        adding = parse_entry(RECORDED)
        with transaction(raw):
            key_id = raw.run(SEAL_KEY + lock_seal).fetchone()
            assert key_id[0] == key.id
            current = dict(
                zip(HELD, raw.run(HOLD_CASE + lock_case, (case_id,)).fetchone(), strict=True)
            )
            if raw.sqlite:  # SQLite hands dates back as text
                for day in ("first_sick_day", "recovered_on", "open_until"):
                    current[day] = current[day] and dt.date.fromisoformat(current[day])
            assert current["last_seq"] == last_seq
            assert key.checks(seals.case_state(current), current["state_mac"])
            assert key.checks(seals.case_trail(current), current["trail_mac"])
            logged = new_entry(adding, last_seq + 1, current["head_hash"], case_key_)
            plan = planned(raw, effective_history([*entries, adding]))
            case = plan.case
            state = {
                "id": case_id,
                "first_sick_day": case.first_sick_day,
                "status": "sick" if case.is_sick else "recovered",
                "recovered_on": case.recovered_on,
                "open_until": case.closes_on or OPEN_WHILE_SICK,
                "last_seq": logged.seq,
                "head_hash": logged.hash,
            }
            seal = (key.mac(seals.case_state(state)), key.mac(seals.case_trail(state)))
            raw.run(UPDATE_CASE, (*list(state.values())[1:], *seal, case_id))
            raw.run("DELETE FROM open_step WHERE case_id = ?", (case_id,))
            kinds = ", ".join("?" * len(KEPT_KINDS))
            keys = ", ".join("?" * len(plan.plan_keys))
            raw.run(
                "DELETE FROM reminder WHERE case_id = ? AND status = 'pending' "  # noqa: S608
                f"AND kind NOT IN ({kinds}) AND key NOT IN ({keys})",
                (case_id, *KEPT_KINDS, *plan.plan_keys),
            )
            known = raw.run("SELECT key FROM reminder WHERE case_id = ?", (case_id,)).fetchall()
            kept = {row[0] for row in known}
            new = [row for row in plan.reminders if row[0] not in kept]
            write(raw, case_id, logged, plan.steps, new)


# Raw SQL alone: the reference's statements, their values computed beforehand.


def prepared_open(raw: Raw, run: int, cases: range) -> Callable[[], None]:
    event = parse_entry({"date": FIRST_DAY.isoformat(), "type": "reported_sick"})
    plan = planned(raw, effective_history([event]))
    ready = [(employee_key(run, n), f"Employee {n}", case_key(run, n)) for n in cases]
    logged = [new_entry(event, 1, GENESIS, key) for _, _, key in ready]

    def work() -> None:
        for (who, name, _), entry in zip(ready, logged, strict=True):
            with transaction(raw):
                case_id = insert_case(raw, who, name, FIRST_DAY, entry.hash)
                write(raw, case_id, entry, plan.steps, plan.reminders)

    return work


# Stores, runs and figures.


class Stores:
    """Fresh copies of one migrated store: SQLite files, or PostgreSQL databases."""

    def __init__(self, stack: ExitStack, server: str | None) -> None:
        self.tmp = stack.enter_context(tempfile.TemporaryDirectory())
        self.stack, self.server, self.made = stack, server, 0
        if server is None:
            self.template = Path(self.tmp) / "template.sqlite3"
            open_store(f"sqlite:///{self.template}", self.tmp).engine.dispose()
        else:
            from tests.store.postgres import create_database  # noqa: PLC0415

            url = create_database(server, "bench_template")
            open_store(url, self.tmp).engine.dispose()

    def fresh(self) -> CaseStore:
        self.made += 1
        if self.server is None:
            path = Path(self.tmp) / f"store{self.made}.sqlite3"
            shutil.copy(self.template, path)
            url = f"sqlite:///{path}"
        else:
            from tests.store.postgres import create_database  # noqa: PLC0415

            url = create_database(self.server, f"bench_{self.made}", "bench_template")
        store = open_store(url, self.tmp)
        self.stack.callback(store.engine.dispose)
        return store


def timed(work: Callable[[], None]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def counts(store: CaseStore) -> dict[str, int]:
    """The rows of each table a case's opening and recording write."""
    tables = ("employee", "case", "event_log", "open_step", "reminder")
    with store.engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()  # noqa: S608
            for table in tables
        }


def one_run(
    stores: Stores, run: int, cases: int, timings: dict[str, list[float]]
) -> dict[str, CaseStore]:
    """Each side on a fresh store, interleaved ten cases at a time in a rotating order (a load
    that comes and goes on the machine falls on all three alike); the stores they wrote (the
    project's and the reference's hold the same rows)."""
    written = {side: stores.fresh() for side in SIDES}
    raw = {side: Raw(written[side]) for side in SIDES[1:]}
    chunks = [range(start, min(start + CHUNK, cases)) for start in range(0, cases, CHUNK)]
    spent: dict[str, float] = dict.fromkeys(timings, 0.0)
    for number, chunk in enumerate(chunks):
        turn = (run + number) % 3
        for side in SIDES[turn:] + SIDES[:turn]:
            work: Callable[[], None]
            if side == "project":
                work = partial(project_open, written[side], run, chunk)
            elif side == "reference":
                work = partial(reference_open, raw[side], run, chunk)
            else:
                work = prepared_open(raw[side], run, chunk)
            spent[f"open {side}"] += timed(work)
    for number, chunk in enumerate(chunks):
        first = (run + number) % 2 == 0
        recordings = (
            ("record project", partial(project_record, written["project"], run, chunk)),
            ("record reference", partial(reference_record, raw["reference"], run, chunk)),
        )
        for label, work in recordings if first else recordings[::-1]:
            spent[label] += timed(work)
    for label, seconds in spent.items():
        if seconds:
            timings[label].append(seconds)
    for connection in raw.values():
        connection.close()
    rows = counts(written["project"])
    assert counts(written["reference"]) == rows, (counts(written["reference"]), rows)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=300)
    parser.add_argument("server", nargs="?", help="a PostgreSQL server URL (no database)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    options = parser.parse_args()
    with ExitStack() as stack:
        server = options.server
        if options.postgres and server is None:
            from tests.store.postgres import cluster  # noqa: PLC0415

            server = stack.enter_context(cluster())
        stores = Stores(stack, server)
        kind = "SQLite" if server is None else "PostgreSQL"
        print(f"{kind}, {options.cases} cases per run, medians of {options.runs} runs")
        timings: dict[str, list[float]] = {
            f"{what} {side}": [] for what in ("open", "record") for side in SIDES
        }
        for run in range(options.runs):
            written = one_run(stores, run, options.cases, timings)
        for side in ("project", "reference"):
            checked, problems = verify(written[side], HR)
            assert not problems, problems[:3]
        rate = {
            label: options.cases / statistics.median(times)
            for label, times in timings.items()
            if times
        }
        print(
            f"open a case: project {rate['open project']:,.0f}/s, reference (domain + raw "
            f"SQL) {rate['open reference']:,.0f}/s, raw SQL alone {rate['open raw SQL']:,.0f}/s; "
            f"project/reference {rate['open project'] / rate['open reference']:.2f}x, "
            f"project/raw SQL {rate['open project'] / rate['open raw SQL']:.2f}x"
        )
        print(
            f"record an event: project {rate['record project']:,.0f}/s, reference "
            f"{rate['record reference']:,.0f}/s; project/reference "
            f"{rate['record project'] / rate['record reference']:.2f}x"
        )
        print(f"(both stores of the last run verify: {checked:,} entries each)")


if __name__ == "__main__":
    main()
