"""How each party of an employee's case is reached: Apprise URLs, which may hold secrets."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from adapters.store.records import stored_id
from adapters.store.tables import ContactRoute
from service.ports import Contact, Route


class SqlContactRoutes:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def of_employee(self, employee_id: int) -> list[Route]:
        with Session(self._engine) as session:
            query = select(ContactRoute).where(ContactRoute.employee_id == employee_id)
            return [
                Route(stored_id(r), r.party, r.url, r.language)
                for r in session.exec(query.order_by(col(ContactRoute.id)))
            ]

    def add(self, employee_id: int, routes: Sequence[Contact]) -> None:
        """Add routes to an employee; routes they already have are skipped."""
        with Session(self._engine) as session:
            known = set(
                session.exec(
                    select(ContactRoute.party, ContactRoute.url).where(
                        ContactRoute.employee_id == employee_id
                    )
                )
            )
            session.add_all(
                ContactRoute(employee_id=employee_id, **r._asdict())
                for r in routes
                if (r.party, r.url) not in known
            )
            session.commit()

    def remove(self, employee_id: int, route_id: int) -> bool:
        with Session(self._engine) as session:
            removed = session.execute(
                delete(ContactRoute).where(
                    col(ContactRoute.employee_id) == employee_id, col(ContactRoute.id) == route_id
                )
            )
            session.commit()
            return bool(removed.rowcount)  # type: ignore[attr-defined]  # CursorResult of a DELETE
