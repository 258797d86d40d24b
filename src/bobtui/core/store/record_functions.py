"""The official record's state changes on PostgreSQL: finalizing, amending and reopening a
meeting through functions of the database (migration 0013).

Row-level security refuses every write to a closed meeting but by its case team, so the
coordinator, who finalizes, corrects and reopens the record, could not. Rather than loosening the
policies, each of the three transitions is one ``SECURITY DEFINER`` function owned by the store's
owner (``search_path`` pinned) that makes exactly that change after checking who asks
(``session_user``) and the meeting's state, executable only by the groups that may use it:

- ``bobtui_finalize``: a closed meeting not yet finalized; the chair (a procesregisseur in the
  case team) or a coordinator;
- ``bobtui_amend``: one field of a finalized (or reopened) meeting's note, decision or details,
  with a reason, recording old → new; the same people;
- ``bobtui_reopen``: a finalized meeting, with a reason; a coordinator only.

Nothing else of a closed meeting becomes writable: a coordinator's hand-written ``UPDATE`` of a
note is still refused. The finalized columns and the amendments change through these functions
only: no application role has a right to them. The functions write the amendment and the event
log row themselves, with the database's time and login; the audit triggers record every row they
change. A refusal comes back as a key (``bobtui:…``) that ``store/record_calls.py`` turns into
one Dutch sentence naming the case.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from bobtui.core.domain.vocabulary import (
    FINALIZED,
    ChainCarePhase,
    DecisionStatus,
    MeetingStatus,
    NoteKind,
    Priority,
    meeting_state,
)
from bobtui.core.store.access_policies import GROUPS


@dataclass(frozen=True)
class Amendable:
    """One field an amendment may change, as the database function knows it."""

    table: str
    column: str
    kind: str
    """``text`` or ``date``: the column's SQL type."""
    required: bool = True
    allowed: tuple[str, ...] = ()
    """The only values a choice may take (empty: any)."""


def _choices(kind: Any) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


AMENDABLE = {
    ("notitie", "tekst"): Amendable("note", "text", "text"),
    ("notitie", "soort"): Amendable("note", "kind", "text", allowed=_choices(NoteKind)),
    ("besluit", "actie"): Amendable("decision", "action", "text"),
    ("besluit", "eigenaar"): Amendable("decision", "owner_person", "text"),
    ("besluit", "organisatie"): Amendable("decision", "owner_organisation", "text"),
    ("besluit", "deadline"): Amendable("decision", "deadline", "date"),
    ("besluit", "prioriteit"): Amendable(
        "decision", "priority", "text", allowed=_choices(Priority)
    ),
    ("besluit", "ketenfase"): Amendable(
        "decision", "chain_care_phase", "text", allowed=_choices(ChainCarePhase)
    ),
    ("besluit", "status"): Amendable(
        "decision", "status", "text", allowed=_choices(DecisionStatus)
    ),
    ("overleg", "aanleiding"): Amendable("meeting", "reason", "text", required=False),
    ("overleg", "locatie"): Amendable("meeting", "location", "text", required=False),
    ("overleg", "evaluatiedatum"): Amendable("meeting", "evaluation_date", "date", required=False),
    ("overleg", "volgend-overleg"): Amendable("meeting", "next_meeting_on", "date", required=False),
    ("overleg", "client-geinformeerd-door"): Amendable(
        "meeting", "client_informed_by", "text", required=False
    ),
}
"""(Dutch subject, Dutch field) → what ``bobtui_amend`` changes; the session's own table of what
may be amended must say the same (a test compares the two). The function is made from this
table when the migration runs: a change here needs a migration that makes it again."""

FUNCTIONS = {
    "bobtui_finalize(integer)": ("procesregisseur", "coordinator"),
    "bobtui_amend(integer, text, integer, text, text, text)": ("procesregisseur", "coordinator"),
    "bobtui_reopen(integer, text)": ("coordinator",),
}
"""Each function a user calls, and the groups that may execute it."""

HELPERS = ("bobtui_store_owner()", "bobtui_record_guard(integer, boolean)")
"""Functions the three use, executable by nobody but the owner."""

RECORD_COLUMNS = ("finalized_at", "finalized_by")
"""The meeting's columns that only the functions change."""

_CLOSED = MeetingStatus.GESLOTEN.value
_REOPENED = meeting_state(_CLOSED, finalized=False)


def _sql_list(values: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]::text[]"


def _amendable_rows() -> str:
    rows = []
    for (subject, field), target in AMENDABLE.items():
        allowed = _sql_list(target.allowed) if target.allowed else "NULL::text[]"
        rows.append(
            f"('{subject}', '{field}', '{target.table}', '{target.column}', '{target.kind}', "
            f"{'true' if target.required else 'false'}, {allowed})"
        )
    return ",\n                ".join(rows)


