"""Drafts of the note line and notes waiting to be saved: private, per store and meeting,
gone once saved."""

import stat
from datetime import UTC, datetime

import pytest

from bobtui.core.domain.errors import BobError, SaveFailed
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session.drafts import (
    PendingNote,
    PendingNotes,
    clear_draft,
    load_draft,
    save_draft,
)
from tests.conftest import configured_paths

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
