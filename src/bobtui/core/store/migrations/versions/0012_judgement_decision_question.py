"""Judgements and decisions keep the question they were recorded on.

``judgement`` and ``decision`` get a nullable ``question_id``: the question on screen when the
chair entered it, so the question counts as discussed by what was recorded on it (and the
rehearsal feedback names it as the evidence). Rows from before stay NULL; the coverage mark
they set at the time still counts. On SQLite the two tables' audit triggers are made again so
the new column is recorded too (PostgreSQL's trigger records whole rows).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-21
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import audit_triggers

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TABLES = ("judgement", "decision")


def _audit_again(*, without: str | None = None) -> None:
    """(Re)make the SQLite audit triggers of both tables with their columns, less ``without``."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table in _TABLES:
        columns = [row[1] for row in bind.exec_driver_sql(f"PRAGMA table_info({table})")]
        columns = [column for column in columns if column != without]
        for statement in audit_triggers.sqlite_statements(table, columns):
            op.execute(statement)


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: recreating the decision table would, with foreign keys
    # on, cascade the deletion of the old table into its status history and parked ideas.
    for table in _TABLES:
        op.add_column(table, sa.Column("question_id", sa.String(length=80), nullable=True))
    _audit_again()


def downgrade() -> None:
    # SQLite refuses to drop a column a trigger still names.
    _audit_again(without="question_id")
    for table in _TABLES:
        op.drop_column(table, "question_id")
