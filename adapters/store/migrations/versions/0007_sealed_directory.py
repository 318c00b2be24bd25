"""The directory sealed: each account, bearer token, employee's relations, physician's
assignment and reader of a diary gets its keyed seal (`adapters/store/seals.py`), under the key
the store is sealed under since 0006.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context, op

from adapters.key_files import KeySource
from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.store_seal import sealed_under

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)
SEALED = {  # table: (its seal column, what the seal covers, the columns that name a row)
    "account": ("mac", seals.account, ("id",)),
    "api_token": ("mac", seals.token, ("id",)),
    "employee": ("relations_mac", seals.employee_relations, ("id",)),
    "case_physician": ("mac", seals.case_physician, ("case_id", "account_id")),
    "diary_reader": ("mac", seals.diary_reader, ("id",)),
}
COLUMNS: dict[str, tuple[str | sa.ColumnClause[Any], ...]] = {
    "account": ("id", "login", "role", "disabled", "password_hash"),
    "api_token": (
        "id",
        "account_id",
        "digest",
        sa.column("expires_at", MOMENT),
        sa.column("revoked_at", MOMENT),
    ),
    "employee": ("id", "key", "account_id", "manager_id", "team_id"),
    "case_physician": ("case_id", "account_id"),
    "diary_reader": ("id", "employee_id", "reader", "role"),
}


def upgrade() -> None:
    connection = op.get_bind()
    keys: KeySource = context.config.attributes["keys"]
    key = keys.key_for(sealed_under(connection))
    for name, (seal, _content, _names) in SEALED.items():
        op.add_column(name, sa.Column(seal, sa.String(64), nullable=False, server_default=""))
        _seal(connection, key, name)


def _seal(connection: sa.Connection, key: StoreKey, name: str) -> None:
    seal, content, names = SEALED[name]
    table = sa.table(
        name, *(sa.column(c) if isinstance(c, str) else c for c in COLUMNS[name]), sa.column(seal)
    )
    rows = [row._mapping for row in connection.execute(sa.select(table))]
    if not rows:
        return
    statement = (
        sa.update(table)
        .where(*(table.c[n] == sa.bindparam(f"row_{n}") for n in names))
        .values({seal: sa.bindparam("sealed")})
    )
    connection.execute(
        statement,
        [{**{f"row_{n}": row[n] for n in names}, "sealed": key.mac(content(row))} for row in rows],
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35 and later have it): a batch migration would copy and drop
    # the tables, and SQLite refuses to drop a table that other rows refer to.
    for name, (seal, _content, _names) in SEALED.items():
        op.execute(f'ALTER TABLE "{name}" DROP COLUMN {seal}')
