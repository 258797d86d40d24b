"""A throwaway PostgreSQL server for the store tests, started from the machine's own binaries.

`make test` installs the Debian package when it is missing (tools/ensure-postgres.sh); here we
only find pg_ctl, create a cluster in a temporary folder, and start it on a free local port.
"""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def find_pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, run it as the 'postgres' system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


TEST_SETTINGS = ("fsync=off",)
"""The tests need no durability; ``bench/bench_scale.py`` starts one with PostgreSQL's own."""


@dataclass
class PostgresServer:
    """A running throwaway server: ``url`` is an admin URL without a database name."""

    pg_bin: Path
    folder: Path
    port: int
    settings: tuple[str, ...] = TEST_SETTINGS

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def new_database(self, name: str) -> str:
        """Create the empty database ``name``; its URL."""
        from sqlalchemy import create_engine, text

        admin = create_engine(f"{self.url}/postgres", isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        return f"{self.url}/{name}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        options += "".join(f" -c {setting}" for setting in self.settings)
        self._pg_ctl("-w", "-l", str(self.folder / "server.log"), "-o", options, "start")

    def stop(self, *, check: bool = True) -> None:
        """Stop at once, as a crash or a pulled cable would (no goodbye to the clients)."""
        self._pg_ctl("-m", "immediate", "stop", check=check)

    def _pg_ctl(self, *arguments: str, check: bool = True) -> None:
        command = [str(self.pg_bin / "pg_ctl"), "-D", str(self.folder / "data"), *arguments]
        subprocess.run(_as_server_user(command), check=check, **_QUIET)


_QUIET: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}


@contextmanager
def postgres_server(settings: tuple[str, ...] = TEST_SETTINGS) -> Iterator[PostgresServer]:
    """Start a server of our own (``settings``: ``name=value`` for postgres -c); stop and
    remove it after."""
    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise RuntimeError("PostgreSQL is not installed; run tools/ensure-postgres.sh")
    # As root the server runs as 'postgres', which may not enter a private /tmp: use /var/tmp.
    base = "/var/tmp" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="bobtui-pg-", dir=base))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = PostgresServer(pg_bin, folder, _free_port(), settings)
    initdb = [str(pg_bin / "initdb"), "-D", str(folder / "data"), "-U", "postgres"]
    try:
        subprocess.run(
            _as_server_user([*initdb, "--auth=trust", "--no-sync", "-E", "UTF8"]),
            check=True,
            **_QUIET,
        )
        server.start()
        yield server
    finally:
        server.stop(check=False)  # also when it never started
        shutil.rmtree(folder, ignore_errors=True)
