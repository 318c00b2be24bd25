"""Data at rest: a dump of the database (SQLite's file bytes and `iterdump`, PostgreSQL's
`pg_dump`) shows no contact route's password or token and no diary score, on a new store and on
one migrated from before the seals; the data directory and its files are private; a routes file
others may read is warned about, naming the file and the fix."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from adapters.store.case_store import CaseStore
from adapters.store.database import MIGRATIONS, database_url, keys_in, open_store
from adapters.store.hash_chain import GENESIS, entry_hash
from cli.store_options import TOKEN_VARIABLE
from domain.diary import DiaryEntry
from notifications.messages import Message
from notifications.routing import load_router
from notifications.sinks import OutboxSink
from service.ports import Contact, LogEntry
from service.recording import ReportSick, report_sick
from service.review import audit_trail, verify
from tests.organisation import organise, token_for
from tests.store import postgres
from tests.store.conftest import AUDITOR, HR, NOW, run_cli
from tests.store.test_migrations import old_store

PASSWORD, TOKEN = "S3cretPassw0rd", "s3cr3tT0kenValue12345678"
MAIL = f"mailtos://jan:{PASSWORD}@mail.example.org/jan@example.org"
SLACK = f"slack://T1234ABCD/B5678EFGH/{TOKEN}/#hr-cases"
SCORES = {"energy": 6, "stress": 4, "motivation": 7}
PLAIN = (PASSWORD, TOKEN, *SCORES)  # a score stored in the clear would show its name
DIARY_DAY = dt.date(2026, 1, 20)


def dump(url: str) -> str:
    """Everything the database holds, as someone who copies it sees it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        files = [path, *(path.with_name(path.name + side) for side in ("-wal", "-shm"))]
        raw = b"".join(file.read_bytes() for file in files if file.exists())
        with sqlite3.connect(path) as connection:
            return raw.decode("latin-1") + "\n".join(connection.iterdump())
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    pg_dump = postgres.installed_bin_dir() / "pg_dump"
    return subprocess.run([pg_dump, plain], check=True, capture_output=True, text=True).stdout


def test_a_dump_shows_no_route_secret_and_no_diary_score(
    store: CaseStore, database_url: str
) -> None:
    contacts = (Contact("employee", MAIL), Contact("hr", SLACK))
    command = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}, contacts=contacts)
    report_sick(store, HR, command, NOW)
    employee = store.cases.find_employee("E1042")
    assert employee is not None
    store.diary.put(employee.id, DiaryEntry(date=DIARY_DAY, **SCORES), NOW)

    shown = dump(database_url)
    assert [secret for secret in PLAIN if secret in shown] == []
    assert "v1:" in shown  # the sealed values are there
    assert [r.url for r in store.contacts.of_employee(employee.id)] == [MAIL, SLACK]
    assert store.diary.entries(employee.id) == [DiaryEntry(date=DIARY_DAY, **SCORES)]
    diary_columns = {c["name"] for c in inspect(store.engine).get_columns("diary_entry")}
    assert diary_columns == {"id", "employee_id", "day", "recorded_at", "sealed_scores"}


def row(table: str, **values: object) -> tuple[str, dict[str, object]]:
    """An INSERT of `values` into `table`, for `old_store`."""
    names = ", ".join(values)
    bound = ", ".join(f":{name}" for name in values)
    return f'INSERT INTO "{table}" ({names}) VALUES ({bound})', values  # noqa: S608 (own names)


def test_a_store_from_before_the_seals_is_sealed_on_upgrade_and_verifies(
    empty_database_url: str,
) -> None:
    """Routes, scores, reads and deliveries written at revision 0004, in the clear; after the
    upgrade a dump shows none of it, everything reads back, and `verify` finds nothing."""
    at, day = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC), dt.date(2026, 1, 5)
    payload = '{"type":"reported_sick","date":"2026-01-05","percentage":100}'
    entry = LogEntry(1, day, "reported_sick", payload, "anna.hr", "hr", at, None, GENESIS, "")
    digest = entry_hash("E1-20260105", entry)
    case = {"case_id": 1, "party": "hr"}
    old_store(
        empty_database_url,
        "0004",
        row("employee", id=1, key="E1", display_name="Jan", version=1),
        row("contact_route", employee_id=1, party="hr", url=SLACK, language="nl"),
        row("diary_entry", employee_id=1, day=DIARY_DAY, recorded_at=at, **SCORES),
        row(
            "case",
            id=1,
            key="E1-20260105",
            employee_id=1,
            first_sick_day=day,
            status="sick",
            last_seq=1,
            head_hash=digest,
        ),
        row(
            "event_log",
            case_id=1,
            seq=1,
            business_date=day,
            type=entry.type,
            payload=payload,
            actor="anna.hr",
            role="hr",
            recorded_at=at,
            prev_hash=GENESIS,
            hash=digest,
        ),
        row("case_access", case_id=1, actor="anna.hr", role="hr", accessed_at=at, purpose="audit"),
        row("case_access", case_id=1, actor="bert.hr", role="hr", accessed_at=at, purpose="cases"),
        row(
            "reminder",
            id=1,
            key="k",
            step="notify_physician",
            due=day,
            kind="ahead",
            number=0,
            send_at=at,
            status="sent",
            attempts=1,
            **case,
        ),
        row(
            "delivery",
            reminder_id=1,
            channel="slack",
            target="slack://T1234ABCD/B...",
            attempted_at=at,
            ok=True,
            attempt=1,
            **case,
        ),
    )
    store = open_store(empty_database_url)
    assert [r.url for r in store.contacts.of_employee(1)] == [SLACK]
    assert store.diary.entries(1) == [DiaryEntry(date=DIARY_DAY, **SCORES)]
    assert [r.actor for r in store.reads.of_case(1)] == ["anna.hr", "bert.hr"]
    assert verify(store, AUDITOR) == (1, [])
    audit_trail(store, HR, "E1-20260105", NOW)  # the numbered read log goes on
    assert verify(store, AUDITOR) == (1, [])
    store.engine.dispose()
    assert [secret for secret in PLAIN if secret in dump(empty_database_url)] == []


