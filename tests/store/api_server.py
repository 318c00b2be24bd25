"""A real `reintegration web` process on 127.0.0.1, for the API tests and `bench/api.py`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from adapters.key_files import KEY_VARIABLE
from notifications.route_hosts import ALLOWED_VARIABLE

CONSOLE_SCRIPT = Path(sys.executable).parent / "reintegration"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(
    database_url: str, log: Path, data_dir: Path, key: str | None = None, timeout: float = 60
) -> Iterator[str]:
    """The base URL of a server on the store at `database_url`, stopped again afterwards;
    its key is `key`, else the key file in `data_dir`; its output goes to `log` (a pipe
    nobody reads would fill up and stall it)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REINTEGRATION_")}
    env[ALLOWED_VARIABLE] = "127.0.0.1"  # the tests' receivers
    if key:
        env[KEY_VARIABLE] = key
    command = [str(CONSOLE_SCRIPT), "web", "--port", str(port), "--database-url", database_url]
    command += ["--data-dir", str(data_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(process, base, log, timeout)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_it_answers(
    process: subprocess.Popen[bytes], base: str, log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()}")
        try:
            httpx.get(f"{base}/api/openapi.json", timeout=1).raise_for_status()
        except httpx.HTTPError:
            time.sleep(0.05)
        else:
            return
    raise RuntimeError(f"the server did not answer within {timeout} s: {log.read_text()}")
