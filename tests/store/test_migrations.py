"""The schema comes from Alembic migrations, applied on first use, and matches the models."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from adapters.store import tables  # noqa: F401 (registers the tables on SQLModel.metadata)
from adapters.store.case_store import CaseStore
from adapters.store.database import MIGRATIONS, NEWEST_REVISION, connect, keys_in, open_store
from service.accounts import authenticate, token_digest
from service.recording import ReportSick, report_sick
from service.review import verify
from tests.organisation import HR

NEWEST = "0010"  # the newest migration: a store opened anywhere ends there


def test_first_use_migrates_to_a_schema_identical_to_the_models(empty_database_url: str) -> None:
    engine = connect(empty_database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_revision() == NEWEST
    engine.dispose()


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


def old_store(url: str, revision: str, *rows: tuple[str, dict[str, object]]) -> None:
    """A store at an older `revision`, holding `rows` (SQL statements and their parameters);
    sealed (from 0006 on) with the key of the environment."""
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["keys"] = keys_in()
        command.upgrade(config, revision)
        for statement, parameters in rows:
            connection.execute(text(statement), parameters)
    engine.dispose()


def test_a_store_from_before_the_diary_upgrades_and_keeps_its_employees(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    employee = "INSERT INTO employee (key, display_name, version) VALUES ('E1', 'Jan', 0)"
    old_store(url, "0002", (employee, {}))
    upgraded = connect(url)
    with upgraded.connect() as connection:
        rows = connection.execute(text("SELECT key, diary_signal FROM employee")).all()
        assert MigrationContext.configure(connection).get_current_revision() == NEWEST
    upgraded.dispose()
    assert [(key, bool(signal)) for key, signal in rows] == [("E1", False)]


def test_upgrading_gives_each_stored_case_the_day_it_closes(tmp_path: Path) -> None:
    """A recovered case closes 28 days after recovery; a sick one stays open."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    case = (
        'INSERT INTO "case" (key, employee_id, first_sick_day, status, recovered_on, last_seq,'
        " head_hash) VALUES (:key, 1, '2026-01-05', :status, :rec, 0, '')"
    )
    old_store(
        url,
        "0003",
        ("INSERT INTO employee (id, key, display_name, version) VALUES (1, 'E1', 'Jan', 0)", {}),
        (case, {"key": "E1-20260105", "status": "recovered", "rec": "2026-02-02"}),
        (case, {"key": "E1-20260401", "status": "sick", "rec": None}),
    )
    upgraded = connect(url)
    with upgraded.connect() as connection:
        rows = connection.execute(text('SELECT key, open_until FROM "case" ORDER BY key')).all()
    upgraded.dispose()
    assert [(key, str(day)) for key, day in rows] == [
        ("E1-20260105", "2026-03-02"),
        ("E1-20260401", "9999-12-31"),
    ]


ADD_ACCOUNT = (
    "INSERT INTO account (id, login, display_name, role, disabled, created_at) "
    "VALUES (1, 'anna.hr', 'Anna', 'hr', false, '2026-01-01 00:00:00')"
)
INSERT_API_ROW = (
    "INSERT INTO api_token (account_id, digest, label, created_at) "
    "VALUES (1, :digest, '', '2026-01-01 00:00:00')"
)


def test_a_store_with_accounts_from_before_the_seals_keeps_its_tokens_and_verifies(
    tmp_path: Path,
) -> None:
    """Migration 0007 seals the directory it finds: its tokens still sign in, and `verify`
    finds nothing to report."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    token = "rtk_" + "t" * 43
    old_store(
        url,
        "0005",
        (ADD_ACCOUNT, {}),
        (INSERT_API_ROW, {"digest": token_digest(token)}),
        ("INSERT INTO employee (key, display_name, version) VALUES ('E1', 'Jan', 0)", {}),
    )
    store = open_store(url)
    try:
        actor = authenticate(store, token, dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
        assert (actor.name, verify(store, actor)[1]) == ("anna.hr", [])
    finally:
        store.engine.dispose()


def test_a_store_from_before_first_names_upgrades_and_a_report_names_its_employees(
    tmp_path: Path,
) -> None:
    """Migration 0009 adds the first name, empty: stored employees stay unnamed until a sick
    report gives one."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    employee = "INSERT INTO employee (key, display_name, version) VALUES ('E1', 'Jan', 0)"
    old_store(url, "0008", (employee, {}))
    store = open_store(url)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT key, first_name FROM employee")).all()
            assert MigrationContext.configure(connection).get_current_revision() == NEWEST
        assert [tuple(row) for row in rows] == [("E1", None)]
        command = ReportSick("E1", "Jan", {"date": "2026-01-05"}, first_name="Jan")
        report_sick(store, HR, command, dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
        assert (store.cases.find_employee("E1") or pytest.fail("E1 is gone")).first_name == "Jan"
    finally:
        store.engine.dispose()


def test_the_store_knows_its_newest_revision_without_loading_alembic() -> None:
    """`connect` compares the store's version with `NEWEST_REVISION` before it loads Alembic."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == NEWEST_REVISION == NEWEST


def test_opening_a_store_at_the_newest_revision_does_not_load_alembic(database_url: str) -> None:
    probe = (
        "import sys; from adapters.store.database import connect; "
        "connect(sys.argv[1]).dispose(); print('alembic' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe, database_url], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "False"
