"""HR takes a case from a physician in the console (another took over): the physician no longer
sees it."""

from __future__ import annotations

from domain.roles import Role
from service.accounts import hash_password
from service.ports import NewAccount
from tests.console.site import PASSWORD, Served, csrf_of
from tests.organisation import SINCE


def test_hr_unassigns_a_physician_who_then_no_longer_sees_the_case(served: Served) -> None:
    """The case page lists each physician with a button; after it, the physician's request
    for the case is answered as for a case that does not exist."""
    case = served.site.jan_case
    account = NewAccount("dr.de.wit", "Dr. De Wit", Role.PHYSICIAN, None, SINCE)
    served.store.directory.add_account(account)
    served.store.directory.set_password_hash(account.login, hash_password(PASSWORD))
    served.store.directory.assign_physician(case, account.login)
    with served.signed_in(account.login) as physician:
        assert physician.get(f"/cases/{case}").status_code == 200
        with served.signed_in("anna.hr") as hr:
            page = hr.get(f"/cases/{case}")
            assert 'aria-label="Ontkoppelen (dr.de.wit)"' in page.text
            fields = {"csrf": csrf_of(page), "physician": account.login}
            answer = hr.post(f"/cases/{case}/physician/remove", data=fields)
            assert answer.status_code == 303
            assert 'aria-label="Ontkoppelen (dr.de.wit)"' not in hr.get(f"/cases/{case}").text
        assert physician.get(f"/cases/{case}").status_code == 404
