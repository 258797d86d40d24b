"""Store-wide questions about meetings: the list, finding one by id or case code, deleting.

The list itself lives in ``meeting_list`` (no ORM, for the home screen's start-up); it is
re-exported here for the callers that use both."""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from bobtui.core.domain.errors import NotFound
from bobtui.core.store.engine import Store, meeting_not_found
from bobtui.core.store.meeting_list import count_meetings, list_meetings, select_meetings
from bobtui.core.store.tables import Meeting, MeetingEvent

__all__ = [
    "count_meetings",
    "delete_meeting",
    "earlier_on_case",
    "find_meeting_id",
    "list_meetings",
    "select_meetings",
]


def earlier_on_case(meeting: Meeting) -> tuple[Any, ...]:
    """Where-clauses for the meetings on ``meeting``'s case that were planned before it."""
    return (
        Meeting.case_code == meeting.case_code,
        Meeting.id != meeting.id,
        col(Meeting.created_at) < meeting.created_at,
    )


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
