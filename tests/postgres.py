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
from pathlib import Path


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


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yield an admin URL (without database name); stop and remove it after."""
    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise RuntimeError("PostgreSQL is not installed; run tools/ensure-postgres.sh")
    # As root the server runs as 'postgres', which may not enter a private /tmp: use /var/tmp.
    base = "/var/tmp" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="bobtui-pg-", dir=base))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(pg_bin / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            **quiet,
        )
        subprocess.run(
            _as_server_user(
                [
                    str(pg_bin / "pg_ctl"),
                    "-D",
                    str(data),
                    "-w",
                    "-l",
                    str(folder / "server.log"),
                    "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start",
                ]
            ),
            check=True,
            **quiet,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            **quiet,
        )
        shutil.rmtree(folder, ignore_errors=True)
