"""Row-level security of the official record's tables on PostgreSQL (migration 0011).

An amendment is read under its meeting's rules. The insert policy below stands, but since
migration 0013 no application role has the right to use it: amendments are written by the
record's database functions only (``record_functions.py``). The purge log holds no content, but
says which cases existed: only coordinators read it, and only the store's owner (who purges,
and is not subject to these rules) writes it. The rights on both tables are given with the
others in ``store/team.py``.
"""

from bobtui.core.store.access_policies import GROUPS

RECORD_TABLES = ("amendment", "purgerecord")


def postgresql_statements() -> list[str]:
    coordinator = f"bobtui_in_group('{GROUPS['coordinator']}')"
    return [
        *(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in RECORD_TABLES),
        "CREATE POLICY amendment_read ON amendment FOR SELECT "
        "USING (bobtui_may_meeting(meeting_id, false))",
        "CREATE POLICY amendment_insert ON amendment FOR INSERT "
        f"WITH CHECK ({coordinator} OR bobtui_may_meeting(meeting_id, true))",
        f"CREATE POLICY purgerecord_read ON purgerecord FOR SELECT USING ({coordinator})",
    ]
