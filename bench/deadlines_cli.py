"""Benchmark of `reintegration deadlines`: start-up time and batch throughput.

Run: .venv/bin/python bench/deadlines_cli.py [CASES]   (prints its figures; asserts nothing)
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("reintegration")
SAMPLE = Path(__file__).parents[1] / "examples" / "burnout-relapse.json"


def seconds(*args: str | Path) -> float:
    start = time.perf_counter()
    subprocess.run([SCRIPT, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def batch(cases: int) -> list[dict[str, object]]:
    """`cases` linked burn-out cases with a relapse, spread over ten years of first sick days."""
    documents: list[dict[str, object]] = []
    for n in range(cases):
        first = dt.date(2016, 1, 4) + dt.timedelta(days=n % 3650)

        def day(offset: int, first: dt.date = first) -> str:
            return (first + dt.timedelta(days=offset)).isoformat()

        documents.append(
            {
                "as_of": day(400),
                "events": [
                    {"type": "reported_sick", "date": day(0)},
                    {"type": "physician_notified", "date": day(2)},
                    {"type": "physician_consulted", "date": day(10)},
                    {"type": "problem_analysis_done", "date": day(30)},
                    {"type": "plan_of_action_agreed", "date": day(40)},
                    {"type": "evaluation_held", "date": day(80)},
                    {"type": "recovered", "date": day(150)},
                    {"type": "reported_sick", "date": day(170), "percentage": 50},
                    {"type": "evaluation_held", "date": day(200)},
                ],
            }
        )
    return documents


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = [seconds("deadlines", SAMPLE, "--json") for _ in range(7)]
    print(f"start-up, one case, --json: median {statistics.median(runs) * 1000:.0f} ms over 7 runs")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.json"
        path.write_text(json.dumps(batch(cases)))
        elapsed = seconds("deadlines", path, "--json")
    print(f"batch of {cases} cases, --json: {elapsed:.2f} s ({cases / elapsed:,.0f} cases/s)")


if __name__ == "__main__":
    main()
