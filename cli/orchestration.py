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

from adapters.private_files import private_directory
from cli.store_options import store_options


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
        parents=[store_options()],
        help="everything in one command: the web console and REST API, and the reminder "
        "dispatcher as a Prefect deployment on its working-hours schedule",
        description="Serves `reintegration web` (the console and the REST API) and the "
        "dispatch-reminders deployment, on the store the options name. Uses the Prefect server "
        "in PREFECT_API_URL, or starts one on 127.0.0.1; stops what it started on exit.",
    )
    serve.add_argument(
        "--port", type=int, default=4200, help="port of the Prefect server it starts"
    )
    serve.add_argument("--web-host", default="127.0.0.1", help="the address the web listens on")
    serve.add_argument("--web-port", type=int, default=8000, help="the port the web listens on")
    serve.set_defaults(run=run_serve)


def run_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="reintegration-demo-"))
    private_directory(data_dir)
    for name in ("REINTEGRATION_DATABASE_URL", "REINTEGRATION_OUTBOX"):
        os.environ.pop(name, None)  # the embedded defaults, whatever the shell says
    os.environ["REINTEGRATION_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("PREFECT_HOME", str(data_dir / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls
    print(f"Demonstration in {data_dir} (store, outbox and Prefect's temporary server)")
    print("Starting Prefect (its temporary server takes about 20 seconds the first time) ...")
    from flows.demo import DEMO_PASSWORD, auditor_token, summary  # noqa: PLC0415
    from flows.demo import run_demo as drive  # noqa: PLC0415 (Prefect reads the env set above)

    started = time.monotonic()
    case = drive(lambda line: print(line, flush=True))
    print(f"\nDone in {time.monotonic() - started:.0f} s.\n")
    print("\n".join(summary(case)))
    print()
    from cli.main import main  # noqa: PLC0415 (cli.main imports this module)

    os.environ["REINTEGRATION_TOKEN"] = auditor_token()  # this process only: the demo's auditor
    code = main(["audit", case])
    print(
        f"\nTo look around in the console: reintegration web --data-dir {data_dir}\n"
        f"then open http://127.0.0.1:8000/cases/{case} and sign in as anna.hr (HR), "
        f"mark.manager (his manager), dr.bakker (the physician) or jan (Jan himself: his case "
        f"in plain words and his diary), password {DEMO_PASSWORD}."
    )
    return code


def run_serve(args: argparse.Namespace) -> int:
    # Stop on Ctrl-C and on SIGTERM (how services are stopped), even when started from a shell
    # that left SIGINT ignored, as background jobs do.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    started: list[subprocess.Popen[bytes]] = []  # stopped again, whatever happens
    try:
        started.append(_start_web(args))
        if not os.environ.get("PREFECT_API_URL"):
            started.append(_start_prefect(args.port))
        from flows.serving import serve_all  # noqa: PLC0415 (Prefect reads the env set above)

        serve_all()
    except KeyboardInterrupt:
        pass
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=30)
    return 0


def _start_prefect(port: int) -> subprocess.Popen[bytes]:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    url = f"http://127.0.0.1:{port}/api"
    command = ["server", "start", "--host", "127.0.0.1", "--port", str(port)]
    # Prefect's own command, from this environment:
    server = subprocess.Popen([Path(sys.executable).with_name("prefect"), *command])  # noqa: S603
    _wait_for(f"{url}/health", server, "the Prefect server")
    os.environ["PREFECT_API_URL"] = url
    print(f"Prefect server on http://127.0.0.1:{port} (stopped when this ends)", flush=True)
    return server


def _start_web(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """`reintegration web` on the same store, in its own process (uvicorn wants its own loop);
    the dispatcher's flow runs find the store through the same environment."""
    where = []
    if args.database_url:
        where += ["--database-url", args.database_url]
        os.environ["REINTEGRATION_DATABASE_URL"] = args.database_url
    if args.data_dir:
        where += ["--data-dir", args.data_dir]
        os.environ["REINTEGRATION_DATA_DIR"] = args.data_dir
    host, port = args.web_host, str(args.web_port)
    command = ["web", "--host", host, "--port", port, *where]
    # Our own command, from this environment:
    web = subprocess.Popen([Path(sys.executable).with_name("reintegration"), *command])  # noqa: S603
    _wait_for(f"http://{host}:{port}/api/openapi.json", web, "the web server")
    print(f"Console and REST API on http://{host}:{port} (docs at /api/docs)", flush=True)
    return web


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _wait_for(health: str, server: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"reintegration: {what} did not start (see above)")
        try:
            with urllib.request.urlopen(health, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"reintegration: {what} did not answer within 120 s")
