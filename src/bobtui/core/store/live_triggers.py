"""The SQL of PostgreSQL's change notifications and of a note's author, for migration 0016.

Every insert or update of a note, a decision or an event of a meeting sends a notification on
the meeting's own channel (:func:`channel`), delivered to the listeners when the transaction
commits. It carries the meeting's id and, for an event, the event's id: never a text, a name or
a case code, since any login on the database may listen to any channel. A listener reads what
changed through its own connection, within what row-level security lets it see.

A note's author is the login that inserted it (``session_user``), set by the database whatever
the client sent, and kept as it was by every update: a client cannot put another's name on it.
"""

CHANNEL_PREFIX = "bobtui_meeting_"

NOTIFYING_TABLES = ("note", "decision", "meetingevent")


def channel(meeting_id: int) -> str:
    """The channel a meeting's changes are announced on."""
    return f"{CHANNEL_PREFIX}{meeting_id}"


def postgresql_statements(schema: str) -> list[str]:
    path = f"SET search_path = {schema}, pg_temp"
    statements = [
        f"""
        CREATE FUNCTION bobtui_notify_change() RETURNS trigger LANGUAGE plpgsql {path} AS $$
        BEGIN
            IF NEW.meeting_id IS NOT NULL THEN
                PERFORM pg_notify(
                    '{CHANNEL_PREFIX}' || NEW.meeting_id,
                    json_build_object(
                        'meeting', NEW.meeting_id,
                        'event', CASE WHEN TG_TABLE_NAME = 'meetingevent' THEN NEW.id END
                    )::text);
            END IF;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE FUNCTION bobtui_note_author() RETURNS trigger LANGUAGE plpgsql {path} AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                NEW.author := session_user;
            ELSE
                NEW.author := OLD.author;
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER note_author BEFORE INSERT OR UPDATE ON note "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_note_author()",
    ]
    statements += [
        f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION bobtui_notify_change()"
        for table in NOTIFYING_TABLES
    ]
    return statements


def postgresql_drop_statements() -> list[str]:
    return [
        *(f"DROP TRIGGER {table}_notify ON {table}" for table in NOTIFYING_TABLES),
        "DROP TRIGGER note_author ON note",
        "DROP FUNCTION bobtui_notify_change()",
        "DROP FUNCTION bobtui_note_author()",
    ]
