"""`reintegration demo` and `reintegration serve`: the Prefect side. Prefect is imported only
here, inside the commands, after the environment it reads is set."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any


def add_to(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        help="run a burn-out case through the real flows on a simulated clock",
        description="A complete demonstration on the embedded defaults: SQLite and a local "
        "outbox in a fresh directory, and Prefect's temporary server.",
    )
    demo.add_argument("--data-dir", help="where to keep the demo's store and outbox (default: new)")
    demo.set_defaults(run=run_demo)

    serve = commands.add_parser(
        "serve",
        help="serve the reminder dispatcher as a deployment, on its working-hours schedule",
        description="Serves report-sick, record-event and dispatch-reminders. Uses the Prefect "
        "server in PREFECT_API_URL, or starts one on 127.0.0.1 and stops it on exit.",
    )
    serve.add_argument("--port", type=int, default=4200, help="port of the server it starts")
    serve.set_defaults(run=run_serve)


def run_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="reintegration-demo-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("REINTEGRATION_DATABASE_URL", "REINTEGRATION_OUTBOX"):
        os.environ.pop(name, None)  # the embedded defaults, whatever the shell says
    os.environ["REINTEGRATION_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("PREFECT_HOME", str(data_dir / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls
    print(f"Demonstration in {data_dir} (store, outbox and Prefect's temporary server)")
    print("Starting Prefect (its temporary server takes about 20 seconds the first time) ...")
    from flows.demo import auditor_token, summary  # noqa: PLC0415
    from flows.demo import run_demo as drive  # noqa: PLC0415 (Prefect reads the env set above)

    started = time.monotonic()
    case = drive(lambda line: print(line, flush=True))
    print(f"\nDone in {time.monotonic() - started:.0f} s.\n")
    print("\n".join(summary(case)))
    print()
    from cli.main import main  # noqa: PLC0415 (cli.main imports this module)

    os.environ["REINTEGRATION_TOKEN"] = auditor_token()  # this process only: the demo's auditor
    return main(["audit", case])


def run_serve(args: argparse.Namespace) -> int:
    # Stop on Ctrl-C and on SIGTERM (how services are stopped), even when started from a shell
    # that left SIGINT ignored, as background jobs do.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        url = f"http://127.0.0.1:{args.port}/api"
        server = subprocess.Popen(  # noqa: S603 (Prefect's own command, from this environment)
            [
                Path(sys.executable).with_name("prefect"),
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(args.port),
            ],
        )
        _wait_for(f"{url}/health", server)
        os.environ["PREFECT_API_URL"] = url
        print(
            f"Prefect server on http://127.0.0.1:{args.port} (stopped when this ends)", flush=True
        )
    try:
        from flows.serving import serve_all  # noqa: PLC0415 (Prefect reads the env set above)

        serve_all()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _wait_for(health: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("reintegration: the Prefect server did not start (see above)")
        try:
            with urllib.request.urlopen(health, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("reintegration: the Prefect server did not answer within 120 s")
