"""`reintegration backup` and `restore` of the embedded SQLite store with its key files: a
backup taken while another process writes restores on a fresh machine, where `verify` and
`cases` work; each refusal is one line, exit 1, and changes nothing (issue 14)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from adapters.key_files import KEY_FILE, KEY_VARIABLE
from adapters.keys import new_key_text
from adapters.private_files import private_directory
from adapters.store.database import DATABASE_FILE, open_store
from service.recording import ReportSick, report_sick
from tests.conftest import TEST_KEY
from tests.organisation import organise, token_for
from tests.store.conftest import AUDITOR, HR, NOW, run_cli

CASE = "E1042-20260105"
ROOT = Path(__file__).parents[2]


@pytest.fixture
def data(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The embedded store as an operator has it: the data directory ($REINTEGRATION_DATA_DIR)
    holding the organisation's store with one case, and its key file; no key in the
    environment. HR's and the auditor's tokens are in $HR_TOKEN and $AUDITOR_TOKEN."""
    folder = private_directory(Path(os.environ["REINTEGRATION_DATA_DIR"]))
    shutil.copyfile(request.getfixturevalue("sqlite_template"), folder / DATABASE_FILE)
    (folder / DATABASE_FILE).chmod(0o600)
    (folder / KEY_FILE).write_text(TEST_KEY + "\n")
    (folder / KEY_FILE).chmod(0o600)
    monkeypatch.delenv(KEY_VARIABLE)
    store = open_store(f"sqlite:///{folder / DATABASE_FILE}")
    organise(store)
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    monkeypatch.setenv("HR_TOKEN", token_for(store, HR.name))
    monkeypatch.setenv("AUDITOR_TOKEN", token_for(store, AUDITOR.name))
    store.engine.dispose()
    return folder