def _raise(key: str) -> str:
    """A refusal the session turns into Dutch (``refusal``); never any case data."""
    return f"RAISE EXCEPTION 'bobtui:{key}' USING ERRCODE = 'check_violation'"


def _functions(path: str) -> list[str]:
    definer = f"SECURITY DEFINER {path}"
    coordinator = GROUPS["coordinator"]
    # As the session shows a stored value: dates as 31-12-2026, nothing as '—'.
    shown = (
        "CASE WHEN {v} IS NULL OR {v} = '' THEN '—' "
        "WHEN target_row.kind = 'date' THEN to_char({v}::date, 'DD-MM-YYYY') ELSE {v} END"
    )
    return [
        # Who ran the migrations (or a superuser) is not subject to the rules, as elsewhere.
        f"""
        CREATE FUNCTION bobtui_store_owner() RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
            SELECT EXISTS (
                SELECT 1 FROM pg_catalog.pg_roles u
                 WHERE u.rolname = session_user
                   AND (u.rolsuper OR pg_catalog.pg_has_role(u.oid, (
                        SELECT c.relowner FROM pg_catalog.pg_class c
                         WHERE c.oid = 'meeting'::regclass), 'MEMBER')))
        $$
        """,
        # The meeting, locked as every change locks it, when this user may see it and do
        # this: a coordinator, the owner, or (not to reopen) a procesregisseur in its team.
        f"""
        CREATE FUNCTION bobtui_record_guard(target integer, reopening boolean) RETURNS meeting
        LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE
            found_meeting meeting;
        BEGIN
            SELECT * INTO found_meeting FROM meeting WHERE id = target FOR NO KEY UPDATE;
            IF NOT FOUND OR NOT (bobtui_store_owner() OR bobtui_may_meeting(target, false)) THEN
                RAISE EXCEPTION 'bobtui:not_found' USING ERRCODE = 'no_data_found';
            END IF;
            IF NOT (bobtui_store_owner() OR bobtui_in_group('{coordinator}')
                    OR (NOT reopening AND bobtui_case_member(found_meeting.case_code))) THEN
                RAISE EXCEPTION 'bobtui:%', CASE WHEN reopening THEN 'reopen_refused'
                                                 ELSE 'record_refused' END
                      USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN found_meeting;
        END $$
        """,
        f"""
        CREATE FUNCTION bobtui_finalize(target integer) RETURNS void
        LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE
            found_meeting meeting := bobtui_record_guard(target, false);
        BEGIN
            IF found_meeting.finalized_at IS NOT NULL THEN {_raise("already_finalized")}; END IF;
            IF found_meeting.status <> '{_CLOSED}' THEN {_raise("not_closed")}; END IF;
            UPDATE meeting SET finalized_at = clock_timestamp(), finalized_by = session_user
             WHERE id = target;
            INSERT INTO meetingevent (meeting_id, at, action, entity, entity_id)
            VALUES (target, clock_timestamp(), 'meeting.finalized', 'meeting', target);
        END $$
        """,
        f"""
        CREATE FUNCTION bobtui_reopen(target integer, why text) RETURNS integer
        LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE
            found_meeting meeting := bobtui_record_guard(target, true);
            made integer;
        BEGIN
            IF coalesce(why, '') !~ '[^[:space:]]' THEN {_raise("no_reason")}; END IF;
            IF found_meeting.finalized_at IS NULL THEN {_raise("not_finalized")}; END IF;
            UPDATE meeting SET finalized_at = NULL, finalized_by = NULL WHERE id = target;
            INSERT INTO amendment (meeting_id, at, made_by, subject, record_id, field, old, new,
                                   reason)
            VALUES (target, clock_timestamp(), session_user, 'overleg', NULL, 'status',
                    '{FINALIZED}', '{_REOPENED}', why)
            RETURNING id INTO made;
            INSERT INTO meetingevent (meeting_id, at, action, entity, entity_id)
            VALUES (target, clock_timestamp(), 'meeting.reopened', 'meeting', target);
            RETURN made;
        END $$
        """,
        # The table and column come from the fixed list below, never from the caller.
        f"""
        CREATE FUNCTION bobtui_amend(target integer, what text, which integer, field_name text,
                                     new_value text, why text) RETURNS integer
        LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE
            found_meeting meeting := bobtui_record_guard(target, false);
            target_row record;
            old_value text;
            old_shown text;
            new_shown text;
            found_rows integer;
            made integer;
        BEGIN
            IF coalesce(why, '') !~ '[^[:space:]]' THEN {_raise("no_reason")}; END IF;
            SELECT * INTO target_row FROM (VALUES
                {_amendable_rows()}
            ) AS t(subject, field, tbl, col, kind, required, allowed)
             WHERE t.subject = what AND t.field = field_name;
            IF NOT FOUND THEN {_raise("bad_field")}; END IF;
            IF found_meeting.finalized_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM amendment a WHERE a.meeting_id = target) THEN
                IF found_meeting.status = '{_CLOSED}' THEN {_raise("concept")}; END IF;
                {_raise("not_amendable")};
            END IF;
            IF (target_row.required AND coalesce(new_value, '') !~ '[^[:space:]]')
               OR (target_row.allowed IS NOT NULL
                   AND NOT coalesce(new_value = ANY(target_row.allowed), false)) THEN
                {_raise("bad_value")};
            END IF;
            IF target_row.tbl = 'meeting' THEN
                which := NULL;
                EXECUTE format('SELECT %I::text FROM meeting WHERE id = $1', target_row.col)
                   INTO old_value USING target;
            ELSE
                EXECUTE format('SELECT %I::text FROM %I WHERE id = $1 AND meeting_id = $2 '
                               'FOR UPDATE', target_row.col, target_row.tbl)
                   INTO old_value USING which, target;
                GET DIAGNOSTICS found_rows = ROW_COUNT;
                IF found_rows = 0 THEN {_raise("not_in_meeting")}; END IF;
            END IF;
            old_shown := {shown.format(v="old_value")};
            new_shown := {shown.format(v="new_value")};
            IF old_shown = new_shown THEN {_raise("unchanged")}; END IF;
            EXECUTE format(
                'UPDATE %I SET %I = $1::%s%s WHERE id = $2', target_row.tbl, target_row.col,
                target_row.kind,
                CASE target_row.tbl WHEN 'note' THEN ', updated_at = clock_timestamp()'
                     WHEN 'decision' THEN ', updated_at = clock_timestamp(), version = version + 1'
                     ELSE '' END)
               USING new_value, coalesce(which, target);
            INSERT INTO amendment (meeting_id, at, made_by, subject, record_id, field, old, new,
                                   reason)
            VALUES (target, clock_timestamp(), session_user, what, which, field_name,
                    old_shown, new_shown, why)
            RETURNING id INTO made;
            INSERT INTO meetingevent (meeting_id, at, action, entity, entity_id)
            VALUES (target, clock_timestamp(), 'amendment.recorded', 'amendment', made);
            RETURN made;
        END $$
        """,
    ]


