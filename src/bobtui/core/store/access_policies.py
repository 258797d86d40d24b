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

The policies never call a function for every row they look at (migration 0015): the login's
groups, the cases of its case teams and its invitations are looked up once per statement, as
sub-selects PostgreSQL evaluates once (InitPlans), and each row is compared against them.
``bobtui_may`` and ``bobtui_may_meeting`` remain for the record's functions and the app's
single-meeting checks.

The write rules check the rows written, one by one (migration 0017): a write touches one row or
a few, and a look-up of that one meeting (two index entries) costs a fraction of the set of all
the login's meetings that a read policy builds. An autosave paid for that set in each of its
statements.
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

READ_BY_MEETING = ("meetingchair",)
"""Tables read only a meeting at a time, whose read rule checks each row's meeting (0017)."""

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


def fact_functions(path: str) -> list[str]:
    """What the login may see, as sets: read once per statement by the policies below."""
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER {path}"
    procesregisseur, notulist = GROUPS["procesregisseur"], GROUPS["notulist"]
    return [
        # VOLATILE as ``bobtui_case_member``: the check of a new case's first meeting runs
        # after the trigger put its planner in the team, a row only a fresh snapshot sees.
        f"""
        CREATE OR REPLACE FUNCTION bobtui_my_cases() RETURNS text[]
        {definer.replace("STABLE", "VOLATILE")} AS $$
            SELECT CASE WHEN bobtui_in_group('{procesregisseur}') THEN (
                SELECT coalesce(array_agg(a.case_code), '{{}}') FROM caseaccess a
                 WHERE a.member = session_user) ELSE '{{}}' END
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION bobtui_my_invites() RETURNS integer[] {definer} AS $$
            SELECT CASE WHEN bobtui_in_group('{notulist}') THEN (
                SELECT coalesce(array_agg(i.meeting_id), '{{}}') FROM meetinginvite i
                 WHERE i.member = session_user) ELSE '{{}}' END
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION bobtui_open_invites() RETURNS integer[] {definer} AS $$
            SELECT CASE WHEN bobtui_in_group('{notulist}') THEN (
                SELECT coalesce(array_agg(i.meeting_id), '{{}}')
                  FROM meetinginvite i JOIN meeting m ON m.id = i.meeting_id
                 WHERE i.member = session_user AND m.status <> '{CLOSED}') ELSE '{{}}' END
        $$
        """,
        # The meetings a procesregisseur's case teams, a trainer's rehearsals and (reading) a
        # notulist's invitations give; a coordinator's are all of them and never asked for.
        f"""
        CREATE OR REPLACE FUNCTION bobtui_my_meetings(invited boolean) RETURNS SETOF integer
        {definer} ROWS 100 AS $$
            SELECT m.id FROM meeting m WHERE m.case_code = ANY ((SELECT bobtui_my_cases())::text[])
            UNION ALL
            SELECT m.id FROM meeting m
             WHERE m.practice_case_id IS NOT NULL
               AND (SELECT bobtui_in_group('{GROUPS["trainer"]}'))
            UNION ALL
            SELECT i.meeting_id FROM meetinginvite i
             WHERE invited AND i.member = session_user
               AND (SELECT bobtui_in_group('{notulist}'))
        $$
        """,
        # One meeting, for the write rules: whether a procesregisseur's case team or a
        # trainer's rehearsal gives it (``bobtui_my_meetings(false)`` for one row). VOLATILE as
        # ``bobtui_my_cases``: a new case's first rows are written after the trigger's claim.
        f"""
        CREATE OR REPLACE FUNCTION bobtui_writes_meeting(meeting integer) RETURNS boolean
        {definer.replace("STABLE", "VOLATILE")} AS $$
            SELECT EXISTS (
                SELECT 1 FROM meeting m
                 WHERE m.id = meeting
                   AND ((m.practice_case_id IS NOT NULL
                         AND bobtui_in_group('{GROUPS["trainer"]}'))
                        OR (EXISTS (SELECT 1 FROM caseaccess a
                                     WHERE a.case_code = m.case_code
                                       AND a.member = session_user)
                            AND bobtui_in_group('{procesregisseur}'))))
        $$
        """,
        # One meeting, read: ``bobtui_my_meetings(true)`` for one row, for a table that is only
        # ever read a meeting at a time (the chair's row, read by every change).
        f"""
        CREATE OR REPLACE FUNCTION bobtui_reads_meeting(meeting integer) RETURNS boolean
        {definer} AS $$
            SELECT bobtui_writes_meeting(meeting) OR (
                bobtui_in_group('{notulist}') AND EXISTS (
                    SELECT 1 FROM meetinginvite i
                     WHERE i.meeting_id = meeting AND i.member = session_user))
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION bobtui_meeting_open(meeting integer) RETURNS boolean
        {definer} AS $$
            SELECT coalesce((SELECT m.status IS DISTINCT FROM '{CLOSED}'
                               FROM meeting m WHERE m.id = meeting), false)
        $$
        """,
    ]


