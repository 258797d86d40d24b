"""Make the event log append-only; index decisions by status and deadline.

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
    with op.batch_alter_table("decision") as batch:
        batch.drop_index("ix_decision_status")
        batch.create_index("ix_decision_status_deadline", ["status", "deadline"])
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
    with op.batch_alter_table("decision") as batch:
        batch.drop_index("ix_decision_status_deadline")
        batch.create_index("ix_decision_status", ["status"])
