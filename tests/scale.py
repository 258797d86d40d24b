"""A store the size of a whole Zorg- en Veiligheidshuis, and the plans of the queries on it.

Shared by ``bench/bench_scale.py`` (figures at 10,000 meetings / 1,000,000 notes) and the plan
test in ``tests/core/test_scale_plans.py`` (a few thousand meetings): both seed with the SQL
below and both read the SQL bobtui really sends by catching it on its way to the driver.

The seed writes raw SQL (``generate_series``) as the store's owner, with the tables' own
triggers off for the load: the rows the triggers would have written (the audit trail, one entry
per note) are written by the seed itself, in bulk.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection

from bobtui.core.store.engine import Store

BIG_TABLES = (
    "note",
    "meetingevent",
    "auditentry",
    "decision",
    "decisionstatuschange",
    "participant",
    "safetyscore",
)
"""Tables that grow with every meeting: no list may read one of them from end to end."""
SEARCH = "0123"
"""A piece of a case code, as typed in the home's search field (matches a few dozen meetings)."""
LEIDRAAD = "ccv-quickscan"

BULK_TABLES = ("note", "meetingevent", "auditentry")
"""The tables of a million rows: their indexes are built after the load, not row by row."""

MEETINGS_PER_CASE = 4
MEMBER = "bench_regisseur"
"""The procesregisseur login whose view (row-level security) the bench also measures."""
MEMBER_SHARE = 25
"""Every 25th case is in that procesregisseur's case team (400 meetings of 10,000)."""

