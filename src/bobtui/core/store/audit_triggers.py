"""The SQL of the audit trail's triggers, for the migrations (SQLite and PostgreSQL).

Every insert, update and delete of an audited table writes one ``auditentry`` row from inside
the database, so no code path (the app, a script, hand-written SQL) can change a meeting without
a trace; the audit table itself refuses every update and delete.

SQLite copies a table when a migration alters it (``batch_alter_table``) and drops its
triggers with it: a later migration that alters an audited table calls
:func:`sqlite_statements` for it again, with the table's new columns.
"""

AUDITED_TABLES = (
    "meeting",
    "note",
    "decision",
    "safetyscore",
    "judgement",
    "caseaccess",
    "meetinginvite",
)
"""Meetings, notes, decisions, scores, judgements and access grants."""

APPEND_ONLY = "het auditlogboek kan alleen worden aangevuld"
"""The database's refusal of an update or delete of the audit trail (no case data)."""

_OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_row(alias: str, columns: list[str]) -> str:
    pairs = ", ".join(f"'{column}', {alias}.\"{column}\"" for column in columns)
    return f"json_object({pairs})"


def _sqlite_where(table: str, alias: str) -> tuple[str, str, str]:
    """Row id, case code and meeting id of an audited row, as SQLite expressions."""
    if table == "meeting":
        return f"{alias}.id", f"{alias}.case_code", f"{alias}.id"
    if table == "caseaccess":
        return f"{alias}.member", f"{alias}.case_code", "NULL"
    row_id = f"{alias}.member" if table == "meetinginvite" else f"{alias}.id"
    case_code = f"(SELECT m.case_code FROM meeting m WHERE m.id = {alias}.meeting_id)"
    return row_id, case_code, f"{alias}.meeting_id"


def sqlite_statements(table: str, columns: list[str]) -> list[str]:
    """(Re)create the three audit triggers of ``table`` with its current ``columns``."""
    statements = []
    for operation in _OPERATIONS:
        name = f"{table}_audit_{operation.lower()}"
        alias = "OLD" if operation == "DELETE" else "NEW"
        row_id, case_code, meeting_id = _sqlite_where(table, alias)
        old = _sqlite_row("OLD", columns) if operation != "INSERT" else "NULL"
        new = _sqlite_row("NEW", columns) if operation != "DELETE" else "NULL"
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"""CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN
            INSERT INTO auditentry
                (at, actor, table_name, row_id, operation, case_code, meeting_id, old, new)
            VALUES (strftime('%Y-%m-%d %H:%M:%f000', 'now'), '', '{table}', {row_id},
                '{operation.lower()}', {case_code}, {meeting_id}, {old}, {new});
            END""",
        ]
    return statements


def sqlite_append_only() -> list[str]:
    return [
        f"CREATE TRIGGER auditentry_no_{verb.lower()} BEFORE {verb} ON auditentry "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def postgresql_statements(schema: str) -> list[str]:
    """One trigger function for every audited table, running as the store's owner (so the
    application roles need no right to the audit table), and the append-only guard.

    The actor is ``session_user``: the login that connected, whatever role it switched to. An
    update records only the columns it changed, and an update that changed nothing no row."""
    path = f"SET search_path = {schema}, pg_temp"
    statements = [
        f"""
        CREATE FUNCTION bobtui_audit() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {path} AS $$
        DECLARE
            old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
            new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
            row_data jsonb := coalesce(new_row, old_row);
            meeting integer;
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                SELECT jsonb_object_agg(o.key, o.value),
                       jsonb_object_agg(o.key, to_jsonb(NEW) -> o.key)
                  INTO old_row, new_row
                  FROM jsonb_each(to_jsonb(OLD)) AS o
                 WHERE to_jsonb(NEW) -> o.key IS DISTINCT FROM o.value;
                IF new_row IS NULL THEN RETURN NULL; END IF;
            END IF;
            meeting := CASE WHEN TG_TABLE_NAME = 'meeting' THEN (row_data ->> 'id')::integer
                            ELSE (row_data ->> 'meeting_id')::integer END;
            INSERT INTO auditentry
                (at, actor, table_name, row_id, operation, case_code, meeting_id, old, new)
            VALUES (
                clock_timestamp(), session_user, TG_TABLE_NAME,
                coalesce(row_data ->> 'id', row_data ->> 'member'), lower(TG_OP),
                coalesce(row_data ->> 'case_code',
                         (SELECT m.case_code FROM meeting m WHERE m.id = meeting)),
                meeting, old_row::text, new_row::text);
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION bobtui_audit_stamp() RETURNS trigger LANGUAGE plpgsql {path} AS $$
        BEGIN
            NEW.actor := session_user;
            NEW.at := clock_timestamp();
            RETURN NEW;
        END $$
        """,
        f"""
        CREATE FUNCTION bobtui_audit_append_only() RETURNS trigger LANGUAGE plpgsql {path} AS $$
        BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; END $$
        """,
        "CREATE TRIGGER auditentry_stamp BEFORE INSERT ON auditentry "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_audit_stamp()",
        "CREATE TRIGGER auditentry_append_only BEFORE UPDATE OR DELETE ON auditentry "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_audit_append_only()",
        "CREATE TRIGGER auditentry_no_truncate BEFORE TRUNCATE ON auditentry "
        "FOR EACH STATEMENT EXECUTE FUNCTION bobtui_audit_append_only()",
    ]
    statements += [
        f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_audit()"
        for table in AUDITED_TABLES
    ]
    return statements
