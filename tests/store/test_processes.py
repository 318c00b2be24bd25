"""Real processes against one store: concurrent writers, and writers and dispatchers killed
with SIGKILL."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from adapters.store.case_store import CaseStore
from notifications.sinks import read_outbox
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import verify
from tests.store import writer as writer_module
from tests.store.conftest import AUDITOR, HR, NOW

CASE = "E1042-20260105"
ROOT = Path(__file__).parents[2]


def writer(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", url, CASE, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def open_case(store: CaseStore) -> None:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    record(
        store, HR, RecordEvent(CASE, {"type": "plan_of_action_agreed", "date": "2026-02-01"}), NOW
    )


def test_two_writers_deciding_on_the_same_version_exactly_one_wins(
    store: CaseStore, database_url: str
) -> None:
    open_case(store)
    for round_ in range(3):
        seen = store.cases.load(CASE).case.last_seq
        start_at = str(time.time() + 2.5)  # both processes are loaded and waiting by then
        racers = [
            writer(database_url, "race", start_at, str(seen), f"2026-03-0{day}") for day in (1, 2)
        ]
        results = [(racer.wait(timeout=60), racer.communicate()[0].strip()) for racer in racers]
        codes = sorted(code for code, _ in results)
        assert codes == [0, 1], (round_, results)
        loser = next(out for code, out in results if code == 1)
        assert f"case {CASE} changed" in loser
        assert "reload" in loser
        assert store.cases.load(CASE).case.last_seq == seen + 1
    assert verify(store, AUDITOR) == (5, [])


def test_a_writer_killed_mid_write_leaves_a_valid_store(
    store: CaseStore, database_url: str
) -> None:
    open_case(store)
    for _ in range(3):
        process = writer(database_url, "loop")
        assert process.stdout is not None
        for _ in range(15):  # let it get well into writing
            process.stdout.readline()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()  # type: ignore[union-attr]
        checked, problems = verify(store, AUDITOR)
        assert problems == []
        assert checked == store.cases.count_entries() == store.cases.load(CASE).case.last_seq
    entry = {"type": "evaluation_held", "date": "2026-03-02"}
    assert record(store, HR, RecordEvent(CASE, entry), NOW).seq == store.cases.count_entries()


def test_a_dispatcher_killed_while_sending_loses_nothing_and_repeats_at_most_the_one_in_flight(
    store: CaseStore, database_url: str, tmp_path: Path
) -> None:
    """kill -9 in the middle of sending over 1,000 due reminders, then start it again."""
    for n in range(24):
        report_sick(
            store, HR, ReportSick(f"E{n:03d}", f"Employee {n}", {"date": "2026-01-05"}), NOW
        )
    planned = [
        (f"E{n:03d}-20260105", r)
        for n in range(24)
        for r in store.reminders.of_case(f"E{n:03d}-20260105")
    ]
    assert len(planned) > 1000
    outbox, lease = tmp_path / "outbox.jsonl", "1"
    args = [
        sys.executable,
        "-m",
        "tests.store.writer",
        database_url,
        str(outbox),
        "dispatch",
        "2029-01-01T12:00:00+00:00",
        lease,
    ]
    first = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    kill_at = 325  # lines: not a multiple of the writer's batch of 50, so mid-batch
    deadline = time.monotonic() + 120
    while (
        len(read_outbox(outbox)) < kill_at and time.monotonic() < deadline and first.poll() is None
    ):
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert first.stderr is not None
    first.stderr.close()
    assert kill_at <= len(read_outbox(outbox))  # killed in the middle
    time.sleep(1.5)  # the dead dispatcher's claims outlive their lease
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True, timeout=300)

    expected, statuses, delivered = reminder_table(database_url)
    sent = Counter(message["key"] for message in read_outbox(outbox))
    assert expected <= set(sent)  # every reminder that was to go out went out
    assert sum(sent.values()) - len(sent) <= 1  # none twice, beyond the one in flight
    assert set(statuses) <= {"sent", "superseded"}  # each settled; none left behind
    assert delivered >= len(expected)  # each in the audit trail


# The seeded crash test: few reminders in small batches, so that many kill points fall inside a
# batch; the dispatcher runs in processes forked from a server that has the code loaded already
# (a fresh interpreter per run would cost more than the sending). One dispatcher runs at a time,
# so a lease shorter than a batch takes nothing from a live one.
BATCH, LEASE = 10, 0.05  # seconds
EXPIRED = 3 * LEASE  # waited after a kill, so that the dead dispatcher's claims have expired
SEEDS = [1, 2, 3]


def forked_dispatcher(url: str, outbox: Path, kill: str) -> multiprocessing.process.BaseProcess:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.store.writer"])
    now = dt.datetime(2029, 1, 1, 12, tzinfo=dt.UTC)
    process = context.Process(
        target=writer_module.dispatch, args=(url, outbox, now, BATCH, LEASE, kill)
    )
    process.start()
    return process


def mid_batch(rng: random.Random, below: int) -> int:
    """A message number in 1..below-1 that is not the last of a batch."""
    return rng.choice([n for n in range(1, below) if n % BATCH])


def reminder_table(url: str) -> tuple[set[str], Counter[str], int]:
    """By SQL: the outbox key of every reminder settled as sent (a weekly overview goes out as
    a listing of its own key, or not at all), the reminders by status, and the deliveries that
    succeeded. After downtime only the latest reminder per step and party goes out; the others
    are settled as superseded."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                'SELECT c.key, r.key, r.status, r.kind FROM reminder r JOIN "case" c '
                "ON c.id = r.case_id"
            )
        ).all()
        delivered = connection.execute(text("SELECT count(*) FROM delivery WHERE ok")).scalar_one()
    engine.dispose()
    sent = {
        f"{case}:{key}"
        for case, key, status, kind in rows
        if status == "sent" and kind != "overview"
    }
    return sent, Counter(status for _, _, status, _ in rows), delivered


