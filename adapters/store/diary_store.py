"""The employee's diary in the store: entries, readers and the signal opt-in. Kept apart from
the case log on purpose: nothing here is part of a case's trail or messages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

from adapters.store.hash_chain import as_utc
from adapters.store.tables import DiaryEntryRow, DiaryReaderRow, DiaryReadRow, Employee
from domain.diary import DiaryEntry
from service.ports import DiaryRead


class SqlDiary:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def put(self, employee_id: int, entry: DiaryEntry, recorded_at: dt.datetime) -> None:
        """Store the day's entry, replacing an earlier one for the same day."""
        with Session(self._engine) as session:
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
                    energy=entry.energy,
                    stress=entry.stress,
                    motivation=entry.motivation,
                    recorded_at=recorded_at,
                )
            )
            session.commit()

    def entries(self, employee_id: int) -> list[DiaryEntry]:
        with Session(self._engine) as session:
            query = select(DiaryEntryRow).where(DiaryEntryRow.employee_id == employee_id)
            return [
                DiaryEntry(date=r.day, energy=r.energy, stress=r.stress, motivation=r.motivation)
                for r in session.exec(query.order_by(col(DiaryEntryRow.day)))
            ]

    def share(self, employee_id: int, reader: str, role: str) -> None:
        if (reader, role) in self.readers(employee_id):
            return
        with Session(self._engine) as session:
            session.add(DiaryReaderRow(employee_id=employee_id, reader=reader, role=role))
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
            query = select(DiaryReaderRow.reader, DiaryReaderRow.role).where(
                DiaryReaderRow.employee_id == employee_id
            )
            rows = session.exec(query.order_by(col(DiaryReaderRow.id)))
            return [(reader, role) for reader, role in rows]

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
