"""`verify`'s keyed half: every seal of `seals.py` recomputed under the store's key. The hash
chain (`hash_chain.py`) finds what was edited inside a case's trail; this finds what only the
key could have made consistent again: a trail cut short with its case row rewound, a changed
employee or first sick day, an edited, deleted or cut-off read or delivery, a deleted case; and
in the directory, an account, token, employee's relations or physician's assignment written by
hand."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy import select as columns_of
from sqlmodel import SQLModel, col

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.tables import (
    Account,
    ApiToken,
    CaseAccessRow,
    CasePhysician,
    CaseRow,
    DeliveryRow,
    DiaryReaderRow,
    Employee,
    StoreSeal,
    WebSession,
    table_of,
)

CASE_SEALS = {
    "identity_mac": "its employee or its key was changed after it was opened",
    "state_mac": "its first sick day, status or closing day was changed behind the "
    "application's back",
    "trail_mac": "the head of its trail is not the one the application sealed: entries were "
    "cut from its end and the case row rewound to match, or the case row was altered",
    "reads_mac": "its count of reads was changed behind the application's back",
    "deliveries_mac": "its count of deliveries was changed behind the application's back",
}


LOGS = (("read", CaseAccessRow, seals.read), ("delivery", DeliveryRow, seals.delivery))


class SqlKeyedTrail:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def problems(self) -> list[str]:
        """One line per seal that does not check out: the store's, then each case's."""
        key = self._key
        with self._engine.connect() as connection:
            seal = connection.execute(columns_of(col(StoreSeal.cases), col(StoreSeal.mac)))
            recorded = seal.one_or_none()
            query = columns_of(*table_of(CaseRow).columns, col(Employee.key).label("employee_key"))
            ordered = query.join(Employee).order_by(col(CaseRow.id))
            cases = {row.id: row._mapping for row in connection.execute(ordered)}
            found = {case_id: _case_problems(key, case) for case_id, case in cases.items()}
            for kind, table, content in LOGS:
                query = columns_of(*table_of(table).columns)
                rows = connection.execute(query.order_by(col(table.case_id), col(table.seq)))
                logs = itertools.groupby((r._mapping for r in rows), key=lambda r: r["case_id"])
                by_case = {case_id: list(own) for case_id, own in logs}
                for case_id, case in cases.items():
                    own = by_case.get(case_id, [])
                    checked = ((r["seq"], key.checks(content(r), r["mac"])) for r in own)
                    count = case["reads" if kind == "read" else "deliveries"]
                    found[case_id] += _log_problems(case["key"], kind, checked, count)
            directory = list(_directory_problems(key, connection, cases))
        problems = (
            ["the store's seal row was deleted behind the application's back"]
            if recorded is None
            else _store_problems(key, recorded.cases, recorded.mac, len(cases))
        )
        return problems + [line for lines in found.values() for line in lines] + directory


def _directory_problems(
    key: StoreKey, connection: Connection, cases: Mapping[int, Any]
) -> Iterator[str]:
    """Each account, token, employee's relations, physician's assignment, diary reader and web
    session whose seal fails."""
    behind = "behind the application's back"
    accounts, employees = list(_all(connection, Account)), list(_all(connection, Employee))
    logins: dict[int, str] = {row["id"]: row["login"] for row in accounts}
    keys: dict[int, str] = {row["id"]: row["key"] for row in employees}
    for row in accounts:
        if not key.checks(seals.account(row), row["mac"]):
            yield f"account {row['login']!r}: its role, password or state was changed {behind}"
    for row in _all(connection, ApiToken):
        if not key.checks(seals.token(row), row["mac"]):
            owner = logins.get(row["account_id"], row["account_id"])
            yield f"token {row['id']} of {owner!r} was added, extended or un-revoked {behind}"
    for row in employees:
        if not key.checks(seals.employee_relations(row), row["relations_mac"]):
            yield f"employee {row['key']}: their account, manager or team was changed {behind}"
    for row in _all(connection, CasePhysician):
        if not key.checks(seals.case_physician(row), row["mac"]):
            case = cases.get(row["case_id"], {"key": row["case_id"]})["key"]
            physician = logins.get(row["account_id"], row["account_id"])
            yield f"case {case}: physician {physician!r} was assigned to it {behind}"
    for row in _all(connection, DiaryReaderRow):
        if not key.checks(seals.diary_reader(row), row["mac"]):
            owner = keys.get(row["employee_id"], row["employee_id"])
            yield f"the diary of {owner}: reader {row['reader']!r} was added {behind}"
    for row in _all(connection, WebSession):
        if not key.checks(seals.web_session(row), row["mac"]):
            owner = logins.get(row["account_id"], row["account_id"])
            yield f"web session {row['id']} of {owner!r} was written in or revived {behind}"


def _all(connection: Connection, model: type[SQLModel]) -> Iterator[Any]:
    """The rows of `model` in the order they were made (by primary key), as mappings."""
    table = table_of(model)
    query = columns_of(*table.columns).order_by(*table.primary_key.columns)
    return (row._mapping for row in connection.execute(query))


def _store_problems(key: StoreKey, recorded: int, mac: str, held: int) -> list[str]:
    if not key.checks(seals.store_cases(recorded), mac):
        return ["the store's keyed count of cases was changed behind the application's back"]
    if held == recorded:
        return []
    what = "deleted" if held < recorded else "added behind the application's back"
    return [
        f"the store's keyed count of cases is {recorded}, but it holds {held}: cases were {what}"
    ]


def _case_problems(key: StoreKey, case: Any) -> list[str]:
    contents = seals.case_contents(case, case["employee_key"])
    return [
        f"case {case['key']}: {meaning}"
        for column, meaning in CASE_SEALS.items()
        if not key.checks(contents[column], case[column])
    ]


def _log_problems(
    case_key: str, kind: str, rows: Iterable[tuple[int, bool]], count: int
) -> Iterator[str]:
    """Gaps, altered rows, and a count the log does not reach (or passes)."""
    plural = "deliveries" if kind == "delivery" else "reads"
    expected = 1
    for seq, intact in rows:
        if seq == expected + 1:
            yield f"case {case_key}: {kind} {expected} is missing: deleted"
        elif seq != expected:
            yield f"case {case_key}: {plural} {expected}..{seq - 1} are missing: deleted"
        if not intact:
            yield f"case {case_key}: {kind} {seq} was altered after it was recorded"
        expected = seq + 1
    if count != expected - 1:
        yield (
            f"case {case_key}: the case records {count} {plural} but its {kind} log ends at "
            f"{kind} {expected - 1}: {plural} were removed from its end"
        )