FACT_FUNCTIONS = (
    "bobtui_my_cases()",
    "bobtui_my_invites()",
    "bobtui_open_invites()",
    "bobtui_my_meetings(boolean)",
    "bobtui_meeting_open(integer)",
    "bobtui_writes_meeting(integer)",
    "bobtui_reads_meeting(integer)",
)


# The per-login facts. Each is a sub-select of its own, which PostgreSQL evaluates once per
# statement (an InitPlan, or a hashed set); a policy then costs each row a comparison, not a
# function call. The cast keeps ``= ANY (…)`` reading the array, not the sub-select's rows; the
# case teams are a hashed set, as ``= ANY (array)`` compares a row with every element in turn.
COORDINATOR = f"(SELECT bobtui_in_group('{GROUPS['coordinator']}'))"
TRAINER = f"(SELECT bobtui_in_group('{GROUPS['trainer']}'))"
MINE = "case_code IN (SELECT unnest(bobtui_my_cases()))"
OPEN_INVITES = "(SELECT bobtui_open_invites())::integer[]"


def may_read(meeting: str) -> str:
    """``bobtui_may_meeting(meeting, false)``, looked up once per statement."""
    return f"({COORDINATOR} OR {meeting} IN (SELECT bobtui_my_meetings(true)))"


def may_write(meeting: str, *, per_row: bool = True) -> str:
    """``bobtui_may_meeting(meeting, true)``: a coordinator's row costs one key lookup, and so
    (``per_row``, since 0017) does a procesregisseur's or trainer's; migration 0015 built the
    set of all their meetings for it."""
    mine = (
        f"bobtui_writes_meeting({meeting})"
        if per_row
        else f"{meeting} IN (SELECT bobtui_my_meetings(false))"
    )
    return f"(({COORDINATOR} AND bobtui_meeting_open({meeting})) OR {mine})"


def _meeting_policies(per_row: bool) -> list[str]:
    read = (
        f"{COORDINATOR} OR {MINE} "
        f"OR (practice_case_id IS NOT NULL AND {TRAINER}) "
        "OR id = ANY ((SELECT bobtui_my_invites())::integer[])"
    )
    # The row's own case code, checked per row (a write changes one meeting): the old row's
    # for USING, the new row's for WITH CHECK.
    case_team = "bobtui_case_member(case_code)" if per_row else MINE
    write = (
        f"({COORDINATOR} AND status IS DISTINCT FROM '{CLOSED}') "
        f"OR {case_team} OR (practice_case_id IS NOT NULL AND {TRAINER})"
    )
    return [
        f"CREATE POLICY meeting_read ON meeting FOR SELECT USING ({read})",
        # The last term is ``bobtui_may``'s fresh look at the case team, row by row, for a
        # statement that plans the first meetings of several new cases at once.
        "CREATE POLICY meeting_insert ON meeting FOR INSERT "
        f"WITH CHECK ({write if per_row else f'{write} OR bobtui_case_member(case_code)'})",
        f"CREATE POLICY meeting_update ON meeting FOR UPDATE USING ({write}) WITH CHECK ({write})",
        f"CREATE POLICY meeting_delete ON meeting FOR DELETE USING ({write})",
        # A notulist's window locks the meeting's row while it adds a note (FOR NO KEY UPDATE
        # needs an UPDATE policy); their column rights leave nothing else to change.
        "CREATE POLICY meeting_lock_invited ON meeting FOR UPDATE "
        f"USING (id = ANY ({OPEN_INVITES})) WITH CHECK (id = ANY ({OPEN_INVITES}))",
    ]


