"""Opening the store: the engine, SQLite's durability settings, private files and migrations.

The engine is created when a store is opened, never at import. SQLite runs in WAL mode with
``synchronous=FULL``: a note that was saved survives a killed process and a power cut.
"""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from bobtui.core.config.settings import Settings, load_settings
from bobtui.core.domain.errors import (
    AccessDenied,
    NotFound,
    ReadFailed,
    SaveFailed,
    StoreError,
    StoreTrouble,
)
from bobtui.core.domain.text import undecodable
from bobtui.core.store import sqlite_files
from bobtui.core.store.sqlite_files import FileKind

if TYPE_CHECKING:  # SQLModel is imported where a store is used: opening one needs no ORM
    from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0017"
"""The newest migration in migrations/versions (a test keeps the two equal)."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _parse(url: str) -> URL:
    if undecodable(url):  # a folder name from another encoding; the URL may hold a password
        raise StoreError(
            "De database-URL of de map van de opslag bevat bytes die geen UTF-8-tekst zijn "
            "(een naam uit een andere tekenset); kies een andere map (--data-dir) of URL "
            "(--database)."
        )
    try:
        return make_url(url)
    except ArgumentError:
        raise StoreError(
            "De database-URL is ongeldig; gebruik bijvoorbeeld sqlite:///pad/naar/bobtui.sqlite3."
        ) from None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, None for another database; an in-memory store is refused."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:" or "mode=memory" in str(parsed):
        raise StoreError(
            "Een opslag in het geheugen (sqlite://) bewaart niets na het sluiten; "
            "geef een bestand op, bijvoorbeeld sqlite:///pad/naar/bobtui.sqlite3."
        )
    return Path(parsed.database).expanduser()


SERVER_CONNECT_TIMEOUT = 5
"""Seconds to wait for a database server: a cut network must not hold a save for minutes."""


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections are made durable (WAL, synchronous=FULL).

    A server's connections are tested before use, so a restarted server costs no failed save."""
    parsed = _parse(url)
    server: dict[str, Any] = {}
    if parsed.drivername == "postgresql":  # SQLAlchemy's default driver is not the one we ship
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        server = {
            "pool_pre_ping": True,
            "connect_args": {"connect_timeout": SERVER_CONNECT_TIMEOUT},
        }
    try:
        engine = create_engine(parsed, **server)
    except NoSuchModuleError:
        raise StoreError(
            f"Onbekend databasetype '{parsed.drivername}' in de database-URL."
        ) from None
    except ImportError as error:
        raise StoreError(
            f"Het stuurprogramma voor deze database ontbreekt ({error.name})."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision: str | None = connection.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar()
        return revision


def migrate(
    engine: Engine, revision: str = "head", before_upgrade: Callable[[], object] | None = None
) -> None:
    """Bring the schema to ``revision``; refuse a store made by a newer bobtui.

    ``before_upgrade`` runs before an existing store's schema is changed (to back it up)."""
    stored = _stored_revision(engine)
    # The usual case, a store that is up to date, needs no Alembic (about 11 MB and 0.1 s).
    if revision == "head" and stored == HEAD_REVISION:
        return
    older = stored is not None and stored.isdigit() and int(stored) < int(HEAD_REVISION)
    if before_upgrade is not None and older:
        before_upgrade()
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.begin() as connection:
        config = _alembic_config(connection)
        script = ScriptDirectory.from_config(config)
        current = MigrationContext.configure(connection).get_current_revision()
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                "Deze opslag is gemaakt met een nieuwere versie van bobtui "
                f"(schema {current}); werk bobtui bij om hem te openen."
            )
        if current is None and inspect(connection).has_table("meeting"):
            raise StoreError("Deze database bevat al tabellen die niet van bobtui zijn.")
        if current != script.get_current_head() or revision != "head":
            command.upgrade(config, revision)


