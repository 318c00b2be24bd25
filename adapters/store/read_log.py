"""Who read which case file, when and why (AVG): every read by anyone but the employee."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, insert
from sqlmodel import Session, col, select

from adapters.store.hash_chain import as_utc
from adapters.store.tables import CaseAccessRow
from service.ports import Read


class SqlReadLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(
        self, case_ids: Sequence[int], actor: str, role: str, purpose: str, at: dt.datetime
    ) -> None:
        if not case_ids:
            return
        with Session(self._engine) as session:
            session.execute(
                insert(CaseAccessRow),
                [
                    {
                        "case_id": i,
                        "actor": actor,
                        "role": role,
                        "accessed_at": at,
                        "purpose": purpose,
                    }
                    for i in case_ids
                ],
            )
            session.commit()

    def of_case(self, case_id: int) -> list[Read]:
        with Session(self._engine) as session:
            query = select(CaseAccessRow).where(CaseAccessRow.case_id == case_id)
            return [
                Read(r.actor, r.role, r.purpose, as_utc(r.accessed_at))
                for r in session.exec(query.order_by(col(CaseAccessRow.id)))
            ]
