"""Accounts (who signs in, in which role), teams, each employee's team, manager and own account, the
physicians assigned to a case, and the accounts' bearer tokens.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(100), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
    )
    for column, table in (
        ("team_id", "team"),
        ("manager_id", "account"),
        ("account_id", "account"),
    ):
        _add_reference("employee", column, table)
    op.create_index("ix_employee_team_id", "employee", ["team_id"])
    op.create_index("ix_employee_manager_id", "employee", ["manager_id"])
    op.create_index("uq_employee_account_id", "employee", ["account_id"], unique=True)
    op.create_table(
        "case_physician",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case.id"), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), primary_key=True),
    )
    op.create_index("ix_case_physician_account_id", "case_physician", ["account_id"])
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_api_token_account_id", "api_token", ["account_id"])


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column referencing `target`. SQLite takes the reference only inline in ADD
    COLUMN, and a batch copy cannot drop the employee table that cases point at."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(f"fk_{table}_{column}_{target}", table, target, [column], ["id"])


def downgrade() -> None:
    op.drop_table("api_token")
    op.drop_table("case_physician")
    op.drop_index("uq_employee_account_id", "employee")
    op.drop_index("ix_employee_manager_id", "employee")
    op.drop_index("ix_employee_team_id", "employee")
    with op.batch_alter_table("employee") as employee:
        for column in ("account_id", "manager_id", "team_id"):
            employee.drop_column(column)
    op.drop_table("team")
    op.drop_table("account")
