"""Data at rest and the keyed trail: contact routes and diary scores sealed under the store's
key; reads and deliveries numbered per case and sealed; each case's five seals; the store's seal
row with the keyed count of cases.

The key comes from `adapters.store.database.migrate` (`config.attributes["keys"]`): the same
source the store opens with, $REINTEGRATION_KEY, else the key file in the data directory, which
is created here for a store that has none. What is there is sealed as it is found: run
`reintegration verify` before upgrading to know that it was intact.

Revision ID: 0006
Revises: 0005
"""

import itertools
import json
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from adapters.key_files import KeySource
from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.contact_routes import route_context
from adapters.store.diary_store import diary_context

revision = "0006"
down_revision = "0005"

SCORES = ("energy", "stress", "motivation")
CASE_SEALS = ("identity_mac", "state_mac", "trail_mac", "reads_mac", "deliveries_mac")
UNIQUE_ROUTE = "contact_route_employee_id_party_url_key"  # PostgreSQL's name for it in 0001
LOGS = {"case_access": seals.read, "delivery": seals.delivery}
MOMENT, DAY = sa.DateTime(timezone=True), sa.Date()


def _table(name: str, *columns: str | sa.ColumnClause[Any]) -> sa.TableClause:
    """The columns this migration reads and writes (typed where the type matters), without
    reflecting the table: reflection costs more than the rest of the migration."""
    return sa.table(name, *(sa.column(c) if isinstance(c, str) else c for c in columns))


TABLES = {
    "case_access": _table(
        "case_access",
        "id",
        "case_id",
        "seq",
        "actor",
        "role",
        sa.column("accessed_at", MOMENT),
        "purpose",
        "mac",
    ),
    "delivery": _table(
        "delivery",
        "id",
        "reminder_id",
        "case_id",
        "seq",
        "party",
        "channel",
        "target",
        sa.column("attempted_at", MOMENT),
        "ok",
        "error",
        "attempt",
        "mac",
    ),
    "case": _table(
        "case",
        "id",
        "key",
        "employee_id",
        sa.column("first_sick_day", DAY),
        "status",
        sa.column("recovered_on", DAY),
        sa.column("open_until", DAY),
        "last_seq",
        "head_hash",
        "reads",
        "deliveries",
        *CASE_SEALS,
    ),
}


def upgrade() -> None:
    keys: KeySource = context.config.attributes["keys"]
    key = keys.key_for(None)
    connection = op.get_bind()
    _seal_routes(connection, key)
    _seal_diary(connection, key)
    counts = {name: _number_and_seal(connection, key, name) for name in LOGS}
    _seal_cases(connection, key, counts)


def _seal_routes(connection: sa.Connection, key: StoreKey) -> None:
    op.add_column("contact_route", sa.Column("sealed_url", sa.Text(), nullable=True))
    routes = _table("contact_route", "id", "employee_id", "party", "url", "sealed_url")
    rows = connection.execute(
        sa.select(routes.c.id, routes.c.employee_id, routes.c.party, routes.c.url)
    )
    sealed = [
        {"row": row_id, "sealed": key.seal(url, route_context(employee_id, party))}
        for row_id, employee_id, party, url in rows
    ]
    _update_each(connection, routes, sealed, sealed_url="sealed")
    with op.batch_alter_table("contact_route") as batch:
        batch.drop_column("url")  # and the unique constraint on it: it cannot see through a seal
        batch.alter_column("sealed_url", existing_type=sa.Text(), nullable=False)


def _seal_diary(connection: sa.Connection, key: StoreKey) -> None:
    op.add_column("diary_entry", sa.Column("sealed_scores", sa.Text(), nullable=True))
    entries = _table("diary_entry", "id", "employee_id", sa.column("day", DAY), *SCORES)
    sealed = [
        {
            "row": row.id,
            "sealed": key.seal(
                json.dumps({score: row._mapping[score] for score in SCORES}),
                diary_context(row.employee_id, row.day),
            ),
        }
        for row in connection.execute(sa.select(entries))
    ]
    _update_each(
        connection,
        _table("diary_entry", "id", "sealed_scores"),
        sealed,
        sealed_scores="sealed",
    )
    with op.batch_alter_table("diary_entry") as batch:
        for score in SCORES:
            batch.drop_column(score)
        batch.alter_column("sealed_scores", existing_type=sa.Text(), nullable=False)


