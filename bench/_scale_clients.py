"""The simulated chairs of ``bench_scale.py``: one meeting day, each chair saving notes.

Each client is an app of its own: its own engine (connection pool) and login, one meeting it
created, started and chairs, and it saves a note every ``interval`` seconds, by turns through
bobtui's session (``record_note``) and as raw psycopg sending the statements that same call
sent (caught once, at the start), so both run under the same load. In every process one watcher
follows one of its meetings as the room view does (``RoomWatch.poll`` every 0.25 s: the change
poll of ``store/changes.py``, then a fresh snapshot), next to a raw poller sending the poll's
and the note list's SQL, and a third reader that follows the meeting's change feed as the
meeting screen does (``store/live.py``: woken by PostgreSQL's NOTIFY, the safety poll once a
second) and reads the notes on each mark; the delay from a save returning to the note being
seen is the live refresh. The clients run in several processes so that Python's GIL does not
time one chair's save with another's work; ``time.perf_counter`` is the system's monotonic
clock, the same in every process.
"""

import random
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any

from tests.scale import Statement, caught

SAVERS = ("bobtui", "raw psycopg")
NOTIFIED = "bobtui NOTIFY"
READERS = (*SAVERS, NOTIFIED)
"""Who sees the notes: the room view's poll, the raw poller, the meeting screen's change feed."""


@dataclass(frozen=True)
class Job:
    """What one process runs: ``clients`` chairs numbered from ``first``."""

    url: str
    first: int
    clients: int
    leidraad: str
    seconds: float
    interval: float
    poll: float


@dataclass
class Figures:
    """Milliseconds, by who did it (bobtui or raw psycopg)."""

    saves: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SAVERS})
    refresh: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in READERS})
    polls: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SAVERS})
    unseen: dict[str, int] = field(default_factory=lambda: dict.fromkeys(READERS, 0))
    errors: list[str] = field(default_factory=list)


