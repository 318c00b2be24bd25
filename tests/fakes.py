"""In-memory fakes of the store's interfaces (`service.ports`), for fast tests of the use cases.
They keep the promises the SQL adapters keep: a write that names a stale version fails whole,
an idempotency key is used once, a re-plan keeps what was sent and what no plan makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator, Sequence

from adapters.store.hash_chain import GENESIS, entry_hash
from domain.diary import DiaryEntry
from domain.errors import ConflictError, NotFoundError
from service.ports import (
    AccountRecord,
    CaseChangedError,
    CaseFilter,
    CaseRecord,
    CaseUpdate,
    Changer,
    ClaimedReminder,
    Contact,
    Delivery,
    DiaryRead,
    EmployeeRecord,
    LogEntry,
    NewAccount,
    NewEmployee,
    NewEntry,
    OpenCase,
    OpenCasePage,
    Planned,
    QueuedReminder,
    Read,
    ReminderStatus,
    Route,
    RouteChange,
    SessionRecord,
    StepsDue,
    StoredCase,
    TokenRecord,
)


class FakeCaseLog:
    def __init__(self, reminders: FakeReminderQueue, contacts: FakeContactRoutes) -> None:
        self.team_of: dict[str, str] = {}  # employee key -> team (the directory's)
        self.employees: dict[str, EmployeeRecord] = {}
        self.cases: dict[str, CaseRecord] = {}
        self.logs: dict[str, list[LogEntry]] = {}
        self.schedules: dict[int, list[tuple[str, dt.date]]] = {}
        self.closes_on: dict[str, dt.date] = {}
        self.loads = 0  # how often a case was loaded: a request should load it once
        self._reminders, self._contacts = reminders, contacts
        self.ids = itertools.count(1)

    def find_employee(self, key: str) -> EmployeeRecord | None:
        return self.employees.get(key)

    def load(self, case_key: str) -> StoredCase:
        if case_key not in self.cases:
            raise NotFoundError(f"no case {case_key!r}")
        self.loads += 1
        return self._stored(self.cases[case_key])

    def latest_case_of(self, employee_id: int) -> StoredCase | None:
        own = [c for c in self.cases.values() if c.employee_id == employee_id]
        return self._stored(max(own, key=lambda c: c.id)) if own else None

    def case_keys_of(self, employee_key: str) -> set[str]:
        employee = self.employees.get(employee_key)
        return {c.key for c in self.cases.values() if employee and c.employee_id == employee.id}

    def find_by_idempotency_key(self, key: str) -> tuple[str, LogEntry] | None:
        for case_key, log in self.logs.items():
            for entry in log:
                if entry.idempotency_key == key:
                    return case_key, entry
        return None

    def append(
        self, stored: StoredCase, entries: Sequence[NewEntry], change: CaseUpdate
    ) -> list[LogEntry]:
        current = self.cases[stored.case.key]
        if current.last_seq != stored.case.last_seq or self._keys_used(entries):
            raise CaseChangedError(f"case {current.key} changed since it was loaded")
        self._name(current.employee_id, change)
        return self._write_all(current.key, entries, change)

    def open_case(
        self,
        employee: EmployeeRecord | NewEmployee,
        case_key: str,
        entries: Sequence[NewEntry],
        change: CaseUpdate,
        routes: Sequence[Contact] = (),
    ) -> list[LogEntry]:
        known = self.employees.get(employee.key)
        stale = isinstance(employee, EmployeeRecord) and (
            known is None or known.version != employee.version
        )
        if stale or (isinstance(employee, NewEmployee) and known is not None):
            raise CaseChangedError(f"a case was just opened for {employee.key}; reload")
        if case_key in self.cases or self._keys_used(entries):
            raise CaseChangedError(f"case {case_key} changed since it was loaded")
        if isinstance(employee, NewEmployee):
            record = EmployeeRecord(next(self.ids), employee.key, employee.display_name)
        else:
            record = dataclasses.replace(employee, version=employee.version + 1)
        self.employees[record.key] = record
        self._name(record.id, change)
        first = entries[0]
        self._contacts.add(record.id, routes, Changer(first.actor, first.role, first.recorded_at))
        case = CaseRecord(
            next(self.ids), case_key, record.id, change.first_sick_day, change.status, None, 0, ""
        )
        self.logs[case_key] = []
        self.cases[case_key] = case
        return self._write_all(case_key, entries, change)

    def open_cases(self, as_of: dt.date) -> list[OpenCase]:
        by_id = {e.id: e for e in self.employees.values()}
        open_ = [c for c in self.cases.values() if as_of < self.closes_on[c.key]]
        ordered = sorted(open_, key=lambda c: (by_id[c.employee_id].key, c.id))
        return [
            OpenCase(c, by_id[c.employee_id], sorted(self.schedules[c.id], key=lambda s: s[::-1]))
            for c in ordered
        ]

    def open_case_page(self, where: CaseFilter, page: int, size: int) -> OpenCasePage:
        """The same page as the SQL adapter's, filtered in Python (no seals here)."""
        team_of = self.team_of

        def in_scope(found: OpenCase) -> bool:
            manager = where.manager_id
            ids = where.case_ids
            return (manager is None or found.employee.manager_id == manager) and (
                ids is None or found.case.id in ids
            )

        def has(found: OpenCase, due: StepsDue) -> bool:
            return any(
                step in due.steps
                and (due.since is None or due.since <= day)
                and (due.until is None or day <= due.until)
                for step, day in found.steps
            )

        def matches(found: OpenCase) -> bool:
            searched = (found.employee.display_name, found.employee.key, found.case.key)
            return (
                (not where.team or team_of.get(found.employee.key) == where.team)
                and (not where.search or any(where.search in t.casefold() for t in searched))
                and all(has(found, due) for due in where.having)
                and not any(has(found, due) for due in where.lacking)
            )

        listed = self.open_cases(dt.date.min if where.closed_too else where.as_of)
        scoped = [found for found in listed if in_scope(found)]
        matching = [found for found in scoped if matches(found)]
        pages = max(1, -(-len(matching) // size))
        page = min(max(page, 1), pages)
        shown = matching[(page - 1) * size : page * size]
        teams = sorted({team_of[f.employee.key] for f in scoped if f.employee.key in team_of})
        by_id = {f.employee.id: team_of[f.employee.key] for f in shown if f.employee.key in team_of}
        return OpenCasePage(shown, len(matching), page, pages, teams, by_id)

    def all_cases(self) -> Iterator[StoredCase]:
        for case in sorted(self.cases.values(), key=lambda c: c.id):
            yield self._stored(case)

    def count_entries(self) -> int:
        return sum(len(log) for log in self.logs.values())

    def _write(self, case: CaseRecord, new: NewEntry, change: CaseUpdate) -> LogEntry:
        entry = LogEntry(
            seq=case.last_seq + 1,
            business_date=new.business_date,
            type=new.type,
            payload=new.payload,
            actor=new.actor,
            role=new.role,
            recorded_at=new.recorded_at,
            idempotency_key=new.idempotency_key,
            prev_hash=case.head_hash or GENESIS,
            hash="",
        )
        entry = dataclasses.replace(entry, hash=entry_hash(case.key, entry))
        self.logs[case.key].append(entry)
        self.cases[case.key] = dataclasses.replace(
            case,
            last_seq=entry.seq,
            head_hash=entry.hash,
            first_sick_day=change.first_sick_day,
            status=change.status,
            recovered_on=change.recovered_on,
        )
        self.closes_on[case.key] = change.closes_on or dt.date.max
        self.schedules[case.id] = list(change.steps)
        self._reminders.replan(case.key, case.id, change)
        return entry

    def _write_all(
        self, case_key: str, entries: Sequence[NewEntry], change: CaseUpdate
    ) -> list[LogEntry]:
        return [self._write(self.cases[case_key], entry, change) for entry in entries]

    def _name(self, employee_id: int, change: CaseUpdate) -> None:
        if change.first_name is not None:
            named = next(e for e in self.employees.values() if e.id == employee_id)
            self.employees[named.key] = dataclasses.replace(named, first_name=change.first_name)

    def _keys_used(self, entries: Sequence[NewEntry]) -> bool:
        return any(
            entry.idempotency_key is not None
            and self.find_by_idempotency_key(entry.idempotency_key)
            for entry in entries
        )

    def _stored(self, case: CaseRecord) -> StoredCase:
        employee = next(e for e in self.employees.values() if e.id == case.employee_id)
        return StoredCase(case, employee, list(self.logs[case.key]))


class FakeReadLog:
    def __init__(self) -> None:
        self.reads: dict[int, list[Read]] = {}

    def record(
        self, case_ids: Sequence[int], actor: str, role: str, purpose: str, at: dt.datetime
    ) -> None:
        for case_id in case_ids:
            self.reads.setdefault(case_id, []).append(Read(actor, role, purpose, at))

    def of_case(self, case_id: int) -> list[Read]:
        return list(self.reads.get(case_id, []))


class FakeContactRoutes:
    def __init__(self) -> None:
        self.routes: list[tuple[int, Route]] = []
        self.changes: list[tuple[int, RouteChange]] = []
        self._ids = itertools.count(1)

    def of_employee(self, employee_id: int) -> list[Route]:
        return [route for owner, route in self.routes if owner == employee_id]

    def add(self, employee_id: int, routes: Sequence[Contact], by: Changer) -> None:
        for r in routes:
            if not any((x.party, x.url) == (r.party, r.url) for x in self.of_employee(employee_id)):
                route = Route(next(self._ids), r.party, r.url, r.language)
                self.routes.append((employee_id, route))
                self.changes.append((employee_id, _changed(by, "added", r.party, r.url)))

    def remove(self, employee_id: int, route_id: int, by: Changer) -> bool:
        gone = [r for o, r in self.routes if (o, r.id) == (employee_id, route_id)]
        self.routes = [(o, r) for o, r in self.routes if (o, r.id) != (employee_id, route_id)]
        self.changes += [(employee_id, _changed(by, "removed", r.party, r.url)) for r in gone]
        return bool(gone)

    def changes_of(self, employee_id: int) -> list[RouteChange]:
        return [change for owner, change in self.changes if owner == employee_id]


def _changed(by: Changer, action: str, party: str, url: str) -> RouteChange:
    return RouteChange(by.at, by.actor, by.role, action, party, url.split("://", maxsplit=1)[0])


class FakeReminderQueue:
    """The plan part of the queue (what a write re-plans); the dispatcher's claiming and
    leases are tested on the real databases."""

    def __init__(self) -> None:
        self.queue: dict[str, list[QueuedReminder]] = {}  # by case key
        self._ids = itertools.count(1)

    def replan(self, case_key: str, case_id: int, change: CaseUpdate) -> None:
        kept = [
            r
            for r in self.queue.get(case_key, [])
            if r.status is not ReminderStatus.PENDING
            or r.kind in change.kept_kinds
            or r.key in change.plan_keys
        ]
        known = {r.key for r in kept}
        kept += [
            QueuedReminder(
                next(self._ids), case_id, r.key, r.step, r.due, r.kind, r.number, r.party,
                r.send_at, ReminderStatus.PENDING, 0,
            )
            for r in change.reminders
            if r.key not in known
        ]  # fmt: skip
        self.queue[case_key] = kept

    def steps_of(self, case_id: int) -> list[tuple[str, dt.date]]:
        raise NotImplementedError("dispatching is tested on the real databases")

    def supersede_due(self, now: dt.datetime) -> int:
        raise NotImplementedError("dispatching is tested on the real databases")

    def claim_due(
        self, now: dt.datetime, limit: int, wall_clock: dt.datetime, lease: dt.timedelta
    ) -> list[ClaimedReminder]:
        raise NotImplementedError("dispatching is tested on the real databases")

    def record_delivery(self, delivery: Delivery) -> None:
        raise NotImplementedError("dispatching is tested on the real databases")

    def settle(
        self,
        reminder: QueuedReminder,
        failed: bool,
        retry_at: dt.datetime | None,
        notify_hr_at: dt.datetime | None = None,
    ) -> None:
        raise NotImplementedError("dispatching is tested on the real databases")

    def noticed_reminder(self, notice: QueuedReminder) -> QueuedReminder:
        raise NotImplementedError("dispatching is tested on the real databases")

    def deliveries_of_reminder(self, reminder_id: int) -> list[Delivery]:
        return []

    def next_pending(self) -> Planned | None:
        waiting = [
            Planned(r, key)
            for key, rs in self.queue.items()
            for r in rs
            if r.status is ReminderStatus.PENDING
        ]
        return min(waiting, key=lambda p: (p.reminder.send_at, p.reminder.id), default=None)

    def of_case(self, case_key: str) -> list[QueuedReminder]:
        return sorted(self.queue.get(case_key, []), key=lambda r: (r.send_at, r.key))

    def deliveries_of(self, case_id: int) -> list[tuple[Delivery, QueuedReminder]]:
        return []

    def deliveries_of_given_up_cases(self) -> list[tuple[Delivery, ReminderStatus]]:
        return []


class FakeDiary:
    def __init__(self, cases: FakeCaseLog) -> None:
        self._cases = cases
        self.days: dict[int, dict[dt.date, DiaryEntry]] = {}
        self.shared: dict[int, list[tuple[str, str]]] = {}
        self.read_log: dict[int, list[DiaryRead]] = {}

    def put(self, employee_id: int, entry: DiaryEntry, recorded_at: dt.datetime) -> None:
        self.days.setdefault(employee_id, {})[entry.date] = entry

    def entries(self, employee_id: int) -> list[DiaryEntry]:
        return [e for _, e in sorted(self.days.get(employee_id, {}).items())]

    def share(self, employee_id: int, reader: str, role: str) -> None:
        if (reader, role) not in self.readers(employee_id):
            self.shared.setdefault(employee_id, []).append((reader, role))

    def unshare(self, employee_id: int, reader: str) -> int:
        before = self.readers(employee_id)
        self.shared[employee_id] = [(n, r) for n, r in before if n != reader]
        return len(before) - len(self.shared[employee_id])

    def readers(self, employee_id: int) -> list[tuple[str, str]]:
        return list(self.shared.get(employee_id, []))

    def shared_with(self, reader: str, role: str) -> list[tuple[str, str]]:
        ids = {i for i, readers in self.shared.items() if (reader, role) in readers}
        found = [(e.key, e.display_name) for e in self._cases.employees.values() if e.id in ids]
        return sorted(found, key=lambda pair: (pair[1], pair[0]))

    def record_read(self, employee_id: int, reader: str, role: str, at: dt.datetime) -> None:
        self.read_log.setdefault(employee_id, []).append(DiaryRead(reader, role, at))

    def reads(self, employee_id: int) -> list[DiaryRead]:
        return list(self.read_log.get(employee_id, []))

    def set_signal(self, employee_id: int, on: bool) -> None:
        employees = self._cases.employees
        key = next(k for k, e in employees.items() if e.id == employee_id)
        employees[key] = dataclasses.replace(employees[key], diary_signal=on)


class FakeDirectory:
    def __init__(self, cases: FakeCaseLog) -> None:
        self._cases = cases
        self.accounts_by_login: dict[str, AccountRecord] = {}
        self.team_names: set[str] = set()
        self.team_of = cases.team_of  # employee key -> team
        self.physicians: dict[int, set[str]] = {}
        self.token_rows: dict[str, TokenRecord] = {}  # by digest
        self._ids = itertools.count(1)

    def has_accounts(self) -> bool:
        return bool(self.accounts_by_login)

    def add_account(self, account: NewAccount) -> AccountRecord:
        if account.login in self.accounts_by_login:
            raise ConflictError(f"there is already an account {account.login!r}")
        record = AccountRecord(
            next(self._ids),
            account.login,
            account.display_name,
            account.role,
            False,
            account.employee_key,
            account.password_hash,
        )
        if account.employee_key is not None:
            known = self._employee(NewEmployee(account.employee_key, account.display_name))
            if known.account_id is not None:
                raise ConflictError(f"employee {account.employee_key} already has an account")
            self._cases.employees[known.key] = dataclasses.replace(known, account_id=record.id)
        self.accounts_by_login[account.login] = record
        return record

    def account(self, login: str) -> AccountRecord:
        if login not in self.accounts_by_login:
            raise NotFoundError(f"no account {login!r}")
        return self.accounts_by_login[login]

    def account_by_id(self, account_id: int) -> AccountRecord:
        found = [a for a in self.accounts_by_login.values() if a.id == account_id]
        if not found:
            raise NotFoundError(f"no account with id {account_id}")
        return found[0]

    def accounts(self) -> list[AccountRecord]:
        return sorted(self.accounts_by_login.values(), key=lambda a: a.login)

    def set_disabled(self, login: str, disabled: bool) -> None:
        self._replace(login, disabled=disabled)

    def set_password_hash(self, login: str, password_hash: str) -> None:
        self._replace(login, password_hash=password_hash)

    def _replace(self, login: str, **values: object) -> None:
        changed = dataclasses.replace(self.account(login), **values)  # type: ignore[arg-type]  # fields by name
        self.accounts_by_login[login] = changed

    def add_team(self, name: str) -> None:
        if name in self.team_names:
            raise ConflictError(f"there is already a team {name!r}")
        self.team_names.add(name)

    def teams(self) -> list[tuple[str, int]]:
        members = list(self.team_of.values())
        return [(name, members.count(name)) for name in sorted(self.team_names)]

    def employee_teams(self) -> dict[str, str]:
        return dict(self.team_of)

    def assign_employee(
        self, employee: NewEmployee, team: str | None, manager: str | None
    ) -> EmployeeRecord:
        known = self._employee(employee)
        if team is not None:
            if team not in self.team_names:
                raise NotFoundError(f"no team {team!r}")
            self.team_of[known.key] = team
        if manager is not None:
            account = self.account(manager)
            if account.role != "manager":
                raise ConflictError(f"{manager!r} is not a manager but {account.role}")
            known = dataclasses.replace(known, manager_id=account.id)
            self._cases.employees[known.key] = known
        return known

    def _employee(self, employee: NewEmployee) -> EmployeeRecord:
        if employee.key not in self._cases.employees:
            self._cases.employees[employee.key] = EmployeeRecord(
                next(self._cases.ids), employee.key, employee.display_name
            )
        return self._cases.employees[employee.key]

    def assign_physician(self, case_key: str, login: str) -> None:
        case = self._cases.load(case_key).case
        account = self.account(login)
        if account.role != "physician":
            raise ConflictError(f"{login!r} is not a physician but {account.role}")
        self.physicians.setdefault(case.id, set()).add(login)

    def unassign_physician(self, case_id: int, login: str) -> bool:
        assigned = self.physicians.get(case_id, set())
        if login not in assigned:
            return False
        assigned.remove(login)
        return True

    def physicians_of(self, case_id: int) -> list[str]:
        return sorted(self.physicians.get(case_id, ()))

    def assigned_case_ids(self, login: str) -> set[int]:
        return {case_id for case_id, logins in self.physicians.items() if login in logins}

    def add_token(
        self,
        login: str,
        digest: str,
        label: str,
        created_at: dt.datetime,
        expires_at: dt.datetime | None,
    ) -> TokenRecord:
        self.account(login)
        record = TokenRecord(next(self._ids), login, label, created_at, expires_at, None)
        self.token_rows[digest] = record
        return record

    def token_account(self, digest: str) -> tuple[TokenRecord, AccountRecord] | None:
        record = self.token_rows.get(digest)
        return (record, self.account(record.login)) if record else None

    def tokens(self, login: str | None = None) -> list[TokenRecord]:
        rows = sorted(self.token_rows.values(), key=lambda t: t.id)
        return [t for t in rows if login is None or t.login == login]

    def revoke_token(self, token_id: int, at: dt.datetime) -> bool:
        for digest, record in self.token_rows.items():
            if record.id == token_id and record.revoked_at is None:
                self.token_rows[digest] = dataclasses.replace(record, revoked_at=at)
                return True
        return False


class FakeKeyedTrail:
    """The fakes hold no key and nothing to tamper with: every seal checks out."""

    def problems(self) -> list[str]:
        return []


class FakeSessions:
    def __init__(self) -> None:
        self.rows: dict[str, SessionRecord] = {}  # by digest
        self.failed: dict[str, list[dt.datetime]] = {}

    def add(self, digest: str, account_id: int, at: dt.datetime) -> None:
        self.rows[digest] = SessionRecord(account_id, at, at, ended=False)

    def find(self, digest: str) -> SessionRecord | None:
        return self.rows.get(digest)

    def touch(self, digest: str, at: dt.datetime) -> None:
        self.rows[digest] = dataclasses.replace(self.rows[digest], last_seen_at=at)

    def end(self, digest: str) -> None:
        if digest in self.rows:
            self.rows[digest] = dataclasses.replace(self.rows[digest], ended=True)

    def end_others(self, account_id: int, keep_digest: str) -> int:
        others = [
            d
            for d, r in self.rows.items()
            if r.account_id == account_id and d != keep_digest and not r.ended
        ]
        for digest in others:
            self.end(digest)
        return len(others)

    def record_failure(self, login_digest: str, at: dt.datetime) -> None:
        self.failed.setdefault(login_digest, []).append(at)

    def failures(self, login_digest: str, since: dt.datetime) -> list[dt.datetime]:
        return sorted(at for at in self.failed.get(login_digest, []) if at >= since)

    def clear_failures(self, login_digest: str) -> None:
        self.failed.pop(login_digest, None)


class FakeStore:
    def __init__(self) -> None:
        self.sessions = FakeSessions()
        self.reminders = FakeReminderQueue()
        self.contacts = FakeContactRoutes()
        self.cases = FakeCaseLog(self.reminders, self.contacts)
        self.reads = FakeReadLog()
        self.diary = FakeDiary(self.cases)
        self.directory = FakeDirectory(self.cases)
        self.keyed_trail = FakeKeyedTrail()
