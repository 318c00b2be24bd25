"""`reintegration serve`: one command that starts the web (console and REST API) and a Prefect
server, serves the dispatcher's deployment, and stops both again on Ctrl-C or SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import free_port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (a local server)
            return True
    except OSError:
        return False


def _deployments(port: int) -> set[str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/deployments/filter",
        data=json.dumps({"limit": 50}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (local server)
            return {deployment["name"] for deployment in json.load(response)}
    except OSError:
        return set()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_starts_the_web_and_a_server_serves_the_dispatcher_and_stops_cleanly(
    tmp_path: Path, stop: signal.Signals
) -> None:
    port, web_port = free_port(), free_port()
    openapi = f"http://127.0.0.1:{web_port}/api/openapi.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect"), "REINTEGRATION_DATA_DIR": str(tmp_path)}
    script = Path(sys.executable).with_name("reintegration")
    ignoring_ctrl_c = ["sh", "-c", 'trap "" INT; exec "$0" "$@"']  # as a shell's `cmd &` does
    serving = subprocess.Popen(
        [*ignoring_ctrl_c, script, "serve", "--port", str(port), "--web-port", str(web_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline, names = time.monotonic() + 150, set[str]()
        while "dispatch-reminders" not in names:
            assert time.monotonic() < deadline, names
            assert serving.poll() is None
            time.sleep(1)
            names = _deployments(port)
        assert names == {"dispatch-reminders"}  # no deployment acts for a person
        assert _answers(openapi)
        serving.send_signal(stop)
        assert serving.wait(timeout=60) == 0
        time.sleep(1)
        assert _deployments(port) == set()  # the servers it started are gone
        assert not _answers(openapi)
    finally:
        if serving.poll() is None:
            os.killpg(serving.pid, signal.SIGKILL)
            serving.wait(timeout=30)
