"""The employee's first name (roepnaam), given at a sick report, for the messages to them:
optional, so the employees already stored have none until a report gives one.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.add_column("employee", sa.Column("first_name", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("employee", "first_name")
