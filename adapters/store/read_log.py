"""Who read which case file, when and why (AVG): every read by anyone but the employee. Each
read is its case's next numbered read, sealed with the store's key, and the case row's sealed
count goes up in the same transaction, so an edited, deleted or cut-off read shows in `verify`.
The case rows are held in id order (two listings cannot deadlock); a count whose seal no longer
checks out is raised but not resealed, so the read is recorded and `verify` keeps reporting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, insert, update
from sqlmodel import Session, col, select

from adapters.keys import StoreKey
from adapters.store.hash_chain import as_utc
from adapters.store.seals import case_reads, read
from adapters.store.store_seal import check_key
from adapters.store.tables import CaseAccessRow, CaseRow
from service.ports import Read


class SqlReadLog:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def record(
        self, case_ids: Sequence[int], actor: str, role: str, purpose: str, at: dt.datetime
    ) -> None:
        if not case_ids:
            return
        key = self._key
        with Session(self._engine) as session:
            check_key(session, key)
            held = (
                select(CaseRow.id, CaseRow.reads, CaseRow.reads_mac)
                .where(col(CaseRow.id).in_(sorted(set(case_ids))))
                .order_by(col(CaseRow.id))
                .with_for_update()
            )
            reads, counts = [], []
            for case_id, count, mac in session.exec(held):
                assert case_id is not None  # read from the table: stored rows have ids
                row: dict[str, object] = {"case_id": case_id, "seq": count + 1, "actor": actor}
                row |= {"role": role, "accessed_at": at, "purpose": purpose}
                reads.append(row | {"mac": key.mac(read(row))})
                intact = key.checks(case_reads(case_id, count), mac)
                new_mac = key.mac(case_reads(case_id, count + 1)) if intact else mac
                counts.append({"id": case_id, "reads": count + 1, "reads_mac": new_mac})
            session.execute(insert(CaseAccessRow), reads)
            session.execute(update(CaseRow), counts)
            session.commit()

    def of_case(self, case_id: int) -> list[Read]:
        with Session(self._engine) as session:
            query = select(CaseAccessRow).where(CaseAccessRow.case_id == case_id)
            return [
                Read(r.actor, r.role, r.purpose, as_utc(r.accessed_at))
                for r in session.exec(query.order_by(col(CaseAccessRow.seq)))
            ]
