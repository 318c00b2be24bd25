"""A write's rows (the employee, the case, its entries, its schedule and reminders) go to the
database's driver (`case_log._add_many`), not through SQLAlchemy: they must be stored exactly as
SQLAlchemy stores them, or a case read back would differ from the case written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, Table, Text, insert

from adapters.store.case_log import _add_many
from adapters.store.hash_chain import as_utc
from tests.store.conftest import sealed_store

STORED = "SELECT * FROM bulk_rows_check"  # as the database holds them
ROWS = [
    (1, "a", dt.date(2026, 3, 1), dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), True),
    (
        2,
        "b",
        dt.date(999, 1, 2),
        dt.datetime(2026, 12, 31, 23, 59, 59, 123456, tzinfo=dt.UTC),
        False,
    ),
    (3, None, dt.date(2999, 12, 31), None, None),
]
COLUMNS = ("n", "label", "day", "moment", "flag")


def table(*more: Column[Any]) -> Table:
    return Table(
        "bulk_rows_check",
        MetaData(),
        Column("n", Integer, primary_key=True),
        Column("label", Text),
        Column("day", Date),
        Column("moment", DateTime(timezone=True)),
        Column("flag", Boolean),
        *more,
    )


def test_rows_added_on_the_driver_are_stored_as_sqlalchemy_stores_them(database_url: str) -> None:
    """Days and moments, microseconds, a year before 1000, flags and nulls: the stored values,
    read as the database holds them (SQLite: text), are the same both ways."""
    checked = table()
    store = sealed_store(database_url)
    try:
        checked.create(store.engine)
        with store.engine.begin() as connection:
            _add_many(connection, checked, COLUMNS, ROWS)
            by_driver = connection.exec_driver_sql(STORED).all()
            connection.execute(checked.delete())
            connection.execute(
                insert(checked), [dict(zip(COLUMNS, row, strict=True)) for row in ROWS]
            )
            by_sqlalchemy = connection.exec_driver_sql(STORED).all()
            read_back = connection.execute(checked.select().order_by(checked.c.n)).all()
    finally:
        store.engine.dispose()
    assert by_driver == by_sqlalchemy
    assert [(n, label, day) for n, label, day, *_ in read_back] == [row[:3] for row in ROWS]
    assert [moment and as_utc(moment) for *_, moment, _ in read_back] == [row[3] for row in ROWS]
    assert [flag for *_, flag in read_back] == [row[4] for row in ROWS]


def test_rows_on_the_driver_must_give_every_column_sqlalchemy_would_default() -> None:
    """The driver knows no SQLAlchemy defaults: a row that leaves such a column out would be
    stored with a null (or refused by the database) where SQLAlchemy would store the default.
    It is refused before anything reaches the database."""
    checked = table(Column("version", Integer, default=0))
    store = sealed_store("sqlite://")
    try:
        checked.create(store.engine)
        with (
            store.engine.begin() as connection,
            pytest.raises(ValueError, match="bulk_rows_check: no value for version"),
        ):
            _add_many(connection, checked, COLUMNS, ROWS)
    finally:
        store.engine.dispose()
