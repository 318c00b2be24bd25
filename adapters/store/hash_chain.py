"""Each log entry's hash covers its content and the previous entry's hash, so editing or
removing any entry breaks every hash after it. Anyone with the rows can recompute the chain:
this detects edits made behind the application's back, not an attacker who rewrites it all
(publish `verify`'s head hashes elsewhere for that)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Protocol

GENESIS = "0" * 64


class Hashed(Protocol):
    """What the hash covers: every field of an entry, besides its case's key."""

    @property
    def seq(self) -> int: ...
    @property
    def business_date(self) -> dt.date: ...
    @property
    def type(self) -> str: ...
    @property
    def payload(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def recorded_at(self) -> dt.datetime: ...
    @property
    def idempotency_key(self) -> str | None: ...
    @property
    def prev_hash(self) -> str: ...


class Chained(Hashed, Protocol):
    @property
    def hash(self) -> str: ...


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def utc_iso(moment: dt.datetime) -> str:
    return as_utc(moment).isoformat(timespec="microseconds")


def entry_hash(case_key: str, entry: Hashed) -> str:
    content = {
        "case": case_key,
        "seq": entry.seq,
        "business_date": entry.business_date.isoformat(),
        "type": entry.type,
        "payload": entry.payload,
        "actor": entry.actor,
        "role": entry.role,
        "recorded_at": utc_iso(entry.recorded_at),
        "idempotency_key": entry.idempotency_key,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain_problems(
    case_key: str, log: Sequence[Chained], last_seq: int, head_hash: str
) -> list[str]:
    """What is wrong with one case's chain: gaps, entries out of chain, altered entries, and a
    case row that does not end where its log ends. Empty when the chain checks out."""
    problems, previous, expected_seq = [], GENESIS, 1
    for entry in log:
        if entry.seq != expected_seq:
            problems.append(f"case {case_key}: entries {expected_seq}..{entry.seq - 1} are missing")
        elif entry.prev_hash != previous:
            problems.append(f"case {case_key}: entry {entry.seq} does not follow the entry before")
        if entry_hash(case_key, entry) != entry.hash:
            problems.append(f"case {case_key}: entry {entry.seq} was altered after it was recorded")
        previous, expected_seq = entry.hash, entry.seq + 1
    if last_seq != expected_seq - 1 or head_hash != previous:
        problems.append(
            f"case {case_key}: the case records {last_seq} entries but its trail ends "
            f"at entry {expected_seq - 1}: entries were removed or the case row was altered"
        )
    return problems
