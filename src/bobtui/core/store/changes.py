"""Has a meeting changed since we last looked? Cheap enough to ask several times a second.

Every change to a meeting appends a row to its event log in the same transaction
(``session/_base.py``), so the newest event id of the meeting moves on with every commit, on
SQLite and PostgreSQL alike; the index on ``(meeting_id, id)`` makes the question one index
entry, however many events the store holds (migration 0014, ``tests/core/test_scale_plans.py``).
What wakes a reader to ask is :class:`~bobtui.core.store.live.ChangeFeed`: PostgreSQL's
NOTIFY, or a poll.
"""

from sqlalchemy import func
from sqlmodel import select

from bobtui.core.store.engine import Store
from bobtui.core.store.tables import MeetingEvent


class MeetingChanges:
    """Where one meeting's changes, committed by any window, have got to."""

    def __init__(self, store: Store, meeting_id: int) -> None:
        self.store = store
        self.meeting_id = meeting_id

    def latest(self) -> int | None:
        """A mark that moves on with every change committed to the meeting: the id of its
        newest event (None: none yet)."""
        statement = select(func.max(MeetingEvent.id)).where(
            MeetingEvent.meeting_id == self.meeting_id
        )
        with self.store.reading() as db:
            return db.exec(statement).one()
