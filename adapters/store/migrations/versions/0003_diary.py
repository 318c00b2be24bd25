"""The employee's diary, whom they share it with and who read it; their opt-in to the signal.
Deliveries record which round of their reminder they belong to.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.add_column(
        "delivery", sa.Column("attempt", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "employee",
        sa.Column("diary_signal", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "diary_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employee.id"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("energy", sa.Integer(), nullable=False),
        sa.Column("stress", sa.Integer(), nullable=False),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("employee_id", "day"),
    )
    op.create_index("ix_diary_entry_employee_id", "diary_entry", ["employee_id"])
    op.create_table(
        "diary_reader",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employee.id"), nullable=False),
        sa.Column("reader", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.UniqueConstraint("employee_id", "reader", "role"),
    )
    op.create_index("ix_diary_reader_employee_id", "diary_reader", ["employee_id"])
    op.create_table(
        "diary_read",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employee.id"), nullable=False),
        sa.Column("reader", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_diary_read_employee_id", "diary_read", ["employee_id"])


def downgrade() -> None:
    op.drop_table("diary_read")
    op.drop_table("diary_reader")
    op.drop_table("diary_entry")
    op.drop_column("employee", "diary_signal")
    op.drop_column("delivery", "attempt")
