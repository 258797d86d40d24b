"""Following one meeting's changes as other clients commit them: pushed where the store can.

:meth:`ChangeFeed.marks` yields the meeting's change mark (``MeetingChanges.latest``) each time
it moved on. On PostgreSQL a connection of its own (autocommit) LISTENs on the meeting's channel
(``live_triggers.py``), so a commit elsewhere wakes the feed at once; the mark is then read
through the store's own connection, which row-level security limits, never taken from the
notification. A slow poll stays as a safety net. When LISTEN fails or its connection drops,
the feed polls as on SQLite (:data:`POLL_SECONDS`) and tries to listen again every
:data:`RECONNECT_SECONDS`; after each reconnect it reads the mark once, for what it missed.

:meth:`ChangeFeed.close` may be called from any thread and wakes a waiting feed at once, so
its connection is gone before, say, the database is dropped.
"""

import contextlib
import select
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from bobtui.core.domain.errors import BobError
from bobtui.core.store.changes import MeetingChanges
from bobtui.core.store.engine import SERVER_CONNECT_TIMEOUT, Store
from bobtui.core.store.live_triggers import channel

POLL_SECONDS = 0.25
"""How often a feed that is not told of changes asks for them: well within the second a change
may take to show."""
LISTENING_POLL_SECONDS = 1.0
"""How often a feed that listens asks anyway, should a notification go missing (a connection
pooler in transaction mode drops them): the second a change may take to show."""
RECONNECT_SECONDS = 5.0
"""How long a feed whose listening connection failed polls before it tries to listen again."""


class ChangeFeed:
    """The changes any client commits to one meeting, as a stream of marks."""

    def __init__(self, store: Store, meeting_id: int) -> None:
        self._changes = MeetingChanges(store, meeting_id)
        self._store = store
        self._channel = channel(meeting_id)
        self._listens = store.engine.dialect.name == "postgresql"
        self._connection: Any = None  # psycopg.Connection while listening
        self._retry_at = 0.0
        self._closed = threading.Event()
        self._wake_in, self._wake_out = socket.socketpair()

    @property
    def listening(self) -> bool:
        """Whether changes are pushed to this feed now (False: it polls)."""
        return self._connection is not None

    def marks(self) -> Iterator[int | None]:
        """Each new mark, until :meth:`close`; a store that is away is asked again later."""
        reported: int | None = None
        try:
            while not self._closed.is_set():
                self._wait()
                if self._closed.is_set():
                    return
                try:
                    latest = self._changes.latest()
                except BobError:  # the store is away: the note line says so; ask again later
                    continue
                if latest != reported:
                    reported = latest
                    yield latest
        finally:
            self._stop_listening()
            self._wake_in.close()
            self._wake_out.close()

    def close(self) -> None:
        """End :meth:`marks` (from any thread), at once if it is waiting."""
        self._closed.set()
        with contextlib.suppress(OSError):  # already closed by marks()
            self._wake_out.send(b"x")

    def _wait(self) -> None:
        """Until a change may have been committed: notified, polled, or just reconnected."""
        reconnect = self._listens and self._connection is None
        if reconnect and time.monotonic() >= self._retry_at and self._listen():
            return  # read the mark once: what changed while nobody listened
        if self._connection is None:
            select.select([self._wake_in], [], [], POLL_SECONDS)
            return
        ready, _, _ = select.select(
            [self._wake_in, self._connection.fileno()], [], [], LISTENING_POLL_SECONDS
        )
        if self._wake_in not in ready and ready:
            self._take_notifications()

    def _listen(self) -> bool:
        """Connect and LISTEN on the meeting's channel; False (polling meanwhile) if it fails."""
        import psycopg
        from psycopg import sql

        engine = self._store.engine
        args, options = engine.dialect.create_connect_args(engine.url)
        options.setdefault("connect_timeout", SERVER_CONNECT_TIMEOUT)
        try:
            connection = psycopg.connect(*args, **options, autocommit=True)
        except (psycopg.Error, OSError):
            self._retry_at = time.monotonic() + RECONNECT_SECONDS
            return False
        try:
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
        except (psycopg.Error, OSError):
            connection.close()
            self._retry_at = time.monotonic() + RECONNECT_SECONDS
            return False
        self._connection = connection
        return True

    def _take_notifications(self) -> None:
        """Empty what arrived; their ids are not needed, the mark is read anyway. A connection
        that broke is dropped: the mark is read now, and the feed polls until it reconnects."""
        import psycopg

        try:
            for _notification in self._connection.notifies(timeout=0):
                pass
        except (psycopg.Error, OSError):
            self._stop_listening()
            self._retry_at = time.monotonic() + RECONNECT_SECONDS

    def _stop_listening(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
