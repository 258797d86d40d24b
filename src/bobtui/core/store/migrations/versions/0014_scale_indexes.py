"""Indexes for a store of a million notes: the change poll and opening a meeting.

Every window that follows a meeting asks several times a second for the newest event of that
meeting (``store/changes.py``: ``max(id) WHERE meeting_id = …``). With an index on
``meeting_id`` alone PostgreSQL prefers to walk the primary key backwards from the newest event
of the whole store until it meets one of the meeting, which on a store of a million events is
a long walk for every meeting that is not the newest; on ``(meeting_id, id)`` the answer is the
last entry of the meeting's range. The new index serves every lookup by ``meeting_id`` too, so
it replaces the old one.

Opening a meeting reads the decisions reviewed at it (``decisionstatuschange.meeting_id``),
which had no index: every opening read the whole history of every decision.

Revision ID: 0014
Revises: 0011 (to be re-pointed to 0013 when merged)
Create Date: 2026-12-02
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Not batch mode: recreating the table on SQLite would drop its append-only triggers.
    op.create_index("ix_meetingevent_meeting_id_id", "meetingevent", ["meeting_id", "id"])
    op.drop_index("ix_meetingevent_meeting_id", table_name="meetingevent")
    op.create_index("ix_decisionstatuschange_meeting_id", "decisionstatuschange", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_decisionstatuschange_meeting_id", table_name="decisionstatuschange")
    op.create_index("ix_meetingevent_meeting_id", "meetingevent", ["meeting_id"])
    op.drop_index("ix_meetingevent_meeting_id_id", table_name="meetingevent")
