"""How each party of an employee's case is reached: Apprise URLs, which may hold passwords and
tokens, so they are stored sealed (AES-GCM under the store's key), each bound to its employee
and party: a sealed route copied to another employee or party does not open."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from adapters.keys import StoreKey, UnsealError
from adapters.store.hash_chain import as_utc
from adapters.store.records import stored_id
from adapters.store.store_seal import check_key
from adapters.store.tables import ContactChange, ContactRoute, Employee
from service.ports import Changer, Contact, Route, RouteChange, StoreTamperedError


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
    session: Session, key: StoreKey, employee_id: int, routes: Sequence[Contact], by: Changer
) -> None:
    """Seal and add the routes the employee does not have yet (by party and URL), each with
    its line in the trail of changes."""
    if not routes:
        return
    stored = select(ContactRoute).where(ContactRoute.employee_id == employee_id)
    known = {(r.party, unsealed_url(key, r)) for r in session.exec(stored)}
    for route in routes:
        if (route.party, route.url) not in known:
            session.add(sealed_route(key, employee_id, route))
            session.add(_change(employee_id, by, "added", route.party, route.url))
            known.add((route.party, route.url))


def _change(employee_id: int, by: Changer, action: str, party: str, url: str) -> ContactChange:
    # Apprise, which masks the URL, takes a third of a second to import: only when changing.
    from notifications.apprise_sink import redacted  # noqa: PLC0415

    return ContactChange(
        employee_id=employee_id,
        changed_at=as_utc(by.at),
        actor=by.actor,
        role=by.role,
        action=action,
        party=party,
        target=redacted(url)[:300],
    )


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

    def add(self, employee_id: int, routes: Sequence[Contact], by: Changer) -> None:
        """Add routes to an employee; routes they already have are skipped. The employee's row
        is held meanwhile, so two adds of one route cannot both see it missing."""
        with Session(self._engine) as session:
            check_key(session, self._key)
            holding = select(Employee.id).where(Employee.id == employee_id).with_for_update()
            session.exec(holding).one()
            add_routes(session, self._key, employee_id, routes, by)
            session.commit()

    def remove(self, employee_id: int, route_id: int, by: Changer) -> bool:
        with Session(self._engine) as session:
            found = session.exec(
                select(ContactRoute).where(
                    col(ContactRoute.employee_id) == employee_id, col(ContactRoute.id) == route_id
                )
            ).first()
            if found is None:
                return False
            url = unsealed_url(self._key, found)
            session.add(_change(employee_id, by, "removed", found.party, url))
            session.delete(found)
            session.commit()
            return True

    def changes_of(self, employee_id: int) -> list[RouteChange]:
        with Session(self._engine) as session:
            query = select(ContactChange).where(ContactChange.employee_id == employee_id)
            return [
                RouteChange(as_utc(c.changed_at), c.actor, c.role, c.action, c.party, c.target)
                for c in session.exec(query.order_by(col(ContactChange.id)))
            ]