_SEED = [
    # Four meetings per case, spread over the last four years, the newest yesterday.
    """
    INSERT INTO meeting (id, case_code, leidraad_id, leidraad_version, meeting_type, held_on,
        location, reason, status, current_phase, created_at, started_at, closed_at,
        finalized_at, finalized_by)
    SELECT i, format('ZVH-%%s-%%s', 2022 + c %% 4, lpad(c::text, 5, '0')), %(leidraad)s, '1',
        'casusoverleg', d, 'Zaal 2', 'Zorgen over de veiligheid thuis', 'gesloten',
        'besluitvorming', d + time '09:00', d + time '09:05', d + time '10:30',
        d + time '16:00', 'bench'
    FROM generate_series(1, %(meetings)s) AS i,
        LATERAL (SELECT (i - 1) / %(per_case)s + 1 AS c) AS cases,
        LATERAL (SELECT %(today)s::date - 1 - ((%(meetings)s - i) * 1461 / %(meetings)s)
                 AS d) AS days
    """,
    """
    INSERT INTO participant (meeting_id, position, name, organisation, role, presence,
        represented_by, is_client, is_ervaringsdeskundige, speaks_for_child)
    SELECT m.id, p, 'Deelnemer ' || p, (ARRAY['Veilig Thuis', 'Wijkteam', 'Politie',
        'Reclassering', 'GGZ'])[p], 'professional', 'aanwezig', '', false, false, false
    FROM meeting m, generate_series(1, 5) AS p
    """,
    # Notes of a meeting in the order they were typed, a minute apart; 1 in 17 confidential.
    """
    INSERT INTO note (meeting_id, kind, text, phase, question_id, confidential, created_at,
        updated_at)
    SELECT m.id, (ARRAY['feit', 'aanname', 'zorg', 'kracht', 'informatiegat'])[1 + j %% 5],
        'Notitie ' || j || ': wat er in dit overleg over de thuissituatie is gezegd.',
        (ARRAY['beeldvorming', 'oordeelsvorming', 'besluitvorming'])[1 + 3 * (j - 1)
            / %(notes)s], 'vraag-' || (j %% 12), j %% 17 = 0,
        m.started_at + j * interval '1 minute', m.started_at + j * interval '1 minute'
    FROM meeting m, generate_series(1, %(notes)s) AS j
    """,
    # Three decisions per meeting; those of every tenth meeting are still open.
    """
    INSERT INTO decision (meeting_id, action, owner_person, owner_organisation, deadline,
        priority, status, created_at, updated_at)
    SELECT m.id, 'Actie ' || k || ' uit het overleg', 'Eigenaar ' || k,
        (ARRAY['Veilig Thuis', 'Wijkteam', 'Politie'])[k], m.held_on + 14 * k,
        'middel', CASE WHEN m.id %% 10 = 0 THEN 'open' ELSE 'gedaan' END, m.closed_at,
        m.closed_at
    FROM meeting m, generate_series(1, 3) AS k
    """,
    """
    INSERT INTO decisionstatuschange (decision_id, meeting_id, status, reason, changed_at)
    SELECT d.id, NULL, d.status, '', d.updated_at + interval '14 days'
    FROM decision d WHERE d.status = 'gedaan'
    """,
    """
    INSERT INTO safetyscore (meeting_id, respondent, score, what_would_raise_it, created_at)
    SELECT m.id, 'Deelnemer ' || r, 3 + (m.id + r) %% 6, '', m.started_at
    FROM meeting m, generate_series(1, 2) AS r
    """,
    # The event log: a row per meeting planned and per note recorded, as the session writes.
    """
    INSERT INTO meetingevent (meeting_id, at, action, entity, entity_id)
    SELECT id, created_at, 'meeting.created', 'meeting', id FROM meeting
    UNION ALL
    SELECT meeting_id, created_at, 'note.recorded', 'note', id FROM note
    """,
    # The audit trail the triggers would have written: every meeting and note inserted.
    """
    INSERT INTO auditentry (at, actor, table_name, row_id, operation, case_code, meeting_id,
        new)
    SELECT m.created_at, 'bench', 'meeting', m.id::text, 'insert', m.case_code, m.id,
        json_build_object('case_code', m.case_code)::text
    FROM meeting m
    UNION ALL
    SELECT n.created_at, 'bench', 'note', n.id::text, 'insert', m.case_code, m.id,
        json_build_object('kind', n.kind, 'text', n.text)::text
    FROM note n JOIN meeting m ON m.id = n.meeting_id
    """,
    # A case team for every case: the bench's procesregisseur in every 25th, a colleague
    # (no login of this server) in the others.
    """
    INSERT INTO caseaccess (case_code, member, granted_by, granted_at)
    SELECT DISTINCT ON (case_code) case_code,
        CASE WHEN (id - 1) / %(per_case)s %% %(share)s = 0 THEN %(member)s
             ELSE 'collega' END, 'bench', created_at
    FROM meeting ORDER BY case_code, id
    """,
    "SELECT setval(pg_get_serial_sequence('meeting', 'id'), %(meetings)s)",
]


