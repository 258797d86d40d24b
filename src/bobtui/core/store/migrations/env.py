"""Alembic environment: bobtui always hands in an open connection (see ``store.migrate``)."""

from alembic import context
from sqlmodel import SQLModel

import bobtui.core.store.tables  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
