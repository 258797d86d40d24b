"""Make the event log append-only and index open decisions by deadline.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_MESSAGE = "het gebeurtenissenlogboek kan alleen worden aangevuld"


def upgrade() -> None:
    op.create_index("ix_decision_status_deadline", "decision", ["status", "deadline"])
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION bobtui_event_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{_MESSAGE}'; END; $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER meetingevent_append_only BEFORE UPDATE OR DELETE ON meetingevent "
            "FOR EACH ROW EXECUTE FUNCTION bobtui_event_append_only()"
        )
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER meetingevent_no_{verb.lower()} BEFORE {verb} ON meetingevent "
            f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER meetingevent_append_only ON meetingevent")
        op.execute("DROP FUNCTION bobtui_event_append_only()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER meetingevent_no_{verb}")
    op.drop_index("ix_decision_status_deadline", "decision")