@pytest.mark.parametrize("seed", SEEDS)
def test_a_dispatcher_killed_mid_batch_loses_nothing_and_repeats_at_most_one_per_kill(
    store: CaseStore, database_url: str, tmp_path: Path, seed: int
) -> None:
    """kill -9 at points a seed picks inside batches: from outside when the outbox reaches a
    line count, and from inside just before and just after a message goes out. After a last
    run, every reminder went out, at most one twice per kill, each settled and recorded once."""
    report_sick(store, HR, ReportSick("E000", "Employee 0", {"date": "2026-01-05"}), NOW)
    planned = len(store.reminders.of_case("E000-20260105"))
    rng, outbox = random.Random(seed), tmp_path / "outbox.jsonl"  # noqa: S311 (not a secret)
    assert planned > 4 * BATCH

    outside = forked_dispatcher(database_url, outbox, "")
    lines, give_up_at = mid_batch(rng, planned // 12), time.monotonic() + 120
    while len(read_outbox(outbox)) < lines and outside.is_alive() and time.monotonic() < give_up_at:
        time.sleep(0.005)
    assert outside.pid is not None
    os.kill(outside.pid, signal.SIGKILL)
    outside.join(timeout=60)
    kills = [f"{mid_batch(rng, planned // 16)}:{when}" for when in ("before", "after")]
    for kill in kills:
        time.sleep(EXPIRED)
        inside = forked_dispatcher(database_url, outbox, kill)
        inside.join(timeout=120)
        assert inside.exitcode == -signal.SIGKILL, kill  # it died where the seed said
    time.sleep(EXPIRED)
    last = forked_dispatcher(database_url, outbox, "")
    last.join(timeout=120)

    assert (outside.exitcode, last.exitcode) == (-signal.SIGKILL, 0)
    expected, statuses, delivered = reminder_table(database_url)
    sent = Counter(message["key"] for message in read_outbox(outbox))
    assert expected <= set(sent), f"lost: {sorted(expected - set(sent))}"
    assert sum(sent.values()) - len(sent) <= 3, sent.most_common(4)  # one per kill at most
    assert set(statuses) <= {"sent", "superseded"}  # each settled
    assert delivered >= len(expected)
