"""The schema comes from Alembic migrations, applied on first use, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from adapters.store import tables  # noqa: F401 (registers the tables on SQLModel.metadata)
from adapters.store.case_store import CaseStore
from adapters.store.database import connect


def test_first_use_migrates_to_a_schema_identical_to_the_models(store: CaseStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_revision() == "0002"


def test_opening_a_migrated_store_again_changes_nothing(
    store: CaseStore, database_url: str
) -> None:
    before = sorted(inspect(store.engine).get_table_names())
    again = connect(database_url)
    assert sorted(inspect(again).get_table_names()) == before
    assert {"employee", "contact_route", "case", "event_log", "open_step", "case_access"} <= set(
        before
    )
    again.dispose()
