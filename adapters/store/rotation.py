"""Key rotation (`reintegration keys rotate`): every secret resealed and every seal renewed under
a new key in one transaction, then the key file replaced (see `adapters/key_files.py`).

The new key is on disk (`reintegration.key.new`) before the transaction starts. If the process
dies before the commit, nothing changed: the store and the key file still agree, and the next
rotation writes a new `.new`. If it dies after the commit, the store is sealed under the key in
`.new`, and the next opening of the store finishes the move. On PostgreSQL the transaction holds
the sealed tables in EXCLUSIVE mode (reads go on, writers wait); a writer that loaded the old key
and comes after it writes nothing (`KeyRotatedError`).

A seal that does not check out under the old key, or a value that does not open with it, is
carried over as it is: rotation never seals over tampering, so `verify` reports after a rotation
what it reported before."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, text, update
from sqlalchemy import select as columns_of
from sqlmodel import SQLModel, col

from adapters.keys import StoreKey, UnsealError
from adapters.store import seals
from adapters.store.contact_routes import route_context
from adapters.store.database import connect, keys_in
from adapters.store.diary_store import diary_context
from adapters.store.store_seal import SEAL_ID, sealed_under
from adapters.store.tables import (
    Account,
    ApiToken,
    CaseAccessRow,
    CasePhysician,
    CaseRow,
    ContactRoute,
    DeliveryRow,
    DiaryEntryRow,
    DiaryReaderRow,
    Employee,
    StoreSeal,
    WebSession,
    table_of,
)
from domain.errors import BadInputError
from service.ports import KeyRotatedError

SEALED_TABLES = (
    "store_seal",
    '"case"',
    "case_access",
    "delivery",
    "contact_route",
    "diary_entry",
    "account",
    "api_token",
    "employee",
    "case_physician",
    "diary_reader",
    "web_session",
)
DIRECTORY_SEALS = (  # each model of the directory, its seal column and what that covers
    (Account, "mac", seals.account),
    (ApiToken, "mac", seals.token),
    (Employee, "relations_mac", seals.employee_relations),
    (CasePhysician, "mac", seals.case_physician),
    (DiaryReaderRow, "mac", seals.diary_reader),
    (WebSession, "mac", seals.web_session),
)


@dataclass(frozen=True)
class Rotated:
    old_id: str
    new_id: str
    secrets: int  # contact routes and diary entries resealed
    seals: int  # seals renewed: the store's, each case's five, each read's, delivery's and
    # each of the directory's (accounts, tokens, employees' relations, physicians' assignments)
    retired: Path | None  # the old key's file, kept; None when the key is in the environment


def rotate(url: str, directory: str | None = None) -> Rotated:
    keys = keys_in(directory)
    engine = connect(url, keys)
    try:
        with engine.connect() as connection:
            old = keys.key_for(sealed_under(connection))
        new = keys.next_key()
        if new.id == old.id:
            raise BadInputError(f"the new key is the key in use ({old.id}): give another")
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"LOCK TABLE {', '.join(SEALED_TABLES)} IN EXCLUSIVE MODE"))
            found = sealed_under(connection)
            if found != old.id:
                raise KeyRotatedError(f"the store was just rotated to key {found}; run it again")
            secrets, renewed = _reseal(connection, old, new)
    finally:
        engine.dispose()
    retired = None if keys.in_environment else keys.install_pending(old.id)
    return Rotated(old.id, new.id, secrets, renewed, retired)


def _reseal(connection: Connection, old: StoreKey, new: StoreKey) -> tuple[int, int]:
    """(values resealed, seals renewed)."""

    def reopened(token: str, context: str) -> str:
        try:
            return new.seal(old.unseal(token, context), context)
        except UnsealError:
            return token  # it did not open before: it does not open after

    def renewed(content: seals.Content, stored: str) -> str:
        return new.mac(content) if old.checks(content, stored) else stored

    routes = [
        {"id": r.id, "sealed_url": reopened(r.sealed_url, route_context(r.employee_id, r.party))}
        for r in _rows(connection, ContactRoute)
    ]
    _update_each(connection, ContactRoute, routes)
    diary = [
        {
            "id": r.id,
            "sealed_scores": reopened(r.sealed_scores, diary_context(r.employee_id, r.day)),
        }
        for r in _rows(connection, DiaryEntryRow)
    ]
    _update_each(connection, DiaryEntryRow, diary)
    logs = 0
    for log, content in ((CaseAccessRow, seals.read), (DeliveryRow, seals.delivery)):
        rows = [
            {"id": r.id, "mac": renewed(content(r._mapping), r.mac)} for r in _rows(connection, log)
        ]
        _update_each(connection, log, rows)
        logs += len(rows)
    cases = []
    query = columns_of(*table_of(CaseRow).columns, col(Employee.key).label("employee_key"))
    for row in connection.execute(query.join(Employee)):
        contents = seals.case_contents(row._mapping, row.employee_key)
        cases.append({"id": row.id} | {c: renewed(contents[c], row._mapping[c]) for c in contents})
    _update_each(connection, CaseRow, cases)
    directory = 0
    for model, column, content in DIRECTORY_SEALS:
        rows = [r._mapping for r in _rows(connection, model)]
        keys = ("case_id", "account_id") if model is CasePhysician else ("id",)
        _update_by(
            connection,
            model,
            keys,
            [{**{k: r[k] for k in keys}, column: renewed(content(r), r[column])} for r in rows],
        )
        directory += len(rows)
    seal = connection.execute(columns_of(col(StoreSeal.cases), col(StoreSeal.mac))).one()
    mac = renewed(seals.store_cases(seal.cases), seal.mac)
    _update_each(connection, StoreSeal, [{"id": SEAL_ID, "key_id": new.id, "mac": mac}])
    return len(routes) + len(diary), 1 + 5 * len(cases) + logs + directory


def _rows(connection: Connection, model: type[SQLModel]) -> Iterable[Any]:
    return connection.execute(columns_of(*table_of(model).columns))


def _update_each(connection: Connection, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Set each row's columns (besides `id`) by its `id`, in one executemany."""
    _update_by(connection, model, ("id",), rows)


def _update_by(
    connection: Connection,
    model: type[SQLModel],
    keys: tuple[str, ...],
    rows: list[dict[str, Any]],
) -> None:
    """Set each row's columns (besides `keys`) by its `keys`, in one executemany."""
    if not rows:
        return
    table, changed = table_of(model), [name for name in rows[0] if name not in keys]
    statement = (
        update(table)
        .where(*(table.c[key] == bindparam(f"row_{key}") for key in keys))
        .values({name: bindparam(f"new_{name}") for name in changed})
    )
    connection.execute(
        statement,
        [
            {**{f"row_{key}": row[key] for key in keys}, **{f"new_{n}": row[n] for n in changed}}
            for row in rows
        ],
    )
