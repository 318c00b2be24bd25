"""The web console's sessions: signing in with a login and password (the scrypt check of
`service.accounts.sign_in`), a session id that only the browser keeps (the store holds its
SHA-256), idle and absolute expiry, a lockout after repeated failed sign-ins, a CSRF token
derived from the session id, and changing one's own password (which ends one's other sessions).

Every function takes `now` as data: the web layer reads the clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import BadInputError, NotAllowedError, NotSignedInError
from service.accounts import actor_of, set_password, sign_in
from service.case_file import Actor
from service.ports import Store

IDLE = dt.timedelta(minutes=30)
ABSOLUTE = dt.timedelta(hours=12)
LOCK_AFTER = 5  # failed sign-ins of one login from one address ...
LOCK_WINDOW = dt.timedelta(minutes=15)  # ... within this long ...
LOCK_FOR = dt.timedelta(minutes=15)  # ... lock it for this long, from that address.
# From every address together, a login locks only after many more failures: someone who knows
# a login cannot lock its owner out with five wrong passwords, and guessing from many
# addresses still stops.
LOCK_LOGIN_AFTER = 50


class LockedOutError(NotSignedInError):
    """Too many failed sign-ins for a login; said alike whether the login exists or not."""


@dataclass(frozen=True)
class WebSession:
    id: str  # the cookie's value: the browser's only; never stored, logged or shown
    actor: Actor
    csrf: str  # the token every form of this session posts back


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def csrf_token(session_id: str) -> str:
    """Derived from the session id, so nothing more is stored; it does not reveal the id."""
    return hmac.new(session_id.encode(), b"csrf", hashlib.sha256).hexdigest()


def tokens_match(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def check_csrf(session: WebSession, given: str | None) -> None:
    if not tokens_match(session.csrf, given):
        raise NotAllowedError("the form's security token is missing or wrong; reload the page")


def locked_until(
    failures: Sequence[dt.datetime], now: dt.datetime, after: int = LOCK_AFTER
) -> dt.datetime | None:
    """When the lock ends, if `after` of the (sorted) failures fell within `LOCK_WINDOW` and
    the last of them was less than `LOCK_FOR` ago."""
    for first, last in zip(failures, failures[after - 1 :], strict=False):
        until = last + LOCK_FOR
        if last - first < LOCK_WINDOW and now < until:
            return until
    return None


def start(store: Store, login: str, password: str, now: dt.datetime, address: str) -> WebSession:
    """A new session for the account whose login and password these are, signing in from
    `address` (the client's IP address)."""
    login = login.strip()
    # Failures are counted per login (every address) and per login and address; both kept as
    # digests, so the store holds neither a login typed nor an address.
    folded = login.lower()
    counted = {digest(folded): LOCK_LOGIN_AFTER, digest(f"{folded}\n{address}"): LOCK_AFTER}
    since = now - LOCK_WINDOW - LOCK_FOR
    for who, after in counted.items():
        if locked_until(store.sessions.failures(who, since), now, after) is not None:
            raise LockedOutError("too many failed sign-ins: try again in 15 minutes")
    try:
        actor = sign_in(store, login, password)
    except NotSignedInError:
        for who in counted:
            store.sessions.record_failure(who, now)
        raise
    for who in counted:
        store.sessions.clear_failures(who)
    assert actor.account_id is not None, "a signed-in account has an id"
    session_id = secrets.token_urlsafe(32)
    store.sessions.add(digest(session_id), actor.account_id, now)
    return WebSession(session_id, actor, csrf_token(session_id))


def resume(store: Store, session_id: str, now: dt.datetime) -> WebSession:
    """The session of a cookie, if it is live and its account enabled; marks it seen now."""
    key = digest(session_id)
    found = store.sessions.find(key)
    live = (
        found is not None
        and not found.ended
        and now - found.last_seen_at < IDLE
        and now - found.created_at < ABSOLUTE
    )
    if found is None or not live:
        raise NotSignedInError("your session has ended: sign in again")
    account = store.directory.account_by_id(found.account_id)
    if account.disabled:
        raise NotSignedInError("your session has ended: sign in again")
    store.sessions.touch(key, now)
    return WebSession(session_id, actor_of(account), csrf_token(session_id))


def end(store: Store, session: WebSession) -> None:
    store.sessions.end(digest(session.id))


def change_password(
    store: Store, session: WebSession, passwords: tuple[str, str, str], now: dt.datetime
) -> int:
    """Set one's own password (`passwords`: the current one, the new one and its repetition);
    the account's other sessions end (how many is returned) and its tokens are revoked."""
    current, new, repeat = passwords
    try:
        sign_in(store, session.actor.name, current)
    except NotSignedInError:
        raise BadInputError("the current password is wrong") from None
    if new != repeat:
        raise BadInputError("the new password and its repetition differ")
    set_password(store, session.actor, session.actor.name, new, now)
    assert session.actor.account_id is not None, "a signed-in account has an id"
    return store.sessions.end_others(session.actor.account_id, digest(session.id))
