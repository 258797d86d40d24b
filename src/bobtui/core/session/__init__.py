"""The meeting session service; see :class:`MeetingSession`."""

from bobtui.core.session._base import Clock, utc_now
from bobtui.core.session.decisions import CarriedOverDecision
from bobtui.core.session.lookup import open_meeting
from bobtui.core.session.meeting import MeetingSession
from bobtui.core.session.navigation import Position

__all__ = ["CarriedOverDecision", "Clock", "MeetingSession", "Position", "open_meeting", "utc_now"]
