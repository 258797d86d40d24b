"""The store on real SQLite files: private files, durability settings, migrations."""

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from bobtui.core.domain.errors import StoreError
from bobtui.core.domain.vocabulary import Coverage, JudgementKind, Phase
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    Store,
    create_store_engine,
    migrate,
    open_store,
    sqlite_url,
)
from bobtui.core.store.sqlite_files import create_private_file
from tests.conftest import FakeClock, configured_paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_store_is_private_and_durable(tmp_path: Path) -> None:
    store = open_store()
    path = tmp_path / "data" / "bobtui.sqlite3"
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and mode(wal) == 0o600
    store.dispose()


def test_a_store_in_a_folder_of_the_users_own_leaves_that_folder_alone(tmp_path: Path) -> None:
    """A store placed in /tmp or a shared folder must not lock others out of that folder."""
    shared = tmp_path / "gedeeld"
    shared.mkdir(mode=0o755)
    shared.chmod(0o1777)
    store = open_store(sqlite_url(shared / "team.sqlite3"))
    store.dispose()
    assert mode(shared) == 0o1777
    assert mode(shared / "team.sqlite3") == 0o600
    fresh = tmp_path / "nieuw" / "map"
    open_store(sqlite_url(fresh / "eigen.sqlite3")).dispose()
    assert mode(fresh) == 0o700  # a folder bobtui makes is private
    open_store(sqlite_url(configured_paths().demo_store)).dispose()
    paths = configured_paths()
    assert mode(paths.demo_store.parent) == mode(paths.data_dir) == 0o700  # and its own data folder


def test_database_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elders" / "team.sqlite3"
    monkeypatch.setenv("BOBTUI_DATABASE_URL", sqlite_url(target))
    open_store().dispose()
    assert target.exists()
    assert not (tmp_path / "data" / "bobtui.sqlite3").exists()


def test_importing_the_core_creates_no_engine_or_file(tmp_path: Path) -> None:
    code = (
        "import gc, sqlalchemy\n"
        "import bobtui.core.store.engine, bobtui.core.session, bobtui.core.store.meetings\n"
        "import bobtui.core.training.demo\n"
        "engines = [o for o in gc.get_objects() if isinstance(o, sqlalchemy.Engine)]\n"
        "assert engines == [], engines\n"
    )
    env = {"BOBTUI_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not (tmp_path / "d").exists()


def test_head_revision_constant_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bobtui.core.store.engine import HEAD_REVISION, MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_migrations_match_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_older_store_is_upgraded_with_its_data(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "old.sqlite3")
    create_private_file(tmp_path / "old.sqlite3", configured_paths())
    engine = create_store_engine(url)
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO meeting (case_code, leidraad_id, leidraad_version, meeting_type,"
                " held_on, location, reason, status, created_at)"
                " VALUES ('OUD-1', 'x', '1', 'casusoverleg', '2026-01-05', '', '', 'gesloten',"
                " '2026-01-05 09:00:00')"
            )
        )
    engine.dispose()

    store = open_store(url)
    with store.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == HEAD_REVISION
        )
        assert connection.execute(text("SELECT case_code FROM meeting")).scalar() == "OUD-1"
    store.dispose()


def test_judgements_from_before_they_kept_their_question_still_count(
    tmp_path: Path, example_set: QuestionSet, clock: FakeClock
) -> None:
    """A meeting taken back to 0011 gets a judgement the old way (no question; the mark it set
    on the question on screen): after the upgrade the mark still counts, and what is recorded
    next keeps its question, in the audit trail too."""
    url = sqlite_url(tmp_path / "old.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, example_set, case_code="OUD-2", held_on=clock.today, clock=clock
    ).item
    session.start()
    assert session.next_phase().question.id == "vb-kernprobleem"  # type: ignore[union-attr]
    meeting_id = session.meeting_id
    store.dispose()
    engine = create_store_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
        values = {"meeting": meeting_id, "phase": Phase.OORDEELSVORMING.value}
        connection.execute(
            text(
                "INSERT INTO judgement (meeting_id, kind, text, created_at, version)"
                " VALUES (:meeting, 'kernprobleem', 'Oud oordeel', '2026-03-02 09:05:00', 1)"
            ),
            values,
        )
        connection.execute(
            text(
                "INSERT INTO questioncoverage"
                " (meeting_id, question_id, phase, status, updated_at) VALUES"
                " (:meeting, 'vb-kernprobleem', :phase, 'besproken', '2026-03-02 09:05:00')"
            ),
            values,
        )
    engine.dispose()

    store = open_store(url)
    session = MeetingSession.open(store, meeting_id, example_set, clock)
    assert [j.question_id for j in session.judgements()] == [None]
    assert session.coverage()["vb-kernprobleem"] is Coverage.BESPROKEN
    session.go_to_question("vb-risico", skip_between=False)
    clock.advance(10)
    session.record_judgement(JudgementKind.RISICO, "Nieuw oordeel")
    assert [j.question_id for j in session.judgements()] == [None, "vb-risico"]
    assert session.coverage()["vb-risico"] is Coverage.BESPROKEN
    with store.engine.connect() as connection:
        audited = connection.execute(
            text("SELECT new FROM auditentry WHERE table_name = 'judgement' ORDER BY id DESC")
        ).scalar()
    assert json.loads(audited)["question_id"] == "vb-risico"
    store.dispose()


def test_newer_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_store(sqlite_url(path)).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError, match="nieuwere versie van bobtui"):
        open_store(sqlite_url(path))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("geen-url", "database-URL is ongeldig"),
        ("nosuchdb://x/y", "Onbekend databasetype"),
        ("sqlite:////proc/geen/toegang/x.sqlite3", "kan niet"),
    ],
)
def test_bad_urls_are_one_sentence(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_event_log_is_append_only(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO meetingevent (at, action, entity) VALUES ('2026-01-01', 'x', 'y')")
        )
    for statement in ("UPDATE meetingevent SET action = 'z'", "DELETE FROM meetingevent"):
        with pytest.raises(Exception, match="alleen worden aangevuld"), store.engine.begin() as c:
            c.execute(text(statement))