def postgresql_statements(schema: str) -> list[str]:
    """The functions, owned by whoever runs the migration, and executable by nobody else until
    :func:`postgresql_rights` grants them; the amendments' audit trigger."""
    path = f"SET search_path = {schema}, pg_temp"
    revoke = [f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC" for name in (*HELPERS, *FUNCTIONS)]
    trigger = (
        "CREATE TRIGGER amendment_audit AFTER INSERT OR UPDATE OR DELETE ON amendment "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_audit()"
    )
    return [*_functions(path), *revoke, trigger]


def _editors() -> str:
    return ", ".join(GROUPS[name] for name in ("procesregisseur", "coordinator", "trainer"))


def postgresql_rights(connection: Connection) -> list[str]:
    """The groups' rights around the official record (run by ``team init`` and by the
    migration when the groups exist): the functions to those who may use them, the meeting's
    columns but the finalized ones, and no direct write of an amendment."""
    columns = connection.execute(
        text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'meeting' "
            "AND table_schema = current_schema() ORDER BY ordinal_position"
        )
    ).scalars()
    writable = ", ".join(c for c in columns if c not in RECORD_COLUMNS)
    editors = _editors()
    return [
        f"REVOKE UPDATE ON meeting FROM {editors}",
        f"GRANT UPDATE ({writable}) ON meeting TO {editors}",
        f"REVOKE INSERT, UPDATE, DELETE ON amendment FROM {', '.join(GROUPS.values())}",
        *(
            f"GRANT EXECUTE ON FUNCTION {name} TO {', '.join(GROUPS[r] for r in roles)}"
            for name, roles in FUNCTIONS.items()
        ),
    ]


def groups_exist(connection: Connection) -> bool:
    """Whether ``team init`` made the group roles already (a team store being upgraded)."""
    found = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:groups)"),
        {"groups": list(GROUPS.values())},
    ).scalar_one()
    return int(found) == len(GROUPS)


def downgrade_statements(has_groups: bool) -> list[str]:
    statements = ["DROP TRIGGER amendment_audit ON amendment"]
    statements += [f"DROP FUNCTION {name}" for name in (*FUNCTIONS, *reversed(HELPERS))]
    if has_groups:
        statements += [
            f"GRANT UPDATE ON meeting TO {_editors()}",
            f"GRANT INSERT ON amendment TO {_editors()}",
        ]
    return statements
