"""What the use cases need from storage: small interfaces and the records they hand back.

The SQL adapters in `adapters/store/` implement them for SQLite and PostgreSQL; the in-memory
fakes in `tests/fakes.py` implement them for fast tests of the use cases. A stored record always
has its id: only the adapters see rows that do not have one yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol, Self

from domain.diary import DiaryEntry
from domain.errors import ConflictError
from domain.reminders import DEFAULT_LANGUAGE, Kind
from domain.roles import Role


class CaseChangedError(ConflictError):
    """Someone else wrote to the case (or opened one for the employee) since it was loaded;
    `current_seq`, when known, is the entry the case is at now."""

    def __init__(self, reason: str, *where: str, current_seq: int | None = None) -> None:
        super().__init__(reason, *where)
        self.current_seq = current_seq

    def at(self, place: str) -> Self:
        return type(self)(self.reason, place, *self.where, current_seq=self.current_seq)


class StoreTamperedError(ConflictError):
    """What a write would build on, or a sealed value it reads, fails its keyed check: it was
    changed behind the application's back. Nothing is written; `verify` says more."""


class KeyRotatedError(ConflictError):
    """The store's key was rotated while this process held the old one; nothing was written."""


class CaseStatus(StrEnum):
    SICK = "sick"
    RECOVERED = "recovered"  # open until 28 days after recovery, then closed
    VOID = "void"  # opened by mistake: its opening sick report retracted; closed at once


class ReminderStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a dispatcher; back to pending when its lease runs out
    SENT = "sent"
    FAILED = "failed"  # given up after the last retry
    SUPERSEDED = "superseded"  # settled unsent: a later reminder of its step and party was due too


class Notice(StrEnum):
    """Queued messages that no plan makes."""

    UNDELIVERABLE = "undeliverable"  # to HR: a reminder could not be delivered


QueueKind = Kind | Notice
# Kinds that re-planning never drops: notices, and news (a setback).
UNPLANNED: tuple[QueueKind, ...] = (Notice.UNDELIVERABLE, Kind.NEWS)


@dataclass(frozen=True)
class EmployeeRecord:
    id: int
    key: str
    display_name: str
    version: int = 0  # goes up with each case opened for them
    diary_signal: bool = False
    manager_id: int | None = None  # the manager's account: they see this employee's cases
    account_id: int | None = None  # the employee's own account
    first_name: str | None = None  # their roepnaam, for the messages to them (not sealed)


@dataclass(frozen=True)
class NewEmployee:
    key: str
    display_name: str


@dataclass(frozen=True)
class CaseRecord:
    id: int
    key: str
    employee_id: int
    first_sick_day: dt.date
    status: CaseStatus
    recovered_on: dt.date | None
    last_seq: int  # the version writers compare and set
    head_hash: str


@dataclass(frozen=True)
class LogEntry:
    """One entry of a case's hash-chained log."""

    seq: int
    business_date: dt.date
    type: str
    payload: str  # the entry's validated JSON
    actor: str
    role: str
    recorded_at: dt.datetime
    idempotency_key: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class StoredCase:
    case: CaseRecord
    employee: EmployeeRecord
    log: list[LogEntry]


@dataclass(frozen=True)
class NewEntry:
    business_date: dt.date
    type: str
    payload: str
    actor: str
    role: str
    recorded_at: dt.datetime
    idempotency_key: str | None


class PlannedReminder(NamedTuple):
    """A reminder of a case's plan as the store queues it (a tuple: a write adds dozens)."""

    key: str
    send_at: dt.datetime
    step: str
    due: dt.date
    kind: QueueKind
    number: int
    party: str