@dataclass(frozen=True)
class Size:
    """How big the seeded store is."""

    meetings: int
    notes_per_meeting: int

    @property
    def notes(self) -> int:
        return self.meetings * self.notes_per_meeting

    @property
    def member_case(self) -> tuple[str, int]:
        """The newest case in :data:`MEMBER`'s team: its code and its last meeting's id."""
        cases = -(-self.meetings // MEETINGS_PER_CASE)
        case = (cases - 1) // MEMBER_SHARE * MEMBER_SHARE + 1
        last = min(case * MEETINGS_PER_CASE, self.meetings)
        return f"ZVH-{2022 + case % 4}-{case:05d}", last

    def __str__(self) -> str:
        return (
            f"{self.meetings:,} meetings, {self.notes:,} notes "
            f"({self.notes_per_meeting} per meeting), as many events and audit entries"
        )


def seed(connection: Connection, size: Size, *, leidraad: str, today: date) -> None:
    """Fill an empty, migrated store (as its owner) with ``size``; then ANALYZE it."""
    values = {
        "meetings": size.meetings,
        "notes": size.notes_per_meeting,
        "per_case": MEETINGS_PER_CASE,
        "share": MEMBER_SHARE,
        "member": MEMBER,
        "leidraad": leidraad,
        "today": today,
    }
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ANY(%s) AND indexname NOT LIKE 'pk%%'",
            (list(BULK_TABLES),),
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for statement in _SEED:
            cursor.execute(statement, values)
        for _, definition in indexes:
            cursor.execute(definition)
    driver.commit()
    with connection.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as auto:
        auto.exec_driver_sql("VACUUM ANALYZE")


Statement = tuple[str, Any]
"""SQL as bobtui sent it to the driver, with its parameters."""


@contextmanager
def caught(engine: Engine) -> Iterator[list[Statement]]:
    """Every statement ``engine`` sends while the block runs (SQLAlchemy's own pings aside)."""
    statements: list[Statement] = []

    def catch(
        _connection: Any, _cursor: Any, sql: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        statements.append((sql, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def queries(statements: list[Statement]) -> list[Statement]:
    """The SELECTs among ``statements`` (what a list reads; not BEGIN, SET or writes)."""
    return [
        (sql, values) for sql, values in statements if sql.lstrip().upper().startswith("SELECT")
    ]


@dataclass(frozen=True)
class Scan:
    """One node of a plan that reads a table: how (Seq Scan, Index Scan, …), which table,
    through which index, and whether the index was searched (an index scan without a
    condition walks the whole index, as a Seq Scan walks the table)."""

    node: str
    table: str
    index: str | None
    searched: bool

    @property
    def whole(self) -> bool:
        return self.node == "Seq Scan" or (self.node.startswith("Index") and not self.searched)


def plan(driver: Any, sql: str, values: Any) -> dict[str, Any]:
    """EXPLAIN (ANALYZE, FORMAT JSON) of one statement on a psycopg connection; rolled back."""
    with driver.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", values)
        row = cursor.fetchone()
    driver.rollback()
    assert row is not None
    found: dict[str, Any] = row[0][0]
    return found


def scans(node: dict[str, Any]) -> list[Scan]:
    """Every table read in a plan (sub-plans and init plans included)."""
    found = []
    if "Relation Name" in node:
        searched = "Index Cond" in node or node["Node Type"] == "Bitmap Heap Scan"
        found.append(
            Scan(node["Node Type"], node["Relation Name"], node.get("Index Name"), searched)
        )
    for child in node.get("Plans", ()):
        found += scans(child)
    return found


def read_whole(node: dict[str, Any], tables: tuple[str, ...]) -> list[str]:
    """The tables of ``tables`` that a plan reads from end to end, by the table or an index."""
    return [
        f"{scan.table} ({scan.node})" for scan in scans(node) if scan.whole and scan.table in tables
    ]


def app_lists(size: Size, today: date) -> dict[str, Callable[[Store], object]]:
    """Every list the app shows, read as the app reads it, on a store seeded with ``size``."""
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session.lookup import open_meeting
    from bobtui.core.store.actions import open_actions
    from bobtui.core.store.audit import case_audit
    from bobtui.core.store.changes import MeetingChanges
    from bobtui.core.store.history import case_history
    from bobtui.core.store.meetings import count_meetings, list_meetings
    from bobtui.screens.home import PAGE_SIZE

    catalog = default_catalog()
    case, meeting = size.member_case
    return {
        "home list": lambda s: (list_meetings(s, limit=PAGE_SIZE), count_meetings(s)),
        "search": lambda s: (
            list_meetings(s, search=SEARCH, limit=PAGE_SIZE),
            count_meetings(s, search=SEARCH),
        ),
        "case history": lambda s: case_history(s, case, today),
        "open actions": lambda s: open_actions(s, today),
        "audit list": lambda s: case_audit(s, case),
        "a meeting opened (notes, decisions, …)": lambda s: open_meeting(
            s, meeting, catalog
        ).snapshot(),
        "change poll": lambda s: MeetingChanges(s, meeting).latest(),
    }
