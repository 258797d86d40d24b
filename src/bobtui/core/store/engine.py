"""Opening the store: the engine, SQLite's durability settings, private files and migrations.

The engine is created when a store is opened, never at import. SQLite runs in WAL mode with
``synchronous=FULL``: a note that was saved survives a killed process and a power cut.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from bobtui.core.config.paths import Paths
from bobtui.core.config.settings import Settings, load_settings
from bobtui.core.domain.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0008"
"""The newest migration in migrations/versions (a test keeps the two equal)."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _prepare_sqlite_file(path: Path, paths: Paths) -> None:
    """Create the folder (0700) and an empty database file (0600) before SQLite touches it.

    SQLite gives its -wal and -shm files the permissions of the database file.
    """
    paths.ensure_private_dir(path.parent)
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    path.chmod(0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_store_engine(url: str, paths: Paths) -> Engine:
    """An engine for ``url``; SQLite files are prepared private and durable (``paths`` says
    which folders are bobtui's own, to be made private)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            "De database-URL is ongeldig; gebruik bijvoorbeeld sqlite:///pad/naar/bobtui.sqlite3."
        ) from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        try:
            _prepare_sqlite_file(path, paths)
        except OSError as error:
            raise StoreError(
                f"De opslag kan niet worden aangemaakt in {path.parent} ({error.strerror})."
            ) from None
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise StoreError(
            f"Onbekend databasetype '{parsed.drivername}' in de database-URL."
        ) from None
    except ImportError as error:
        raise StoreError(
            f"Het stuurprogramma voor deze database ontbreekt ({error.name})."
        ) from None
    if is_sqlite:
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


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; refuse a store made by a newer bobtui."""
    # The usual case, a store that is up to date, needs no Alembic (about 11 MB and 0.1 s).
    if revision == "head" and _stored_revision(engine) == HEAD_REVISION:
        return
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


@dataclass(frozen=True)
class Store:
    """An opened, migrated store."""

    engine: Engine
    url: str

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_url(settings: Settings) -> str:
    """The configured database URL, else SQLite in the data folder."""
    return settings.database_url or sqlite_url(settings.paths.default_store)


def open_store(url: str | None = None, settings: Settings | None = None) -> Store:
    """Open (and if needed create or upgrade) the store at ``url``, else the configured one."""
    settings = settings or load_settings()
    resolved = url or resolve_url(settings)
    engine = create_store_engine(resolved, settings.paths)
    try:
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        # The message may quote SQL parameters (case data), so only the error's kind is shown.
        cause = getattr(error, "orig", None) or error
        reason = type(cause).__name__
        raise StoreError(f"De opslag kan niet worden geopend ({reason}).") from None
    except OSError as error:
        engine.dispose()
        raise StoreError(f"De opslag kan niet worden geopend ({error.strerror}).") from None
    return Store(engine, resolved)
