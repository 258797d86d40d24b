"""``bobtui team init``, ``team gebruiker``, ``team toegang`` and ``bobtui audit`` as a user
types them, against the real PostgreSQL server (and ``audit`` on the single-user SQLite store)."""

import io
import itertools
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from bobtui.cli import main
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import HEAD_REVISION, open_store, sqlite_url
from bobtui.core.store.team import scram_verifier
from tests.conftest import FakeClock

_databases = itertools.count()


@pytest.fixture
def empty_database(postgres_admin_url: str) -> str:
    name = f"bobtui_cli_{next(_databases)}"
    admin = create_engine(f"{postgres_admin_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    # As a user types it: postgresql://, not SQLAlchemy's postgresql+psycopg://.
    return f"{postgres_admin_url}/{name}".replace("+psycopg", "")


def _roles(url: str, login: str) -> list[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT g.rolname FROM pg_roles g JOIN pg_auth_members m ON m.roleid = g.oid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :login"
            ),
            {"login": login},
        ).scalars()
        groups = list(rows)
    engine.dispose()
    return groups


@pytest.mark.postgres
def test_team_init_and_a_user(
    empty_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "init", "--database", empty_database]) == 0
    assert f"Team-opslag klaar (schema {HEAD_REVISION})" in capsys.readouterr().out
    assert main(["team", "init", "--database", empty_database]) == 0  # again: nothing breaks
    assert "bestonden al" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("een geheim\n"))
    arguments = ["team", "gebruiker", "ria_cli", "--rol", "coordinator", "--wachtwoord-uit-stdin"]
    assert main([*arguments, "--database", empty_database]) == 0
    assert "het wachtwoord bewaart bobtui niet" in capsys.readouterr().out
    assert _roles(empty_database, "ria_cli") == ["bobtui_coordinator"]
    monkeypatch.setattr("sys.stdin", io.StringIO("een geheim\n"))
    assert main([*arguments, "--database", empty_database]) == 1
    assert "bestaat al" in capsys.readouterr().err


@pytest.mark.postgres
def test_team_refuses_a_bad_name_and_sqlite(
    empty_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ["team", "gebruiker", "Robert'); DROP", "--rol", "trainer", "--wachtwoord-uit-stdin"]
    assert main([*bad, "--database", empty_database]) == 1
    assert "kan geen gebruikersnaam zijn" in capsys.readouterr().err
    sqlite = sqlite_url(tmp_path / "eigen.sqlite3")
    assert main(["team", "init", "--database", sqlite]) == 1
    assert "vraagt een PostgreSQL-opslag" in capsys.readouterr().err


@pytest.mark.postgres
def test_the_password_is_sent_as_postgresqls_own_verifier(empty_database: str) -> None:
    """Our verifier for a password equals the one the server makes itself with the same salt."""
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.execute(text("CREATE ROLE scram_probe LOGIN PASSWORD 'Wacht-woord 1'"))
        stored = connection.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'scram_probe'")
        ).scalar_one()
        connection.execute(text("DROP ROLE scram_probe"))
    engine.dispose()
    salt = stored.split("$")[1].split(":")[1]
    assert scram_verifier("Wacht-woord 1", salt=salt) == stored


def test_audit_on_the_own_store(
    tmp_path: Path,
    example_set: QuestionSet,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sqlite_url(tmp_path / "eigen.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, example_set, case_code="ZVH-CLI-1", held_on=clock.today, clock=clock
    ).item
    session.start()
    session.record_note(NoteKind.ZORG, "Zorg over \x1b[31mschool")
    store.dispose()
    assert main(["--database", url, "audit", "ZVH-CLI-1"]) == 0
    out = capsys.readouterr().out
    assert "Auditlogboek van casus ZVH-CLI-1" in out
    assert "notitie" in out and "toegevoegd" in out and "deze computer" in out
    assert "\x1b" not in out
    target = tmp_path / "audit.csv"
    assert main(["--database", url, "audit", "ZVH-CLI-1", "--csv", str(target)]) == 0
    assert target.stat().st_mode & 0o077 == 0
    assert "Zorg over" in target.read_text(encoding="utf-8")
    assert main(["--database", url, "audit", "ZVH-ONBEKEND"]) == 1
    assert "geen toegang tot casus ZVH-ONBEKEND" in capsys.readouterr().err


@pytest.mark.postgres
def test_a_wrong_password_or_an_unreachable_server_is_one_dutch_sentence(
    empty_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the driver's English message, which quotes the server's reply."""
    wrong = make_url(empty_database).set(username="niemand", password="fout")
    for url in (wrong.render_as_string(hide_password=False), "postgresql://127.0.0.1:1/bobtui"):
        assert main(["--database", url, "acties"]) == 1
        error = capsys.readouterr().err
        assert "niet bereikbaar of weigert de aanmelding" in error, error
        assert "Traceback" not in error and "OperationalError" not in error
