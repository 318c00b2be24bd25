"""Cases carry the day they close (`open_until`: 28 days after recovery, a far date while
sick), indexed, so the open-case list never reads a closed case.

Revision ID: 0004
Revises: 0003
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

OPEN_WHILE_SICK = dt.date(9999, 12, 31)
LINK_WINDOW = dt.timedelta(days=28)  # as domain.case.LINK_WINDOW when this was written


def upgrade() -> None:
    op.add_column(
        "case",
        sa.Column("open_until", sa.Date(), nullable=False, server_default=str(OPEN_WHILE_SICK)),
    )
    cases = sa.table(
        "case",
        sa.column("id", sa.Integer()),
        sa.column("recovered_on", sa.Date()),
        sa.column("open_until", sa.Date()),
    )
    connection = op.get_bind()
    recovered = connection.execute(
        sa.select(cases.c.id, cases.c.recovered_on).where(cases.c.recovered_on.is_not(None))
    ).all()
    for case_id, recovered_on in recovered:
        connection.execute(
            sa.update(cases)
            .where(cases.c.id == case_id)
            .values(open_until=recovered_on + LINK_WINDOW)
        )
    op.create_index("ix_case_open_until", "case", ["open_until"])


def downgrade() -> None:
    op.drop_index("ix_case_open_until", "case")
    op.drop_column("case", "open_until")
