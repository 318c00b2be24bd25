"""The store's key: made on first use and kept outside the database, never printed; the wrong
key, no key or a key file others may read is refused on one line; `keys rotate` reseals
everything under a new key in one transaction, and a rotation that dies half-way leaves a store
that opens (before the commit: the old key; after it: the new one, moved into place on the next
opening); a process that still holds the old key writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from adapters.key_files import KEY_FILE, KEY_VARIABLE, NEW_KEY_VARIABLE, KeySource
from adapters.keys import new_key_text
from adapters.store import rotation
from adapters.store.case_store import CaseStore
from adapters.store.database import database_url, open_store, opened
from cli.store_options import TOKEN_VARIABLE
from domain.diary import DiaryEntry
from domain.errors import BadInputError
from domain.roles import Role
from service.accounts import authenticate
from service.ports import Changer, Contact, KeyRotatedError, NewAccount
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import audit_trail, verify
from tests.organisation import organise, token_for
from tests.store.conftest import AUDITOR, HR, NOW, run_cli

CASE = "E1042-20260105"
SLACK = "slack://T1234ABCD/B5678EFGH/s3cr3tT0kenValue12345678/#hr-cases"
SCORES = DiaryEntry(date=dt.date(2026, 1, 20), energy=6, stress=4, motivation=7)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory whose key file is the store's key (not the tests' environment key)."""
    monkeypatch.delenv(KEY_VARIABLE)
    return tmp_path / "data"


@pytest.fixture
def sealed(empty_database_url: str, data: Path) -> Iterator[CaseStore]:
    """A store with a route, a diary entry, a read and a delivery, keyed by the data directory."""
    store = open_store(empty_database_url, str(data))
    command = ReportSick("E1042", "Jan", {"date": "2026-01-05"}, contacts=(Contact("hr", SLACK),))
    report_sick(store, HR, command, NOW)
    store.diary.put(1, SCORES, NOW)
    audit_trail(store, HR, CASE, NOW)
    yield store
    store.engine.dispose()


def reopened(empty_database_url: str, data: Path) -> tuple[list[str], list[DiaryEntry], list[str]]:
    """Opened afresh from the data directory: the routes, the diary and what verify says."""
    store = open_store(empty_database_url, str(data))
    try:
        routes = [route.url for route in store.contacts.of_employee(1)]
        return routes, store.diary.entries(1), verify(store, AUDITOR)[1]
    finally:
        store.engine.dispose()


def test_rotation_reseals_everything_keeps_the_old_key_and_carries_tampering_over(
    sealed: CaseStore, empty_database_url: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_key = (data / KEY_FILE).read_text()
    with sealed.engine.begin() as connection:
        connection.execute(text("UPDATE case_access SET purpose = 'cases' WHERE seq = 1"))
    before = verify(sealed, AUDITOR)[1]
    assert before == [f"case {CASE}: read 1 was altered after it was recorded"]

    rotated = rotation.rotate(empty_database_url, str(data))

    assert rotated.retired == data / f"{KEY_FILE}.retired-{rotated.old_id}"
    assert rotated.retired.read_text() == old_key != (data / KEY_FILE).read_text()
    # the store's seal; the case's five; its read; its employee's relations
    assert (rotated.secrets, rotated.seals) == (2, 1 + 5 + 1 + 1)
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], before)  # not sealed over
    monkeypatch.setenv(KEY_VARIABLE, old_key)
    with pytest.raises(BadInputError, match=f"sealed under key {rotated.new_id}"):
        open_store(empty_database_url, str(data))


def test_a_rotation_that_dies_before_its_commit_changes_nothing(
    sealed: CaseStore, empty_database_url: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = rotation._update_each, []

    def dies_half_way(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 3:  # routes and diary resealed, the reads not yet
            raise RuntimeError("killed")
        real(*args)

    key = (data / KEY_FILE).read_text()
    monkeypatch.setattr(rotation, "_update_each", dies_half_way)
    with pytest.raises(RuntimeError, match="killed"):
        rotation.rotate(empty_database_url, str(data))
    assert (data / KEY_FILE).read_text() == key
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], [])
    monkeypatch.setattr(rotation, "_update_each", real)
    rotation.rotate(empty_database_url, str(data))  # the unused pending key is simply replaced
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], [])