def test_downgrading_from_the_seals_gives_the_routes_and_scores_back_in_the_clear(
    store: CaseStore, database_url: str
) -> None:
    report_sick(
        store,
        HR,
        ReportSick("E1", "Jan", {"date": "2026-01-05"}, contacts=(Contact("hr", SLACK),)),
        NOW,
    )
    store.diary.put(1, DiaryEntry(date=DIARY_DAY, **SCORES), NOW)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes |= {"connection": connection, "keys": keys_in()}
        command.downgrade(config, "0005")
        route = connection.execute(text("SELECT url FROM contact_route")).scalar_one()
        scores = connection.execute(
            text("SELECT energy, stress, motivation FROM diary_entry")
        ).one()
    assert (route, tuple(scores)) == (SLACK, tuple(SCORES.values()))


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_the_data_directory_is_0700_and_its_files_0600(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REINTEGRATION_KEY")
    os.umask(umask := os.umask(0o022))  # the usual umask, whatever the test runner's
    data = tmp_path / "data"
    command = [
        "report-sick",
        "E1",
        "--name",
        "Jan",
        "--date",
        "2026-01-05",
        "--data-dir",
        str(data),
    ]
    store = open_store(database_url(None, str(data)), str(data))  # the directory made here
    organise(store)
    monkeypatch.setenv(TOKEN_VARIABLE, token_for(store, HR.name))
    assert run_cli(capsys, *command)[0] == 0
    audit_trail(store, HR, "E1-20260105", NOW)  # a write, so the -wal and -shm files exist
    OutboxSink(data / "outbox.jsonl").send(Message("k", ("C",), "hr", "en", "subject", "body"))
    files = {p.name: mode(p) for p in data.iterdir()}
    store.engine.dispose()
    os.umask(umask)
    assert mode(data) == "0o700"
    assert files == dict.fromkeys(
        (
            "reintegration.key",
            "reintegration.sqlite3",
            "reintegration.sqlite3-wal",
            "reintegration.sqlite3-shm",
            "outbox.jsonl",
        ),
        "0o600",
    )


def test_an_older_database_file_open_to_others_is_made_private_on_opening(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    create_engine(f"sqlite:///{database}").connect().close()
    database.chmod(0o644)
    open_store(f"sqlite:///{database}").engine.dispose()
    assert mode(database) == "0o600"


def test_a_data_directory_and_an_outbox_from_before_are_made_private_on_use(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    outbox = data / "outbox.jsonl"
    outbox.write_text("")
    outbox.chmod(0o644)
    open_store(database_url(None, str(data)), str(data)).engine.dispose()
    OutboxSink(outbox).send(Message("k", ("C",), "hr", "en", "subject", "body"))
    assert (mode(data), mode(outbox)) == ("0o700", "0o600")


def test_a_routes_file_others_may_read_is_used_with_a_warning_naming_it_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routes = tmp_path / "routes.toml"
    routes.write_text(f'[routes]\nhr = ["{SLACK}"]\n')
    routes.chmod(0o644)
    assert load_router(routes, OutboxSink(tmp_path / "outbox.jsonl")).organisation["hr"] == (SLACK,)
    assert capsys.readouterr().err == (
        f"reintegration: warning: {routes} holds passwords and tokens but group or others may "
        f"read or change it (mode 644): chmod 600 {routes}\n"
    )
    routes.chmod(0o600)
    load_router(routes, OutboxSink(tmp_path / "outbox.jsonl"))
    assert capsys.readouterr().err == ""
