"""Need-to-know in team mode: PostgreSQL row-level security on every table of the store.

The database decides who sees and changes which meeting, not the app: the same rules hold for
bobtui, a script and hand-written SQL. A login belongs to one or more groups (``bobtui team
gebruiker``):

- a procesregisseur sees and changes the meetings of the cases in whose team they are
  (``caseaccess``); planning the first meeting of a new case puts them in its team;
- a coordinator reads everything and changes only meetings that are not closed (finalizing,
  amending and reopening a closed one go through the functions of ``record_functions.py``);
- a trainer sees and changes only rehearsals (``practice_case_id`` set);
- a notulist reads the meetings they were invited to (``meetinginvite``) and adds notes to them
  while they are not closed.

The store's owner (who ran the migrations) is not subject to these rules, so a single-user
PostgreSQL store works as before. The helper functions run as the owner (SECURITY DEFINER) to
read the access tables past their own rules; they identify the user by ``session_user``, the
login that connected, so switching to a group role (``SET ROLE``) gains nothing.
"""

GROUPS = {
    "procesregisseur": "bobtui_procesregisseur",
    "coordinator": "bobtui_coordinator",
    "trainer": "bobtui_trainer",
    "notulist": "bobtui_notulist",
}
"""The Dutch name of each role, and its PostgreSQL group role."""

CLOSED = "gesloten"

MEETING_CHILDREN = (
    "participant",
    "questioncoverage",
    "phaseinterval",
    "timeout",
    "note",
    "safetyscore",
    "judgement",
    "decision",
    "parkedidea",
    "ownquestion",
    "meetingchair",
)
"""Tables whose rows belong to one meeting (``meeting_id``) and follow its rules."""

PROTECTED_TABLES = (
    "meeting",
    *MEETING_CHILDREN,
    "decisionstatuschange",
    "meetingevent",
    "caseaccess",
    "meetinginvite",
    "auditentry",
)


