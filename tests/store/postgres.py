"""A throwaway PostgreSQL cluster on 127.0.0.1 for the tests: installed from Debian's packages
if missing, initialised in a temporary directory, stopped and removed afterwards. Whatever
keeps it from running (no package, no network for apt-get, initdb failing) is one line in
`UnavailableError`, never a traceback of the tool that failed."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import free_port

# Variables that make PostgreSQL required: CI services set CI=true, CI=True or CI=1.
REQUIRING_VARIABLES = ("CI", "REINTEGRATION_REQUIRE_POSTGRES")
NOT_SET = ("", "0", "false")


class UnavailableError(Exception):
    """PostgreSQL cannot run here; the message says why, in one line."""


def required(environ: Mapping[str, str]) -> bool:
    """PostgreSQL must run (not skip its tests) when CI or REINTEGRATION_REQUIRE_POSTGRES holds
    anything but nothing, 0 or false (in any case, spaces aside)."""
    return any(environ.get(name, "").strip().lower() not in NOT_SET for name in REQUIRING_VARIABLES)


def setup_step(
    command: Sequence[str | Path], what: str, env: Mapping[str, str] | None = None
) -> None:
    """Run one setup command; its failure becomes an `UnavailableError` naming `what` and the
    tool's last line of output."""
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    except subprocess.CalledProcessError as error:
        said = (error.stderr or error.stdout or "").strip().splitlines()
        last = said[-1] if said else f"exit status {error.returncode}"
        raise UnavailableError(f"{what} failed: {last}") from None
    except OSError as error:
        raise UnavailableError(f"{what} failed: {error.strerror}") from None


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def install() -> None:
    """Install Debian's PostgreSQL with apt-get, or raise `UnavailableError` saying why not."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    why = "PostgreSQL could not be installed: apt-get"
    setup_step(["apt-get", "update", "-qq"], f"{why} update", env)
    setup_step(["apt-get", "install", "-y", "-qq", "postgresql"], f"{why} install postgresql", env)


def installed_bin_dir() -> Path:
    """PostgreSQL's programs, installing them first if we are root and have apt-get."""
    if _bin_dir() is None and os.geteuid() == 0 and shutil.which("apt-get"):
        install()
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise UnavailableError("PostgreSQL is not installed (apt-get install postgresql, as root)")
    return bin_dir


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield its server URL (no database part)."""
    bin_dir = installed_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="reintegration-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()
    initdb: list[str | Path] = [
        bin_dir / "initdb",
        "-D",
        data,
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
    ]
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=200"
    )
    pg_ctl: list[str | Path] = [*as_postgres, bin_dir / "pg_ctl", "-D", data, "-w"]
    try:
        setup_step([*as_postgres, *initdb], "PostgreSQL's initdb")
        setup_step([*pg_ctl, "-o", options, "-l", root / "log", "start"], "starting PostgreSQL")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str, template: str = "template1") -> str:
    """A new database `name`, a copy of `template` (PostgreSQL's own empty one by default)."""
    import psycopg  # noqa: PLC0415 (only the PostgreSQL tests need the driver)

    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return f"{server_url}/{name}"
