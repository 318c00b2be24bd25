"""The organisation the console tests sign in to, on any store: the accounts of
`tests.organisation` with a password, a second manager (of Piet, in team Magazijn), and three
open cases relative to today: Jan's (team Verkoop, 60 days, steps overdue), Piet's (3 days) and
Kees's (linked: sick, fit for 14 days, sick again). `served_site` serves it from a real
`reintegration web` process; `sign_in` signs an HTTP client in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from adapters.amsterdam_time import today_in_amsterdam
from adapters.store.case_store import CaseStore
from domain.roles import Role
from service.accounts import hash_password
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee, Store
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.conftest import TEST_KEY
from tests.organisation import (
    HR,
    JAN,
    MANAGER,
    PHYSICIAN,
    SINCE,
    assign_physician,
    manage,
    organise,
)
from tests.store.api_server import serving
from tests.store.conftest import sealed_store

PASSWORD = "een lang wachtwoord"  # noqa: S105 (the tests' password)
OTHER_MANAGER = "other.manager"
EMPLOYEE = "jan"  # Jan Jansen, E1042: his own account
COACH = "coach.co"
WITH_PASSWORD = (
    "anna.hr",
    "mark.manager",
    "dr.bakker",
    "olga.auditor",
    OTHER_MANAGER,
    EMPLOYEE,
    COACH,
)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class Site:
    jan_case: str
    piet_case: str
    kees_case: str


def populate(store: Store) -> Site:
    organise(store)
    store.directory.add_account(NewAccount(OTHER_MANAGER, "Olaf", Role.MANAGER, None, SINCE))
    hashed = hash_password(PASSWORD)
    for login in WITH_PASSWORD:
        store.directory.set_password_hash(login, hashed)
    for team in ("Verkoop", "Magazijn"):
        store.directory.add_team(team)
    now = dt.datetime.now(dt.UTC)
    today = today_in_amsterdam(now)

    def day(days_ago: int) -> str:
        return (today - dt.timedelta(days=days_ago)).isoformat()

    def sick(key: str, name: str, days_ago: int, percentage: int = 100) -> str:
        report = {"date": day(days_ago), "percentage": percentage}
        return report_sick(store, HR, ReportSick(key, name, report), now).case_key

    jan = sick("E1042", "Jan Jansen", 60, 60)
    store.directory.assign_employee(NewEmployee("E1042", "Jan Jansen"), "Verkoop", None)
    store.directory.assign_employee(NewEmployee("E2000", "Piet Peters"), "Magazijn", OTHER_MANAGER)
    piet = sick("E2000", "Piet Peters", 3)
    manage(store, "E3000", "Kees de Boer")
    kees = sick("E3000", "Kees de Boer", 120)
    for kind, days_ago in (("physician_notified", 118), ("recovered", 80)):
        record(store, HR, RecordEvent(kees, {"type": kind, "date": day(days_ago)}), now)
    assert sick("E3000", "Kees de Boer", 66) == kees  # linked: within 28 days
    assign_physician(store, jan)
    build_up(store, jan, day, now)
    return Site(jan, piet, kees)


# Jan's build-up: four stages, advanced twice, then a setback to stage 2 (3 x 3 hours a week).
LADDER = ["2x2", "3x3", "4x3", "4x4"]


def build_up(store: Store, case: str, day: Callable[[int], str], now: dt.datetime) -> None:
    """Each recovery event recorded by the party who records it."""
    capacity = {
        "hours_per_day": 4,
        "days_per_week": 4,
        "restrictions": ["no_deadline_pressure", "quiet_workplace"],
        "expected_duration": "1_to_3_months",
    }
    events: tuple[tuple[Actor, str, int, dict[str, object]], ...] = (
        (PHYSICIAN, "capacity_assessed", 40, capacity),
        (JAN, "build_up_proposed", 38, {"stages": LADDER, "target_hours": 16}),
        (MANAGER, "build_up_agreed", 36, {"party": "employer"}),
        (PHYSICIAN, "build_up_agreed", 35, {"party": "physician"}),
        (MANAGER, "contact_agreed", 35, {"every_days": 7, "form": "call"}),
        (MANAGER, "stage_reviewed", 21, {"outcome": "advance"}),
        (PHYSICIAN, "stage_reviewed", 10, {"outcome": "advance"}),
        (JAN, "setback_reported", 5, {}),
        (MANAGER, "contact_held", 3, {"form": "call"}),
    )
    for actor, kind, days_ago, fields in events:
        entry = {"type": kind, "date": day(days_ago), **fields}
        record(store, actor, RecordEvent(case, entry), now)


@dataclass(frozen=True)
class Served:
    base: str
    store: CaseStore
    site: Site
    log: Path  # the server's output

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30)

    @contextmanager
    def signed_in(self, login: str) -> Iterator[httpx.Client]:
        with self.client() as client:
            assert sign_in(client, login).status_code == 303
            yield client

    def reads(self, case: str) -> list[tuple[str, str]]:
        case_id = self.store.cases.load(case).case.id
        return [(r.actor, r.purpose) for r in self.store.reads.of_case(case_id)]


@contextmanager
def served_site(url: str, directory: Path) -> Iterator[Served]:
    """The organisation in the store at `url`, served; the server stopped afterwards."""
    store = sealed_store(url)
    try:
        site = populate(store)
        log = directory / "server.log"
        with serving(url, log, directory, TEST_KEY) as base:
            yield Served(base, store, site, log)
    finally:
        store.engine.dispose()


def csrf_of(page: httpx.Response) -> str:
    found = CSRF.search(page.text)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: httpx.Client, login: str, password: str = PASSWORD) -> httpx.Response:
    """Sign `client` in (its cookies keep the session); the answer to the posted form."""
    form = client.get("/sign-in")
    fields = {"csrf": csrf_of(form), "login": login, "password": password}
    return client.post("/sign-in", data=fields)