def driver_url(url: str) -> str:
    """The libpq URL of a SQLAlchemy one (psycopg takes no ``+psycopg``)."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def replay(connection: Any, statements: list[Statement]) -> list[Any]:
    """Send ``statements`` as they are on a psycopg connection; the rows of the last one that
    returned any. The caller ends the transaction."""
    rows: list[Any] = []
    with connection.cursor() as cursor:
        for sql, values in statements:
            cursor.execute(sql, values)
            if cursor.description is not None:
                rows = cursor.fetchall()
    return rows


class Client:
    """One chair with its own meeting, store and raw connection."""

    def __init__(self, job: Job, number: int, question_set: Any) -> None:
        import psycopg

        from bobtui.core.domain.vocabulary import NoteKind
        from bobtui.core.session import MeetingSession
        from bobtui.core.store.engine import open_store

        self.store = open_store(job.url)
        self.session = MeetingSession.create(
            self.store, question_set, case_code=f"ZVH-2026-L{number:03d}", held_on=date.today()
        ).item
        self.session.claim_chair()
        self.session.start()
        self.kind = NoteKind.FEIT
        with caught(self.store.engine) as statements:
            self.session.record_note(self.kind, "De eerste notitie van deze voorzitter.")
        self.statements = statements
        self.raw = psycopg.connect(driver_url(job.url))
        self.job = job
        self.saved_at: dict[int, float] = {}

    @property
    def meeting_id(self) -> int:
        return self.session.meeting_id

    def save(self, saver: str, number: int) -> int:
        """One note saved, committed when this returns; its id."""
        if saver == "bobtui":
            text = f"Notitie {number} van de voorzitter, zojuist getypt."
            note_id: int = self.session.record_note(self.kind, text).item.id
            return note_id
        # On PostgreSQL the session takes the note's id from the sequence and then inserts it
        # (no RETURNING): the raw twin does the same, with the id it was given.
        note_id = None
        with self.raw.cursor() as cursor:
            for sql, values in self.statements:
                if sql.startswith("INSERT INTO note") and "id" in values:
                    values = {**values, "id": note_id}
                cursor.execute(sql, values)
                if "nextval" in sql or (sql.startswith("INSERT INTO note") and note_id is None):
                    row = cursor.fetchone()
                    assert row is not None
                    note_id = row[0]
        self.raw.commit()
        assert note_id is not None
        return int(note_id)

    def run(self, start: float, end: float, figures: Figures) -> None:
        """Save by turns until ``end``, one note every interval from a random moment on."""
        moment = start + random.uniform(0, self.job.interval)
        number = 0
        while moment < end:
            time.sleep(max(0.0, moment - time.perf_counter()))
            saver = SAVERS[number % 2]
            began = time.perf_counter()
            note_id = self.save(saver, number)
            done = time.perf_counter()
            self.saved_at[note_id] = done
            figures.saves[saver].append((done - began) * 1000)
            number += 1
            moment += self.job.interval


class Watcher:
    """The room view's poll of one meeting, and a raw poller beside it."""

    def __init__(self, job: Job, client: Client, catalog: Any) -> None:
        import psycopg

        from bobtui.core.session.room import RoomWatch
        from bobtui.core.store.changes import MeetingChanges
        from bobtui.core.store.engine import open_store

        self.job = job
        self.client = client
        self.store = open_store(job.url)
        self.watch = RoomWatch(self.store, client.meeting_id, catalog)
        with caught(self.store.engine) as poll:
            MeetingChanges(self.store, client.meeting_id).latest()
        with caught(client.store.engine) as notes:  # the session reads through its own
            client.session.notes()
        self.poll_sql, self.notes_sql = poll, notes
        self.raw = psycopg.connect(driver_url(job.url))
        self.seen: dict[str, dict[int, float]] = {reader: {} for reader in READERS}
        self.catalog = catalog

    def follow_bobtui(self, end: float, figures: Figures) -> None:
        while time.perf_counter() < end:
            began = time.perf_counter()
            picture = self.watch.poll()
            now = time.perf_counter()
            if picture is None:  # nothing changed: the poll alone
                figures.polls["bobtui"].append((now - began) * 1000)
            else:
                for notes in picture.notes.values():
                    for note in notes:
                        self.seen["bobtui"].setdefault(note.id, now)
            time.sleep(max(0.0, began + self.job.poll - time.perf_counter()))

    def follow_raw(self, end: float, figures: Figures) -> None:
        shown = None
        while time.perf_counter() < end:
            began = time.perf_counter()
            latest = replay(self.raw, self.poll_sql)
            self.raw.rollback()
            if latest == shown:
                figures.polls["raw psycopg"].append((time.perf_counter() - began) * 1000)
            else:
                rows = replay(self.raw, self.notes_sql)
                self.raw.rollback()
                now = time.perf_counter()
                for row in rows:
                    self.seen["raw psycopg"].setdefault(row[0], now)
                shown = latest
            time.sleep(max(0.0, began + self.job.poll - time.perf_counter()))

    def follow_notified(self, end: float, figures: Figures) -> None:
        """The meeting screen's way: each mark of the change feed, then the notes."""
        from bobtui.core.session import open_meeting

        session = open_meeting(self.store, self.client.meeting_id, self.catalog)
        feed = session.change_feed()
        timer = threading.Timer(max(0.0, end - time.perf_counter()), feed.close)
        timer.start()
        for _mark in feed.marks():
            notes = session.notes()
            now = time.perf_counter()
            for note in notes:
                self.seen[NOTIFIED].setdefault(note.id, now)
        timer.cancel()

    def delays(self, end: float, figures: Figures) -> None:
        """Seen minus saved, for every note saved at least a second before the end."""
        for reader, seen in self.seen.items():
            for note_id, saved in self.client.saved_at.items():
                if note_id in seen:
                    figures.refresh[reader].append(max(0.0, seen[note_id] - saved) * 1000)
                elif saved < end - 1:
                    figures.unseen[reader] += 1


def _guarded(target: Any, figures: Figures, *arguments: Any) -> threading.Thread:
    def run() -> None:
        try:
            target(*arguments, figures)
        except Exception:
            figures.errors.append(traceback.format_exc(limit=3))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def client_process(job: Job, ready: "Queue[Any]", go: Event, results: "Queue[Any]") -> None:
    """Set up ``job``'s chairs and watcher, say so on ``ready``, wait for ``go``, save for
    ``job.seconds`` and put the :class:`Figures` on ``results``."""
    figures = Figures()
    try:
        from bobtui.core.questions.sets import default_catalog

        catalog = default_catalog()
        question_set = catalog.get(job.leidraad)
        clients = [Client(job, n, question_set) for n in range(job.first, job.first + job.clients)]
        watcher = Watcher(job, clients[0], catalog)
    except Exception:
        figures.errors.append(traceback.format_exc(limit=5))
        ready.put(job.first)
        results.put(figures)
        return
    ready.put(job.first)
    go.wait()
    start = time.perf_counter()
    end = start + job.seconds
    threads = [_guarded(client.run, figures, start, end) for client in clients]
    watch_end = end + 1.5  # the last saves get their time to be seen
    threads += [
        _guarded(watcher.follow_bobtui, figures, watch_end),
        _guarded(watcher.follow_raw, figures, watch_end),
        _guarded(watcher.follow_notified, figures, watch_end),
    ]
    for thread in threads:
        thread.join()
    watcher.delays(end, figures)
    results.put(figures)
