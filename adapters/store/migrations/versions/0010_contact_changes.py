"""The trail of an employee's contact routes: who added or removed which route (masked) and
when, shown in the audit trail of the employee's cases.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "contact_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("employee_id", sa.Integer, sa.ForeignKey("employee.id"), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("party", sa.String(20), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
    )
    op.create_index("ix_contact_change_employee_id", "contact_change", ["employee_id"])


def downgrade() -> None:
    op.drop_index("ix_contact_change_employee_id", "contact_change")
    op.drop_table("contact_change")
