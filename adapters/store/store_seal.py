"""The store's seal row: the id of the key the store is sealed under, and the keyed count of
its cases. Every write that seals or authenticates something checks the key id first while
holding the row (FOR KEY SHARE on PostgreSQL; SQLite runs one writer at a time), so a rotation
cannot slip in before it commits: a process still holding the old key writes nothing."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, select, update
from sqlmodel import Session

from adapters.keys import StoreKey
from adapters.store.seals import store_cases
from adapters.store.tables import StoreSeal, table_of
from service.ports import KeyRotatedError, StoreTamperedError

SEAL_ID = 1
SEAL = table_of(StoreSeal)


def sealed_under(connection: Connection) -> str | None:
    """The id of the store's key; None for a store not sealed yet (before migration 0006)."""
    if not inspect(connection).has_table(SEAL.name):
        return None
    query = select(SEAL.c.key_id).where(SEAL.c.id == SEAL_ID)
    found: str | None = connection.execute(query).scalar_one_or_none()
    if found is None:
        raise _missing()
    return found


def check_key(session: Session, key: StoreKey) -> None:
    """Refuse to write under `key` unless the store is still sealed under it."""
    query = select(SEAL.c.key_id).where(SEAL.c.id == SEAL_ID).with_for_update(key_share=True)
    found = session.connection().execute(query).scalar_one_or_none()
    if found is None:
        raise _missing()
    if found != key.id:
        raise _rotated(found, key)


def count_new_case(session: Session, key: StoreKey) -> None:
    """One case more in the keyed count. The row's lock orders concurrent openings. A count
    that no longer matches its seal is raised but not resealed: `verify` keeps reporting it."""
    connection = session.connection()  # plain SQL: an ORM update costs more than the rest
    counted = connection.execute(
        update(SEAL)
        .where(SEAL.c.id == SEAL_ID)
        .values(cases=SEAL.c.cases + 1)
        .returning(SEAL.c.key_id, SEAL.c.cases, SEAL.c.mac)
    ).one_or_none()
    if counted is None:
        raise _missing()
    key_id, cases, mac = counted
    if key_id != key.id:
        raise _rotated(key_id, key)
    if key.checks(store_cases(cases - 1), mac):
        renewed = key.mac(store_cases(cases))
        connection.execute(update(SEAL).where(SEAL.c.id == SEAL_ID).values(mac=renewed))


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