_UNREACHABLE_SERVER = (
    "De PostgreSQL-server is niet bereikbaar of weigert de aanmelding: controleer het adres, "
    "de gebruikersnaam en het wachtwoord (~/.pgpass, PGPASSWORD of een servicebestand)."
)
"""Said instead of the driver's message, which is English and quotes the server's reply."""

INSUFFICIENT_PRIVILEGE = "42501"
"""PostgreSQL's SQLSTATE for a refused right or a row-level security policy."""

ACCESS_DENIED = (
    "Je hebt geen toegang tot deze casus (of dit overleg): de database weigert het. "
    "Vraag de procesregisseur van de casus of een coördinator om toegang."
)


def access_denied(case_code: str) -> AccessDenied:
    """The refusal for one case, by its code (never whether the case exists)."""
    return AccessDenied(
        f"Je hebt geen toegang tot casus {case_code}, of die bestaat niet. Vraag de "
        "procesregisseur van de casus of een coördinator om toegang."
    )


def meeting_not_found(meeting_id: int) -> NotFound:
    """A meeting that is not there for this user: it does not exist, or need-to-know hides it
    (which of the two is not said)."""
    return NotFound(f"Overleg {meeting_id} bestaat niet, of je hebt er geen toegang toe.")


def is_refusal(error: BaseException) -> bool:
    """Whether the database refused a right (not a failure: trying again will not help)."""
    cause = getattr(error, "orig", None) or error
    return getattr(cause, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


@contextmanager
def store_trouble(failure: type[StoreTrouble]) -> Iterator[None]:
    """Turn the store's own errors (locked, full, read-only, unreachable) into ``failure``: one
    Dutch sentence that never quotes the database, whose message may hold a note's text.

    A refused right (team mode's row-level security) becomes :class:`AccessDenied` instead."""
    try:
        yield
    except (SQLAlchemyError, OSError) as error:
        if is_refusal(error):
            raise AccessDenied(ACCESS_DENIED) from None
        raise failure.because(error) from None


@dataclass(frozen=True)
class Store:
    """An opened, migrated store."""

    engine: Engine
    url: str

    @contextmanager
    def reading(self) -> "Iterator[Session]":
        """A short session to read with; trouble with the store raises :class:`ReadFailed`."""
        from sqlmodel import Session

        with store_trouble(ReadFailed), Session(self.engine) as db:
            yield db

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """A short connection to read rows with, without the ORM (SQLModel is not imported);
        trouble with the store raises :class:`ReadFailed`."""
        with store_trouble(ReadFailed), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def writing(self) -> "Iterator[Session]":
        """A session to change with, committed by the caller; trouble with the store raises
        :class:`SaveFailed` and nothing is saved."""
        from sqlmodel import Session

        with store_trouble(SaveFailed), Session(self.engine, expire_on_commit=False) as db:
            yield db

    @contextmanager
    def writing_rows(self) -> Iterator[Connection]:
        """A connection to change rows with, without the ORM, committed by the caller (rolled
        back otherwise); trouble with the store raises :class:`SaveFailed`."""
        with store_trouble(SaveFailed), self.engine.connect() as connection:
            yield connection

    def dispose(self) -> None:
        self.engine.dispose()


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """SQLite's own words for a damaged file (the message holds no case data)."""
    return any(words in str(error) for words in ("malformed", "not a database", "corrupt"))


def resolve_url(settings: Settings) -> str:
    """The configured database URL, else SQLite in the data folder."""
    return settings.database_url or sqlite_url(settings.paths.default_store)


@contextmanager
def _raw_sqlite(engine: Engine) -> Iterator[sqlite3.Connection]:
    """The driver connection under a pooled SQLite connection (for the backup API)."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        yield driver


def _backup(engine: Engine, path: Path, settings: Settings, reason: str) -> Path:
    now = datetime.now().astimezone()
    with _raw_sqlite(engine) as raw:
        return sqlite_files.make_backup(
            raw, path, settings.paths, reason, now, settings.backups_to_keep
        )


def _daily_check(engine: Engine, path: Path, settings: Settings) -> None:
    """At the first open of a day: SQLite's quick check of every page, then a backup."""
    if sqlite_files.backed_up_today(path, settings.paths, datetime.now().astimezone()):
        return
    with _raw_sqlite(engine) as raw:
        if not sqlite_files.quick_check(raw):
            raise sqlite_files.damaged(path, settings.paths)
    _backup(engine, path, settings, "dagelijks")


def backup_store(store: "Store", settings: Settings, target: Path | None = None) -> Path:
    """A consistent copy of a SQLite store: to ``target``, or into the backup folder."""
    path = sqlite_path(store.url)
    if path is None:
        raise StoreError(
            "Van een PostgreSQL-opslag maak je een reservekopie met pg_dump; zie de README."
        )
    if target is None:
        return _backup(store.engine, path, settings, "handmatig")
    with _raw_sqlite(store.engine) as raw:
        return sqlite_files.copy_database(raw, target)


def restore_store(settings: Settings, backup: Path, url: str | None = None) -> Path:
    """Put ``backup`` back as the content of the store at ``url`` (else the configured one);
    returns where the current content was saved first.

    Works on a damaged store too (it is not opened as a store). The copy goes through SQLite's
    backup API into the store's file, so another window sees one change, not a file swapped
    under it.
    """
    path = sqlite_path(url or resolve_url(settings))
    if path is None:
        raise StoreError("Een PostgreSQL-opslag zet je terug met pg_restore; zie de README.")
    if sqlite_files.inspect_file(backup) is not FileKind.BOBTUI:
        raise StoreError(f"{backup} is geen reservekopie van een bobtui-opslag.")
    if not path.exists():
        sqlite_files.create_private_file(path, settings.paths)
    now = datetime.now().astimezone()
    uri = f"file:{backup.resolve().as_posix()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as source:
        if not sqlite_files.quick_check(source):
            raise StoreError(f"De reservekopie {backup} is zelf beschadigd; kies een andere.")
        with closing(sqlite3.connect(path, timeout=5)) as current:
            try:
                saved = sqlite_files.make_backup(
                    current, path, settings.paths, "voor-herstel", now, settings.backups_to_keep
                )
            except sqlite3.DatabaseError:
                saved = sqlite_files.copy_damaged_file(path, settings.paths, now)
            source.backup(current)
    return saved


def open_store(
    url: str | None = None,
    settings: Settings | None = None,
    *,
    create: bool = True,
    backups: bool = True,
) -> Store:
    """Open (and if needed upgrade) the store at ``url``, else the configured one.

    ``create``: make the store when it does not exist (read-only commands say it does not).
    ``backups``: check a SQLite store at the first open of a day and back it up then and before
    every schema change (not for the demo, which is made anew whenever it is asked for)."""
    settings = settings or load_settings()
    resolved = url or resolve_url(settings)
    path = sqlite_path(resolved)
    if path is not None:
        sqlite_files.check_file(path, settings.paths, create=create)
    engine = create_store_engine(resolved)
    try:
        if path is not None and backups:
            migrate(engine, before_upgrade=lambda: _backup(engine, path, settings, "voor-schema"))
            _daily_check(engine, path, settings)
        else:
            migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        # The message may quote SQL parameters (case data), so only the error's kind is shown.
        cause = getattr(error, "orig", None) or error
        if path is not None and isinstance(cause, sqlite3.DatabaseError) and _is_damage(cause):
            raise sqlite_files.damaged(path, settings.paths) from None
        if path is None and isinstance(error, OperationalError):
            raise StoreError(_UNREACHABLE_SERVER) from None
        reason = type(cause).__name__
        raise StoreError(f"De opslag kan niet worden geopend ({reason}).") from None
    except OSError as error:
        engine.dispose()
        raise StoreError(f"De opslag kan niet worden geopend ({error.strerror}).") from None
    return Store(engine, resolved)
