"""The messages of one case as the console lists them: how each went, with the subject its
party reads, and only to the roles and parties that may read them (as the outbox)."""

from __future__ import annotations

import pytest

from adapters.store.case_store import CaseStore
from domain.errors import NotFoundError
from service.case_messages import case_messages
from service.dispatch import Dispatcher, everything_to
from service.recording import ReportSick, report_sick
from tests.organisation import MANAGER, PHYSICIAN
from tests.store.conftest import HR
from tests.store.test_dispatch import REPORTED, FlakySink, at

CASE = "E1042-20260105"


@pytest.fixture
def case(store: CaseStore) -> str:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), REPORTED)
    return CASE


def test_a_failed_delivery_shows_as_retrying_with_its_one_line_reason(
    store: CaseStore, case: str
) -> None:
    """A reminder whose delivery failed is listed as retrying, with the sink's one line and the
    time tried; the ones not yet due are planned, and the list is newest first."""
    Dispatcher(store, everything_to(FlakySink(failures=1))).dispatch_due(at("2026-01-08"))
    messages = case_messages(store, HR, case, "en")
    tried = [m for m in messages if m.state != "planned"]
    assert [(m.party, m.state, m.error) for m in tried] == [
        ("hr", "retrying", "connection refused")
    ]
    assert tried[0].subject == (
        "Report the absence to the occupational physician \N{EM DASH} "
        f"employee Jan Jansen (case {CASE}): by Friday 9 January 2026 (legal deadline Sunday 11 January)"
    )
    assert tried[0].last_attempt is not None
    planned = [m.planned for m in messages]
    assert planned == sorted(planned, reverse=True)
    assert {m.state for m in messages} == {"planned", "retrying"}


def test_a_manager_reads_only_the_messages_to_managers(store: CaseStore, case: str) -> None:
    """The employer side reads the subjects of its own party's messages, and no other party's."""
    everything = case_messages(store, HR, case, "nl")
    mine = case_messages(store, MANAGER, case, "nl")
    assert mine
    assert {m.party for m in mine} == {"manager"}
    assert len(mine) < len(everything)


def test_a_physician_not_on_the_case_reads_none_of_its_messages(
    store: CaseStore, case: str
) -> None:
    """A case someone may not see is answered as if it did not exist."""
    with pytest.raises(NotFoundError):
        case_messages(store, PHYSICIAN, case, "nl")
