"""A failed save never loses the note: the store locked by another program, a full disk, a
read-only store. The session refuses with one Dutch sentence (no database message, which could
quote the note), nothing half-saved, and the same call works once the fault is gone; in the app
the text stays on the note line."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from textual.widgets import TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.errors import SaveFailed
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
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


async def test_in_the_app_the_note_stays_on_the_line_and_saves_once_the_lock_is_gone(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    path = tmp_path / "app.sqlite3"
    store = open_store(sqlite_url(path))
    session = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-SLOT", held_on=date.today()
    ).item
    store.dispose()
    app = BobApp(StoreChoice(url=sqlite_url(path)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        line = screen.query_one("#note-editor", TextArea)
        with locked_by_another_program(path):
            await pilot.press(*"Een notitie die niet verloren mag gaan", "enter")
            await until(pilot, lambda: not app.is_running or bool(app._notifications), "a notice")
            assert app.is_running
            assert line.text == "Een notitie die niet verloren mag gaan"
        await pilot.press("enter")
        await until(pilot, lambda: line.text == "", "the note saved")
        assert [n.text for n in screen.session.notes()] == [
            "Een notitie die niet verloren mag gaan"
        ]
    assert session.meeting_id == screen.session.meeting_id