def _number_and_seal(connection: sa.Connection, key: StoreKey, name: str) -> dict[int, int]:
    """Number each case's rows of `name` in the order they were made, seal each; the count of
    rows per case."""
    content = LOGS[name]
    op.add_column(name, sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(name, sa.Column("mac", sa.String(64), nullable=False, server_default=""))
    log = TABLES[name]
    rows = connection.execute(sa.select(log).order_by(log.c.case_id, log.c.id))
    numbered, counts = [], {}
    for case_id, group in itertools.groupby((row._mapping for row in rows), lambda r: r["case_id"]):
        for seq, row in enumerate(group, start=1):
            sealed = key.mac(content({**row, "seq": seq}))
            numbered.append({"row": row["id"], "number": seq, "sealed": sealed})
            counts[case_id] = seq
    _update_each(connection, log, numbered, seq="number", mac="sealed")
    op.drop_index(f"ix_{name}_case_id", name)
    op.create_index(f"ix_{name}_case_seq", name, ["case_id", "seq"], unique=True)
    return counts


def _seal_cases(
    connection: sa.Connection, key: StoreKey, counts: dict[str, dict[int, int]]
) -> None:
    op.add_column("case", sa.Column("reads", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("case", sa.Column("deliveries", sa.Integer(), nullable=False, server_default="0"))
    for column in CASE_SEALS:
        op.add_column("case", sa.Column(column, sa.String(64), nullable=False, server_default=""))
    cases, employees = TABLES["case"], _table("employee", "id", "key")
    query = sa.select(cases, employees.c.key.label("employee_key")).join(
        employees, employees.c.id == cases.c.employee_id
    )
    sealed = []
    for row in connection.execute(query):
        case = {
            **row._mapping,
            "reads": counts["case_access"].get(row.id, 0),
            "deliveries": counts["delivery"].get(row.id, 0),
        }
        sealed.append({"row": row.id, **case, **seals.case_seals(key, case, row.employee_key)})
    _update_each(
        connection,
        cases,
        sealed,
        reads="reads",
        deliveries="deliveries",
        **{c: c for c in CASE_SEALS},
    )
    seal = sa.table(
        "store_seal", sa.column("id"), sa.column("key_id"), sa.column("cases"), sa.column("mac")
    )
    op.create_table(
        "store_seal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
    )
    connection.execute(
        sa.insert(seal).values(
            id=1, key_id=key.id, cases=len(sealed), mac=key.mac(seals.store_cases(len(sealed)))
        )
    )


def _update_each(
    connection: sa.Connection, table: sa.TableClause, rows: list[dict[str, object]], **columns: str
) -> None:
    """Set `columns` (column name: key in each of `rows`) on each row, by `row` (its id)."""
    if not rows:
        return
    statement = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row"))
        .values({column: sa.bindparam(f"new_{column}") for column in columns})
    )
    connection.execute(
        statement,
        [{"row": r["row"], **{f"new_{c}": r[k] for c, k in columns.items()}} for r in rows],
    )


def downgrade() -> None:
    """Back to plain routes and scores (the key opens them), without the keyed trail."""
    keys: KeySource = context.config.attributes["keys"]
    connection = op.get_bind()
    key = keys.key_for(connection.execute(sa.text("SELECT key_id FROM store_seal")).scalar_one())
    op.drop_table("store_seal")
    for column in (*CASE_SEALS, "reads", "deliveries"):
        op.drop_column("case", column)
    for name in LOGS:
        op.drop_index(f"ix_{name}_case_seq", name)
        op.create_index(f"ix_{name}_case_id", name, ["case_id"])
        op.drop_column(name, "mac")
        op.drop_column(name, "seq")
    op.add_column("contact_route", sa.Column("url", sa.Text(), nullable=True))
    routes = sa.Table("contact_route", sa.MetaData(), autoload_with=connection)
    plain = [
        {"row": r.id, "url": key.unseal(r.sealed_url, route_context(r.employee_id, r.party))}
        for r in connection.execute(sa.select(routes))
    ]
    _update_each(connection, routes, plain, url="url")
    with op.batch_alter_table("contact_route") as batch:
        batch.drop_column("sealed_url")
        batch.alter_column("url", existing_type=sa.Text(), nullable=False)
        batch.create_unique_constraint(UNIQUE_ROUTE, ["employee_id", "party", "url"])
    for score in SCORES:
        op.add_column("diary_entry", sa.Column(score, sa.Integer(), nullable=True))
    entries = sa.Table("diary_entry", sa.MetaData(), autoload_with=connection)
    plain = [
        {
            "row": r.id,
            **json.loads(key.unseal(r.sealed_scores, diary_context(r.employee_id, r.day))),
        }
        for r in connection.execute(sa.select(entries))
    ]
    _update_each(connection, entries, plain, **{score: score for score in SCORES})
    with op.batch_alter_table("diary_entry") as batch:
        batch.drop_column("sealed_scores")
        for score in SCORES:
            batch.alter_column(score, existing_type=sa.Integer(), nullable=False)
