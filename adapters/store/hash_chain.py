"""Each log entry's hash covers its content and the previous entry's hash, so editing or
removing any entry breaks every hash after it. Anyone with the rows can recompute the chain:
this detects edits made behind the application's back, not an attacker who rewrites it all
(publish `verify`'s head hashes elsewhere for that)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from adapters.store.tables import EventLogRow

GENESIS = "0" * 64


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def utc_iso(moment: dt.datetime) -> str:
    return as_utc(moment).isoformat(timespec="microseconds")


def entry_hash(case_key: str, row: EventLogRow) -> str:
    content = {
        "case": case_key,
        "seq": row.seq,
        "business_date": row.business_date.isoformat(),
        "type": row.type,
        "payload": row.payload,
        "actor": row.actor,
        "role": row.role,
        "recorded_at": utc_iso(row.recorded_at),
        "idempotency_key": row.idempotency_key,
        "prev_hash": row.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