def _functions(path: str) -> list[str]:
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER {path}"
    return [
        f"""
        CREATE FUNCTION bobtui_in_group(grp text) RETURNS boolean LANGUAGE sql STABLE {path} AS $$
            SELECT EXISTS (
                SELECT 1 FROM pg_catalog.pg_roles g, pg_catalog.pg_roles u
                 WHERE g.rolname = grp AND u.rolname = session_user AND NOT u.rolsuper
                   AND pg_catalog.pg_has_role(u.oid, g.oid, 'MEMBER'))
        $$
        """,
        # VOLATILE: a new case's first meeting is checked (and returned) after the trigger
        # below put its planner in the team, a row only a fresh snapshot sees.
        f"""
        CREATE FUNCTION bobtui_case_member(code text) RETURNS boolean
        {definer.replace("STABLE", "VOLATILE")} AS $$
            SELECT bobtui_in_group('{GROUPS["procesregisseur"]}') AND EXISTS (
                SELECT 1 FROM caseaccess a WHERE a.case_code = code AND a.member = session_user)
        $$
        """,
        f"""
        CREATE FUNCTION bobtui_invited(meeting integer) RETURNS boolean {definer} AS $$
            SELECT bobtui_in_group('{GROUPS["notulist"]}') AND EXISTS (
                SELECT 1 FROM meetinginvite i JOIN meeting m ON m.id = i.meeting_id
                 WHERE i.meeting_id = meeting AND i.member = session_user
                   AND m.status <> '{CLOSED}')
        $$
        """,
        f"""
        CREATE FUNCTION bobtui_may(code text, practice text, status text, meeting integer,
                                   writing boolean) RETURNS boolean {definer} AS $$
            SELECT (bobtui_in_group('{GROUPS["coordinator"]}')
                    AND (NOT writing OR status IS DISTINCT FROM '{CLOSED}'))
                OR bobtui_case_member(code)
                OR (bobtui_in_group('{GROUPS["trainer"]}') AND practice IS NOT NULL)
                OR (NOT writing AND bobtui_in_group('{GROUPS["notulist"]}') AND EXISTS (
                    SELECT 1 FROM meetinginvite i
                     WHERE i.meeting_id = meeting AND i.member = session_user))
        $$
        """,
        f"""
        CREATE FUNCTION bobtui_may_meeting(meeting integer, writing boolean) RETURNS boolean
        {definer} AS $$
            SELECT coalesce((SELECT bobtui_may(m.case_code, m.practice_case_id, m.status, m.id,
                                               writing)
                               FROM meeting m WHERE m.id = meeting), false)
        $$
        """,
        f"""
        CREATE FUNCTION bobtui_decision_meeting(decision integer) RETURNS integer {definer} AS $$
            SELECT d.meeting_id FROM decision d WHERE d.id = decision
        $$
        """,
        # A procesregisseur who plans the first meeting of a case that is new to the store
        # becomes its team; the row must exist before the insert's own check runs.
        f"""
        CREATE FUNCTION bobtui_claim_new_case() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {path} AS $$
        BEGIN
            IF bobtui_in_group('{GROUPS["procesregisseur"]}')
               AND NOT EXISTS (SELECT 1 FROM caseaccess a WHERE a.case_code = NEW.case_code)
               AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.case_code = NEW.case_code) THEN
                INSERT INTO caseaccess (case_code, member, granted_by, granted_at)
                VALUES (NEW.case_code, session_user, session_user, clock_timestamp());
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER meeting_claim_new_case BEFORE INSERT ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_claim_new_case()",
    ]


def _policies() -> list[str]:
    read_meeting = "bobtui_may(case_code, practice_case_id, status, id, false)"
    write_meeting = "bobtui_may(case_code, practice_case_id, status, id, true)"
    coordinator = f"bobtui_in_group('{GROUPS['coordinator']}')"
    statements = [
        f"CREATE POLICY meeting_read ON meeting FOR SELECT USING ({read_meeting})",
        f"CREATE POLICY meeting_insert ON meeting FOR INSERT WITH CHECK ({write_meeting})",
        f"CREATE POLICY meeting_update ON meeting FOR UPDATE USING ({write_meeting}) "
        f"WITH CHECK ({write_meeting})",
        f"CREATE POLICY meeting_delete ON meeting FOR DELETE USING ({write_meeting})",
        # A notulist's window locks the meeting's row while it adds a note (FOR NO KEY UPDATE
        # needs an UPDATE policy); their column rights leave nothing else to change.
        "CREATE POLICY meeting_lock_invited ON meeting FOR UPDATE "
        "USING (bobtui_invited(id)) WITH CHECK (bobtui_invited(id))",
        "CREATE POLICY note_by_invited ON note FOR INSERT WITH CHECK (bobtui_invited(meeting_id))",
        "CREATE POLICY meetingevent_read ON meetingevent FOR SELECT "
        f"USING (bobtui_may_meeting(meeting_id, false) OR {coordinator})",
        "CREATE POLICY meetingevent_insert ON meetingevent FOR INSERT WITH CHECK "
        "(bobtui_may_meeting(meeting_id, true) OR bobtui_invited(meeting_id))",
        "CREATE POLICY decisionstatuschange_read ON decisionstatuschange FOR SELECT "
        "USING (bobtui_may_meeting(bobtui_decision_meeting(decision_id), false))",
        "CREATE POLICY decisionstatuschange_write ON decisionstatuschange FOR ALL "
        "USING (bobtui_may_meeting(bobtui_decision_meeting(decision_id), true)) "
        "WITH CHECK (bobtui_may_meeting(bobtui_decision_meeting(decision_id), true))",
        "CREATE POLICY caseaccess_read ON caseaccess FOR SELECT "
        f"USING (member = session_user OR {coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY caseaccess_grant ON caseaccess FOR INSERT "
        f"WITH CHECK ({coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY caseaccess_revoke ON caseaccess FOR DELETE "
        f"USING ({coordinator} OR bobtui_case_member(case_code))",
        "CREATE POLICY meetinginvite_read ON meetinginvite FOR SELECT "
        "USING (member = session_user OR bobtui_may_meeting(meeting_id, false))",
        "CREATE POLICY meetinginvite_write ON meetinginvite FOR ALL "
        "USING (bobtui_may_meeting(meeting_id, true)) "
        "WITH CHECK (bobtui_may_meeting(meeting_id, true))",
        # The audit trail is read under the meeting's rules; it holds the same data.
        "CREATE POLICY auditentry_read ON auditentry FOR SELECT USING "
        f"({coordinator} OR bobtui_may_meeting(meeting_id, false) "
        "OR bobtui_case_member(case_code))",
        "CREATE POLICY auditentry_insert ON auditentry FOR INSERT WITH CHECK (true)",
    ]
    for table in MEETING_CHILDREN:
        statements += [
            f"CREATE POLICY {table}_read ON {table} FOR SELECT "
            "USING (bobtui_may_meeting(meeting_id, false))",
            f"CREATE POLICY {table}_write ON {table} FOR ALL "
            "USING (bobtui_may_meeting(meeting_id, true)) "
            "WITH CHECK (bobtui_may_meeting(meeting_id, true))",
        ]
    return statements


def postgresql_statements(schema: str) -> list[str]:
    """The functions, the trigger that claims a new case, and a policy for every table."""
    path = f"SET search_path = {schema}, pg_temp"
    enable = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in PROTECTED_TABLES]
    return [*_functions(path), *enable, *_policies()]