def test_a_rotation_that_dies_after_its_commit_is_finished_by_the_next_opening(
    sealed: CaseStore, empty_database_url: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(self: KeySource, old_id: str) -> Path:
        raise RuntimeError("killed")

    pending, real = data / f"{KEY_FILE}.new", KeySource.install_pending
    monkeypatch.setattr(KeySource, "install_pending", dies)
    with pytest.raises(RuntimeError, match="killed"):
        rotation.rotate(empty_database_url, str(data))
    new_key = pending.read_text()
    monkeypatch.setattr(KeySource, "install_pending", real)
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], [])
    assert (data / KEY_FILE).read_text() == new_key
    assert not pending.exists()
    assert len(list(data.glob(f"{KEY_FILE}.retired-*"))) == 1


def test_a_process_holding_the_old_key_writes_nothing_after_a_rotation(
    sealed: CaseStore, empty_database_url: str, data: Path
) -> None:
    rotation.rotate(empty_database_url, str(data))
    entries = sealed.cases.count_entries()
    later = RecordEvent(CASE, {"type": "physician_notified", "date": "2026-01-06"})
    for write in (
        lambda: record(sealed, HR, later, NOW),
        lambda: audit_trail(sealed, HR, CASE, NOW),
        lambda: sealed.diary.put(1, SCORES, NOW),
        lambda: sealed.contacts.add(1, [Contact("manager", SLACK)], Changer("anna.hr", "hr", NOW)),
    ):
        with pytest.raises(KeyRotatedError, match="the store's key was rotated"):
            write()
    assert sealed.cases.count_entries() == entries
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], [])


def test_a_process_holding_the_old_key_says_to_restart_it_rather_than_that_tokens_are_unknown(
    sealed: CaseStore, empty_database_url: str, data: Path
) -> None:
    """A server that outlived a rotation cannot check any token's seal: it says why, so that
    nobody signs in again and again in vain."""
    sealed.directory.add_account(NewAccount(HR.name, "Anna", Role.HR, None, NOW))
    token = token_for(sealed, HR.name)
    rotation.rotate(empty_database_url, str(data))
    with pytest.raises(
        KeyRotatedError, match=r"after this process started with key .*: restart it"
    ):
        authenticate(sealed, token, NOW)
    fresh = open_store(empty_database_url, str(data))
    try:
        assert authenticate(fresh, token, NOW).name == HR.name
    finally:
        fresh.engine.dispose()


def test_a_key_in_the_environment_wins_and_is_rotated_to_the_one_given_there(
    sealed: CaseStore, empty_database_url: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key file sealed this store; the environment's key is another, so it is refused."""
    first, second = (data / KEY_FILE).read_text(), new_key_text()
    monkeypatch.setenv(KEY_VARIABLE, second)
    with pytest.raises(BadInputError, match=r"^\$REINTEGRATION_KEY holds key \w+, but this"):
        open_store(empty_database_url, str(data))
    monkeypatch.setenv(KEY_VARIABLE, first)
    with pytest.raises(BadInputError, match="give the new one in \\$REINTEGRATION_NEW_KEY"):
        rotation.rotate(empty_database_url, str(data))
    monkeypatch.setenv(NEW_KEY_VARIABLE, second)
    assert rotation.rotate(empty_database_url, str(data)).retired is None
    monkeypatch.setenv(KEY_VARIABLE, second)
    assert reopened(empty_database_url, data) == ([SLACK], [SCORES], [])


def test_no_command_prints_the_key_and_a_wrong_or_missing_key_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    where = ("--data-dir", str(data))
    with opened(database_url(None, str(data)), str(data)) as store:
        organise(store)
        monkeypatch.setenv(TOKEN_VARIABLE, token_for(store, HR.name))
    said = [
        run_cli(capsys, "report-sick", "E1", "--name", "Jan", "--contact", f"hr={SLACK}", *where),
        run_cli(capsys, "contacts", "E1", *where),
        run_cli(capsys, "keys", "rotate", *where),
        run_cli(capsys, "verify", *where),
    ]
    assert [code for code, _, _ in said] == [0, 0, 0, 0]
    keys = [path.read_text().strip() for path in data.glob(f"{KEY_FILE}*")]
    assert len(keys) == 2
    assert [key for key in keys for _, out, err in said if key in out + err] == []

    (data / KEY_FILE).chmod(0o640)
    code, out, err = run_cli(capsys, "verify", *where)
    assert (code, out) == (1, "")
    assert err == (
        f"reintegration: the key file {data / KEY_FILE} is open to group or others (mode 640): "
        f"chmod 600 {data / KEY_FILE}\n"
    )
    (data / KEY_FILE).unlink()
    code, out, err = run_cli(capsys, "verify", *where)
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert err.startswith("reintegration: this store is sealed under key ")
    assert err.endswith(
        f"but there is no key: set $REINTEGRATION_KEY or restore {data / KEY_FILE}\n"
    )
