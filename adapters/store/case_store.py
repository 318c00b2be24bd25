"""The store on SQLAlchemy (SQLite or PostgreSQL): one adapter per interface of
`service.ports`, sharing one engine."""

from __future__ import annotations

from sqlalchemy import Engine

from adapters.store.case_log import SqlCaseLog
from adapters.store.contact_routes import SqlContactRoutes
from adapters.store.diary_store import SqlDiary
from adapters.store.directory import SqlDirectory
from adapters.store.read_log import SqlReadLog
from adapters.store.reminder_queue import SqlReminderQueue
from adapters.store.sessions import SqlSessions


class CaseStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cases = SqlCaseLog(engine)
        self.reads = SqlReadLog(engine)
        self.contacts = SqlContactRoutes(engine)
        self.reminders = SqlReminderQueue(engine)
        self.diary = SqlDiary(engine)  # the employee's own: never part of a case's log
        self.directory = SqlDirectory(engine)
        self.sessions = SqlSessions(engine)  # the web console's
