"""The official record: finalizing a meeting, amendments after it, and purges past retention.

``meeting`` gets ``finalized_at``/``finalized_by`` (vastgesteld: when and by whom). An
``amendment`` row is one correction of a finalized meeting (what, old → new, who, when, why) or
its reopening; a ``purgerecord`` row says that a meeting was purged past its retention period
(case code, date, when, by whom, which rule: no content). On SQLite the meeting's audit
triggers are made again so the new columns are recorded too; on PostgreSQL the new tables get
row-level security: an amendment follows its meeting's rules, the purge log is read by
coordinators only.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-14
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import audit_triggers, record_policies

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: recreating the meeting table would, with foreign keys
    # on, cascade the deletion of the old table into everything recorded in the meetings.
    op.add_column("meeting", sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("meeting", sa.Column("finalized_by", sa.String(length=200), nullable=True))
    op.create_table(
        "amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=48), nullable=False),
        sa.Column("old", sa.String(), nullable=False),
        sa.Column("new", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_amendment_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    op.create_index(op.f("ix_amendment_meeting_id"), "amendment", ["meeting_id"])
    op.create_table(
        "purgerecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_code", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("purged_by", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purgerecord")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        statements = record_policies.postgresql_statements()
    else:
        columns = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(meeting)")]
        statements = audit_triggers.sqlite_statements("meeting", columns)
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("purgerecord")
    op.drop_index(op.f("ix_amendment_meeting_id"), table_name="amendment")
    op.drop_table("amendment")
    op.drop_column("meeting", "finalized_by")
    op.drop_column("meeting", "finalized_at")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        columns = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(meeting)")]
        for statement in audit_triggers.sqlite_statements("meeting", columns):
            op.execute(statement)
