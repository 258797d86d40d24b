"""Row-level security that asks who the login is once per statement, not once per row.

Every policy of migrations 0010 and 0011 called ``bobtui_may(…)`` (or ``bobtui_may_meeting``)
for every row it looked at: a ``SECURITY DEFINER`` function PostgreSQL never inlines, asking
``pg_roles`` up to four times, about 2 ms a row, so a procesregisseur's home list of 10,000
meetings took seconds. The policies now read the login's facts — its groups, the cases of its
case teams, its invitations — through sub-selects of their own, which PostgreSQL evaluates once
per statement (an InitPlan), and compare each row against them (``store/access_policies.py``).
Who sees and changes what is the same as before. ``caseaccess.member`` and
``meetinginvite.member`` get an index, as those facts are looked up by login.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import access_policies, record_policies
from bobtui.core.store.access_policies import GROUPS, MEETING_CHILDREN

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = (*access_policies.PROTECTED_TABLES, *record_policies.RECORD_TABLES)


def _drop_policies() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT policyname, tablename FROM pg_catalog.pg_policies "
            "WHERE schemaname = current_schema() AND tablename = ANY (:tables)"
        ),
        {"tables": list(TABLES)},
    )
    for name, table in rows.all():
        op.execute(f'DROP POLICY "{name}" ON "{table}"')


def upgrade() -> None:
    op.create_index(op.f("ix_caseaccess_member"), "caseaccess", ["member"])
    op.create_index(op.f("ix_meetinginvite_member"), "meetinginvite", ["member"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for statement in access_policies.fact_functions(f"SET search_path = {schema}, pg_temp"):
        op.execute(statement)
    _drop_policies()
    for statement in [
        *access_policies.policy_statements(per_row=False),
        *record_policies.policy_statements(per_row=False),
    ]:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _drop_policies()
        for statement in _previous_policies():
            op.execute(statement)
        for function in access_policies.FACT_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}")  # 0017's, made here too
    op.drop_index(op.f("ix_meetinginvite_member"), table_name="meetinginvite")
    op.drop_index(op.f("ix_caseaccess_member"), table_name="caseaccess")


def _previous_policies() -> list[str]:
    """The policies of migrations 0010 and 0011, as they were."""
    read_meeting = "bobtui_may(case_code, practice_case_id, status, id, false)"
    write_meeting = "bobtui_may(case_code, practice_case_id, status, id, true)"
    coordinator = f"bobtui_in_group('{GROUPS['coordinator']}')"
    read, write = "bobtui_may_meeting(meeting_id, false)", "bobtui_may_meeting(meeting_id, true)"
    by_decision = "bobtui_may_meeting(bobtui_decision_meeting(decision_id), {})"
    statements = [
        f"CREATE POLICY meeting_read ON meeting FOR SELECT USING ({read_meeting})",
        f"CREATE POLICY meeting_insert ON meeting FOR INSERT WITH CHECK ({write_meeting})",
        f"CREATE POLICY meeting_update ON meeting FOR UPDATE USING ({write_meeting}) "
        f"WITH CHECK ({write_meeting})",
        f"CREATE POLICY meeting_delete ON meeting FOR DELETE USING ({write_meeting})",
        "CREATE POLICY meeting_lock_invited ON meeting FOR UPDATE "
        "USING (bobtui_invited(id)) WITH CHECK (bobtui_invited(id))",
        "CREATE POLICY note_by_invited ON note FOR INSERT WITH CHECK (bobtui_invited(meeting_id))",
        "CREATE POLICY meetingevent_read ON meetingevent FOR SELECT "
        f"USING ({read} OR {coordinator})",
        "CREATE POLICY meetingevent_insert ON meetingevent FOR INSERT WITH CHECK "
        f"({write} OR bobtui_invited(meeting_id))",
        "CREATE POLICY decisionstatuschange_read ON decisionstatuschange FOR SELECT "
        f"USING ({by_decision.format('false')})",
        "CREATE POLICY decisionstatuschange_write ON decisionstatuschange FOR ALL "
        f"USING ({by_decision.format('true')}) WITH CHECK ({by_decision.format('true')})",
        "CREATE POLICY caseaccess_read ON caseaccess FOR SELECT "
        f"USING (member = session_user OR {coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY caseaccess_grant ON caseaccess FOR INSERT "
        f"WITH CHECK ({coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY caseaccess_revoke ON caseaccess FOR DELETE "
        f"USING ({coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY meetinginvite_read ON meetinginvite FOR SELECT "
        f"USING (member = session_user OR {read})",
        "CREATE POLICY meetinginvite_write ON meetinginvite FOR ALL "
        f"USING ({write}) WITH CHECK ({write})",
        "CREATE POLICY auditentry_read ON auditentry FOR SELECT USING "
        f"({coordinator} OR {read} OR bobtui_case_member(case_code))",
        "CREATE POLICY auditentry_insert ON auditentry FOR INSERT WITH CHECK (true)",
        f"CREATE POLICY amendment_read ON amendment FOR SELECT USING ({read})",
        "CREATE POLICY amendment_insert ON amendment FOR INSERT "
        f"WITH CHECK ({coordinator} OR {write})",
        f"CREATE POLICY purgerecord_read ON purgerecord FOR SELECT USING ({coordinator})",
    ]
    for table in MEETING_CHILDREN:
        statements += [
            f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({read})",
            f"CREATE POLICY {table}_write ON {table} FOR ALL USING ({write}) WITH CHECK ({write})",
        ]
    return statements
