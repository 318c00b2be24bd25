"""The store's tables. No column anywhere holds medical data: events are stored as their
validated JSON, and the domain's events have no field for a diagnosis or complaints."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _timestamp() -> Column[dt.datetime]:
    return Column(DateTime(timezone=True), nullable=False)


class Employee(SQLModel, table=True):
    """`version` goes up each time a case is opened for them, so two openings cannot both win."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=200)
    version: int = 0


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
    """A (possibly linked) case. `last_seq` is the version writers compare and set."""

    __tablename__ = "case"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=100)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    first_sick_day: dt.date
    status: str = Field(max_length=20, index=True)
    recovered_on: dt.date | None = None
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
    """The schedule: each open law step of a case and its due date, replaced on every write."""

    __tablename__ = "open_step"
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    step: str = Field(max_length=40, primary_key=True)
    due: dt.date = Field(primary_key=True, index=True)


class CaseAccessRow(SQLModel, table=True):
    """A read of a case file by someone other than the employee (AVG: who looked, when)."""

    __tablename__ = "case_access"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    accessed_at: dt.datetime = Field(sa_column=_timestamp())
    purpose: str = Field(max_length=40)
