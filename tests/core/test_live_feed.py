"""A meeting's change feed: on PostgreSQL a commit elsewhere arrives by NOTIFY alone (every poll
set to an hour), also after the listening connection was cut; a notification carries ids and
nothing of the case. On SQLite the feed polls. A note keeps who typed it, which no client can
forge or edit away."""

import getpass
import json
import queue
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import text

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session import MeetingSession
from bobtui.core.store import live
from bobtui.core.store.engine import Store
from bobtui.core.store.live import ChangeFeed
from bobtui.core.store.live_triggers import channel

HOUR = 3600.0
WAIT = 10.0  # how long a test waits for what should come at once; never a figure asserted


def follow(feed: ChangeFeed) -> tuple["queue.Queue[int | None]", threading.Thread]:
    """Iterate ``feed`` on a thread of its own, as the meeting screen does."""
    marks: queue.Queue[int | None] = queue.Queue()

    def run() -> None:
        for mark in feed.marks():
            marks.put(mark)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return marks, thread


def stop(feed: ChangeFeed, thread: threading.Thread) -> None:
    feed.close()
    thread.join(WAIT)
    assert not thread.is_alive()  # woken at once, its connection closed


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def driver_url(store: Store) -> str:
    return store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def listeners(store: Store) -> set[int]:
    """The backends of this database that LISTEN (the feed's connection)."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()"
            )
        )
        return {row.pid for row in rows}


@pytest.fixture
def running(session: MeetingSession) -> MeetingSession:
    session.add_participant("Moeder", is_client=True)
    session.start()
    return session


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_note_committed_elsewhere_arrives_by_notify_alone(
    running: MeetingSession, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("POLL_SECONDS", "LISTENING_POLL_SECONDS", "RECONNECT_SECONDS"):
        monkeypatch.setattr(live, name, HOUR)
    feed = ChangeFeed(store, running.meeting_id)
    marks, thread = follow(feed)
    assert marks.get(timeout=WAIT) == running.latest_change()  # read once on listening
    assert feed.listening
    running.record_note(NoteKind.FEIT, "Moeder belde gisteren")
    assert marks.get(timeout=WAIT) == running.latest_change()  # no poll for an hour: NOTIFY
    running.record_note(NoteKind.ZORG, "School maakt zich zorgen")
    assert marks.get(timeout=WAIT) == running.latest_change()
    stop(feed, thread)
    assert listeners(store) == set()


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_feed_whose_connection_is_cut_polls_and_listens_again(
    running: MeetingSession, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "LISTENING_POLL_SECONDS", HOUR)
    monkeypatch.setattr(live, "RECONNECT_SECONDS", 0.0)
    feed = ChangeFeed(store, running.meeting_id)
    marks, thread = follow(feed)
    assert marks.get(timeout=WAIT) == running.latest_change()
    (first,) = listeners(store)
    with store.engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    wait_for(lambda: len(listeners(store) - {first}) == 1, "a new listening connection")
    running.record_note(NoteKind.FEIT, "Na de onderbreking")
    assert marks.get(timeout=WAIT) == running.latest_change()
    stop(feed, thread)


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_notification_carries_ids_and_nothing_of_the_case(
    running: MeetingSession, store: Store
) -> None:
    secret = "Moeder vertelde over haar schulden"
    with psycopg.connect(driver_url(store), autocommit=True) as listener:
        listener.execute(f"LISTEN {channel(running.meeting_id)}")
        note = running.record_note(NoteKind.FEIT, secret).item
        running.edit_note(note.id, text=f"{secret} bij de bank")
        running.record_decision(
            "Budgetcoach regelen voor moeder",
            owner_person="Sanne",
            owner_organisation="Wijkteam",
            deadline=running.today() + timedelta(days=7),
        )
        received = list(listener.notifies(timeout=WAIT, stop_after=6))
    payloads = [json.loads(notification.payload) for notification in received]
    events = [p["event"] for p in payloads if p["event"] is not None]
    # One each for the note, its edit and the decision, and for the event each appended.
    assert len(payloads) == 6 and len(events) == 3
    assert all(set(p) == {"meeting", "event"} for p in payloads)
    assert all(p["meeting"] == running.meeting_id for p in payloads)
    assert max(events) == running.latest_change()
    for notification in received:
        assert notification.channel == channel(running.meeting_id)
        for word in ("Moeder", "schulden", "Sanne", "Wijkteam", "ZVH-TEST-001"):
            assert word not in notification.payload


def test_the_feed_reports_a_note_on_either_store(running: MeetingSession, store: Store) -> None:
    """SQLite polls; PostgreSQL listens."""
    feed = ChangeFeed(store, running.meeting_id)
    marks, thread = follow(feed)
    running.record_note(NoteKind.FEIT, "Eerste")
    mark = marks.get(timeout=WAIT)
    while mark != running.latest_change():  # the start's mark may come first
        mark = marks.get(timeout=WAIT)
    stop(feed, thread)


def test_a_note_keeps_who_typed_it(running: MeetingSession, store: Store) -> None:
    note = running.record_note(NoteKind.FEIT, "Wie typte dit").item
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as connection:
            login = connection.execute(text("SELECT session_user")).scalar_one()
    else:
        login = getpass.getuser()
    assert note.author == login == running.author
    assert [n.author for n in running.notes()] == [login]
    with pytest.raises(RuleViolation):
        running.edit_note(note.id, author="iemand anders")
    assert running.notes()[0].author == login


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_the_database_sets_the_author_whatever_a_client_sends(
    running: MeetingSession, store: Store
) -> None:
    note = running.record_note(NoteKind.FEIT, "Echt van mij").item
    with store.engine.begin() as connection:
        login = connection.execute(text("SELECT session_user")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO note (meeting_id, kind, text, phase, confidential, created_at, "
                "updated_at, author) SELECT meeting_id, kind, 'Vervalst', phase, false, "
                "created_at, updated_at, 'vervalst' FROM note WHERE id = :id"
            ),
            {"id": note.id},
        )
        connection.execute(
            text("UPDATE note SET author = 'vervalst' WHERE id = :id"), {"id": note.id}
        )
    assert {n.author for n in running.notes()} == {login}