def _writes(table: str, rule: str) -> list[str]:
    """Insert, update and delete under ``rule``. Not one policy FOR ALL, whose rule would be
    added to every read as well: it lets through nothing the read policy does not, but would
    be evaluated for every row the read policy refuses."""
    return [
        f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({rule})",
        f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({rule}) WITH CHECK ({rule})",
        f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({rule})",
    ]


def policy_statements(*, per_row: bool = True) -> list[str]:
    """A policy for every protected table; migration 0017 puts these in place of 0015's
    (``per_row=False``), which replaced 0010's."""
    decision_meeting = "bobtui_decision_meeting(decision_id)"

    def writes(meeting: str) -> str:
        return may_write(meeting, per_row=per_row)

    statements = [
        *_meeting_policies(per_row),
        "CREATE POLICY note_by_invited ON note FOR INSERT "
        f"WITH CHECK (meeting_id = ANY ({OPEN_INVITES}))",
        "CREATE POLICY meetingevent_read ON meetingevent FOR SELECT "
        f"USING ({may_read('meeting_id')})",
        "CREATE POLICY meetingevent_insert ON meetingevent FOR INSERT WITH CHECK "
        f"({writes('meeting_id')} OR meeting_id = ANY ({OPEN_INVITES}))",
        "CREATE POLICY decisionstatuschange_read ON decisionstatuschange FOR SELECT "
        f"USING ({may_read(decision_meeting)})",
        *_writes("decisionstatuschange", writes(decision_meeting)),
        "CREATE POLICY caseaccess_read ON caseaccess FOR SELECT "
        f"USING (member = session_user OR {COORDINATOR} OR {MINE})",
        "CREATE POLICY caseaccess_grant ON caseaccess FOR INSERT "
        f"WITH CHECK ({COORDINATOR} OR {MINE})",
        f"CREATE POLICY caseaccess_revoke ON caseaccess FOR DELETE USING ({COORDINATOR} OR {MINE})",
        "CREATE POLICY meetinginvite_read ON meetinginvite FOR SELECT "
        f"USING (member = session_user OR {may_read('meeting_id')})",
        *_writes("meetinginvite", writes("meeting_id")),
        # The audit trail is read under the meeting's rules; it holds the same data.
        "CREATE POLICY auditentry_read ON auditentry FOR SELECT USING "
        f"({may_read('meeting_id')} OR {MINE})",
        "CREATE POLICY auditentry_insert ON auditentry FOR INSERT WITH CHECK (true)",
    ]
    for table in MEETING_CHILDREN:
        read = may_read("meeting_id")
        if per_row and table in READ_BY_MEETING:
            read = f"{COORDINATOR} OR bobtui_reads_meeting(meeting_id)"
        statements += [
            f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({read})",
            *_writes(table, writes("meeting_id")),
        ]
    return statements


def postgresql_statements(schema: str) -> list[str]:
    """The functions, the trigger that claims a new case, and a policy for every table."""
    path = f"SET search_path = {schema}, pg_temp"
    enable = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in PROTECTED_TABLES]
    return [*_functions(path), *fact_functions(path), *enable, *policy_statements()]
