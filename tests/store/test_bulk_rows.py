"""A write's schedule and reminders go to the database's driver in one statement
(`case_log._add_many`), not through SQLAlchemy: they must be stored exactly as SQLAlchemy
stores them, or a case read back would differ from the case written."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, Table, Text, insert

from adapters.store.case_log import _add_many
from adapters.store.hash_chain import as_utc
from tests.store.conftest import sealed_store

STORED = "SELECT * FROM bulk_rows_check"  # as the database holds them
ROWS = [
    (1, "a", dt.date(2026, 3, 1), dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)),
    (2, "b", dt.date(999, 1, 2), dt.datetime(2026, 12, 31, 23, 59, 59, 123456, tzinfo=dt.UTC)),
    (3, None, dt.date(2999, 12, 31), None),
]


def test_rows_added_on_the_driver_are_stored_as_sqlalchemy_stores_them(database_url: str) -> None:
    """Days and moments, microseconds, a year before 1000 and nulls: the stored values, read
    as the database holds them (SQLite: text), are the same both ways."""
    table = Table(
        "bulk_rows_check",
        MetaData(),
        Column("n", Integer, primary_key=True),
        Column("label", Text),
        Column("day", Date),
        Column("moment", DateTime(timezone=True)),
    )
    columns = ("n", "label", "day", "moment")
    store = sealed_store(database_url)
    try:
        table.create(store.engine)
        with store.engine.begin() as connection:
            _add_many(connection, table, columns, ROWS)
            by_driver = connection.exec_driver_sql(STORED).all()
            connection.execute(table.delete())
            connection.execute(
                insert(table), [dict(zip(columns, row, strict=True)) for row in ROWS]
            )
            by_sqlalchemy = connection.exec_driver_sql(STORED).all()
            read_back = connection.execute(table.select().order_by(table.c.n)).all()
    finally:
        store.engine.dispose()
    assert by_driver == by_sqlalchemy
    assert [(n, label, day) for n, label, day, _ in read_back] == [row[:3] for row in ROWS]
    assert [moment and as_utc(moment) for *_, moment in read_back] == [row[3] for row in ROWS]
