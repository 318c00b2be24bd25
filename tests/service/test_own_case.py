"""What the employee's own pages are made of: their latest case and whom to contact about it,
by name; refused to every other role. And whose diaries a physician or coach has been given:
only those shared with them, in their role, and none once unshared."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import NotAllowedError, NotFoundError
from domain.roles import Role
from service import diary
from service.case_file import Actor
from service.own_case import Home, diary_owner, home_of, own_case, shared_with_me
from service.ports import NewEmployee
from service.recording import ReportSick, report_sick
from tests.fakes import FakeStore
from tests.organisation import (
    ADMIN,
    AUDITOR,
    COACH,
    HR,
    JAN,
    MANAGER,
    PHYSICIAN,
    assign_physician,
    organise,
)

NOW = dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC)


def jan_sick() -> FakeStore:
    store = FakeStore()
    organise(store)
    report = {"date": "2026-03-02", "percentage": 50}
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", report), NOW)
    return store


def test_the_employee_gets_their_case_and_whom_to_contact() -> None:
    """Their manager and the case's physicians by display name; unknown ones left out."""
    store = jan_sick()
    mine = own_case(store, JAN, NOW)
    assert mine.view is not None
    assert (mine.view.case_key, mine.view.percentage) == ("E1042-20260302", 50)
    assert (mine.manager, mine.physicians, mine.diary_signal) == (MANAGER.name, (), False)
    assign_physician(store, "E1042-20260302")
    assert own_case(store, JAN, NOW).physicians == (PHYSICIAN.name,)


def test_an_employee_never_reported_sick_has_no_case_yet() -> None:
    store = FakeStore()
    organise(store)
    mine = own_case(store, JAN, NOW)
    assert (mine.view, mine.manager) == (None, MANAGER.name)


def test_only_an_employee_has_their_own_case() -> None:
    store = jan_sick()
    for actor in (HR, MANAGER, PHYSICIAN, COACH):
        with pytest.raises(NotAllowedError):
            own_case(store, actor, NOW)
    stranger = Actor("nobody", Role.EMPLOYEE, employee_key="E9999")
    with pytest.raises(NotFoundError):
        own_case(store, stranger, NOW)


def test_a_reader_sees_only_the_diaries_shared_with_them() -> None:
    """By the reader's login and role; another employee's unshared diary stays out."""
    store = jan_sick()
    store.directory.assign_employee(NewEmployee("E2000", "Piet Peters"), None, None)
    assert shared_with_me(store, COACH) == []
    diary.share(store, JAN, COACH.name)
    assert shared_with_me(store, COACH) == [("E1042", "Jan Jansen")]
    assert shared_with_me(store, PHYSICIAN) == []
    diary.unshare(store, JAN, COACH.name)
    assert shared_with_me(store, COACH) == []
    for actor in (HR, MANAGER, JAN):
        with pytest.raises(NotAllowedError):
            shared_with_me(store, actor)


def test_each_role_has_its_home() -> None:
    """The employee their own case, the coach the diaries shared with them, the rest cases."""
    assert home_of(JAN) is Home.OWN_CASE
    assert home_of(COACH) is Home.SHARED_DIARIES
    for actor in (HR, MANAGER, PHYSICIAN, AUDITOR, ADMIN):
        assert home_of(actor) is Home.CASES


def test_a_diary_page_names_its_employee_to_whoever_may_read_it() -> None:
    store = jan_sick()
    diary.share(store, JAN, COACH.name)
    assert diary_owner(store, COACH, "E1042") == "Jan Jansen"
    assert diary_owner(store, JAN, "E1042") == "Jan Jansen"
