"""Rehearsals: which timed events of the practice case have popped up, and when."""

from datetime import datetime

from sqlmodel import col, select

from bobtui.core.session._base import SessionBase
from bobtui.core.store.tables import MeetingEvent

_SHOWN = "practice.event_shown"


class RehearsalMixin(SessionBase):
    def mark_practice_event_shown(self, index: int) -> None:
        """Record that the case's timed event ``index`` was shown, so it shows once, even after
        the app is restarted, and the feedback report can place it."""
        with self._write(_SHOWN, "practice_event") as (db, changed):
            self._running_meeting(db)
            changed.append(index)

    def practice_events_shown(self) -> dict[int, datetime]:
        """Event index → when it was shown."""
        with self._reading() as db:
            rows = db.exec(
                select(MeetingEvent.entity_id, MeetingEvent.at)
                .where(MeetingEvent.meeting_id == self.meeting_id, MeetingEvent.action == _SHOWN)
                .order_by(col(MeetingEvent.id))
            ).all()
        return {index: at for index, at in rows if index is not None}
