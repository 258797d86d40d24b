"""Store-wide questions about meetings: the list, finding one by id or case code, deleting."""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.records import MeetingListRow
from bobtui.core.domain.vocabulary import DecisionStatus, MeetingStatus
from bobtui.core.store.engine import Store, meeting_not_found
from bobtui.core.store.tables import Decision, Meeting, MeetingEvent


def earlier_on_case(meeting: Meeting) -> tuple[Any, ...]:
    """Where-clauses for the meetings on ``meeting``'s case that were planned before it."""
    return (
        Meeting.case_code == meeting.case_code,
        Meeting.id != meeting.id,
        col(Meeting.created_at) < meeting.created_at,
    )


def _list_statement() -> Any:
    """Meeting list rows: id, case code, date, leidraad, status, open actions, finalized."""
    open_actions = (
        select(func.count())
        .where(Decision.meeting_id == Meeting.id, Decision.status == DecisionStatus.OPEN)
        .scalar_subquery()
    )
    # More columns than sqlmodel's typed select() takes, so SQLAlchemy's own select.
    return sa_select(
        col(Meeting.id),
        col(Meeting.case_code),
        col(Meeting.held_on),
        col(Meeting.leidraad_id),
        col(Meeting.status),
        open_actions,
        col(Meeting.finalized_at).is_not(None),
    )


def _rows(store: Store, statement: Any) -> list[MeetingListRow]:
    with store.reading() as db:
        rows = db.connection().execute(statement).all()
    return [
        MeetingListRow(id, code, held_on, leidraad, MeetingStatus(status), count, bool(final))
        for id, code, held_on, leidraad, status, count, final in rows
    ]


def _code_contains(store: Store, search: str) -> Any:
    """The case code contains ``search``, ignoring the case of ASCII letters (as SQLite's LIKE
    does). On PostgreSQL in collation "C": ILIKE in the database's own collation lowercases
    every meeting's code by that collation's rules, which took half the time of a search of
    10,000 meetings (bench/bench_scale.py)."""
    code: Any = col(Meeting.case_code)
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
    statement = statement.order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
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
    statement = _list_statement()
    if case_code is not None:
        statement = statement.where(col(Meeting.case_code) == case_code.strip())
    if since is not None:
        statement = statement.where(col(Meeting.held_on) >= since)
    if until is not None:
        statement = statement.where(col(Meeting.held_on) <= until)
    if meeting_ids is not None:
        statement = statement.where(col(Meeting.id).in_(list(meeting_ids)))
    return _rows(store, statement.order_by(col(Meeting.held_on), col(Meeting.id)))


def count_meetings(store: Store, *, search: str = "") -> int:
    statement = select(func.count()).select_from(Meeting)
    if search:
        statement = statement.where(_code_contains(store, search))
    with store.reading() as db:
        return db.exec(statement).one()


def find_meeting_id(store: Store, reference: str) -> int:
    """A meeting by its number, or the newest meeting of a case code."""
    with store.reading() as db:
        if reference.isdigit() and db.get(Meeting, int(reference)) is not None:
            return int(reference)
        found = db.exec(
            select(Meeting.id)
            .where(Meeting.case_code == reference.strip())
            .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
        ).first()
    if found is None:
        raise NotFound(
            f"Er is geen overleg met nummer of casuscode '{reference}', of je hebt er geen "
            "toegang toe."
        )
    return found


def delete_meeting(store: Store, meeting_id: int) -> None:
    """Delete a meeting and everything recorded in it; the event log keeps that it happened."""
    with store.writing() as db:
        meeting = db.get(Meeting, meeting_id)
        if meeting is None:
            raise meeting_not_found(meeting_id)
        db.delete(meeting)
        db.add(
            MeetingEvent(
                meeting_id=meeting_id,
                at=datetime.now(UTC),
                action="meeting.deleted",
                entity="meeting",
                entity_id=meeting_id,
            )
        )
        db.commit()
