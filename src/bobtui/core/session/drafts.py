"""Text typed on the note line but not in the store yet, kept on this computer.

Two kinds: the *draft* (what is on the line now, kept so Esc, quitting or a crash never drops
it; it comes back when the meeting is opened again) and the *pending notes* (notes whose save
failed, because the store was locked, full, read-only or away: kept in order and saved as soon
as the store takes them again, also after a restart).

Both are private files (0600) in bobtui's data folder, one per store and meeting; they never
enter an export, and they are removed as soon as their text is in the store.
"""

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import BobError, StoreTrouble
from bobtui.core.domain.records import NoteRecord, Saved
from bobtui.core.domain.vocabulary import NoteKind

if TYPE_CHECKING:
    from bobtui.core.session.meeting import MeetingSession


def _local_path(paths: Paths, folder: str, store_url: str, meeting_id: int, suffix: str) -> Path:
    store = hashlib.sha256(store_url.encode()).hexdigest()[:12]
    return paths.data_dir / folder / f"{store}-{meeting_id}.{suffix}"


def _write_private(paths: Paths, path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all, readable only by the user."""
    paths.ensure_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    temporary.replace(path)


def _draft_path(paths: Paths, store_url: str, meeting_id: int) -> Path:
    return _local_path(paths, "concepten", store_url, meeting_id, "txt")


def save_draft(paths: Paths, store_url: str, meeting_id: int, text: str) -> None:
    """Keep ``text`` as the meeting's draft (whole or not at all); empty text removes it."""
    path = _draft_path(paths, store_url, meeting_id)
    if not text.strip():
        path.unlink(missing_ok=True)
        return
    _write_private(paths, path, text)


def load_draft(paths: Paths, store_url: str, meeting_id: int) -> str:
    """The meeting's draft, or empty text when there is none."""
    try:
        return _draft_path(paths, store_url, meeting_id).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


def clear_draft(paths: Paths, store_url: str, meeting_id: int) -> None:
    _draft_path(paths, store_url, meeting_id).unlink(missing_ok=True)


@dataclass(frozen=True)
class PendingNote:
    """A note as it was typed: on its window's question, at its moment."""

    kind: NoteKind
    text: str
    question_id: str
    participant_id: int | None
    confidential: bool
    typed_at: datetime

    def save(self, session: "MeetingSession", *, once: bool = False) -> Saved[NoteRecord]:
        """Save this note where and when it was typed (``once``: see ``record_note``)."""
        return session.record_note(
            self.kind,
            self.text,
            participant_id=self.participant_id,
            question_id=self.question_id,
            confidential=self.confidential,
            typed_at=self.typed_at,
            once=once,
        )


class PendingNotes:
    """The notes of one meeting that are not in the store yet, oldest first.

    Every change is written to the private file before it counts, so a note that is pending
    survives a crash; :meth:`save_all` puts them in the store in the order they were typed.

    Saving twice is prevented without an id of the note's own: within a queue every note has
    its own moment (``typed_at``, moved on by a microsecond where the clock did not move), and
    a note whose earlier attempt may have reached the store (its save failed on the way, or it
    was read from the file after a crash) is looked up by meeting, moment and text first
    (``MeetingSession.record_note(once=True)``)."""

    def __init__(self, paths: Paths, store_url: str, meeting_id: int) -> None:
        self._paths = paths
        self._path = _local_path(paths, "wachtrij", store_url, meeting_id, "json")
        self._notes = self._read()
        self._uncertain = set(self._notes)  # may be in the store: checked before saving
        self._last_typed = max((n.typed_at for n in self._notes), default=None)
        self._changing = threading.Lock()  # a note is added while the others are being saved
        self._saving = threading.Lock()  # one saver at a time, or a note would be saved twice

    def __len__(self) -> int:
        return len(self._notes)

    def __iter__(self) -> Iterator[PendingNote]:
        return iter(self._notes)

    def add(self, note: PendingNote) -> PendingNote:
        """Queue ``note`` and return it as queued (its moment after every other's); raises
        OSError when even this computer's disk refuses it."""
        with self._changing:
            if self._last_typed is not None and note.typed_at <= self._last_typed:
                note = replace(note, typed_at=self._last_typed + timedelta(microseconds=1))
            self._keep([*self._notes, note])
            self._last_typed = note.typed_at
        return note

    def save_all(
        self,
        session: "MeetingSession",
        saved: Callable[[PendingNote, NoteRecord], None] | None = None,
    ) -> BobError | None:
        """Save the pending notes in order; stop at the first that fails and return why.
        ``saved`` hears of each note the store confirmed, with its record."""
        with self._saving:
            while self._notes:
                note = self._notes[0]
                try:
                    result = note.save(session, once=note in self._uncertain)
                except StoreTrouble as error:  # the commit may have gone through all the same
                    self._uncertain.add(note)
                    return error
                except BobError as error:
                    return error
                with self._changing:
                    self._keep(self._notes[1:])
                self._uncertain.discard(note)
                if saved is not None:
                    saved(note, result.item)
        return None

    def take_all(self) -> list[PendingNote]:
        """Take every note out of the queue (the store refuses them for good: the caller puts
        them back where the user can see them)."""
        with self._saving, self._changing:
            notes = self._notes
            self._keep([])
            self._uncertain.clear()
        return notes

    def _keep(self, notes: list[PendingNote]) -> None:
        if notes:
            rows = [
                {**asdict(n), "kind": n.kind.value, "typed_at": n.typed_at.isoformat()}
                for n in notes
            ]
            _write_private(self._paths, self._path, json.dumps(rows, ensure_ascii=False))
        else:
            self._path.unlink(missing_ok=True)
        self._notes = notes

    def _read(self) -> list[PendingNote]:
        try:
            rows = json.loads(self._path.read_text(encoding="utf-8"))
            return [
                PendingNote(
                    kind=NoteKind(row["kind"]),
                    text=str(row["text"]),
                    question_id=str(row["question_id"]),
                    participant_id=row["participant_id"],
                    confidential=bool(row["confidential"]),
                    typed_at=datetime.fromisoformat(row["typed_at"]),
                )
                for row in rows
            ]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BobError(
                f"De wachtende notities in {self._path} zijn onleesbaar; het bestand blijft "
                "staan, een notitie die niet opgeslagen kan worden blijft op de notitieregel."
            ) from error
