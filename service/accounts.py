"""Accounts and proof of identity: who may sign in, with which role, and the bearer tokens that
stand for a signed-in account. Passwords are kept as scrypt hashes (memory-hard, in the
standard library); a token is 256 random bits, kept as its SHA-256 digest and shown once.

Managing accounts, teams and assignments needs an admin, except adding the first admin to a
store without accounts (how an organisation starts)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import cache

from domain.errors import BadInputError, NotAllowedError, NotFoundError, NotSignedInError, quoted
from domain.roles import Role, require
from service.case_file import Actor
from service.ports import AccountRecord, EmployeeRecord, NewAccount, NewEmployee, Store, TokenRecord
from service.recording import check_employee_key

# One of OWASP's equivalent minimums for scrypt (Password Storage Cheat Sheet): n=2**15, r=8,
# p=3, i.e. 32 MiB per check. The parameters are stored with each hash, so they can grow.
_SCRYPT = {"n": 2**15, "r": 8, "p": 3}
_MAX_MEMORY = 64 * 1024 * 1024
TOKEN_PREFIX = "rtk_"  # noqa: S105 (not a secret: every token starts so, to be found in a leak scan)
MIN_PASSWORD = 12
_LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,99}")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, **_SCRYPT)
    params = "$".join(str(_SCRYPT[k]) for k in ("n", "r", "p"))
    return f"scrypt${params}${salt.hex()}${digest.hex()}"


def password_matches(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` was made from (in constant time)."""
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt", f"unknown password scheme {scheme}"
    again = _scrypt(password, bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(again, bytes.fromhex(digest))


def _scrypt(password: str, salt: bytes, *, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=32)


def new_password() -> str:
    """A generated password: 20 characters of the URL-safe alphabet, about 120 bits."""
    return secrets.token_urlsafe(15)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_of(account: AccountRecord) -> Actor:
    """The account acting as itself: its login, its role, and for an employee whose they are."""
    return Actor(account.login, account.role, account.id, account.employee_key)


def authenticate(store: Store, token: str, now: dt.datetime) -> Actor:
    """The account a bearer token stands for; refused when it is unknown, revoked, expired,
    or its account is disabled (one reason for all: a guesser learns nothing)."""
    found = store.directory.token_account(token_digest(token.strip()))
    if found is not None:
        record, account = found
        live = record.revoked_at is None and (record.expires_at is None or now < record.expires_at)
        if live and not account.disabled:
            return actor_of(account)
    raise NotSignedInError("not signed in: the token is unknown, expired or revoked")


def sign_in(store: Store, login: str, password: str) -> Actor:
    """The account whose login and password these are; one refusal for every mismatch."""
    try:
        account: AccountRecord | None = store.directory.account(login)
    except NotFoundError:
        account = None
    stored = account.password_hash if account is not None else None
    matches = password_matches(stored or _dummy(), password) and stored is not None
    if account is None or not matches or account.disabled:
        raise NotSignedInError("wrong login or password, or the account is disabled")
    return actor_of(account)


@cache
def _dummy() -> str:
    """A hash to check an unknown login against, so that a miss takes as long as a hit."""
    return hash_password(secrets.token_urlsafe(12))


@dataclass(frozen=True)
class NewToken:
    token: str  # shown once; only its digest is kept
    record: TokenRecord


@dataclass(frozen=True)
class TokenRequest:
    login: str  # whose token
    expires_in: dt.timedelta | None = None  # None: valid until revoked
    label: str = ""  # what it is for


def create_token(store: Store, actor: Actor, request: TokenRequest, now: dt.datetime) -> NewToken:
    """A bearer token: an admin makes one for anyone, an account for itself."""
    if actor.role is not Role.ADMIN and actor.name != request.login:
        raise NotAllowedError("only an admin makes tokens for another account")
    if request.expires_in is not None and request.expires_in <= dt.timedelta(0):
        raise BadInputError("a token must expire in the future")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = now + request.expires_in if request.expires_in is not None else None
    digest = token_digest(token)
    record = store.directory.add_token(request.login, digest, request.label, now, expires_at)
    return NewToken(token, record)


def revoke_token(store: Store, actor: Actor, token_id: int, now: dt.datetime) -> None:
    mine = {t.id for t in store.directory.tokens(actor.name)}
    if actor.role is not Role.ADMIN and token_id not in mine:
        raise NotAllowedError("only an admin revokes another account's token")
    if not store.directory.revoke_token(token_id, now):
        raise BadInputError(f"token {token_id} is unknown or already revoked")


def add_account(
    store: Store,
    actor: Actor | None,
    account: NewAccount,
) -> AccountRecord:
    """A new account; `actor` None only for the first admin of a store without accounts."""
    if actor is None:
        if store.directory.has_accounts():
            raise NotSignedInError("sign in as an admin to add accounts")
        if account.role is not Role.ADMIN:
            raise BadInputError("the first account of a store is an admin (--role admin)")
    else:
        require_admin(actor, "add accounts")
    if not _LOGIN.fullmatch(account.login):
        raise BadInputError(
            f"login {quoted(account.login)}: 2-100 characters of a-z, 0-9, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    if (account.role is Role.EMPLOYEE) != (account.employee_key is not None):
        raise BadInputError("an employee account names its employee (--employee KEY), no other")
    return store.directory.add_account(account)


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise BadInputError(f"a password has at least {MIN_PASSWORD} characters")
    return password


def require_admin(actor: Actor, action: str) -> None:
    require(actor.role, frozenset({Role.ADMIN}), action)


# HR runs the absence process: it keeps who manages whom and which physician a case has.
ORGANISERS = frozenset({Role.ADMIN, Role.HR})


def assign_employee(
    store: Store,
    actor: Actor,
    employee: NewEmployee,
    team: str | None,
    manager: str | None,
) -> EmployeeRecord:
    require(actor.role, ORGANISERS, "assign employees to teams and managers")
    check_employee_key(employee.key)
    if team is None and manager is None:
        raise BadInputError("name a team (--team) or a manager (--manager), or both")
    return store.directory.assign_employee(employee, team, manager)


def assign_physician(store: Store, actor: Actor, case_key: str, login: str) -> None:
    require(actor.role, ORGANISERS, "assign a physician to a case")
    store.directory.assign_physician(case_key, login)


def unassign_physician(store: Store, actor: Actor, case_key: str, login: str) -> None:
    """Take a case from a physician (another took over): from then on they no longer see it."""
    require(actor.role, ORGANISERS, "assign a physician to a case")
    case = store.cases.load(case_key).case
    if not store.directory.unassign_physician(case.id, login):
        raise NotFoundError(f"{login!r} is not a physician of case {case_key}")


@dataclass(frozen=True)
class CasePhysicians:
    assigned: list[str]  # logins
    available: list[tuple[str, str]]  # (login, name) of every enabled physician account


def case_physicians(store: Store, actor: Actor, case_id: int) -> CasePhysicians:
    """Who is the case's physician, and whom HR may choose from."""
    require(actor.role, ORGANISERS, "assign a physician to a case")
    physicians = [
        (a.login, a.display_name)
        for a in store.directory.accounts()
        if a.role is Role.PHYSICIAN and not a.disabled
    ]
    return CasePhysicians(store.directory.physicians_of(case_id), physicians)


def add_team(store: Store, actor: Actor, name: str) -> None:
    require(actor.role, ORGANISERS, "add teams")
    if not name.strip():
        raise BadInputError("a team has a name")
    store.directory.add_team(name.strip())


def list_accounts(store: Store, actor: Actor) -> list[dict[str, object]]:
    """Every account, as shown to an admin: never its password hash."""
    require_admin(actor, "list accounts")
    return [
        {
            "login": a.login,
            "name": a.display_name,
            "role": a.role.value,
            "employee": a.employee_key,
            "disabled": a.disabled,
        }
        for a in store.directory.accounts()
    ]


def set_disabled(store: Store, actor: Actor, login: str, disabled: bool) -> None:
    require_admin(actor, "disable or enable accounts")
    if disabled and login == actor.name:
        raise BadInputError("an admin cannot disable their own account")
    store.directory.set_disabled(login, disabled)


def set_password(store: Store, actor: Actor, login: str, password: str, now: dt.datetime) -> int:
    """A new password: one's own, or (an admin) anyone's. It signs the account out everywhere:
    its tokens are revoked (a reset often follows a leak); how many were, is returned."""
    if actor.name != login:
        require_admin(actor, "set another account's password")
    store.directory.set_password_hash(login, hash_password(check_password(password)))
    live = [t for t in store.directory.tokens(login) if t.revoked_at is None]
    return sum(store.directory.revoke_token(token.id, now) for token in live)


def list_tokens(store: Store, actor: Actor, login: str | None) -> list[TokenRecord]:
    """One's own tokens; an admin's choice of account, or every token (never a secret)."""
    whose = login or (None if actor.role is Role.ADMIN else actor.name)
    if whose != actor.name:
        require_admin(actor, "list other accounts' tokens")
    return store.directory.tokens(whose)
