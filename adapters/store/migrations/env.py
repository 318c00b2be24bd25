"""Alembic runs inside the connection `adapters.store.database.migrate` hands it."""

from alembic import context

context.configure(connection=context.config.attributes["connection"])
with context.begin_transaction():
    context.run_migrations()
