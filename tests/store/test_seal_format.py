"""What each keyed seal covers is part of every store's format: a store sealed by one version
must verify under the next. So each seal's content is written out below as the object it must
be, and the MAC of one such object under a fixed key is pinned: a change to either (a renamed
field, a field left out, another canonical JSON, another key derivation) fails here instead of
leaving every stored seal broken after an upgrade."""

from __future__ import annotations

import datetime as dt

from adapters.keys import parse_key
from adapters.store import seals

KEY = parse_key("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "the test key")  # bytes 0..31
AT = dt.datetime(2026, 1, 6, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # 08:30 UTC
UTC = "2026-01-06T08:30:00.000000+00:00"
CASE = {
    "id": 7,
    "key": "E1042-20260105",
    "employee_id": 3,
    "first_sick_day": dt.date(2026, 1, 5),
    "status": "sick",
    "recovered_on": None,
    "open_until": dt.date(9999, 12, 31),
    "last_seq": 4,
    "head_hash": "ab" * 32,
    "reads": 2,
    "deliveries": 1,
}


def test_the_key_derivation_and_canonical_json_are_pinned() -> None:
    assert KEY.id == "4fde0ac4fb6c1942"
    assert KEY.mac({"kind": "store cases", "count": 3}) == (
        "97838f72432a0cd0cd47f8bc1beb9391f1e106885653176edb936bde78a05ff0"
    )
    assert KEY.mac({"count": 3, "kind": "store cases"}) == KEY.mac(seals.store_cases(3))


def test_each_case_seal_covers_exactly_these_fields() -> None:
    assert seals.case_contents(CASE, "E1042") == {
        "identity_mac": {
            "kind": "case identity",
            "case": 7,
            "key": "E1042-20260105",
            "employee": 3,
            "employee_key": "E1042",
        },
        "state_mac": {
            "kind": "case state",
            "case": 7,
            "first_sick_day": "2026-01-05",
            "status": "sick",
            "recovered_on": None,
            "open_until": "9999-12-31",
        },
        "trail_mac": {"kind": "case trail", "case": 7, "entries": 4, "head_hash": "ab" * 32},
        "reads_mac": {"kind": "case reads", "case": 7, "count": 2},
        "deliveries_mac": {"kind": "case deliveries", "case": 7, "count": 1},
    }
    assert seals.case_seals(KEY, CASE, "E1042")["reads_mac"] == KEY.mac(
        {"kind": "case reads", "case": 7, "count": 2}
    )


def test_each_log_row_seal_covers_the_row_and_its_place_in_utc() -> None:
    read = {"case_id": 7, "seq": 2, "actor": "anna.hr", "role": "hr", "purpose": "case"}
    assert seals.read({**read, "id": 99, "mac": "x", "accessed_at": AT}) == {
        "kind": "read",
        **read,
        "accessed_at": UTC,
    }
    delivery = {
        "case_id": 7,
        "seq": 1,
        "reminder_id": 5,
        "party": "hr",
        "channel": "mailto",
        "target": "h***@example.org",
        "error": None,
        "attempt": 1,
    }
    assert seals.delivery({**delivery, "ok": 1, "attempted_at": AT, "id": 9}) == {
        "kind": "delivery",
        **delivery,
        "ok": True,
        "attempted_at": UTC,
    }


def test_each_directory_seal_covers_what_decides_access() -> None:
    account = {"id": 1, "login": "anna.hr", "role": "hr", "password_hash": "scrypt$..."}
    assert seals.account({**account, "disabled": 0, "display_name": "Anna"}) == {
        "kind": "account",
        **account,
        "disabled": False,
    }
    token = {"id": 4, "account_id": 1, "digest": "cd" * 32}
    assert seals.token({**token, "expires_at": AT, "revoked_at": None, "label": "x"}) == {
        "kind": "token",
        **token,
        "expires_at": UTC,
        "revoked_at": None,
    }
    relations = {"id": 3, "key": "E1042", "account_id": 6, "manager_id": 1, "team_id": 2}
    assert seals.employee_relations({**relations, "display_name": "Jan", "version": 5}) == {
        "kind": "employee relations",
        **relations,
    }
    assert seals.case_physician({"case_id": 7, "account_id": 3, "mac": ""}) == {
        "kind": "case physician",
        "case_id": 7,
        "account_id": 3,
    }
    reader = {"employee_id": 3, "reader": "dr.bakker", "role": "physician"}
    assert seals.diary_reader({**reader, "id": 2}) == {"kind": "diary reader", **reader}
    session = {"digest": "ef" * 32, "account_id": 1}
    assert seals.web_session({**session, "created_at": AT, "ended": 0, "id": 1}) == {
        "kind": "web session",
        **session,
        "created_at": UTC,
        "ended": False,
    }
