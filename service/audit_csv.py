"""The audit trail as CSV, as the CLI and the REST API export it: a header row, one row per
entry, and cells that a spreadsheet would run as a formula quoted."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

CSV_FIELDS = (
    "kind",
    "seq",
    "recorded_at",
    "business_date",
    "type",
    "details",
    "actor",
    "role",
    "hash",
)


def write_csv(rows: Iterable[Mapping[str, object]], stream: SupportsWrite[str]) -> None:
    """Write the trail's rows (`TrailEntry.as_dict()`) to `stream` as CSV."""
    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)


def as_csv(rows: Iterable[Mapping[str, object]]) -> str:
    text = io.StringIO()
    write_csv(rows, text)
    return text.getvalue()


def spreadsheet_safe(value: object) -> object:
    """A cell starting with = + - @, a tab or a carriage return would run as a formula in a
    spreadsheet (a spreadsheet skips the tab or CR, then reads `=...`): quote it (OWASP's CSV
    injection rule)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
