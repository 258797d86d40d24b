"""SQLite store files: what a file is before bobtui touches it, checks, and backups.

A file is inspected read-only first (``immutable=1``: no journal, no -shm, no lock, not a byte
written), so a database of another program, a mistyped path or a damaged file is refused with
one Dutch sentence and left exactly as it was. Backups use SQLite's online backup API, which
makes a consistent copy even while a meeting is being chaired in another window.
"""

import enum
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"


class FileKind(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    """A file with no tables yet (bobtui creates the file before the schema)."""
    BOBTUI = "bobtui"
    FOREIGN = "foreign"
    """A SQLite database with tables, but not bobtui's."""
    NOT_SQLITE = "not_sqlite"
    DAMAGED = "damaged"


class DamagedStore(StoreError):
    """The store file is damaged; the message names the file and the newest backup."""


def _read_only_uri(path: Path) -> str:
    return f"file:{path.resolve().as_posix()}?mode=ro&immutable=1"


def inspect_file(path: Path) -> FileKind:
    """What ``path`` holds, found without changing it in any way."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.MISSING
    except OSError as error:
        raise StoreError(f"{path} kan niet worden gelezen ({error.strerror}).") from None
    if not header:
        return FileKind.EMPTY
    if header != SQLITE_HEADER:
        return FileKind.NOT_SQLITE
    if _truncated(path):
        return FileKind.DAMAGED
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
            tables = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
    except sqlite3.DatabaseError:
        return FileKind.DAMAGED
    if not tables:
        return FileKind.EMPTY
    if {"alembic_version", "meeting", "meetingevent"} <= tables:
        return FileKind.BOBTUI
    return FileKind.FOREIGN


def _truncated(path: Path) -> bool:
    """The cheap check on every open: a file shorter than its header says has lost pages.

    (The header's page count is only valid when its "valid-for" counter matches the change
    counter; pages still in the WAL are not counted in the main file, so fewer is fine there.)
    """
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = header[24:28], int.from_bytes(header[28:32], "big")
    valid = header[92:96] == change_counter
    return valid and path.stat().st_size < pages * page_size


def create_private_file(path: Path, paths: Paths) -> None:
    """A new, empty database file readable by its owner only (0600), in a private folder.

    SQLite gives its -wal and -shm files the permissions of the database file.
    """
    try:
        paths.ensure_private_dir(path.parent)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        return  # another window created it a moment ago
    except OSError as error:
        raise StoreError(
            f"De opslag kan niet worden aangemaakt in {path.parent} ({error.strerror})."
        ) from None
    os.close(descriptor)


def quick_check(connection: sqlite3.Connection) -> bool:
    """SQLite's quick integrity check (every page and index, without cross-checking indexes)."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


# --- backups ---------------------------------------------------------------------------------


def backup_folder(paths: Paths) -> Path:
    return paths.data_dir / "backups"


def _prefix(store: Path) -> str:
    """Backups of one store share a prefix: its name and a short hash of where it lives."""
    where = hashlib.sha256(str(store.resolve()).encode()).hexdigest()[:6]
    return f"{store.stem}-{where}-"


def backups_of(store: Path, paths: Paths) -> list[Path]:
    """The backups of ``store``, newest first."""
    folder = backup_folder(paths)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(_prefix(store) + "*" + BACKUP_SUFFIX) if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_date(backup: Path) -> date | None:
    """The day a backup was made, from its name (``…-20261214-093000-dagelijks.sqlite3``)."""
    found = re.search(r"-(\d{8})-\d{6}-", backup.name)
    if found is None:
        return None
    try:
        return datetime.strptime(found.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def newest_backup_note(store: Path, paths: Paths) -> str:
    """Half a sentence for an error message: where the newest backup is, or that there is none."""
    backups = backups_of(store, paths)
    if not backups:
        return "er is nog geen reservekopie"
    return f"de nieuwste reservekopie is {backups[0]} (terugzetten: bobtui herstel {backups[0]})"


def backed_up_today(store: Path, paths: Paths, now: datetime) -> bool:
    """Whether a backup of ``store`` was made on ``now``'s date (names start with the date)."""
    day = _prefix(store) + now.strftime("%Y%m%d")
    return any(backup.name.startswith(day) for backup in backups_of(store, paths))


@contextmanager
def _private_temporary(target: Path) -> Iterator[Path]:
    """A 0600 temporary file beside ``target``; removed unless it was moved into place."""
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    descriptor = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_RDWR, 0o600)
    os.close(descriptor)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open database ``source`` at ``target`` (0600, whole or absent)."""
    with _private_temporary(target) as temporary:
        with closing(sqlite3.connect(temporary)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        temporary.replace(target)
    return target


def copy_damaged_file(store: Path, paths: Paths, now: datetime) -> Path:
    """A byte copy of a store too damaged for SQLite to read, kept before it is overwritten."""
    folder = paths.ensure_private_dir(backup_folder(paths))
    target = folder / f"{_prefix(store)}{now.strftime(_STAMP)}-beschadigd{BACKUP_SUFFIX}"
    with _private_temporary(target) as temporary:
        temporary.write_bytes(store.read_bytes())
        temporary.replace(target)
    return target


def make_backup(
    source: sqlite3.Connection, store: Path, paths: Paths, reason: str, now: datetime, keep: int
) -> Path:
    """Back up the store into bobtui's backup folder and keep the newest ``keep`` backups."""
    folder = paths.ensure_private_dir(backup_folder(paths))
    target = folder / f"{_prefix(store)}{now.strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"
    copy_database(source, target)
    for old in backups_of(store, paths)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return target


def check_file(path: Path, paths: Paths, *, create: bool) -> None:
    """Refuse, before anything touches it, a file bobtui must not open; make a new one private."""
    kind = inspect_file(path)
    if kind is FileKind.MISSING and create:
        create_private_file(path, paths)
    elif kind in (FileKind.MISSING, FileKind.EMPTY) and not create:
        raise StoreError(
            f"Er is geen opslag in {path}; open de app (bobtui) of de demo (bobtui demo) om te "
            "beginnen, of geef de juiste --database of --data-dir."
        )
    elif kind is FileKind.FOREIGN:
        raise StoreError(
            f"{path} is een database van een ander programma; bobtui opent hem niet en "
            "verandert er niets aan."
        )
    elif kind is FileKind.NOT_SQLITE:
        raise StoreError(f"{path} is geen SQLite-database; bobtui verandert er niets aan.")
    elif kind is FileKind.DAMAGED:
        raise damaged(path, paths)


def damaged(path: Path, paths: Paths) -> DamagedStore:
    return DamagedStore(f"De opslag {path} is beschadigd; {newest_backup_note(path, paths)}.")
