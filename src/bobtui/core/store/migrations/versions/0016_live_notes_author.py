"""Notes know who typed them; PostgreSQL announces a meeting's changes as they commit.

``note`` gets a nullable ``author``: the login that typed the note. On PostgreSQL the database
sets it (``session_user``) and keeps it on every update, so a client cannot forge it; on SQLite
the app fills in the computer's login. Notes from before stay NULL. On SQLite the note's audit
triggers are made again so the new column is recorded too (PostgreSQL's records whole rows).

On PostgreSQL every insert or update of a note, decision or event sends a notification on the
meeting's channel with only its ids (``store/live_triggers.py``), so other windows on the
meeting read it at once instead of at their next poll.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-28
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import audit_triggers, live_triggers

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _audit_again(*, without: str | None = None) -> None:
    """(Re)make the SQLite audit triggers of ``note`` with its columns, less ``without``."""
    bind = op.get_bind()
    columns = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(note)")]
    columns = [column for column in columns if column != without]
    for statement in audit_triggers.sqlite_statements("note", columns):
        op.execute(statement)


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: recreating the table would drop its triggers.
    op.add_column("note", sa.Column("author", sa.String(length=63), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _audit_again()
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for statement in live_triggers.postgresql_statements(schema):
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _audit_again(without="author")  # SQLite refuses to drop a column a trigger names
    else:
        for statement in live_triggers.postgresql_drop_statements():
            op.execute(statement)
    op.drop_column("note", "author")
