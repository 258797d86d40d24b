"""The official record in team mode, and amendments in the audit trail.

On PostgreSQL finalizing, amending and reopening a meeting become functions of the database
(``store/record_functions.py``) that a coordinator may call on a closed meeting, which
row-level security otherwise keeps from them; the application roles lose their direct rights
to the finalized columns and to the amendments (granted here when the groups exist already,
and by every ``team init``). On both databases every amendment is in the audit trail, by
trigger, like the meeting it corrects.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-16
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import audit_triggers, record_functions

revision = "0013"
# To be re-pointed at 0012 when both are merged: this migration depends on nothing of 0012.
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        statements = record_functions.postgresql_statements(schema)
        for statement in statements:
            op.execute(statement)
        if record_functions.groups_exist(bind):
            for statement in record_functions.postgresql_rights(bind):
                op.execute(statement)
        return
    columns = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(amendment)")]
    for statement in audit_triggers.sqlite_statements("amendment", columns):
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        groups = record_functions.groups_exist(bind)
        for statement in record_functions.downgrade_statements(groups):
            op.execute(statement)
        return
    for operation in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER amendment_audit_{operation}")
