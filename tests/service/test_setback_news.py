"""A setback is news to each party, sent once; a retracted setback is no news: its unsent news
is dropped with it, while any other entry keeps it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.reminders import Kind
from service.case_file import Actor
from service.ports import ReminderStatus
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.fakes import FakeStore
from tests.organisation import HR, JAN, MANAGER, PHYSICIAN, assign_physician, organise

CASE = "E1042-20260105"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def rec(store: FakeStore, actor: Actor, kind: str, day: str, **fields: Any) -> int:
    return record(
        store, actor, RecordEvent(CASE, {"type": kind, "date": day, **fields}), at(day)
    ).seq


def pending_news(store: FakeStore) -> list[str]:
    return [
        r.party
        for r in store.reminders.of_case(CASE)
        if r.kind is Kind.NEWS and r.status is ReminderStatus.PENDING
    ]


@pytest.fixture
def store() -> FakeStore:
    """Jan's build-up agreed, then a setback reported (its news not yet sent)."""
    store = FakeStore()
    organise(store)
    report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), at("2026-01-05")
    )
    assign_physician(store, CASE)
    rec(store, PHYSICIAN, "capacity_assessed", "2026-01-20", hours_per_day=3, days_per_week=3)
    rec(store, JAN, "build_up_proposed", "2026-01-21", stages=["2x2", "3x2"], target_hours=6)
    rec(store, MANAGER, "build_up_agreed", "2026-01-22", party="employer")
    rec(store, PHYSICIAN, "build_up_agreed", "2026-01-22", party="physician")
    return store


def test_a_retracted_setback_sends_no_news(store: FakeStore) -> None:
    """Retracting the setback before its news went out drops the news for every party."""
    setback = rec(store, JAN, "setback_reported", "2026-01-26")
    assert pending_news(store)
    rec(store, JAN, "event_retracted", "2026-01-26", retracts=setback)
    assert pending_news(store) == []


def test_any_other_entry_keeps_the_news_of_a_setback(store: FakeStore) -> None:
    """The news is no plan's: a later entry that re-plans the case does not drop it."""
    rec(store, JAN, "setback_reported", "2026-01-26")
    news = pending_news(store)
    rec(store, MANAGER, "contact_agreed", "2026-01-26", every_days=7, form="call")
    assert pending_news(store) == news
