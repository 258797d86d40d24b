"""Foreign, mistyped, in-memory and damaged stores; backups and restoring one.

A file that is not bobtui's is refused and left exactly as it was: its bytes, its journal mode,
its permissions, and no -wal or -shm beside it.
"""

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bobtui.core.config.settings import load_settings
from bobtui.core.domain.errors import StoreError
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import backup_store, open_store, restore_store, sqlite_url
from bobtui.core.store.sqlite_files import DamagedStore, backups_of
from bobtui.core.workplace import StoreKind, Workplace

FOREIGN_SQL = (
    "CREATE TABLE klant (id INTEGER PRIMARY KEY, naam TEXT); INSERT INTO klant VALUES (1, 'A');"
)


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """The file's bytes, its permissions, and what lies beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    beside = sorted(p.name for p in path.parent.iterdir())
    return digest, stat.S_IMODE(path.stat().st_mode), beside


def bobtui(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bobtui", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=os.environ.copy(),
        timeout=60,
    )


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    path = tmp_path / "ander" / "boekhouding.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as connection:
        connection.executescript(FOREIGN_SQL)
    connection.close()
    path.chmod(0o644)
    return path


def test_a_database_of_another_program_is_refused_and_left_untouched(foreign: Path) -> None:
    before = fingerprint(foreign)
    with pytest.raises(StoreError, match="database van een ander programma"):
        open_store(sqlite_url(foreign))
    for command in (["acties"], ["export", "1"], ["backup"]):
        result = bobtui("--database", sqlite_url(foreign), *command)
        assert result.returncode == 1
        assert "database van een ander programma" in result.stderr
        assert "Traceback" not in result.stderr
    workplace = Workplace(load_settings(), own_url=sqlite_url(foreign))  # what the app opens
    with pytest.raises(StoreError, match="database van een ander programma"):
        workplace.store(StoreKind.OWN)
    assert fingerprint(foreign) == before
    with sqlite3.connect(f"file:{foreign}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notities.txt"
    path.write_text("Dit is geen database.\n", encoding="utf-8")
    before = fingerprint(path)
    with pytest.raises(StoreError, match="geen SQLite-database"):
        open_store(sqlite_url(path))
    assert fingerprint(path) == before


def test_read_only_commands_never_create_a_store(tmp_path: Path) -> None:
    typo = tmp_path / "typfout" / "bobtiu.sqlite3"
    for command in (["acties"], ["export", "1"], ["geschiedenis", "ZVH-1"], ["backup"]):
        result = bobtui("--database", sqlite_url(typo), *command)
        assert result.returncode == 1, command
        assert f"Er is geen opslag in {typo}" in result.stderr, result.stderr
    assert not typo.parent.exists()


def test_an_in_memory_store_is_refused_in_one_sentence() -> None:
    with pytest.raises(StoreError, match="in het geheugen"):
        open_store("sqlite://")
    result = bobtui("--database", "sqlite://", "acties")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "in het geheugen" in result.stderr


def test_permissions_are_tightened_only_on_files_bobtui_made(tmp_path: Path) -> None:
    made = tmp_path / "nieuw.sqlite3"
    open_store(sqlite_url(made)).dispose()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    made.chmod(0o640)  # the user's own choice for a store that exists
    open_store(sqlite_url(made)).dispose()
    assert stat.S_IMODE(made.stat().st_mode) == 0o640


def meeting_with_a_note(url: str, question_set: QuestionSet, text: str) -> None:
    store = open_store(url)
    session = MeetingSession.create(
        store, question_set, case_code="ZVH-KOPIE", held_on=date.today()
    ).item
    session.start()
    session.record_note(NoteKind.FEIT, text)
    store.dispose()


def note_texts(url: str) -> list[str]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return [text for (text,) in connection.execute("SELECT text FROM note ORDER BY id")]


def test_the_first_open_of_a_day_backs_up_privately_and_keeps_a_number(
    tmp_path: Path, example_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "eigen.sqlite3"
    meeting_with_a_note(sqlite_url(path), example_set, "Eerste notitie")
    settings = load_settings()
    backups = backups_of(path, settings.paths)
    assert len(backups) == 1 and backups[0].name.endswith("-dagelijks.sqlite3")
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert note_texts(sqlite_url(backups[0])) == []  # taken before the meeting was made
    open_store(sqlite_url(path)).dispose()
    assert len(backups_of(path, settings.paths)) == 1  # once a day
    monkeypatch.setenv("BOBTUI_BACKUPS_TO_KEEP", "2")
    settings = load_settings()
    store = open_store(sqlite_url(path), settings)
    for _ in range(3):
        backup_store(store, settings)
    store.dispose()
    assert len(backups_of(path, settings.paths)) == 2


def test_a_backup_while_a_meeting_runs_is_consistent(
    tmp_path: Path, example_set: QuestionSet
) -> None:
    path = tmp_path / "loopt.sqlite3"
    store = open_store(sqlite_url(path))
    session = MeetingSession.create(
        store, example_set, case_code="ZVH-L", held_on=date.today()
    ).item
    session.start()
    session.record_note(NoteKind.FEIT, "Voor de kopie")
    copy = backup_store(store, load_settings(), tmp_path / "kopie.sqlite3")
    session.record_note(NoteKind.FEIT, "Na de kopie")
    store.dispose()
    assert note_texts(sqlite_url(copy)) == ["Voor de kopie"]
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    connection.close()


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_a_damaged_store_names_the_newest_backup_and_can_be_restored(
    tmp_path: Path, example_set: QuestionSet
) -> None:
    path = tmp_path / "eigen.sqlite3"
    url = sqlite_url(path)
    meeting_with_a_note(url, example_set, "Van gisteren")
    settings = load_settings()
    store = open_store(url, settings)
    kept = backup_store(store, settings)  # holds the meeting and its note
    store.dispose()
    # The backups were made yesterday, so today's first open checks the file.
    for backup in backups_of(path, settings.paths):
        yesterday = (date.today() - timedelta(days=1)).strftime("%Y%m%d")
        backup.rename(
            backup.with_name(backup.name.replace(date.today().strftime("%Y%m%d"), yesterday))
        )
    kept = backups_of(path, settings.paths)[0]
    damage(path)
    with pytest.raises(DamagedStore, match=f"beschadigd; de nieuwste reservekopie is {kept}"):
        open_store(url, settings)
    result = bobtui("--database", url, "herstel", str(kept), stdin="nee\n")
    assert result.returncode == 1 and "Niets veranderd" in result.stderr
    result = bobtui("--database", url, "herstel", str(kept), stdin="herstel\n")
    assert result.returncode == 0, result.stderr
    assert note_texts(url) == ["Van gisteren"]
    open_store(url, settings).dispose()
    assert any(
        "-beschadigd" in b.name or "-voor-herstel" in b.name
        for b in backups_of(path, settings.paths)
    )


def test_restore_refuses_what_is_not_a_bobtui_backup(foreign: Path, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "eigen.sqlite3")
    open_store(url).dispose()
    with pytest.raises(StoreError, match="geen reservekopie van een bobtui-opslag"):
        restore_store(load_settings(), foreign, url)