@dataclass(frozen=True)
class CaseUpdate:
    """What a write sets besides appending its entries: the state, the schedule of open steps,
    the reminders, and the employee's first name from a sick report. Pending reminders whose
    key left `plan_keys` are dropped; of `reminders`, those the case never had are added."""

    first_sick_day: dt.date
    status: CaseStatus
    recovered_on: dt.date | None
    closes_on: dt.date | None  # the day it closes once recovered; None while sick
    steps: Sequence[tuple[str, dt.date]]
    reminders: Sequence[PlannedReminder] = ()
    plan_keys: frozenset[str] = frozenset()
    news_retracted: bool = False  # the setback was retracted: its news, if still unsent, too
    first_name: str | None = None  # the employee's, from a sick report; None keeps theirs

    @property
    def kept_kinds(self) -> tuple[QueueKind, ...]:
        """The kinds of pending reminder that no plan makes, so a re-plan keeps them."""
        return tuple(k for k in UNPLANNED if not (self.news_retracted and k is Kind.NEWS))


@dataclass(frozen=True)
class OpenCase:
    """A case not closed, with its schedule of open steps by due date."""

    case: CaseRecord
    employee: EmployeeRecord
    steps: list[tuple[str, dt.date]]


@dataclass(frozen=True)
class StepsDue:
    """An open step among `steps` due from `since` to `until`, both included (None: no
    bound), for `CaseFilter`."""

    steps: frozenset[str]
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class CaseFilter:
    """Which of the cases open on `as_of` a list shows; every condition given must hold.
    Whose cases at all (`service.visibility.list_scope`): with `manager_id`, those of the
    employees whose sealed relations name that manager; with `case_ids`, only those cases."""

    as_of: dt.date
    closed_too: bool = False  # every case, not only those open on `as_of`
    manager_id: int | None = None
    case_ids: frozenset[int] | None = None
    team: str = ""  # "": any team, or none
    search: str = ""  # casefolded: a part of the name, the employee key or the case key
    having: tuple[StepsDue, ...] = ()  # each: the case has such an open step
    lacking: tuple[StepsDue, ...] = ()  # each: the case has no such open step


@dataclass(frozen=True)
class OpenCasePage:
    """One page of the open cases a `CaseFilter` asks for, by employee key then case id."""

    cases: list[OpenCase]  # a case whose identity seal fails is left out (verify names it)
    matching: int  # on all pages
    page: int  # the page asked for, within 1..pages
    pages: int
    teams: list[str]  # the teams of the cases in scope, whatever the other conditions
    team_of: dict[int, str]  # the page's employees' teams, by employee id, of those in one


class Contact(NamedTuple):
    party: str
    url: str  # an Apprise URL: holds secrets
    language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Route:
    id: int
    party: str
    url: str  # holds secrets
    language: str


@dataclass(frozen=True)
class Read:
    """A read of a case file by someone other than the employee (AVG: who looked, when)."""

    actor: str
    role: str
    purpose: str
    accessed_at: dt.datetime


@dataclass(frozen=True)
class QueuedReminder:
    id: int
    case_id: int
    key: str
    step: str
    due: dt.date
    kind: QueueKind
    number: int
    party: str
    send_at: dt.datetime
    status: ReminderStatus
    attempts: int  # rounds claimed so far


@dataclass(frozen=True)
class Planned:
    """A reminder waiting to go out, with its case's key."""

    reminder: QueuedReminder
    case_key: str


