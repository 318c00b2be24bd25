"""The web console's sessions and failed sign-ins (see service.sessions). Each session row is
sealed (`seals.web_session`): one written in by hand, or revived once ended, is not found."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.hash_chain import as_utc
from adapters.store.store_seal import check_key, rotated_since
from adapters.store.tables import SignInFailure, WebSession
from service.ports import SessionRecord


class SqlSessions:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def add(self, digest: str, account_id: int, at: dt.datetime) -> None:
        with self._session() as session:
            check_key(session, self._key)
            row = WebSession(digest=digest, account_id=account_id, created_at=at, last_seen_at=at)
            row.mac = self._key.mac(seals.web_session(row.model_dump()))
            session.add(row)
            session.commit()

    def find(self, digest: str) -> SessionRecord | None:
        with self._session() as session:
            row = session.exec(select(WebSession).where(WebSession.digest == digest)).first()
            if row is None:
                return None
            if not self._key.checks(seals.web_session(row.model_dump()), row.mac):
                if rotated := rotated_since(session.connection(), self._key):
                    raise rotated
                return None  # written in or revived behind the application's back
            return SessionRecord(
                row.account_id, as_utc(row.created_at), as_utc(row.last_seen_at), row.ended
            )

    def touch(self, digest: str, at: dt.datetime) -> None:
        self._set(col(WebSession.digest) == digest, last_seen_at=at)

    def end(self, digest: str) -> None:
        self._end(col(WebSession.digest) == digest)

    def end_others(self, account_id: int, keep_digest: str) -> int:
        return self._end(
            col(WebSession.account_id) == account_id,
            col(WebSession.digest) != keep_digest,
            col(WebSession.ended).is_(False),
        )

    def _end(self, *where: Any) -> int:
        """End the sessions `where` says, each resealed (an ended session's seal says so)."""
        with self._session() as session:
            rows = list(session.exec(select(WebSession).where(*where)))
            for row in rows:
                row.ended = True
                row.mac = self._key.mac(seals.web_session(row.model_dump()))
            session.commit()
            return len(rows)

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
