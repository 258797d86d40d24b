"""Several windows on one meeting: who chairs it, and versions against silent overwrites.

``meetingchair`` holds the one client that may change a meeting, kept alive by a heartbeat.
Decisions, safety scores and judgements get a ``version`` that every change raises, the meeting
a ``details_version`` for its details and evaluation; existing rows start at 1.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_VERSIONED = ("decision", "safetyscore", "judgement")


def upgrade() -> None:
    op.create_table(
        "meetingchair",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meetingchair_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meetingchair")),
    )
    for table in _VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("details_version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+), not batch mode: recreating these tables would, with
    # foreign keys on, cascade the deletion of the old table into the notes and decisions.
    op.drop_column("meeting", "details_version")
    for table in _VERSIONED:
        op.drop_column(table, "version")
    op.drop_table("meetingchair")
