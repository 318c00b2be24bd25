"""How each party of an employee's case is reached: Apprise URLs, which may hold passwords and
tokens, so they are stored sealed (AES-GCM under the store's key), each bound to its employee
and party: a sealed route copied to another employee or party does not open."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from adapters.keys import StoreKey, UnsealError
from adapters.store.records import stored_id
from adapters.store.store_seal import check_key
from adapters.store.tables import ContactRoute, Employee
from service.ports import Contact, Route, StoreTamperedError


def route_context(employee_id: int, party: str) -> str:
    """What a sealed route is bound to."""
    return f"contact_route:{employee_id}:{party}"


def sealed_route(key: StoreKey, employee_id: int, contact: Contact) -> ContactRoute:
    sealed = key.seal(contact.url, route_context(employee_id, contact.party))
    return ContactRoute(
        employee_id=employee_id, party=contact.party, sealed_url=sealed, language=contact.language
    )


def unsealed_url(key: StoreKey, row: ContactRoute) -> str:
    try:
        return key.unseal(row.sealed_url, route_context(row.employee_id, row.party))
    except UnsealError:
        raise StoreTamperedError(
            f"contact route {row.id} of employee {row.employee_id} does not open with the "
            "store's key: it was changed or moved behind the application's back"
        ) from None


def add_routes(
    session: Session, key: StoreKey, employee_id: int, routes: Sequence[Contact]
) -> None:
    """Seal and add the routes the employee does not have yet (by party and URL)."""
    if not routes:
        return
    stored = select(ContactRoute).where(ContactRoute.employee_id == employee_id)
    known = {(r.party, unsealed_url(key, r)) for r in session.exec(stored)}
    for route in routes:
        if (route.party, route.url) not in known:
            session.add(sealed_route(key, employee_id, route))
            known.add((route.party, route.url))


class SqlContactRoutes:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def of_employee(self, employee_id: int) -> list[Route]:
        with Session(self._engine) as session:
            query = select(ContactRoute).where(ContactRoute.employee_id == employee_id)
            return [
                Route(stored_id(r), r.party, unsealed_url(self._key, r), r.language)
                for r in session.exec(query.order_by(col(ContactRoute.id)))
            ]

    def add(self, employee_id: int, routes: Sequence[Contact]) -> None:
        """Add routes to an employee; routes they already have are skipped. The employee's row
        is held meanwhile, so two adds of one route cannot both see it missing."""
        with Session(self._engine) as session:
            check_key(session, self._key)
            holding = select(Employee.id).where(Employee.id == employee_id).with_for_update()
            session.exec(holding).one()
            add_routes(session, self._key, employee_id, routes)
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
