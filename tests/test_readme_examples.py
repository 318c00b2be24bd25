"""Every shell example of README.md runs, in order, on a fresh data directory (issue 14).

The convention:
- Every ```sh block of README.md is an example. Its lines (a line ending in `\\` goes on on the
  next) run in the README's order, each in bash, in one working directory and one fresh data
  directory (`$REINTEGRATION_DATA_DIR`, the key in a file there), keeping the variables the
  lines set for the lines after, as a reader's shell would.
- One exception to the order: the accounts block (under **Accounts and sign-in**, to which the
  case store's first example points) runs first: it adds the accounts the others sign in as.
- `[export] VAR=$(reintegration login LOGIN)` asks a password: the test gives it the one that
  `users add LOGIN` printed, with `--password-stdin`.
- `CASE.json` is the README's case document (its ```json block).
- A `reintegration` command (after any `VAR=value`) must exit 0 without a traceback. A line that
  needs what a test does not have is in SKIPPED, with the reason, by how it starts; any other
  line fails the test, and so does an entry of SKIPPED that no line of the README starts with.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"
BIN = Path(sys.executable).parent
FIRST = "reintegration users add root"  # the accounts block starts so

SKIPPED = {
    "make ": "sets up .venv, then the demonstration or the whole suite: minutes, and the suite "
    "would run itself",
    ".venv/bin/reintegration demo": "the demonstration: minutes with Prefect's temporary server "
    "(tests/flows/test_flows.py runs it), then a server that runs until stopped",
    "reintegration web": "serves until stopped (tests/store/test_console_http.py serves it)",
    "reintegration dispatch": "sends to the example's mailto:// and slack:// routes over the "
    "network (tests/store/test_dispatch_cli.py sends to the outbox)",
    "prefect ": "needs a Prefect server (tests/flows/test_flows.py deploys prefect.yaml)",
    "sudo ": "a server's administration as root: systemd, /opt and /var (`backup` and `restore` "
    "run below, and in tests/store/test_backup.py)",
    "pg_dump ": "needs PostgreSQL (tests/store/test_at_rest.py runs pg_dump)",
    "pg_restore ": "needs PostgreSQL",
    "git worktree ": "checks out an earlier commit to benchmark it: `make bench` takes minutes",
}
LOGIN = re.compile(r"^(?:export )?(\w+)=\$\(reintegration login ([\w.-]+)\)\s*(?:#.*)?$")
ASSIGNMENTS = re.compile(r"^(?:\w+=\S*\s+)*")
PASSWORD = re.compile(r"^password \(shown once\): (\S+)$", re.MULTILINE)


def blocks(kind: str) -> list[str]:
    """The README's ```KIND blocks (indented ones too), in order."""
    pattern = rf"^ *```{kind}\n(.*?)^ *```$"
    return re.findall(pattern, README.read_text(), re.DOTALL | re.MULTILINE)


def examples() -> list[str]:
    """Every command of the ```sh blocks (continued lines joined), the accounts block first."""
    commands = [re.sub(r"\\\n\s*", "", block).split("\n") for block in blocks("sh")]
    ordered = sorted(commands, key=lambda block: not block[0].strip().startswith(FIRST))
    return [line.strip() for block in ordered for line in block if line.strip()]


def skipped(line: str) -> str | None:
    command = ASSIGNMENTS.sub("", line)
    return next((why for start, why in SKIPPED.items() if command.startswith(start)), None)


def test_every_shell_example_of_the_readme_runs_in_order(tmp_path: Path) -> None:
    (tmp_path / "CASE.json").write_text(blocks("json")[0])
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("REINTEGRATION_", "PREFECT_"))
    }
    env |= {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "HOME": str(tmp_path),
        "REINTEGRATION_DATA_DIR": str(tmp_path / "data"),
    }
    passwords: dict[str, str] = {}
    lines = examples()
    commands = [ASSIGNMENTS.sub("", line) for line in lines]
    unused = [start for start in SKIPPED if not any(c.startswith(start) for c in commands)]
    assert not unused, f"SKIPPED names lines the README no longer has: {unused}"
    for line in lines:
        if skipped(line):
            continue
        if login := LOGIN.match(line):
            variable, account = login.groups()
            done = run(
                f"reintegration login {account} --password-stdin", env, passwords[account] + "\n"
            )
            env[variable] = done.stdout.strip()
            continue
        assert ASSIGNMENTS.sub("", line).startswith("reintegration "), (
            f"README line {line!r}: neither a reintegration command nor in SKIPPED"
        )
        done = run(line, env)
        if match := re.match(r"reintegration users add ([\w.-]+)", line):
            passwords.update({match.group(1): p for p in PASSWORD.findall(done.stdout)})


def run(line: str, env: dict[str, str], given: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["bash", "-c", line],
        cwd=env["HOME"],
        env=env,
        input=given,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"README line {line!r} failed:\n{done.stderr}"
    assert "Traceback" not in done.stderr, f"README line {line!r}:\n{done.stderr}"
    return done
