"""The meeting clock: time per phase, time-outs, suspend and resume."""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.vocabulary import PHASE_ORDER, MeetingStatus, Phase
from bobtui.core.session._base import SessionBase
from bobtui.core.store.tables import MeetingEvent, PhaseInterval, TimeOut


class ClockMixin(SessionBase):
    """Time per phase with time-outs left out; the clock stops when the app leaves."""

    def _close_open_interval(self, db: Session, at: datetime) -> None:
        for interval in db.exec(
            select(PhaseInterval).where(
                PhaseInterval.meeting_id == self.meeting_id, col(PhaseInterval.ended_at).is_(None)
            )
        ):
            interval.ended_at = max(at, interval.started_at)

    def _open_time_out(self, db: Session) -> TimeOut | None:
        return db.exec(
            select(TimeOut).where(
                TimeOut.meeting_id == self.meeting_id, col(TimeOut.ended_at).is_(None)
            )
        ).first()

    def start_time_out(self) -> None:
        """Pause the meeting clock (recorded), e.g. when emotions run high."""
        position = self.position()
        with self._write("timeout.started", "timeout") as (db, changed):
            self._running_meeting(db)
            if self._open_time_out(db) is not None:
                raise RuleViolation("Er loopt al een time-out.")
            time_out = TimeOut(
                meeting_id=self.meeting_id,
                phase=position.phase if position else "",
                started_at=self._clock(),
            )
            db.add(time_out)
            db.flush()
            changed.append(time_out.id)

    def end_time_out(self) -> None:
        with self._write("timeout.ended", "timeout") as (db, changed):
            self._running_meeting(db)
            time_out = self._open_time_out(db)
            if time_out is None:
                raise RuleViolation("Er loopt geen time-out.")
            time_out.ended_at = self._clock()
            changed.append(time_out.id)

    def in_time_out(self) -> bool:
        with self._reading() as db:
            return self._open_time_out(db) is not None

    def time_spent(self) -> dict[Phase, timedelta]:
        """Meeting time per phase so far, time-outs not counted."""
        now = self._clock()
        with self._reading() as db:
            intervals = db.exec(
                select(PhaseInterval).where(PhaseInterval.meeting_id == self.meeting_id)
            ).all()
            pauses = db.exec(select(TimeOut).where(TimeOut.meeting_id == self.meeting_id)).all()
        spent = {phase: timedelta() for phase in PHASE_ORDER}
        for interval in intervals:
            start, end = interval.started_at, interval.ended_at or now
            paused = sum(
                (
                    max(timedelta(), min(end, p.ended_at or now) - max(start, p.started_at))
                    for p in pauses
                ),
                timedelta(),
            )
            spent[Phase(interval.phase)] += max(timedelta(), end - start - paused)
        return spent

    def phase_started_at(self) -> dict[Phase, datetime]:
        """When each phase was first entered (phases not reached are absent)."""
        with self._reading() as db:
            rows = db.exec(
                select(PhaseInterval.phase, func.min(PhaseInterval.started_at))
                .where(PhaseInterval.meeting_id == self.meeting_id)
                .group_by(col(PhaseInterval.phase))
            ).all()
        return {Phase(phase): at for phase, at in rows}

    def meeting_clock(self) -> timedelta:
        return sum(self.time_spent().values(), timedelta())

    def time_outs(self) -> list[tuple[datetime, datetime | None]]:
        with self._reading() as db:
            rows = db.exec(
                select(TimeOut)
                .where(TimeOut.meeting_id == self.meeting_id)
                .order_by(col(TimeOut.started_at))
            ).all()
            return [(row.started_at, row.ended_at) for row in rows]

    def suspend(self) -> None:
        """Stop the clock when the app leaves the meeting; :meth:`resume` starts it again.

        The clock is the chair's: like every change, refused in a read-only window."""
        if self.meeting().status != MeetingStatus.LOPEND:
            return
        with self._write("meeting.suspended", "meeting") as (db, changed):
            self._stop_clock(db, self._clock())
            changed.append(self.meeting_id)

    def _stop_clock(self, db: Session, at: datetime) -> None:
        """End the running phase interval and any time-out at ``at``."""
        self._close_open_interval(db, at)
        time_out = self._open_time_out(db)
        if time_out is not None:
            time_out.ended_at = max(at, time_out.started_at)

    def _restart_clock(self, db: Session, phase: Phase) -> None:
        """Close what a crash left running at the last recorded change; start anew from now."""
        last_change = db.exec(
            select(func.max(MeetingEvent.at)).where(MeetingEvent.meeting_id == self.meeting_id)
        ).one()
        self._stop_clock(db, last_change or self._clock())
        db.add(PhaseInterval(meeting_id=self.meeting_id, phase=phase, started_at=self._clock()))
