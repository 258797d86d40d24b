"""The meeting session service; see :class:`MeetingSession`."""

from bobtui.core.session._base import Clock, utc_now
from bobtui.core.session.decisions import CarriedOverDecision
from bobtui.core.session.meeting import MeetingSession
from bobtui.core.session.navigation import Position

__all__ = ["CarriedOverDecision", "Clock", "MeetingSession", "Position", "utc_now"]
