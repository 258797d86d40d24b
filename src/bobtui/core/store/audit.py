"""Reading the audit trail of one case (``bobtui audit``), and writing it as CSV.

The triggers (``audit_triggers.py``) write it; what a user reads of it is limited by the same
rules as the meetings themselves (row-level security in team mode).
"""

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import col

from bobtui.core.domain.records import AuditChange, AuditRecord
from bobtui.core.domain.text import csv_cell
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import AuditEntry

TABLES = {
    "meeting": "overleg",
    "note": "notitie",
    "decision": "besluit",
    "safetyscore": "veiligheidsscore",
    "judgement": "oordeel",
    "caseaccess": "casusteam",
    "meetinginvite": "uitnodiging",
    "amendment": "wijziging na vaststelling",
    "export": "export",
    "import": "import",
}
"""The audited tables (and the entries bobtui writes itself) by their Dutch names."""

OPERATIONS = {
    "insert": "toegevoegd",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "export": "geëxporteerd",
    "import": "geïmporteerd",
}

EXPORT = "export"
"""``table_name`` and ``operation`` of an entry recording that something left the store."""


@dataclass(frozen=True)
class ExportMark:
    """What was taken out of the store, for the audit trail: never any of its content."""

    what: str
    """'verslag', 'casusgeschiedenis', 'auditlogboek'."""
    export_format: str
    """One format or several ('md,docx')."""
    profile: str | None = None
    confidential: bool = False
    """Whether confidential notes were in it."""
    bsn_masked: bool = False


def record_export(
    store: Store, mark: ExportMark, meetings: Sequence[tuple[int | None, str]]
) -> None:
    """One audit entry per exported meeting (id, case code; no id: a whole case), committed
    before the files are written: a refused or failed entry stops the export. On PostgreSQL the
    database stamps the login and its own time over the ones given here."""
    details = json.dumps(
        {
            "wat": mark.what,
            "formaat": mark.export_format,
            "profiel": mark.profile,
            "vertrouwelijk": mark.confidential,
            "bsn_afgeschermd": mark.bsn_masked,
        },
        ensure_ascii=False,
    )
    now = datetime.now(UTC)
    with store.writing() as db:
        for meeting_id, case_code in meetings:
            db.add(
                AuditEntry(
                    at=now,
                    table_name=EXPORT,
                    row_id=case_code if meeting_id is None else str(meeting_id),
                    operation=EXPORT,
                    case_code=case_code,
                    meeting_id=meeting_id,
                    new=details,
                )
            )
        db.commit()


def _columns(stored: str | None) -> dict[str, Any]:
    loaded = json.loads(stored) if stored else {}
    return loaded if isinstance(loaded, dict) else {}


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _changes(old: str | None, new: str | None) -> tuple[AuditChange, ...]:
    """The columns that differ (SQLite keeps whole rows, PostgreSQL only what changed)."""
    before, after = _columns(old), _columns(new)
    names = list(dict.fromkeys([*before, *after]))
    return tuple(
        AuditChange(name, _shown(before.get(name)), _shown(after.get(name)))
        for name in names
        if before.get(name) != after.get(name)
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def case_audit(store: Store, case_code: str) -> list[AuditRecord]:
    """Every audit entry of ``case_code`` that this user may read, oldest first: its meetings
    (also those deleted since) and everything on them, and its case team."""
    meetings_of_case = select(AuditEntry.meeting_id).where(  # type: ignore[call-overload]
        AuditEntry.case_code == case_code, AuditEntry.table_name == "meeting"
    )
    with store.reading() as db:
        # The meetings first, then their entries: as one statement (OR … IN (subquery)) the
        # planner walks the whole trail in id order; by a list of ids it searches both indexes.
        meeting_ids = sorted({row for row in db.execute(meetings_of_case).scalars() if row})
        statement = (
            select(AuditEntry)
            .where(
                or_(
                    col(AuditEntry.case_code) == case_code,
                    AuditEntry.meeting_id.in_(meeting_ids),  # type: ignore[union-attr]
                )
            )
            .order_by(AuditEntry.id)  # type: ignore[arg-type]
        )
        entries = db.execute(statement).scalars().all()
        return [
            AuditRecord(
                at=_aware(entry.at),
                actor=entry.actor,
                table=entry.table_name,
                row_id=entry.row_id,
                operation=entry.operation,
                meeting_id=entry.meeting_id,
                changes=_changes(entry.old, entry.new),
            )
            for entry in entries
        ]


def audit_csv(records: list[AuditRecord]) -> str:
    """One line per changed column, every cell text (no formula), for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(
        ["tijdstip", "gebruiker", "tabel", "rij", "handeling", "overleg", "kolom", "oud", "nieuw"]
    )
    for record in records:
        for change in record.changes or (AuditChange("", None, None),):
            writer.writerow(
                [
                    record.at.isoformat(timespec="seconds"),
                    csv_cell(record.actor),
                    TABLES.get(record.table, record.table),
                    csv_cell(record.row_id),
                    OPERATIONS.get(record.operation, record.operation),
                    "" if record.meeting_id is None else str(record.meeting_id),
                    change.column,
                    csv_cell(change.old or ""),
                    csv_cell(change.new or ""),
                ]
            )
    return buffer.getvalue()
