"""The employee's diary in the store: entries, readers and the signal opt-in. Kept apart from
the case log on purpose: nothing here is part of a case's trail or messages. The scores are
sealed (AES-GCM under the store's key) to the employee and the day: a dump shows none, and an
entry copied to another employee or day does not open."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

from adapters.keys import StoreKey, UnsealError
from adapters.store import seals
from adapters.store.hash_chain import as_utc
from adapters.store.store_seal import check_key
from adapters.store.tables import DiaryEntryRow, DiaryReaderRow, DiaryReadRow, Employee
from domain.diary import DiaryEntry
from service.ports import DiaryRead, StoreTamperedError

SCORES = ("energy", "stress", "motivation")


def diary_context(employee_id: int, day: dt.date) -> str:
    """What a sealed diary entry is bound to."""
    return f"diary_entry:{employee_id}:{day.isoformat()}"


def sealed_scores(key: StoreKey, employee_id: int, entry: DiaryEntry) -> str:
    scores = {name: getattr(entry, name) for name in SCORES}
    return key.seal(json.dumps(scores), diary_context(employee_id, entry.date))


def unsealed_entry(key: StoreKey, row: DiaryEntryRow) -> DiaryEntry:
    try:
        scores = json.loads(key.unseal(row.sealed_scores, diary_context(row.employee_id, row.day)))
    except UnsealError:
        raise StoreTamperedError(
            f"the diary entry of {row.day} does not open with the store's key: it was changed "
            "or moved behind the application's back"
        ) from None
    return DiaryEntry(date=row.day, **scores)


class SqlDiary:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def put(self, employee_id: int, entry: DiaryEntry, recorded_at: dt.datetime) -> None:
        """Store the day's entry, replacing an earlier one for the same day."""
        with Session(self._engine) as session:
            check_key(session, self._key)
            session.execute(
                delete(DiaryEntryRow).where(
                    col(DiaryEntryRow.employee_id) == employee_id,
                    col(DiaryEntryRow.day) == entry.date,
                )
            )
            session.add(
                DiaryEntryRow(
                    employee_id=employee_id,
                    day=entry.date,
                    sealed_scores=sealed_scores(self._key, employee_id, entry),
                    recorded_at=recorded_at,
                )
            )
            session.commit()

    def entries(self, employee_id: int) -> list[DiaryEntry]:
        with Session(self._engine) as session:
            query = select(DiaryEntryRow).where(DiaryEntryRow.employee_id == employee_id)
            rows = session.exec(query.order_by(col(DiaryEntryRow.day)))
            return [unsealed_entry(self._key, row) for row in rows]

    def share(self, employee_id: int, reader: str, role: str) -> None:
        with Session(self._engine) as session:
            check_key(session, self._key)
            shared = DiaryReaderRow.employee_id == employee_id, DiaryReaderRow.reader == reader
            found = session.exec(select(DiaryReaderRow).where(*shared, DiaryReaderRow.role == role))
            if (earlier := found.first()) is not None:
                if self._intact(earlier):
                    return
                raise StoreTamperedError(
                    f"{reader} was made a reader of this diary behind the application's back: "
                    "nothing is done with it; see `reintegration verify`"
                )
            row = DiaryReaderRow(employee_id=employee_id, reader=reader, role=role)
            row.mac = self._key.mac(seals.diary_reader(row.model_dump()))
            session.add(row)
            session.commit()

    def unshare(self, employee_id: int, reader: str) -> int:
        with Session(self._engine) as session:
            removed = session.execute(
                delete(DiaryReaderRow).where(
                    col(DiaryReaderRow.employee_id) == employee_id,
                    col(DiaryReaderRow.reader) == reader,
                )
            )
            session.commit()
            return int(removed.rowcount)  # type: ignore[attr-defined]  # CursorResult of a DELETE

    def readers(self, employee_id: int) -> list[tuple[str, str]]:
        with Session(self._engine) as session:
            query = select(DiaryReaderRow).where(DiaryReaderRow.employee_id == employee_id)
            rows = session.exec(query.order_by(col(DiaryReaderRow.id)))
            return [(row.reader, row.role) for row in rows if self._intact(row)]

    def shared_with(self, reader: str, role: str) -> list[tuple[str, str]]:
        with Session(self._engine) as session:
            query = (
                select(DiaryReaderRow, Employee)
                .join(Employee, col(Employee.id) == col(DiaryReaderRow.employee_id))
                .where(DiaryReaderRow.reader == reader, DiaryReaderRow.role == role)
                .order_by(col(Employee.display_name), col(Employee.key))
            )
            rows = session.exec(query)
            return [(e.key, e.display_name) for row, e in rows if self._intact(row)]

    def _intact(self, row: DiaryReaderRow) -> bool:
        """A reader written in by hand reads nothing."""
        return self._key.checks(seals.diary_reader(row.model_dump()), row.mac)

    def record_read(self, employee_id: int, reader: str, role: str, at: dt.datetime) -> None:
        with Session(self._engine) as session:
            session.add(DiaryReadRow(employee_id=employee_id, reader=reader, role=role, read_at=at))
            session.commit()

    def reads(self, employee_id: int) -> list[DiaryRead]:
        with Session(self._engine) as session:
            query = select(DiaryReadRow).where(DiaryReadRow.employee_id == employee_id)
            return [
                DiaryRead(r.reader, r.role, as_utc(r.read_at))
                for r in session.exec(query.order_by(col(DiaryReadRow.id)))
            ]

    def set_signal(self, employee_id: int, on: bool) -> None:
        with Session(self._engine) as session:
            session.execute(
                update(Employee).where(col(Employee.id) == employee_id).values(diary_signal=on)
            )
            session.commit()
