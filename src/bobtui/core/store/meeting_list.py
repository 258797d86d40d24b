"""The meeting list, on SQLAlchemy Core alone: the home screen's first query.

The list needs five columns of two tables. Reading them through the ORM would import SQLModel,
pydantic and the mapping of every table first (about 0.3 s and 12 MB, make bench) before the
list can appear; these light table clauses name only what the query reads, and a test keeps
them equal to the tables in ``tables.py``.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, DateTime, Integer, String, column, func, select, table

from bobtui.core.domain.listing import MeetingListRow
from bobtui.core.domain.vocabulary import DecisionStatus, MeetingStatus
from bobtui.core.store.engine import Store

MEETING = table(
    "meeting",
    column("id", Integer),
    column("case_code", String),
    column("held_on", Date),
    column("leidraad_id", String),
    column("status", String),
    column("finalized_at", DateTime),
)
DECISION = table("decision", column("meeting_id", Integer), column("status", String))


def _list_statement() -> Any:
    """Meeting list rows: id, case code, date, leidraad, status, open actions, finalized."""
    meeting, decision = MEETING.c, DECISION.c
    open_actions = (
        select(func.count())
        .where(decision.meeting_id == meeting.id, decision.status == DecisionStatus.OPEN.value)
        .scalar_subquery()
    )
    return select(
        meeting.id,
        meeting.case_code,
        meeting.held_on,
        meeting.leidraad_id,
        meeting.status,
        open_actions,
        meeting.finalized_at.is_not(None),
    )


def _rows(store: Store, statement: Any) -> list[MeetingListRow]:
    with store.reading_rows() as connection:
        rows = connection.execute(statement).all()
    return [
        MeetingListRow(id, code, held_on, leidraad, MeetingStatus(status), count, bool(final))
        for id, code, held_on, leidraad, status, count, final in rows
    ]


def _code_contains(store: Store, search: str) -> Any:
    """The case code contains ``search``, ignoring the case of ASCII letters (as SQLite's LIKE
    does). On PostgreSQL in collation "C": ILIKE in the database's own collation lowercases
    every meeting's code by that collation's rules, which took half the time of a search of
    10,000 meetings (bench/bench_scale.py)."""
    code: Any = MEETING.c.case_code
    if store.engine.dialect.name == "postgresql":
        code = code.collate("C")
    return code.icontains(search.strip())


def list_meetings(
    store: Store, *, search: str = "", limit: int = 100, offset: int = 0
) -> list[MeetingListRow]:
    """Meetings newest first, one page at a time; ``search`` filters on the case code."""
    statement = _list_statement()
    if search:
        statement = statement.where(_code_contains(store, search))
    statement = statement.order_by(MEETING.c.held_on.desc(), MEETING.c.id.desc())
    return _rows(store, statement.limit(limit).offset(offset))


def select_meetings(
    store: Store,
    *,
    case_code: str | None = None,
    since: date | None = None,
    until: date | None = None,
    meeting_ids: Sequence[int] | None = None,
) -> list[MeetingListRow]:
    """Meetings in date order (oldest first) matching every filter given; none given: all."""
    meeting = MEETING.c
    statement = _list_statement()
    if case_code is not None:
        statement = statement.where(meeting.case_code == case_code.strip())
    if since is not None:
        statement = statement.where(meeting.held_on >= since)
    if until is not None:
        statement = statement.where(meeting.held_on <= until)
    if meeting_ids is not None:
        statement = statement.where(meeting.id.in_(list(meeting_ids)))
    return _rows(store, statement.order_by(meeting.held_on, meeting.id))


def count_meetings(store: Store, *, search: str = "") -> int:
    statement = select(func.count()).select_from(MEETING)
    if search:
        statement = statement.where(_code_contains(store, search))
    with store.reading_rows() as connection:
        count: int = connection.execute(statement).scalar_one()
        return count


def list_page(store: Store, *, search: str, limit: int) -> tuple[list[MeetingListRow], int]:
    """The first ``limit`` meetings matching ``search``, and how many match."""
    return list_meetings(store, search=search, limit=limit), count_meetings(store, search=search)
