"""The web console's sessions and failed sign-ins (see service.sessions)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

from adapters.store.hash_chain import as_utc
from adapters.store.tables import SignInFailure, WebSession
from service.ports import SessionRecord


class SqlSessions:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def add(self, digest: str, account_id: int, at: dt.datetime) -> None:
        with self._session() as session:
            session.add(
                WebSession(digest=digest, account_id=account_id, created_at=at, last_seen_at=at)
            )
            session.commit()

    def find(self, digest: str) -> SessionRecord | None:
        with self._session() as session:
            row = session.exec(select(WebSession).where(WebSession.digest == digest)).first()
            if row is None:
                return None
            return SessionRecord(
                row.account_id, as_utc(row.created_at), as_utc(row.last_seen_at), row.ended
            )

    def touch(self, digest: str, at: dt.datetime) -> None:
        self._set(col(WebSession.digest) == digest, last_seen_at=at)

    def end(self, digest: str) -> None:
        self._set(col(WebSession.digest) == digest, ended=True)

    def end_others(self, account_id: int, keep_digest: str) -> int:
        return self._set(
            col(WebSession.account_id) == account_id,
            col(WebSession.digest) != keep_digest,
            col(WebSession.ended).is_(False),
            ended=True,
        )

    def _set(self, *where: object, **values: object) -> int:
        with self._session() as session:
            done = session.execute(update(WebSession).where(*where).values(**values))  # type: ignore[arg-type]  # column expressions
            session.commit()
            return int(done.rowcount)  # type: ignore[attr-defined]  # CursorResult of an UPDATE

    def record_failure(self, login_digest: str, at: dt.datetime) -> None:
        with self._session() as session:
            session.add(SignInFailure(login_digest=login_digest, at=at))
            session.commit()

    def failures(self, login_digest: str, since: dt.datetime) -> list[dt.datetime]:
        with self._session() as session:
            rows = session.exec(
                select(SignInFailure.at)
                .where(SignInFailure.login_digest == login_digest, col(SignInFailure.at) >= since)
                .order_by(col(SignInFailure.at))
            )
            return [as_utc(at) for at in rows]

    def clear_failures(self, login_digest: str) -> None:
        with self._session() as session:
            session.execute(
                delete(SignInFailure).where(col(SignInFailure.login_digest) == login_digest)
            )
            session.commit()