@dataclass(frozen=True)
class ClaimedReminder:
    reminder: QueuedReminder
    case_key: str
    employee_id: int
    display_name: str
    first_name: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One attempt to deliver a reminder to one target; never holds a secret."""

    reminder_id: int
    case_id: int
    party: str
    channel: str
    target: str  # redacted
    attempted_at: dt.datetime
    ok: bool
    error: str | None
    attempt: int  # which round of the reminder


@dataclass(frozen=True)
class DiaryRead:
    reader: str
    role: str
    read_at: dt.datetime


class CaseLog(Protocol):
    """Employees, their cases and each case's log, with the schedule and reminder plan that
    every write replaces in the same transaction."""

    def find_employee(self, key: str) -> EmployeeRecord | None: ...
    def load(self, case_key: str) -> StoredCase: ...  # NotFoundError if there is none
    def latest_case_of(self, employee_id: int) -> StoredCase | None: ...
    def case_keys_of(self, employee_key: str) -> set[str]: ...
    def find_by_idempotency_key(self, key: str) -> tuple[str, LogEntry] | None: ...
    # Both write their entries (one, or a sick report and its facts) in one transaction, and
    # hand back the stored entries in order.
    def append(
        self, stored: StoredCase, entries: Sequence[NewEntry], change: CaseUpdate
    ) -> list[LogEntry]: ...
    def open_case(
        self,
        employee: EmployeeRecord | NewEmployee,
        case_key: str,
        entries: Sequence[NewEntry],
        change: CaseUpdate,
        routes: Sequence[Contact] = (),
    ) -> list[LogEntry]: ...
    def open_cases(self, as_of: dt.date) -> list[OpenCase]: ...
    def open_case_page(self, where: CaseFilter, page: int, size: int) -> OpenCasePage: ...
    def all_cases(self) -> Iterator[StoredCase]: ...
    def count_entries(self) -> int: ...


class ReadLog(Protocol):
    def record(
        self, case_ids: Sequence[int], actor: str, role: str, purpose: str, at: dt.datetime
    ) -> None: ...
    def of_case(self, case_id: int) -> list[Read]: ...


class Changer(NamedTuple):
    """Who changes an employee's contact routes, and when."""

    actor: str
    role: str
    at: dt.datetime


@dataclass(frozen=True)
class RouteChange:
    """A contact route added or removed, as the trail shows it: the route masked."""

    changed_at: dt.datetime
    actor: str
    role: str
    action: str  # "added" or "removed"
    party: str
    target: str


class ContactRoutes(Protocol):
    def of_employee(self, employee_id: int) -> list[Route]: ...
    # Both record the change, with the route masked, in the same transaction.
    def add(self, employee_id: int, routes: Sequence[Contact], by: Changer) -> None: ...
    def remove(self, employee_id: int, route_id: int, by: Changer) -> bool: ...
    def changes_of(self, employee_id: int) -> list[RouteChange]: ...


class ReminderQueue(Protocol):
    def supersede_due(self, now: dt.datetime) -> int: ...  # settles older ones unsent
    def steps_of(self, case_id: int) -> list[tuple[str, dt.date]]: ...  # open, by due date
    def claim_due(
        self, now: dt.datetime, limit: int, wall_clock: dt.datetime, lease: dt.timedelta
    ) -> list[ClaimedReminder]: ...
    def record_delivery(self, delivery: Delivery) -> None: ...
    def settle(
        self,
        reminder: QueuedReminder,
        failed: bool,
        retry_at: dt.datetime | None,
        notify_hr_at: dt.datetime | None = None,
    ) -> None: ...
    def noticed_reminder(self, notice: QueuedReminder) -> QueuedReminder: ...
    def deliveries_of_reminder(self, reminder_id: int) -> list[Delivery]: ...
    def next_pending(self) -> Planned | None: ...  # the first reminder waiting to go out
    def of_case(self, case_key: str) -> list[QueuedReminder]: ...
    def deliveries_of(self, case_id: int) -> list[tuple[Delivery, QueuedReminder]]: ...
    def deliveries_of_given_up_cases(self) -> list[tuple[Delivery, ReminderStatus]]: ...


class Diary(Protocol):
    """The employee's diary: never part of a case's log, trail or messages."""

    def put(self, employee_id: int, entry: DiaryEntry, recorded_at: dt.datetime) -> None: ...
    def entries(self, employee_id: int) -> list[DiaryEntry]: ...
    def share(self, employee_id: int, reader: str, role: str) -> None: ...
    def unshare(self, employee_id: int, reader: str) -> int: ...
    def readers(self, employee_id: int) -> list[tuple[str, str]]: ...
    # (employee key, display name) of each diary shared with the reader in that role:
    def shared_with(self, reader: str, role: str) -> list[tuple[str, str]]: ...
    def record_read(self, employee_id: int, reader: str, role: str, at: dt.datetime) -> None: ...
    def reads(self, employee_id: int) -> list[DiaryRead]: ...
    def set_signal(self, employee_id: int, on: bool) -> None: ...