def as_(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    """From now on the command acts with the token in $`token` (HR_TOKEN, AUDITOR_TOKEN)."""
    monkeypatch.setenv("REINTEGRATION_TOKEN", os.environ[token])


def entries(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT count(*) FROM event_log").fetchone()[0])


def test_a_backup_taken_while_another_process_writes_restores_on_a_fresh_machine(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Backups taken while a writer records back to back are each a consistent store; one
    restored into a new data directory passes `verify`, and `cases` lists the case, for the
    tokens issued before the backup."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store.writer",
            f"sqlite:///{data / DATABASE_FILE}",
            CASE,
            "loop",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert writer.stdout is not None
    try:
        for n in range(3):
            for _ in range(5):  # the writer is writing
                writer.stdout.readline()
            code, out, err = run_cli(capsys, "backup", str(tmp_path / f"backup-{n}"))
            assert (code, err) == (0, ""), err
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()
    assert out.startswith(f"backup: the store {data / DATABASE_FILE} is copied to ")
    assert TEST_KEY not in out
    backup = tmp_path / "backup-2"
    assert backup.stat().st_mode & 0o777 == 0o700
    assert sorted(f.name for f in backup.iterdir()) == sorted([DATABASE_FILE, KEY_FILE])
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in backup.iterdir())
    assert entries(data / DATABASE_FILE) > entries(backup / DATABASE_FILE) > 5

    fresh = tmp_path / "new-machine"
    monkeypatch.setenv("REINTEGRATION_DATA_DIR", str(fresh))
    code, out, err = run_cli(capsys, "restore", str(backup))
    assert (code, err) == (0, ""), err
    assert TEST_KEY not in out
    assert fresh.stat().st_mode & 0o777 == 0o700
    assert (fresh / KEY_FILE).read_text().strip() == TEST_KEY
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in fresh.iterdir())
    as_(monkeypatch, "AUDITOR_TOKEN")
    code, out, err = run_cli(capsys, "verify")
    assert (code, err) == (0, "")
    assert f"all {entries(backup / DATABASE_FILE)} entries are intact" in out
    as_(monkeypatch, "HR_TOKEN")
    code, out, _ = run_cli(capsys, "cases")
    assert code == 0
    assert CASE in out


def test_a_restore_over_a_store_under_another_key_takes_the_backups_key(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --force, a store sealed under another key is replaced and the backup's key put in
    place; the other key is kept as retired (backups of that store need it)."""
    backup = tmp_path / "backup"
    assert run_cli(capsys, "backup", str(backup))[0] == 0
    other = tmp_path / "other"
    private_directory(other)
    (other / KEY_FILE).write_text(new_key_text() + "\n")
    (other / KEY_FILE).chmod(0o600)
    open_store(f"sqlite:///{other / DATABASE_FILE}", str(other)).engine.dispose()
    retired_before = {f.name for f in other.glob(f"{KEY_FILE}.retired-*")}
    assert retired_before == set()

    code, _, err = run_cli(capsys, "restore", str(backup), "--data-dir", str(other))
    assert (code, err[:60]) == (
        1,
        f"reintegration: {other / DATABASE_FILE} exists: give --force"[:60],
    )
    code, _, err = run_cli(capsys, "restore", str(backup), "--data-dir", str(other), "--force")
    assert (code, err) == (0, ""), err
    assert (other / KEY_FILE).read_text().strip() == TEST_KEY
    assert len(list(other.glob(f"{KEY_FILE}.retired-*"))) == 1
    assert not (other / f"{KEY_FILE}.new").exists()
    as_(monkeypatch, "AUDITOR_TOKEN")
    code, _, err = run_cli(capsys, "verify", "--data-dir", str(other))
    assert (code, err) == (0, ""), err


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run_cli(capsys, *args)
    assert (code, out) == (1, ""), (out, err)
    assert err.startswith("reintegration: "), err
    assert err.count("\n") == 1, err
    return err.removeprefix("reintegration: ").rstrip("\n")


def test_refusals_are_one_line_and_change_nothing(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup"
    assert run_cli(capsys, "backup", str(backup))[0] == 0
    stored = (data / DATABASE_FILE).read_bytes()

    assert refused(capsys, "backup", str(backup)) == f"{backup} exists: give --force to replace it"
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    assert refused(capsys, "backup", str(elsewhere), "--force") == (
        f"{elsewhere} is not a backup: not replacing it, even with --force"
    )
    assert refused(capsys, "backup", str(data / "copy")) == (
        f"keep backups outside the data directory {data}"
    )
    assert refused(capsys, "backup", str(tmp_path / "missing" / "b")).startswith(
        "there is no directory"
    )
    assert refused(capsys, "restore", str(backup)) == (
        f"{data / DATABASE_FILE} exists: give --force to replace that store with the backup"
    )
    assert refused(capsys, "restore", str(tmp_path / "nothing")).startswith("there is no backup")
    (elsewhere / DATABASE_FILE).write_text("not a database")
    assert refused(capsys, "restore", str(elsewhere), "--force") == (
        f"{elsewhere / DATABASE_FILE} is not a reintegration store: file is not a database"
    )
    (elsewhere / DATABASE_FILE).unlink()
    sqlite3.connect(elsewhere / DATABASE_FILE).execute("CREATE TABLE t (x)").connection.close()
    assert refused(capsys, "restore", str(elsewhere), "--force") == (
        f"{elsewhere / DATABASE_FILE} is not a reintegration store (no schema version)"
    )
    (backup / KEY_FILE).unlink()
    assert refused(capsys, "restore", str(backup), "--force").startswith(
        f"{backup} holds no key file with this store's key "
    )
    assert (data / DATABASE_FILE).read_bytes() == stored
    postgres = "postgresql+psycopg://reintegration:secret@db.example.org/reintegration"
    for command, tool in (("backup", "pg_dump"), ("restore", "pg_restore")):
        reason = refused(capsys, command, str(backup), "--database-url", postgres)
        assert tool in reason
        assert "secret" not in reason


def test_with_the_key_in_the_environment_a_restore_needs_that_key(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup says that the key is the variable's; a restore under another key in the
    variable is refused before anything is written, and works under the store's own."""
    monkeypatch.setenv(KEY_VARIABLE, TEST_KEY)
    backup = tmp_path / "backup"
    code, out, _ = run_cli(capsys, "backup", str(backup))
    assert code == 0
    assert "$REINTEGRATION_KEY" in out
    assert TEST_KEY not in out
    fresh = tmp_path / "fresh"
    monkeypatch.setenv(KEY_VARIABLE, new_key_text())
    assert "but this store is sealed under key" in refused(
        capsys, "restore", str(backup), "--data-dir", str(fresh)
    )
    assert not fresh.exists()
    monkeypatch.setenv(KEY_VARIABLE, TEST_KEY)
    assert run_cli(capsys, "restore", str(backup), "--data-dir", str(fresh))[0] == 0
    as_(monkeypatch, "AUDITOR_TOKEN")
    code, out, err = run_cli(capsys, "verify", "--data-dir", str(fresh))
    assert (code, err) == (0, ""), err
