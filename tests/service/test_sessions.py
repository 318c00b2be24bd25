"""The web console's sessions on the in-memory fakes, on an injected clock: signing in, idle
and absolute expiry, the lockout, CSRF tokens, disabled accounts and changing one's password."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import BadInputError, NotAllowedError, NotSignedInError
from domain.roles import Role
from service import sessions
from service.accounts import actor_of, hash_password, set_disabled
from service.ports import NewAccount
from service.sessions import LockedOutError
from tests.fakes import FakeStore
from tests.organisation import ADMIN

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"  # noqa: S105 (a test password)
MINUTE = dt.timedelta(minutes=1)
ADDRESS = "192.0.2.10"  # where the owner signs in from
ELSEWHERE = "198.51.100.7"


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    store.directory.add_account(
        NewAccount("anna.hr", "Anna", Role.HR, hash_password(PASSWORD), NOW)
    )
    store.directory.add_account(NewAccount(ADMIN.name, "Beheer", Role.ADMIN, None, NOW))
    return store


def test_a_session_is_kept_as_the_digest_of_its_id_and_resumes_as_its_account(
    store: FakeStore,
) -> None:
    session = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    assert session.id not in store.sessions.rows
    assert sessions.digest(session.id) in store.sessions.rows
    again = sessions.resume(store, session.id, NOW + MINUTE)
    assert (again.actor.name, again.actor.role) == ("anna.hr", Role.HR)
    assert again.csrf == session.csrf != session.id


def test_a_wrong_password_and_an_unknown_login_get_the_same_refusal(store: FakeStore) -> None:
    with pytest.raises(NotSignedInError) as wrong:
        sessions.start(store, "anna.hr", "not the password", NOW, ADDRESS)
    with pytest.raises(NotSignedInError) as unknown:
        sessions.start(store, "nobody", PASSWORD, NOW, ADDRESS)
    assert str(wrong.value) == str(unknown.value)
    assert not store.sessions.rows


def test_an_idle_session_ends_after_30_minutes(store: FakeStore) -> None:
    session = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    sessions.resume(store, session.id, NOW + 29 * MINUTE)  # seen: the idle time restarts
    sessions.resume(store, session.id, NOW + 58 * MINUTE)
    with pytest.raises(NotSignedInError):
        sessions.resume(store, session.id, NOW + 88 * MINUTE)


def test_a_busy_session_still_ends_12_hours_after_sign_in(store: FakeStore) -> None:
    session = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    moment = NOW
    while moment < NOW + dt.timedelta(hours=12) - 20 * MINUTE:
        moment += 20 * MINUTE
        sessions.resume(store, session.id, moment)
    with pytest.raises(NotSignedInError):
        sessions.resume(store, session.id, NOW + dt.timedelta(hours=12))


def test_five_failures_in_15_minutes_lock_the_login_from_that_address_for_15_minutes(
    store: FakeStore,
) -> None:
    for minute in range(5):
        with pytest.raises(NotSignedInError) as refused:
            sessions.start(store, "anna.hr", "wrong", NOW + minute * MINUTE, ADDRESS)
        assert not isinstance(refused.value, LockedOutError)
    locked_at = NOW + 5 * MINUTE
    with pytest.raises(LockedOutError):
        sessions.start(store, "anna.hr", PASSWORD, locked_at, ADDRESS)  # even the right password
    with pytest.raises(LockedOutError):
        sessions.start(store, "Anna.HR ", PASSWORD, NOW + 18 * MINUTE, ADDRESS)
    assert (
        sessions.start(store, "anna.hr", PASSWORD, NOW + 19 * MINUTE, ADDRESS).actor.name
        == "anna.hr"
    )


def test_failures_spread_over_more_than_15_minutes_do_not_lock(store: FakeStore) -> None:
    for minute in (0, 4, 8, 12, 16):
        with pytest.raises(NotSignedInError):
            sessions.start(store, "anna.hr", "wrong", NOW + minute * MINUTE, ADDRESS)
    assert (
        sessions.start(store, "anna.hr", PASSWORD, NOW + 17 * MINUTE, ADDRESS).actor.name
        == "anna.hr"
    )


def test_an_unknown_login_locks_alike_so_the_lock_reveals_nothing(store: FakeStore) -> None:
    for login in ("anna.hr", "nobody"):
        for _ in range(5):
            with pytest.raises(NotSignedInError):
                sessions.start(store, login, "wrong", NOW, ADDRESS)
    with pytest.raises(LockedOutError) as known:
        sessions.start(store, "anna.hr", "wrong", NOW, ADDRESS)
    with pytest.raises(LockedOutError) as unknown:
        sessions.start(store, "nobody", "wrong", NOW, ADDRESS)
    assert str(known.value) == str(unknown.value)
    assert "anna.hr" not in "".join(store.sessions.failed)  # logins kept as digests only


def test_a_success_clears_the_failures_before_it(store: FakeStore) -> None:
    for _ in range(4):
        with pytest.raises(NotSignedInError):
            sessions.start(store, "anna.hr", "wrong", NOW, ADDRESS)
    sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    with pytest.raises(NotSignedInError) as refused:
        sessions.start(store, "anna.hr", "wrong", NOW, ADDRESS)
    assert not isinstance(refused.value, LockedOutError)


def test_a_signed_out_session_and_an_unknown_id_are_refused(store: FakeStore) -> None:
    session = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    sessions.end(store, session)
    for session_id in (session.id, "made-up"):
        with pytest.raises(NotSignedInError):
            sessions.resume(store, session_id, NOW)


def test_a_disabled_account_cannot_sign_in_and_its_sessions_stop(store: FakeStore) -> None:
    session = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    admin = actor_of(store.directory.account(ADMIN.name))
    set_disabled(store, admin, "anna.hr", disabled=True)
    with pytest.raises(NotSignedInError):
        sessions.resume(store, session.id, NOW)
    with pytest.raises(NotSignedInError):
        sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)


def test_the_csrf_token_must_be_the_sessions_own(store: FakeStore) -> None:
    mine = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    other = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    sessions.check_csrf(mine, mine.csrf)
    for wrong in (None, "", other.csrf, mine.id):
        with pytest.raises(NotAllowedError):
            sessions.check_csrf(mine, wrong)


def test_changing_ones_password_ends_ones_other_sessions_only(store: FakeStore) -> None:
    here = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    elsewhere = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    new = "a much better passphrase"
    assert sessions.change_password(store, here, (PASSWORD, new, new), NOW) == 1
    sessions.resume(store, here.id, NOW)
    with pytest.raises(NotSignedInError):
        sessions.resume(store, elsewhere.id, NOW)
    with pytest.raises(NotSignedInError):
        sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    assert sessions.start(store, "anna.hr", new, NOW, ADDRESS).actor.name == "anna.hr"


@pytest.mark.parametrize(
    ("current", "new", "repeat", "reason"),
    [
        ("wrong password", "a much better passphrase", "a much better passphrase", "current"),
        (PASSWORD, "a much better passphrase", "a much better passphrasE", "differ"),
        (PASSWORD, "short", "short", "at least 12"),
    ],
)
def test_a_password_change_is_refused_with_a_reason_and_changes_nothing(
    store: FakeStore, current: str, new: str, repeat: str, reason: str
) -> None:
    here = sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS)
    with pytest.raises(BadInputError, match=reason):
        sessions.change_password(store, here, (current, new, repeat), NOW)
    assert sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS).actor.name == "anna.hr"


def test_someone_elsewhere_cannot_lock_the_owner_out_with_five_wrong_passwords(
    store: FakeStore,
) -> None:
    """Five failures from another address lock that address only: the owner still signs in."""
    for _ in range(5):
        with pytest.raises(NotSignedInError):
            sessions.start(store, "anna.hr", "wrong", NOW, ELSEWHERE)
    with pytest.raises(LockedOutError):
        sessions.start(store, "anna.hr", PASSWORD, NOW, ELSEWHERE)
    assert sessions.start(store, "anna.hr", PASSWORD, NOW, ADDRESS).actor.name == "anna.hr"


def test_guessing_from_many_addresses_still_locks_the_login_everywhere(
    store: FakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fifty failures within 15 minutes, four from each of many addresses (none locked on its
    own), lock the login from every address, the owner's too, for 15 minutes."""

    def refused(*_: object) -> None:  # the count is under test, not 50 scrypt checks
        raise NotSignedInError("wrong login or password, or the account is disabled")

    with monkeypatch.context() as patched:
        patched.setattr(sessions, "sign_in", refused)
        fail_from_many_addresses(store)
    with pytest.raises(LockedOutError):
        sessions.start(store, "anna.hr", PASSWORD, NOW + MINUTE, ADDRESS)
    later = NOW + 16 * MINUTE
    assert sessions.start(store, "anna.hr", PASSWORD, later, ADDRESS).actor.name == "anna.hr"


def fail_from_many_addresses(store: FakeStore) -> None:
    """Four wrong passwords from each of many addresses, up to the login's own limit."""
    for n in range(sessions.LOCK_LOGIN_AFTER):
        with pytest.raises(NotSignedInError) as refused:
            sessions.start(store, "anna.hr", "wrong", NOW, f"203.0.113.{n // 4}")
        assert not isinstance(refused.value, LockedOutError)
