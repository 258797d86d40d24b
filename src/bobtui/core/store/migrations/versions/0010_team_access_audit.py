"""Team mode: the case team, invitations, row-level security and an append-only audit trail.

``caseaccess`` says who is in the team of which case, ``meetinginvite`` which notulist was
invited to which meeting; on PostgreSQL every table gets row-level security that reads them
(``store/access_policies.py``). ``auditentry`` records every insert, update and delete of
meetings, notes, decisions, scores, judgements and access grants, written by triggers on both
databases (``store/audit_triggers.py``) and refusing every update and delete.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import access_policies, audit_triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _grant_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("member", sa.String(length=63), nullable=False),
        sa.Column("granted_by", sa.String(length=63), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "caseaccess",
        sa.Column("case_code", sa.String(length=64), nullable=False),
        *_grant_columns(),
        sa.PrimaryKeyConstraint("case_code", "member", name=op.f("pk_caseaccess")),
    )
    op.create_table(
        "meetinginvite",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        *_grant_columns(),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meetinginvite_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "member", name=op.f("pk_meetinginvite")),
    )
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=63), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=80), nullable=False),
        sa.Column("operation", sa.String(length=8), nullable=False),
        sa.Column("case_code", sa.String(length=64), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("old", sa.String(), nullable=True),
        sa.Column("new", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auditentry")),
    )
    op.create_index("ix_auditentry_case_code_at", "auditentry", ["case_code", "at"])
    op.create_index(op.f("ix_auditentry_meeting_id"), "auditentry", ["meeting_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        statements = [
            *audit_triggers.postgresql_statements(schema),
            *access_policies.postgresql_statements(schema),
        ]
    else:
        statements = audit_triggers.sqlite_append_only()
        for table in audit_triggers.AUDITED_TABLES:
            columns = [row[1] for row in bind.exec_driver_sql(f"PRAGMA table_info({table})")]
            statements += audit_triggers.sqlite_statements(table, columns)
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in access_policies.PROTECTED_TABLES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            for (policy,) in bind.execute(
                sa.text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
            ):
                op.execute(f"DROP POLICY {policy} ON {table}")
        op.execute("DROP TRIGGER meeting_claim_new_case ON meeting")
        for table in audit_triggers.AUDITED_TABLES:
            op.execute(f"DROP TRIGGER {table}_audit ON {table}")
    else:
        for table in audit_triggers.AUDITED_TABLES:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_audit_{operation}")
    op.drop_table("auditentry")
    op.drop_table("meetinginvite")
    op.drop_table("caseaccess")
    if bind.dialect.name == "postgresql":
        # A store created since 0015 got those functions here (see ``postgresql_statements``).
        for function in access_policies.FACT_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
        for function in (
            "bobtui_audit()",
            "bobtui_audit_stamp()",
            "bobtui_audit_append_only()",
            "bobtui_claim_new_case()",
            "bobtui_decision_meeting(integer)",
            "bobtui_may_meeting(integer, boolean)",
            "bobtui_may(text, text, text, integer, boolean)",
            "bobtui_invited(integer)",
            "bobtui_case_member(text)",
            "bobtui_in_group(text)",
        ):
            op.execute(f"DROP FUNCTION {function}")
