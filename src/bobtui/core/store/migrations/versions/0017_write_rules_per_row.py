"""Write rules that check the row written, not the set of all the login's meetings.

Since migration 0015 every write rule of a procesregisseur or trainer was
``meeting_id IN (SELECT bobtui_my_meetings(false))``: once per statement, but each time the
set of every meeting of every case team of the login (hundreds of ids, a look-up per case).
A write touches one row or a few, so each of an autosave's statements paid for that set to
check one meeting. The rules now ask about the row's own meeting
(``bobtui_writes_meeting(meeting_id)``, two index entries) and, for a meeting itself, about its
own case code (``bobtui_case_member``). The chair's row, which every change reads and which is
only ever read a meeting at a time, is read under the same per-row rule
(``bobtui_reads_meeting``). Who may see and change what is unchanged; the other read rules are
0015's. Downgrading gives back 0015's policies.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from bobtui.core.store import access_policies, record_policies

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = (*access_policies.PROTECTED_TABLES, *record_policies.RECORD_TABLES)


def _replace_policies(*, per_row: bool) -> None:
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
    for statement in [
        *access_policies.policy_statements(per_row=per_row),
        *record_policies.policy_statements(per_row=per_row),
    ]:
        op.execute(statement)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for statement in access_policies.fact_functions(f"SET search_path = {schema}, pg_temp"):
        op.execute(statement)
    _replace_policies(per_row=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _replace_policies(per_row=False)
    op.execute("DROP FUNCTION bobtui_reads_meeting(integer)")
    op.execute("DROP FUNCTION bobtui_writes_meeting(integer)")
