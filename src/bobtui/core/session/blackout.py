"""The chair's "scherm op zwart": the room view hides the picture while a sensitive point is
discussed.

Kept in the event log like the chain-care phase and a rehearsal's shown events: the last
``room.blacked_out`` or ``room.shown`` of the meeting says what the room sees. No column, so no
migration; it reaches a room view on another computer through the shared store, and the room's
change detection (``store/changes.py``) sees it as any other change.
"""

from sqlmodel import col, select

from bobtui.core.session._base import SessionBase
from bobtui.core.store.tables import MeetingEvent

_BLACKED_OUT = "room.blacked_out"
_SHOWN = "room.shown"


class BlackoutMixin(SessionBase):
    def black_out_room(self, on: bool) -> None:
        """Hide (``on``) or show again what the room view shows of this meeting."""
        with self._write(_BLACKED_OUT if on else _SHOWN, "meeting") as (db, changed):
            self._editable_meeting(db)
            changed.append(self.meeting_id)

    def room_blacked_out(self) -> bool:
        """Whether the chair has put the room view on black."""
        with self._reading() as db:
            last = db.exec(
                select(MeetingEvent.action)
                .where(
                    MeetingEvent.meeting_id == self.meeting_id,
                    col(MeetingEvent.action).in_((_BLACKED_OUT, _SHOWN)),
                )
                .order_by(col(MeetingEvent.id).desc())
                .limit(1)
            ).first()
        return last == _BLACKED_OUT
