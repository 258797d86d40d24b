"""Row-level security of the official record's tables on PostgreSQL (migration 0011).

An amendment is read under its meeting's rules. The insert policy below stands, but since
migration 0013 no application role has the right to use it: amendments are written by the
record's database functions only (``record_functions.py``). The purge log holds no content, but
says which cases existed: only coordinators read it, and only the store's owner (who purges,
and is not subject to these rules) writes it. The rights on both tables are given with the
others in ``store/team.py``. Since migration 0015 the policies read the login's facts once per
statement, as those of ``access_policies.py`` do.
"""

from bobtui.core.store.access_policies import COORDINATOR, may_read, may_write

RECORD_TABLES = ("amendment", "purgerecord")


def policy_statements(*, per_row: bool = True) -> list[str]:
    """``per_row``: as in ``access_policies.policy_statements`` (False: migration 0015)."""
    return [
        f"CREATE POLICY amendment_read ON amendment FOR SELECT USING ({may_read('meeting_id')})",
        "CREATE POLICY amendment_insert ON amendment FOR INSERT "
        f"WITH CHECK ({COORDINATOR} OR {may_write('meeting_id', per_row=per_row)})",
        f"CREATE POLICY purgerecord_read ON purgerecord FOR SELECT USING ({COORDINATOR})",
    ]


def postgresql_statements() -> list[str]:
    return [
        *(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in RECORD_TABLES),
        *policy_statements(),
    ]
