"""A failed save never loses the note: the store locked by another program, a full disk, a
read-only store. The session refuses with one Dutch sentence (no database message, which could
quote the note), nothing half-saved, and the same call works once the fault is gone; in the app
the text stays on the note line."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from textual.widgets import Static, TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.errors import SaveFailed
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.session.drafts import PendingNote, PendingNotes
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.screens._note_taking import NoteTakingScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.widgets.list_table import ListTable
from tests.conftest import configured_paths
from tests.postgres import postgres_server
from tests.ui.test_meeting_screen import open_meeting_screen, until

NOTE = "Moeder zegt dat 111222333 haar nummer is"


@pytest.fixture
def running(tmp_path: Path, example_set: QuestionSet) -> Iterator[MeetingSession]:
    store = open_store(sqlite_url(tmp_path / "fout.sqlite3"))
    session = MeetingSession.create(
        store, example_set, case_code="ZVH-FOUT", held_on=date.today()
    ).item
    session.start()
    yield session
    store.dispose()


@contextmanager
def locked_by_another_program(path: Path) -> Iterator[None]:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@contextmanager
def every_new_connection(store: Store, pragma: str) -> Iterator[None]:
    """Fresh connections from the pool, each with ``pragma`` (SQLite pragmas are per connection)."""

    def apply(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(pragma)

    store.engine.dispose()
    event.listen(store.engine, "connect", apply)
    try:
        yield
    finally:
        event.remove(store.engine, "connect", apply)
        store.engine.dispose()


def path_of(session: MeetingSession) -> Path:
    return Path(session.store.url.removeprefix("sqlite:///"))


def assert_refused_then_saved(
    session: MeetingSession, fault: Any, expected: str, text: str = NOTE
) -> None:
    with fault, pytest.raises(SaveFailed) as refused:
        session.record_note(NoteKind.FEIT, text)
    message = str(refused.value)
    assert expected in message and "niets verloren" in message
    assert NOTE not in message and "111222333" not in message
    assert session.notes() == []  # nothing half-saved
    session.record_note(NoteKind.FEIT, text)  # the fault is gone: the same call works
    assert [n.text for n in session.notes()] == [text]


def test_a_store_locked_by_another_program(running: MeetingSession) -> None:
    assert_refused_then_saved(running, locked_by_another_program(path_of(running)), "bezet")


def test_a_full_disk(running: MeetingSession) -> None:
    with sqlite3.connect(path_of(running)) as probe:
        (pages,) = probe.execute("PRAGMA page_count").fetchone()
    probe.close()
    full = every_new_connection(running.store, f"PRAGMA max_page_count = {pages}")
    # A long note needs pages the database may no longer grow by.
    assert_refused_then_saved(running, full, "vol", text=" ".join([NOTE] * 400))


def test_a_read_only_store(running: MeetingSession) -> None:
    read_only = every_new_connection(running.store, "PRAGMA query_only = ON")
    assert_refused_then_saved(running, read_only, "alleen-lezen")


async def test_in_the_app_a_note_that_cannot_be_saved_waits_and_is_saved_in_its_turn(
    tmp_path: Path, example_as_user_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is locked: the note leaves the line for the pending notes (on this computer,
    shown over the line), the chair types on; once the lock is gone the notes are saved by
    themselves, in order, as they were typed."""
    monkeypatch.setattr(NoteTakingScreen, "RETRY_INTERVAL", 0.5)
    path = tmp_path / "app.sqlite3"
    store = open_store(sqlite_url(path))
    MeetingSession.create(store, example_as_user_set, case_code="ZVH-SLOT", held_on=date.today())
    store.dispose()
    app = BobApp(StoreChoice(url=sqlite_url(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        line = screen.query_one("#note-editor", TextArea)
        first_question = screen.session.position().question.id  # type: ignore[union-attr]
        with locked_by_another_program(path):
            await pilot.press(*"Eerste notitie, bij een bezette opslag", "enter")
            await until(pilot, lambda: len(screen.pending or ()) == 1, "the note waiting")
            assert app.is_running and line.text == ""  # at once: the save runs off the loop
            banner = screen.query_one("#note-pending", Static)
            await until(pilot, lambda: "bezet" in str(banner.render()), "the failed save")
            assert "1 notitie nog niet opgeslagen" in str(banner.render())
            assert screen.check_action("save_pending", ()) is True  # F12 in the footer
            await pilot.press("ctrl+t", *"Tweede, als aanname", "enter")
            await until(pilot, lambda: len(screen.pending or ()) == 2, "two waiting")
        await until(pilot, lambda: not screen.pending, "the waiting notes saved")
        notes = screen.session.notes()
        assert [n.text for n in notes] == [
            "Eerste notitie, bij een bezette opslag",
            "Tweede, als aanname",
        ]
        assert [n.kind for n in notes] == [NoteKind.FEIT, NoteKind.AANNAME]
        assert {n.question_id for n in notes} == {first_question}
        # The queue empties in the saver's thread; the banner goes when the event loop hears.
        await until(pilot, lambda: not banner.display, "the banner gone")
        assert not list((configured_paths().data_dir / "wachtrij").iterdir())


async def test_a_note_neither_saved_nor_kept_stays_on_the_line_and_says_so(
    tmp_path: Path, example_as_user_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store locked and this computer's disk refusing the pending notes too: the note
    stays on the line, and the chair is told, whether or not notes were waiting already."""
    path = tmp_path / "app.sqlite3"
    store = open_store(sqlite_url(path))
    MeetingSession.create(store, example_as_user_set, case_code="ZVH-VOL", held_on=date.today())
    store.dispose()
    app = BobApp(StoreChoice(url=sqlite_url(path)))

    def disk_refuses(*_: object) -> None:
        raise OSError("No space left on device")

    def told() -> bool:
        return any("blijft op de notitieregel" in n.message for n in app._notifications)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        line = screen.query_one("#note-editor", TextArea)
        with locked_by_another_program(path):
            monkeypatch.setattr(PendingNotes, "add", disk_refuses)
            await pilot.press(*"Eerste", "enter")
            await until(pilot, told, "the message")
            assert line.text == "Eerste" and not screen.pending
            monkeypatch.undo()
            await pilot.press("enter")
            await until(pilot, lambda: len(screen.pending or ()) == 1, "the note waiting")
            app._notifications.clear()
            monkeypatch.setattr(PendingNotes, "add", disk_refuses)
            await pilot.press(*"Tweede", "enter")  # behind the waiting one: queued, or kept
            await until(pilot, told, "the message with a note waiting")
            assert line.text == "Tweede" and len(screen.pending or ()) == 1
            monkeypatch.undo()


async def test_notes_left_waiting_by_a_crash_are_saved_when_the_meeting_opens(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    path = tmp_path / "app.sqlite3"
    url = sqlite_url(path)
    store = open_store(url)
    session = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-CRASH", held_on=date.today()
    ).item
    session.start()
    said = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    waiting = PendingNotes(configured_paths(), url, session.meeting_id)
    question = list(example_as_user_set.phases[0].questions())[1].id  # not where it is
    waiting.add(PendingNote(NoteKind.ZORG, "Van voor de crash", question, None, False, said))
    session.release_chair()  # as a crashed window's chair counts: free
    store.dispose()
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: (
                bool(app.screen.query(ListTable)) and app.screen.query_one(ListTable).row_count == 1
            ),
            "the meeting in the list",  # Enter on a list still loading opens nothing
        )
        await pilot.press("enter")  # a running meeting opens on the meeting screen
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        screen = app.screen
        await until(pilot, lambda: bool(screen.session.notes()), "the waiting note saved")
        (note,) = screen.session.notes()
        assert (note.text, note.kind, note.question_id) == (
            "Van voor de crash",
            NoteKind.ZORG,
            question,
        )
        assert note.created_at == said


@pytest.mark.postgres
async def test_postgresql_stopped_mid_meeting_loses_no_note(
    example_as_user_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The team's server goes down while the chair types: the app stays, the notes wait on
    this computer, and they are saved once the server is back (its old connections dead)."""
    monkeypatch.setattr(NoteTakingScreen, "RETRY_INTERVAL", 0.5)
    with postgres_server() as server:
        url = server.new_database("team")
        store = open_store(url)
        MeetingSession.create(
            store, example_as_user_set, case_code="ZVH-TEAM", held_on=date.today()
        )
        store.dispose()
        app = BobApp(StoreChoice(url=url))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_meeting_screen(pilot, app)
            await pilot.press(*"Voor de storing", "enter")
            await until(pilot, lambda: len(screen.session.notes()) == 1, "the first note")
            server.stop()
            await pilot.press(*"Tijdens de storing", "enter")
            await until(pilot, lambda: len(screen.pending or ()) == 1, "the note waiting")
            screen.request_snapshot()  # reading fails too: a sentence, not a crash
            await pilot.press("ctrl+t", *"Nog een", "enter")
            await until(pilot, lambda: len(screen.pending or ()) == 2, "two waiting")
            shown = str(screen.query_one("#note-pending", Static).render())
            assert "verbinding met de database is weg" in shown
            assert app.is_running
            server.start()
            await until(pilot, lambda: not screen.pending, "the waiting notes saved")
            assert [n.text for n in screen.session.notes()] == [
                "Voor de storing",
                "Tijdens de storing",
                "Nog een",
            ]
