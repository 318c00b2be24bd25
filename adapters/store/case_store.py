"""The store on SQLAlchemy (SQLite or PostgreSQL): one adapter per interface of
`service.ports`, sharing one engine and the store's key (`adapters/keys.py`)."""

from __future__ import annotations

from sqlalchemy import Engine

from adapters.keys import StoreKey
from adapters.store.case_log import SqlCaseLog
from adapters.store.contact_routes import SqlContactRoutes
from adapters.store.diary_store import SqlDiary
from adapters.store.directory import SqlDirectory
from adapters.store.keyed_trail import SqlKeyedTrail
from adapters.store.read_log import SqlReadLog
from adapters.store.reminder_queue import SqlReminderQueue
from adapters.store.sessions import SqlSessions


class CaseStore:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self.engine = engine
        self.key = key
        self.cases = SqlCaseLog(engine, key)
        self.reads = SqlReadLog(engine, key)
        self.contacts = SqlContactRoutes(engine, key)
        self.reminders = SqlReminderQueue(engine, key)
        self.diary = SqlDiary(engine, key)  # the employee's own: never part of a case's log
        self.directory = SqlDirectory(engine, key)
        self.keyed_trail = SqlKeyedTrail(engine, key)
        self.sessions = SqlSessions(engine, key)  # the web console's
