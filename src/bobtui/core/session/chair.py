"""The chair: of all the windows that have a meeting open, one changes it; the others read along.

The holder is one row in ``meetingchair`` (a random client id per session, a description safe
to show, since when, and a heartbeat). A window claims the chair when it opens a meeting; while
the holder's heartbeat is fresh (:data:`CHAIR_TIMEOUT`) another window's claim is refused with
:class:`ChairTaken`, saying who and since when, and that window is read-only: it may read and
browse the questions, and every change raises :class:`ReadOnly`. After the user confirms, it may
take the chair over; the old holder finds out at its next heartbeat or change. A holder that
stopped beating (crashed, asleep, cut off) may be replaced without asking.

Claims are serialised with the changes to the meeting (BEGIN IMMEDIATE on SQLite, a lock on the
meeting's row on PostgreSQL), so of two windows claiming at once exactly one wins, and no change
by the loser slips in after the winner's claim.

Taking the chair moves the session to where the meeting is (the position the last chair
recorded), so only the chair's window moves the meeting's position and phase clock; a read-only
window may be elsewhere without changing them.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col

from bobtui.core.domain.errors import ChairTaken, SaveFailed
from bobtui.core.domain.records import ChairHolder
from bobtui.core.session._base import SessionBase, _Chair, _ChairRow
from bobtui.core.session.clients import client_description
from bobtui.core.store.changes import MeetingChanges
from bobtui.core.store.engine import store_trouble
from bobtui.core.store.live import ChangeFeed
from bobtui.core.store.tables import MeetingChair

HEARTBEAT_INTERVAL = timedelta(seconds=10)
"""How often the chair's window calls :meth:`ChairMixin.heartbeat`: well within the timeout."""


class ChairMixin(SessionBase):
    """Claim, keep, take over and give up the chair of this meeting."""

    @contextmanager
    def _chair_transaction(self) -> Iterator[tuple[Session, _ChairRow | None]]:
        """The chair's row, read after waiting for every other change to this meeting."""
        with self.store.writing() as db:
            self._lock_meeting(db)
            yield db, self._chair_row(db)
            db.commit()

    def claim_chair(self) -> ChairHolder:
        """Chair this meeting from this session, if nobody else does.

        Succeeds when the chair is free, held by this session, or held by a client silent for
        longer than :data:`CHAIR_TIMEOUT`; otherwise raises :class:`ChairTaken` (whose
        ``holder`` says who, for the question whether to take over) and this session is
        read-only until it claims again or takes over.
        """
        with self._chair_transaction() as (db, row):
            holder = self._holder(row)
            if holder is not None and not holder.this_session and self._alive(holder):
                self._chair = _Chair.READ_ONLY
                raise ChairTaken(
                    f"Dit overleg wordt al voorgezeten {self._chaired_from(holder)}.", holder
                )
            seated = self._seat(db, row)
        self._take_the_meeting_as_it_is()
        return seated

    def take_over_chair(self) -> ChairHolder:
        """Chair this meeting from this session, whoever held it (after the user confirmed).

        The previous holder becomes read-only at its next heartbeat or change.
        """
        with self._chair_transaction() as (db, row):
            seated = self._seat(db, row)
        self._take_the_meeting_as_it_is()
        return seated

    def _seat(self, db: Session, row: _ChairRow | None) -> ChairHolder:
        """Make this session the holder (the caller holds the lock); a holder claiming again
        keeps its 'since'."""
        now = self._clock()
        description = client_description()
        since = row.since if row is not None and row.client_id == self.client_id else now
        values = {
            "client_id": self.client_id,
            "description": description,
            "since": since,
            "heartbeat_at": now,
        }
        if row is None:
            db.connection().execute(
                insert(MeetingChair).values(meeting_id=self.meeting_id, **values)
            )
        else:
            db.connection().execute(
                update(MeetingChair)
                .where(col(MeetingChair.meeting_id) == self.meeting_id)
                .values(**values)
            )
        self._chair = _Chair.HOLDING
        return ChairHolder(description, since, now, this_session=True)

    def _take_the_meeting_as_it_is(self) -> None:
        """The chair goes on where the meeting is: the previous chair's own questions and the
        position it recorded (so the phase clock and this window's phase agree)."""
        self.question_set = self._with_own_questions()
        self._position = self._recorded_position()

    def heartbeat(self) -> bool:
        """Tell the others this session still chairs the meeting; call every
        :data:`HEARTBEAT_INTERVAL` while the window is open (one small UPDATE).

        Returns False, and the session is read-only from then on, when another window has
        taken the chair over; also False, changing nothing, for a session not holding it.
        """
        if self._chair is not _Chair.HOLDING:
            return False
        with store_trouble(SaveFailed), self.store.engine.begin() as connection:
            result = connection.execute(
                update(MeetingChair)
                .where(
                    col(MeetingChair.meeting_id) == self.meeting_id,
                    col(MeetingChair.client_id) == self.client_id,
                )
                .values(heartbeat_at=self._clock())
            )
        if result.rowcount != 1:
            self._chair = _Chair.READ_ONLY
            return False
        return True

    def release_chair(self) -> None:
        """Give up the chair (when the window leaves the meeting, after :meth:`suspend`), so
        another window may claim it at once; this session is read-only from then on."""
        if self._chair is _Chair.HOLDING:
            with store_trouble(SaveFailed), self.store.engine.begin() as connection:
                connection.execute(
                    delete(MeetingChair).where(
                        col(MeetingChair.meeting_id) == self.meeting_id,
                        col(MeetingChair.client_id) == self.client_id,
                    )
                )
        self._chair = _Chair.READ_ONLY

    def chair_holder(self) -> ChairHolder | None:
        """Who chairs this meeting: a holder with a fresh heartbeat, or this session itself;
        None when the chair is free (never claimed, given up, or its holder went silent)."""
        with self._reading() as db:
            holder = self._holder(self._chair_row(db))
        if holder is not None and (holder.this_session or self._alive(holder)):
            return holder
        return None

    def latest_change(self) -> int | None:
        """A mark that moves on with every change any window commits to this meeting (one
        index lookup): a window that sees it move reads the meeting again."""
        return MeetingChanges(self.store, self.meeting_id).latest()

    def change_feed(self) -> ChangeFeed:
        """The marks of the changes other windows commit, pushed where the store can push them
        (PostgreSQL), polled otherwise; the caller iterates it on a thread of its own."""
        return ChangeFeed(self.store, self.meeting_id)

    def holds_chair(self) -> bool:
        """Whether this session chairs the meeting, as far as it knows (:meth:`heartbeat`
        and every change check it against the store)."""
        return self._chair is _Chair.HOLDING

    def is_read_only(self) -> bool:
        """Whether this session was refused the chair, lost it or gave it up: it reads and
        browses only, until it claims the chair or takes it over.

        A session that never claimed the chair is not read-only, but its changes are refused
        (and it becomes read-only) while another live client holds the chair.
        """
        return self._chair is _Chair.READ_ONLY
