"""What the keyed trail authenticates. Each seal is the HMAC-SHA256, under the key kept outside
the database (`adapters/keys.py`), of one canonical JSON object named by its `kind`:

- per case, five seals on its row: its identity (id, key, employee id and key), its state (first
  sick day, status, recovery, closing day), the head of its hash-chained trail (entry count and
  head hash), and the counts of its read log and of its delivery log;
- per read and per delivery, a seal over the whole row and its place (case, number) in its
  case's log: the logs are append-only, so each place has one true content, a gap in the
  numbers is a deleted row and a count above the last number a deleted tail;
- for the store, the count of its cases, so a deleted case shows;
- the directory, which decides who acts and who sees what: each account (login, role, disabled,
  password), each bearer token (its account, digest, expiry and revocation), each employee's
  relations (their account, manager and team), each physician's assignment to a case, and each
  reader an employee shares their diary with. A row whose seal fails grants nothing: a token
  added, extended or un-revoked by hand does not sign in, a manager, physician or diary reader
  written in by hand sees nothing.

Anyone with the rows can recompute the hash chain, not these: rewriting a case's trail, its
logs, its employee or its first sick day, or deleting a case, takes the key as well."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from adapters.keys import StoreKey
from adapters.store.hash_chain import utc_iso

Content = dict[str, object]
Row = Mapping[Any, Any]  # a row's columns by name


def case_identity(case: Row, employee_key: str) -> Content:
    return {
        "kind": "case identity",
        "case": case["id"],
        "key": case["key"],
        "employee": case["employee_id"],
        "employee_key": employee_key,
    }


def case_state(case: Row) -> Content:
    return {
        "kind": "case state",
        "case": case["id"],
        "first_sick_day": _day(case["first_sick_day"]),
        "status": case["status"],
        "recovered_on": _day(case["recovered_on"]),
        "open_until": _day(case["open_until"]),
    }


def case_trail(case: Row) -> Content:
    return {
        "kind": "case trail",
        "case": case["id"],
        "entries": case["last_seq"],
        "head_hash": case["head_hash"],
    }


def case_reads(case_id: int, count: int) -> Content:
    return {"kind": "case reads", "case": case_id, "count": count}


def case_deliveries(case_id: int, count: int) -> Content:
    return {"kind": "case deliveries", "case": case_id, "count": count}


def case_contents(case: Row, employee_key: str) -> dict[str, Content]:
    """Each seal column of a case row, with what it covers."""
    return {
        "identity_mac": case_identity(case, employee_key),
        "state_mac": case_state(case),
        "trail_mac": case_trail(case),
        "reads_mac": case_reads(case["id"], case["reads"]),
        "deliveries_mac": case_deliveries(case["id"], case["deliveries"]),
    }


def case_seals(key: StoreKey, case: Row, employee_key: str) -> dict[str, str]:
    """The five seal columns of a case row, freshly computed."""
    return {
        column: key.mac(content) for column, content in case_contents(case, employee_key).items()
    }


def read(row: Row) -> Content:
    """A read row's columns (`seq` and all, `id` and `mac` aside), the timestamp in UTC."""
    fields = ("case_id", "seq", "actor", "role", "purpose")
    return {"kind": "read", **_fields(row, fields), "accessed_at": _utc(row["accessed_at"])}


def delivery(row: Row) -> Content:
    """A delivery row's columns (`seq` and all, `id` and `mac` aside), the timestamp in UTC."""
    fields = ("case_id", "seq", "reminder_id", "party", "channel", "target", "error", "attempt")
    return {
        "kind": "delivery",
        **_fields(row, fields),
        "ok": bool(row["ok"]),  # SQLite hands booleans back as 0 and 1
        "attempted_at": _utc(row["attempted_at"]),
    }


def store_cases(count: int) -> Content:
    return {"kind": "store cases", "count": count}


def account(row: Row) -> Content:
    fields = ("id", "login", "role", "disabled", "password_hash")
    return {"kind": "account", **_fields(row, fields), "disabled": bool(row["disabled"])}


def token(row: Row) -> Content:
    return {
        "kind": "token",
        **_fields(row, ("id", "account_id", "digest")),
        "expires_at": _utc_or_none(row["expires_at"]),
        "revoked_at": _utc_or_none(row["revoked_at"]),
    }


def employee_relations(row: Row) -> Content:
    fields = ("id", "key", "account_id", "manager_id", "team_id")
    return {"kind": "employee relations", **_fields(row, fields)}


def web_session(row: Row) -> Content:
    fields = ("digest", "account_id")
    return {
        "kind": "web session",
        **_fields(row, fields),
        "created_at": _utc(row["created_at"]),
        "ended": bool(row["ended"]),
    }


def diary_reader(row: Row) -> Content:
    return {"kind": "diary reader", **_fields(row, ("employee_id", "reader", "role"))}


def case_physician(row: Row) -> Content:
    return {"kind": "case physician", **_fields(row, ("case_id", "account_id"))}


def _fields(row: Row, names: tuple[str, ...]) -> Content:
    return {name: row[name] for name in names}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _utc_or_none(moment: object) -> str | None:
    return None if moment is None else _utc(moment)


def _utc(moment: object) -> str:
    assert isinstance(moment, dt.datetime), moment
    return utc_iso(moment)
