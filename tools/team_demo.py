"""``make team-demo``: a local PostgreSQL team store to try team mode with, in minutes.

Starts a PostgreSQL server of its own (the machine's binaries, a private folder, a free local
port, passwords required over TCP), runs ``bobtui team init`` and ``team gebruiker`` for three
fictional people and plans two fictional cases:

- anna (procesregisseur) chairs ZVH-DEMO-001 and invited nora to its meeting;
- ZVH-DEMO-002 is planned by cora (coordinator): anna does not see it, cora sees both;
- nora (notulist) sees only the meeting she was invited to.

The demo passwords are written to a pgpass file (mode 0600) in the folder, which is how libpq
finds a password; bobtui itself stores none. Stop with the pg_ctl command it prints.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

PEOPLE = {"anna": "procesregisseur", "cora": "coordinator", "nora": "notulist"}


def _pg_bin() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not candidates:
        sys.exit("PostgreSQL is missing: run tools/ensure-postgres.sh (apt-get install postgresql)")
    return candidates[-1].parent


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, run it as the 'postgres' system user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _bobtui(*arguments: str, password: str | None = None) -> None:
    command = [sys.executable, "-m", "bobtui", *arguments]
    subprocess.run(command, check=True, input=password, text=True)


def _plan(url: str, code: str) -> int:
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import open_store

    store = open_store(url)
    try:
        question_set = default_catalog().get("ccv-quickscan")
        return MeetingSession.create(
            store, question_set, case_code=code, held_on=date.today(), reason="Fictieve casus"
        ).item.meeting_id
    finally:
        store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, help="folder for the server (default: a new one)")
    folder = parser.parse_args().map or Path(tempfile.mkdtemp(prefix="bobtui-team-demo-"))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    pg_bin, port = _pg_bin(), _free_port()
    data = folder / "data"
    initdb = [str(pg_bin / "initdb"), "-D", str(data), "-U", "beheer", "-E", "UTF8"]
    auth = ["--auth-local=trust", "--auth-host=scram-sha-256"]
    subprocess.run(_as_server_user([*initdb, *auth]), check=True, stdout=subprocess.DEVNULL)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    start = [str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
    subprocess.run(_as_server_user([*start, "-w", "-o", options, "start"]), check=True)
    # The owner connects over the private socket; the team over TCP with a password.
    owner = f"postgresql+psycopg://beheer@/bobtui?host={folder}&port={port}"
    create = [str(pg_bin / "createdb"), "-h", str(folder), "-p", str(port), "-U", "beheer"]
    subprocess.run(_as_server_user([*create, "bobtui"]), check=True)
    _bobtui("team", "init", "--database", owner)
    pgpass = folder / "pgpass"
    lines = []
    for name, role in PEOPLE.items():
        password = f"demo-{name}-{os.urandom(4).hex()}"
        _bobtui(
            "team",
            "gebruiker",
            name,
            "--rol",
            role,
            "--wachtwoord-uit-stdin",
            "--database",
            owner,
            password=password + "\n",
        )
        lines.append(f"127.0.0.1:{port}:bobtui:{name}:{password}")
    pgpass.touch(mode=0o600)
    pgpass.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.environ["PGPASSFILE"] = str(pgpass)
    url = f"postgresql://{{}}@127.0.0.1:{port}/bobtui"
    first = _plan(url.format("anna"), "ZVH-DEMO-001")
    _plan(url.format("cora"), "ZVH-DEMO-002")
    _bobtui("team", "uitnodigen", str(first), "nora", "--database", url.format("anna"))
    print(f"\nTeam-demo draait op poort {port}. Probeer, als anna, cora of nora:")
    print(f"  PGPASSFILE={pgpass} bobtui --database {url.format('anna')}")
    print(f"  PGPASSFILE={pgpass} bobtui --database {url.format('cora')} audit ZVH-DEMO-001")
    stop = " ".join(_as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "stop"]))
    print(f"Stoppen: {stop}")


if __name__ == "__main__":
    main()