@dataclass(frozen=True)
class AccountRecord:
    id: int
    login: str
    display_name: str
    role: Role
    disabled: bool
    employee_key: str | None  # an employee's account: whose it is
    password_hash: str | None


@dataclass(frozen=True)
class NewAccount:
    login: str
    display_name: str
    role: Role
    password_hash: str | None  # None: the account proves itself by tokens only
    created_at: dt.datetime
    employee_key: str | None = None  # an employee account's employee (added if unknown)


@dataclass(frozen=True)
class TokenRecord:
    id: int
    login: str
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class Directory(Protocol):
    """Accounts, teams, who manages whom, which physician sees which case, and tokens.
    Each method that names an unknown login, team, employee or case raises NotFoundError,
    and a login or team that already exists raises ConflictError."""

    def has_accounts(self) -> bool: ...
    def add_account(self, account: NewAccount) -> AccountRecord: ...
    def account(self, login: str) -> AccountRecord: ...
    def account_by_id(self, account_id: int) -> AccountRecord: ...
    def accounts(self) -> list[AccountRecord]: ...
    def set_disabled(self, login: str, disabled: bool) -> None: ...
    def set_password_hash(self, login: str, password_hash: str) -> None: ...
    def add_team(self, name: str) -> None: ...
    def teams(self) -> list[tuple[str, int]]: ...  # each team and its number of employees
    def employee_teams(self) -> dict[str, str]: ...  # employee key -> team, of those in one
    def assign_employee(
        self, employee: NewEmployee, team: str | None, manager: str | None
    ) -> EmployeeRecord: ...
    def assign_physician(self, case_key: str, login: str) -> None: ...
    def unassign_physician(self, case_id: int, login: str) -> bool: ...  # False: was not
    def physicians_of(self, case_id: int) -> list[str]: ...  # their logins
    def assigned_case_ids(self, login: str) -> set[int]: ...  # a physician's cases
    def add_token(
        self,
        login: str,
        digest: str,
        label: str,
        created_at: dt.datetime,
        expires_at: dt.datetime | None,
    ) -> TokenRecord: ...
    def token_account(self, digest: str) -> tuple[TokenRecord, AccountRecord] | None: ...
    def tokens(self, login: str | None = None) -> list[TokenRecord]: ...
    def revoke_token(self, token_id: int, at: dt.datetime) -> bool: ...


class KeyedTrail(Protocol):
    """The trail's seals under the key kept outside the database: each case's identity, state,
    trail head and log counts, each read and delivery, and the count of cases."""

    def problems(self) -> list[str]: ...  # one line each; empty when every seal checks out


@dataclass(frozen=True)
class SessionRecord:
    """A web console session, found by the SHA-256 of its id (the id itself is never stored)."""

    account_id: int
    created_at: dt.datetime
    last_seen_at: dt.datetime
    ended: bool


class Sessions(Protocol):
    """The web console's sessions, and failed sign-ins by the SHA-256 of the login typed (a
    password typed into the login field must not be stored)."""

    def add(self, digest: str, account_id: int, at: dt.datetime) -> None: ...
    def find(self, digest: str) -> SessionRecord | None: ...
    def touch(self, digest: str, at: dt.datetime) -> None: ...
    def end(self, digest: str) -> None: ...
    def end_others(self, account_id: int, keep_digest: str) -> int: ...
    def record_failure(self, login_digest: str, at: dt.datetime) -> None: ...
    def failures(self, login_digest: str, since: dt.datetime) -> list[dt.datetime]: ...
    def clear_failures(self, login_digest: str) -> None: ...


class Store(Protocol):
    """Everything the use cases store, one interface per job."""

    @property
    def cases(self) -> CaseLog: ...
    @property
    def reads(self) -> ReadLog: ...
    @property
    def contacts(self) -> ContactRoutes: ...
    @property
    def reminders(self) -> ReminderQueue: ...
    @property
    def diary(self) -> Diary: ...
    @property
    def directory(self) -> Directory: ...
    @property
    def keyed_trail(self) -> KeyedTrail: ...
    @property
    def sessions(self) -> Sessions: ...
