"""Retention: the meetings past their retention period, purging them, and the purge log.

The period comes from the settings (``[bewaartermijn]``, months per meeting type or
``standaard``); without one nothing is ever past retention. A purge deletes the meetings and
everything recorded in them in one transaction, with the audit trail's rows about them: the
trail keeps old values, so a purge that left them would be a lie. The trail refuses deletes by
trigger; the purge, run by the store's owner, lifts that trigger inside its own transaction
only (on SQLite it drops and recreates it; on PostgreSQL the table's owner disables and
enables it, which locks the trail for the moment of the purge), so no other change can slip
through. Each purged meeting leaves a purge record without content: case code, date, when, by
whom, by which rule. SQLite overwrites the freed pages (``secure_delete``) and the write-ahead
log is emptied into the file afterwards, so no page keeps a purged text; PostgreSQL's
``VACUUM`` reclaims the dead rows.
"""

import calendar
from collections.abc import Mapping
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, text
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from bobtui.core.domain.errors import AccessDenied, RuleViolation
from bobtui.core.domain.records import PastRetention, PurgeEntry
from bobtui.core.domain.vocabulary import meeting_state
from bobtui.core.store.audit_triggers import sqlite_append_only
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import AuditEntry, Meeting, PurgeRecord
from bobtui.core.store.users import current_user

DEFAULT_RULE = "standaard"
NO_RETENTION = (
    "Er is geen bewaartermijn ingesteld: geen overleg komt ooit voorbij de bewaartermijn. "
    "Stel hem in onder [bewaartermijn] in instellingen.toml (bijvoorbeeld standaard = 60 "
    "maanden)."
)


def months_later(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _rule(meeting_type: str, rules: Mapping[str, int]) -> tuple[str, int] | None:
    for name in (meeting_type, DEFAULT_RULE):
        if name in rules:
            return f"bewaartermijn {name}: {rules[name]} maanden", rules[name]
    return None


def past_retention(store: Store, rules: Mapping[str, int], today: date) -> list[PastRetention]:
    """The meetings whose retention period ended before ``today``, oldest first."""
    if not rules:
        return []
    with store.reading() as db:
        meetings = db.exec(select(Meeting).order_by(col(Meeting.held_on), col(Meeting.id))).all()
    found = []
    for m in meetings:
        rule = _rule(m.meeting_type, rules)
        if rule is not None and months_later(m.held_on, rule[1]) < today:
            state = meeting_state(m.status, finalized=m.finalized_at is not None)
            found.append(PastRetention(m.id or 0, m.case_code, m.held_on, state, rule[0]))
    return found


def oldest_kept(rules: Mapping[str, int], today: date) -> date | None:
    """The day before which a backup holds only meetings past every period; None: no rule."""
    if not rules:
        return None
    return months_later(today, -max(rules.values()))


def _lift_audit_guard(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER auditentry_no_delete")
        return
    owner = connection.execute(
        text("SELECT tableowner = session_user FROM pg_tables WHERE tablename = 'auditentry'")
    ).scalar()
    if not owner:
        raise AccessDenied(
            "Alleen de eigenaar van de opslag (wie de database inrichtte) kan overleggen "
            "voorbij de bewaartermijn verwijderen."
        )
    connection.exec_driver_sql("ALTER TABLE auditentry DISABLE TRIGGER auditentry_append_only")


def _restore_audit_guard(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(sqlite_append_only()[1])
    else:
        connection.exec_driver_sql("ALTER TABLE auditentry ENABLE TRIGGER auditentry_append_only")


def purge(
    store: Store, rules: Mapping[str, int], today: date, confirmed: list[int]
) -> list[PurgeEntry]:
    """Delete the meetings past retention, which must be the ``confirmed`` ones (what the user
    was shown), with everything in them and their audit rows, in one transaction; returns the
    purge records written."""
    listed = past_retention(store, rules, today)
    if sorted(m.meeting_id for m in listed) != sorted(confirmed):
        raise RuleViolation(
            "De lijst van overleggen voorbij de bewaartermijn is veranderd sinds de bevestiging; "
            "er is niets verwijderd. Vraag de lijst opnieuw op."
        )
    if not listed:
        return []
    ids = [m.meeting_id for m in listed]
    now = datetime.now(UTC)
    sqlite = store.engine.dialect.name == "sqlite"
    with store.engine.connect() as connection:
        if sqlite:  # per connection, before the transaction: freed pages are zeroed
            connection.exec_driver_sql("PRAGMA secure_delete=ON")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            who = current_user(connection)
            _lift_audit_guard(connection)
            connection.execute(delete(Meeting).where(col(Meeting.id).in_(ids)))
            connection.execute(delete(AuditEntry).where(col(AuditEntry.meeting_id).in_(ids)))
            _restore_audit_guard(connection)
            entries = [PurgeEntry(m.case_code, m.held_on, now, who, m.rule) for m in listed]
            connection.execute(
                insert(PurgeRecord),
                [
                    {
                        "case_code": e.case_code,
                        "held_on": e.held_on,
                        "purged_at": e.purged_at,
                        "purged_by": e.purged_by,
                        "rule": e.rule,
                    }
                    for e in entries
                ],
            )
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA secure_delete=OFF")
    _settle(store)
    return entries


def _settle(store: Store) -> None:
    """Leave no old page behind: SQLite's log emptied into the file, PostgreSQL vacuumed."""
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("VACUUM meeting, note, decision, auditentry, amendment")


def purge_log(store: Store) -> list[PurgeEntry]:
    """Every purge record, oldest first."""
    with store.reading() as db:
        rows = db.exec(select(PurgeRecord).order_by(col(PurgeRecord.id))).all()
    return [PurgeEntry(r.case_code, r.held_on, r.purged_at, r.purged_by, r.rule) for r in rows]
