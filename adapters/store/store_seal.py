"""The store's seal row: the id of the key the store is sealed under, and the keyed count of
its cases. Every write that seals or authenticates something checks the key id first while
holding the row (FOR KEY SHARE on PostgreSQL; SQLite runs one writer at a time), so a rotation
cannot slip in before it commits: a process still holding the old key writes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Update, inspect, select, update
from sqlmodel import Session

from adapters.keys import StoreKey
from adapters.store.seals import store_cases
from adapters.store.tables import StoreSeal, table_of
from service.ports import KeyRotatedError, StoreTamperedError

SEAL_ID = 1
SEAL = table_of(StoreSeal)
# The statements of every write, built once.
KEY_ID = select(SEAL.c.key_id).where(SEAL.c.id == SEAL_ID)
HOLD_KEY_ID = KEY_ID.with_for_update(key_share=True)
COUNT_CASE = (
    update(SEAL)
    .where(SEAL.c.id == SEAL_ID)
    .values(cases=SEAL.c.cases + 1)
    .returning(SEAL.c.key_id, SEAL.c.cases, SEAL.c.mac)
)
RESEAL = update(SEAL).where(SEAL.c.id == SEAL_ID)


def sealed_under(connection: Connection) -> str | None:
    """The id of the store's key; None for a store not sealed yet (before migration 0006)."""
    if not inspect(connection).has_table(SEAL.name):
        return None
    found: str | None = connection.execute(KEY_ID).scalar_one_or_none()
    if found is None:
        raise _missing()
    return found


def check_key(session: Session | Connection, key: StoreKey) -> None:
    """Refuse to write under `key` unless the store is still sealed under it."""
    found = _connection(session).execute(HOLD_KEY_ID).scalar_one_or_none()
    if found is None:
        raise _missing()
    if found != key.id:
        raise _rotated(found, key)


def count_new_case(
    session: Session | Connection, key: StoreKey, counting: Update = COUNT_CASE
) -> tuple[Any, ...]:
    """One case more in the keyed count. The row's lock orders concurrent openings. A count
    that no longer matches its seal is raised but not resealed: `verify` keeps reporting it.
    `counting` may return more after the count (`COUNT_CASE.returning(...)`): what it did."""
    connection = _connection(session)
    counted = connection.execute(counting).one_or_none()
    if counted is None:
        raise _missing()
    key_id, cases, mac = counted[:3]
    if key_id != key.id:
        raise _rotated(key_id, key)
    if key.checks(store_cases(cases - 1), mac):
        renewed = key.mac(store_cases(cases))
        connection.execute(RESEAL, {"mac": renewed})
    return tuple(counted[3:])


def _connection(session: Session | Connection) -> Connection:
    return session.connection() if isinstance(session, Session) else session


def rotated_since(connection: Connection, key: StoreKey) -> KeyRotatedError | None:
    """Whether the store was rotated to another key since this process took `key`: then no
    seal checks out here, and this process (a long-running server) must be restarted."""
    found = sealed_under(connection)
    if found in (None, key.id):
        return None
    return KeyRotatedError(
        f"the store's key was rotated (to key {found}) after this process started with key "
        f"{key.id}: restart it"
    )


def _missing() -> StoreTamperedError:
    return StoreTamperedError(
        "the store's seal row was deleted behind the application's back: restore the store "
        "from a backup"
    )


def _rotated(found: str, key: StoreKey) -> KeyRotatedError:
    return KeyRotatedError(
        f"the store's key was rotated (to key {found}) while this ran with key {key.id}; "
        "nothing was written: run it again"
    )
