"""Rehearsals: what happened to the practice case's events — shown when due, or started,
delayed or skipped by the trainer — and when, in the meeting's event log."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from bobtui.core.session._base import SessionBase
from bobtui.core.store.tables import MeetingEvent


class PracticeEventAction(StrEnum):
    """What happened to an event; the value is the event log's action."""

    SHOWN = "practice.event_shown"
    TRIGGERED = "practice.event_triggered"
    """Shown early, by the trainer."""
    DELAYED = "practice.event_delayed"
    SKIPPED = "practice.event_skipped"


class RehearsalMixin(SessionBase):
    def mark_practice_event(
        self, index: int, action: PracticeEventAction = PracticeEventAction.SHOWN
    ) -> None:
        """Record what happened to the case's event ``index``, so it shows once (even after
        the app is restarted), a delay or skip holds, and the feedback report can place it."""
        with self._write(action.value, "practice_event") as (db, changed):
            self._running_meeting(db)
            changed.append(index)

    def practice_event_log(self) -> list[tuple[PracticeEventAction, int, datetime]]:
        """Every action on the case's events, in order: what, which event, when."""
        actions = [a.value for a in PracticeEventAction]
        with self._reading() as db:
            rows = db.exec(
                select(MeetingEvent.action, MeetingEvent.entity_id, MeetingEvent.at)
                .where(
                    MeetingEvent.meeting_id == self.meeting_id,
                    col(MeetingEvent.action).in_(actions),
                )
                .order_by(col(MeetingEvent.id))
            ).all()
        return [
            (PracticeEventAction(action), index, at)
            for action, index, at in rows
            if index is not None
        ]

    def practice_events_shown(self) -> dict[int, datetime]:
        """Event index → when it was shown (when due, or started by the trainer)."""
        shown = (PracticeEventAction.SHOWN, PracticeEventAction.TRIGGERED)
        return {index: at for action, index, at in self.practice_event_log() if action in shown}
