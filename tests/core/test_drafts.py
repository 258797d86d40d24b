"""Drafts of the note line and notes waiting to be saved: private, per store and meeting,
gone once saved."""

import stat
from datetime import UTC, datetime
from typing import Any

import pytest

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import BobError, SaveFailed
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session.drafts import (
    PendingNote,
    PendingNotes,
    clear_draft,
    load_draft,
    save_draft,
)
from bobtui.core.session.meeting import MeetingSession
from tests.conftest import FakeClock, configured_paths

URL = "sqlite:////tmp/eigen.sqlite3"


def test_a_draft_is_kept_privately_per_store_and_meeting() -> None:
    paths = configured_paths()
    assert load_draft(paths, URL, 7) == ""
    save_draft(paths, URL, 7, "Half getypt: moeder zegt")
    assert load_draft(paths, URL, 7) == "Half getypt: moeder zegt"
    assert load_draft(paths, URL, 8) == "" and load_draft(paths, "sqlite:////ander.db", 7) == ""
    (draft,) = (paths.data_dir / "concepten").iterdir()
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    save_draft(paths, URL, 7, "   ")  # an emptied line is no draft
    assert load_draft(paths, URL, 7) == ""
    save_draft(paths, URL, 7, "Weer iets")
    clear_draft(paths, URL, 7)
    assert load_draft(paths, URL, 7) == "" and not list((paths.data_dir / "concepten").iterdir())


def _note(text: str) -> PendingNote:
    return PendingNote(NoteKind.FEIT, text, "vb-aanleiding", None, False, datetime.now(UTC))


class _FlakyStore:
    """A session stand-in whose store takes ``takes`` notes and then refuses."""

    def __init__(self, takes: int) -> None:
        self.takes = takes
        self.saved: list[str] = []

    def record_note(self, kind: NoteKind, text: str, **_: object) -> None:
        if len(self.saved) == self.takes:
            raise SaveFailed.because(OSError("database is locked"))
        self.saved.append(text)


def test_pending_notes_survive_a_restart_privately_and_are_saved_in_order() -> None:
    paths = configured_paths()
    waiting = PendingNotes(paths, URL, 7)
    for text in ("een", "twee", "drie"):
        waiting.add(_note(text))
    (file,) = (paths.data_dir / "wachtrij").iterdir()
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    again = PendingNotes(paths, URL, 7)  # after a crash
    assert [n.text for n in again] == ["een", "twee", "drie"]
    assert len(PendingNotes(paths, URL, 8)) == 0
    store = _FlakyStore(takes=1)
    error = again.save_all(store)  # type: ignore[arg-type]
    assert isinstance(error, SaveFailed) and "bezet" in error.what
    assert store.saved == ["een"] and [n.text for n in PendingNotes(paths, URL, 7)] == [
        "twee",
        "drie",
    ]
    store.takes = 3
    assert again.save_all(store) is None  # type: ignore[arg-type]
    assert store.saved == ["een", "twee", "drie"] and not file.exists()


def test_an_unreadable_queue_is_named_and_left_alone() -> None:
    paths = configured_paths()
    PendingNotes(paths, URL, 9).add(_note("een"))
    (file,) = (paths.data_dir / "wachtrij").iterdir()
    file.write_text("{kapot", encoding="utf-8")
    with pytest.raises(BobError) as refused:
        PendingNotes(paths, URL, 9)
    assert str(file) in str(refused.value) and file.read_text(encoding="utf-8") == "{kapot"


def test_a_note_whose_confirmation_was_lost_is_not_saved_twice(
    session: MeetingSession, clock: FakeClock
) -> None:
    """The commit went through but the connection broke before it was confirmed (the server
    went down, a cable was pulled): the note stays in the queue, and the next round finds it
    in the store instead of saving it again; so does a window opened after a crash."""
    session.start()
    paths = configured_paths()
    waiting = PendingNotes(paths, session.store.url, session.meeting_id)
    question = session.position().question.id  # type: ignore[union-attr]
    first = waiting.add(PendingNote(NoteKind.FEIT, "Een", question, None, False, clock()))
    second = waiting.add(PendingNote(NoteKind.FEIT, "Een", question, None, False, clock()))
    assert second.typed_at > first.typed_at  # the same text at the same moment: two notes
    saving = session.record_note
    calls: list[str] = []

    def committed_then_cut_off(*args: Any, **kwargs: Any) -> Any:
        saved = saving(*args, **kwargs)
        calls.append(args[1])
        if len(calls) == 1:
            raise SaveFailed.because(OSError("server closed the connection unexpectedly"))
        return saved

    session.record_note = committed_then_cut_off  # type: ignore[method-assign]
    error = waiting.save_all(session)
    assert isinstance(error, SaveFailed) and len(waiting) == 2
    assert waiting.save_all(session) is None and not len(waiting)
    assert [(n.text, n.created_at) for n in session.notes()] == [
        ("Een", first.typed_at),
        ("Een", second.typed_at),
    ]

    third = PendingNote(NoteKind.ZORG, "Na de crash", question, None, False, clock())
    waiting.add(third)
    session.record_note = saving  # type: ignore[method-assign]
    saving(NoteKind.ZORG, "Na de crash", typed_at=waiting_moment(paths, session))
    after_crash = PendingNotes(paths, session.store.url, session.meeting_id)
    assert after_crash.save_all(session) is None
    assert [n.text for n in session.notes()].count("Na de crash") == 1


def waiting_moment(paths: Paths, session: MeetingSession) -> datetime:
    """The moment of the one note waiting in the meeting's queue file."""
    (note,) = PendingNotes(paths, session.store.url, session.meeting_id)
    return note.typed_at
