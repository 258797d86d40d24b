"""Text typed on the note line but not yet saved: kept as a draft, so Esc, quitting, a crash
or a failed save never drops it; it comes back when the meeting is opened again.

A draft is a private file (0600) in bobtui's data folder, one per store and meeting; it never
enters the store or an export, and it is removed as soon as its text has been saved as a note.
"""

import hashlib
import os
from pathlib import Path

from bobtui.core.config.paths import Paths


def _draft_path(paths: Paths, store_url: str, meeting_id: int) -> Path:
    store = hashlib.sha256(store_url.encode()).hexdigest()[:12]
    return paths.data_dir / "concepten" / f"{store}-{meeting_id}.txt"


def save_draft(paths: Paths, store_url: str, meeting_id: int, text: str) -> None:
    """Keep ``text`` as the meeting's draft (whole or not at all); empty text removes it."""
    path = _draft_path(paths, store_url, meeting_id)
    if not text.strip():
        path.unlink(missing_ok=True)
        return
    paths.ensure_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    temporary.replace(path)


def load_draft(paths: Paths, store_url: str, meeting_id: int) -> str:
    """The meeting's draft, or empty text when there is none."""
    try:
        return _draft_path(paths, store_url, meeting_id).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


def clear_draft(paths: Paths, store_url: str, meeting_id: int) -> None:
    _draft_path(paths, store_url, meeting_id).unlink(missing_ok=True)
