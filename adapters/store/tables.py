"""The store's tables. No column anywhere holds medical data: events are stored as their
validated JSON, and the domain's events have no field for a diagnosis or complaints."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

OPEN_WHILE_SICK = dt.date(9999, 12, 31)  # `open_until` of a case while the employee is sick


def _timestamp() -> Column[dt.datetime]:
    return Column(DateTime(timezone=True), nullable=False)


class Account(SQLModel, table=True):
    """A person who signs in, with one role (an employee's account is bound to them by
    `Employee.account_id`). `password_hash` is scrypt's (see service.accounts)."""

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, max_length=100)
    display_name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    password_hash: str | None = Field(default=None, sa_type=Text)
    disabled: bool = False
    created_at: dt.datetime = Field(sa_column=_timestamp())


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)


class Employee(SQLModel, table=True):
    """`version` goes up each time a case is opened for them, so two openings cannot both win.
    Their manager sees their cases; nobody else of the employer side but HR does."""

    __table_args__ = (Index("uq_employee_account_id", "account_id", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=200)
    version: int = 0
    diary_signal: bool = False  # opted in: a sustained diary drop may suggest an earlier review
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    manager_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")


class ApiToken(SQLModel, table=True):
    """A bearer token of an account, stored as its SHA-256 digest (a token is 256 random bits:
    a fast hash suffices), shown once when made."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    digest: str = Field(unique=True, max_length=64)
    label: str = Field(default="", max_length=100)
    created_at: dt.datetime = Field(sa_column=_timestamp())
    expires_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class WebSession(SQLModel, table=True):
    """A web console session: only the SHA-256 of its id is kept; the CSRF token is derived
    from the id (see service.sessions), so nothing here lets anyone act as the account."""

    __tablename__ = "web_session"
    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(unique=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: dt.datetime = Field(sa_column=_timestamp())
    last_seen_at: dt.datetime = Field(sa_column=_timestamp())
    ended: bool = False


class SignInFailure(SQLModel, table=True):
    """A failed sign-in, by the SHA-256 of the login typed: what the lockout counts."""

    __tablename__ = "sign_in_failure"
    id: int | None = Field(default=None, primary_key=True)
    login_digest: str = Field(max_length=64, index=True)
    at: dt.datetime = Field(sa_column=_timestamp())


class ContactRoute(SQLModel, table=True):
    """How one party of an employee's case is reached: an Apprise URL (it may hold secrets)."""

    __tablename__ = "contact_route"
    __table_args__ = (UniqueConstraint("employee_id", "party", "url"),)
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    party: str = Field(max_length=20)
    url: str = Field(sa_type=Text)
    language: str = Field(default="nl", max_length=5)


class CaseRow(SQLModel, table=True):
    """A (possibly linked) case. `last_seq` is the version writers compare and set; the case
    is open before `open_until` (28 days after recovery; `OPEN_WHILE_SICK` while sick)."""

    __tablename__ = "case"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=100)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    first_sick_day: dt.date
    status: str = Field(max_length=20, index=True)
    recovered_on: dt.date | None = None
    open_until: dt.date = Field(default=OPEN_WHILE_SICK, index=True)
    last_seq: int = 0
    head_hash: str = Field(default="", max_length=64)


class EventLogRow(SQLModel, table=True):
    """One append-only entry of a case's trail, chained to the previous one by its hash."""

    __tablename__ = "event_log"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    seq: int
    business_date: dt.date
    type: str = Field(max_length=40)
    payload: str = Field(sa_type=Text)
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    recorded_at: dt.datetime = Field(sa_column=_timestamp())
    idempotency_key: str | None = Field(default=None, unique=True, max_length=200)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class OpenStepRow(SQLModel, table=True):
    """The schedule: each open step of a case (the law's and the recovery's) and its due
    date, replaced on every write."""

    __tablename__ = "open_step"
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    step: str = Field(max_length=40, primary_key=True)
    due: dt.date = Field(primary_key=True, index=True)


class CasePhysician(SQLModel, table=True):
    """A physician (account) assigned to a case: they see it; other physicians do not."""

    __tablename__ = "case_physician"
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    account_id: int = Field(foreign_key="account.id", primary_key=True, index=True)


class CaseAccessRow(SQLModel, table=True):
    """A read of a case file by someone other than the employee (AVG: who looked, when)."""

    __tablename__ = "case_access"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    accessed_at: dt.datetime = Field(sa_column=_timestamp())
    purpose: str = Field(max_length=40)


class ReminderRow(SQLModel, table=True):
    """A reminder to one party about one step: pending until the dispatcher claims and sends
    it. `key` names it within its case, so a re-plan never adds one that was already sent."""

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("case_id", "key"),
        Index("ix_reminder_status_send_at", "status", "send_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    key: str = Field(max_length=120)
    step: str = Field(max_length=40)
    due: dt.date
    kind: str = Field(max_length=20)
    number: int  # which escalation (1-4); 0 for the others
    party: str = Field(max_length=20)
    send_at: dt.datetime = Field(sa_column=_timestamp())
    status: str = Field(default="pending", max_length=20)
    attempts: int = 0
    claimed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class DeliveryRow(SQLModel, table=True):
    """One attempt to deliver a reminder: the audit trail of what went out, never a secret."""

    __tablename__ = "delivery"
    id: int | None = Field(default=None, primary_key=True)
    reminder_id: int = Field(foreign_key="reminder.id", index=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    party: str = Field(max_length=20)
    channel: str = Field(max_length=40)
    target: str = Field(max_length=300)  # redacted: no password or token
    attempted_at: dt.datetime = Field(sa_column=_timestamp())
    ok: bool
    error: str | None = Field(default=None, sa_type=Text)
    attempt: int = 0  # which round of the reminder (its `attempts` when sent); 0 before 0003


class DiaryEntryRow(SQLModel, table=True):
    """One day of the employee's diary. Only they and the readers they chose see it: it is
    never part of a case's log, trail or messages."""

    __tablename__ = "diary_entry"
    __table_args__ = (UniqueConstraint("employee_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    day: dt.date
    energy: int
    stress: int
    motivation: int
    recorded_at: dt.datetime = Field(sa_column=_timestamp())


class DiaryReaderRow(SQLModel, table=True):
    """Someone the employee shares their diary with: a physician or a coach, by name."""

    __tablename__ = "diary_reader"
    __table_args__ = (UniqueConstraint("employee_id", "reader", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    reader: str = Field(max_length=200)
    role: str = Field(max_length=20)


class DiaryReadRow(SQLModel, table=True):
    """A read of the diary by someone the employee shared it with; the employee sees these."""

    __tablename__ = "diary_read"
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    reader: str = Field(max_length=200)
    role: str = Field(max_length=20)
    read_at: dt.datetime = Field(sa_column=_timestamp())
