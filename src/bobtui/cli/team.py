"""``bobtui team …`` (a shared PostgreSQL store for a Zorg- en Veiligheidshuis) and ``bobtui
audit`` (the audit trail of one case, on any store).

``team init`` and ``team gebruiker`` are run by the store's owner (an administrator with
CREATEROLE); ``team toegang`` and ``team uitnodigen`` by whoever is allowed to by the database's
rules. Passwords are read from the terminal or stdin and never stored: each person connects
with their own (``~/.pgpass``, ``PGPASSWORD`` or a service file, as libpq reads them).
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.cli.common import Subparsers, add_commands, add_force_option, opened_store, say

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from bobtui.core.config.settings import Settings
    from bobtui.core.domain.records import AuditRecord
    from bobtui.core.store.engine import Store
    from bobtui.core.store.team_import import ImportReport

ROLES = ("procesregisseur", "coordinator", "trainer", "notulist")
_SHOWN_VALUE = 60
"""Characters of a changed value shown on screen; the CSV export holds every character."""


def add_parser(commands: Subparsers) -> None:
    team = commands.add_parser("team", help="een gedeelde PostgreSQL-opslag voor een team")
    team_commands = add_commands(team, "team_command", required=True)
    init = team_commands.add_parser(
        "init", help="maak de opslag en de groepsrollen (als beheerder van de database)"
    )
    user = team_commands.add_parser("gebruiker", help="maak een gebruiker met een rol")
    user.add_argument("name", metavar="NAAM", help="inlognaam (kleine letters, cijfers, _)")
    user.add_argument("--rol", required=True, choices=ROLES, help=", ".join(ROLES))
    user.add_argument(
        "--wachtwoord-uit-stdin",
        action="store_true",
        dest="password_from_stdin",
        help="lees het wachtwoord van stdin (voor scripts) in plaats van het te vragen",
    )
    grant = team_commands.add_parser("toegang", help="zet iemand in het casusteam van een casus")
    grant.add_argument("case_code", metavar="CASUSCODE", help="de casus")
    grant.add_argument("name", metavar="NAAM", help="inlognaam")
    invite = team_commands.add_parser("uitnodigen", help="nodig een notulist uit voor een overleg")
    invite.add_argument("meeting_id", type=int, metavar="OVERLEG", help="nummer van het overleg")
    invite.add_argument("name", metavar="NAAM", help="inlognaam")
    move = team_commands.add_parser(
        "importeer", help="zet de overleggen van een SQLite-bestand in de team-opslag"
    )
    move.add_argument("source", type=Path, metavar="PAD", help="het .sqlite3-bestand")
    move.add_argument(
        "--proef", action="store_true", dest="trial", help="tel alleen wat er zou komen"
    )
    move.add_argument("--ja", action="store_true", dest="yes", help="niet vragen (voor scripts)")
    for parser, handler in (
        (init, init_team),
        (user, create_user),
        (grant, grant_access),
        (invite, invite_notulist),
        (move, import_meetings),
    ):
        parser.add_argument(
            "--database",
            dest="team_database",
            metavar="URL",
            help="postgresql://… (standaard --database of BOBTUI_DATABASE_URL)",
        )
        parser.set_defaults(handler=handler)

    audit = commands.add_parser("audit", help="wie wat wanneer veranderde aan een casus")
    audit.add_argument("case_code", metavar="CASUSCODE", help="de casus")
    audit.add_argument(
        "--csv", type=Path, metavar="BESTAND", help="exporteer als CSV (coördinatoren)"
    )
    add_force_option(audit, "overschrijf een bestaand bestand")
    audit.set_defaults(handler=show_audit)


def _url(args: argparse.Namespace) -> str | None:
    url: str | None = args.team_database or args.settings.database_url
    return url


def _team_store(args: argparse.Namespace, settings: "Settings") -> "AbstractContextManager[Store]":
    from bobtui.core.domain.errors import StoreError
    from bobtui.core.store.engine import sqlite_path

    url = _url(args)
    if url is None or sqlite_path(url) is not None:
        raise StoreError("Teamgebruik vraagt een PostgreSQL-opslag: geef --database postgresql://…")
    return opened_store(settings, url)


def init_team(args: argparse.Namespace) -> int:
    from bobtui.core.store.engine import HEAD_REVISION
    from bobtui.core.store.team import init_team as init

    # Opening migrates the store (Alembic); the owner is whoever runs this.
    with _team_store(args, args.settings) as store:
        created = init(store)
    made = ", ".join(created) if created else "geen nieuwe (ze bestonden al)"
    say(f"Team-opslag klaar (schema {HEAD_REVISION}); groepsrollen gemaakt: {made}.")
    say("Maak nu de gebruikers: bobtui team gebruiker NAAM --rol procesregisseur.")
    return 0


def _read_password(from_stdin: bool) -> str:
    import getpass

    from bobtui.core.domain.errors import BobError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise BobError("Geen terminal om het wachtwoord te vragen; gebruik --wachtwoord-uit-stdin.")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog eens: ") != first:
        raise BobError("De wachtwoorden verschillen; er is niets gemaakt.")
    return first


def create_user(args: argparse.Namespace) -> int:
    from bobtui.core.store.team import check_login_name, create_login

    name = check_login_name(args.name)
    password = _read_password(args.password_from_stdin)
    with _team_store(args, args.settings) as store:
        create_login(store, name, args.rol, password)
    say(f"Gebruiker {name} gemaakt met de rol {args.rol}; het wachtwoord bewaart bobtui niet.")
    return 0


def grant_access(args: argparse.Namespace) -> int:
    from bobtui.core.store.team import grant_case

    with _team_store(args, args.settings) as store:
        grant_case(store, args.case_code, args.name)
    say(f"{args.name} staat nu in het casusteam van {args.case_code}.")
    return 0


def invite_notulist(args: argparse.Namespace) -> int:
    from bobtui.core.store.team import invite

    with _team_store(args, args.settings) as store:
        code = invite(store, args.meeting_id, args.name)
    say(f"{args.name} is uitgenodigd voor overleg {args.meeting_id} (casus {code}).")
    return 0


def import_meetings(args: argparse.Namespace) -> int:
    """A trial run first (its counts); after a yes, the same in one transaction."""
    from bobtui.core.domain.errors import BobError
    from bobtui.core.store.engine import sqlite_url
    from bobtui.core.store.team_import import import_store

    with (
        _team_store(args, args.settings) as target,
        opened_store(args.settings, sqlite_url(args.source)) as source,
    ):
        planned = import_store(source, target, trial=True)
        _print_import(planned)
        if args.trial or planned.total == 0:
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise BobError("Geen terminal om te bevestigen; gebruik --ja of eerst --proef.")
            if input("Importeren? Typ 'ja' om door te gaan: ").strip().lower() != "ja":
                say("Er is niets geïmporteerd.")
                return 0
        done = import_store(source, target, trial=False)
    say(f"Geïmporteerd: {_counted_meetings(done.total)}; elk overleg staat nu in de team-opslag.")
    return 0


def _counted_meetings(number: int) -> str:
    from bobtui.core.domain.vocabulary import counted

    return counted(number, "overleg", "overleggen")


def _print_import(report: "ImportReport") -> None:
    from bobtui.core.domain.text import one_line
    from bobtui.core.domain.vocabulary import counted

    say(f"Te importeren: {_counted_meetings(report.total)}.")
    for code in sorted(report.meetings):
        say(
            f"  {one_line(code)}: {_counted_meetings(report.meetings[code])}, "
            f"{counted(report.notes[code], 'notitie', 'notities')}"
        )
    already = sum(report.already.values())
    if already:
        verb = "stond" if already == 1 else "stonden"
        say(f"{_counted_meetings(already)} {verb} al in de team-opslag (eerder geïmporteerd).")


def show_audit(args: argparse.Namespace) -> int:
    from bobtui.core.documents.export import write_private
    from bobtui.core.domain.errors import BobError
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.store.audit import ExportMark, audit_csv, case_audit, record_export
    from bobtui.core.store.engine import access_denied
    from bobtui.core.store.team import identity

    if args.csv is not None and args.csv.exists() and not args.force:
        raise BobError(f"{args.csv} bestaat al; overschrijf met --force.")
    with opened_store(args.settings) as store:
        who = identity(store)
        if (
            args.csv is not None
            and who is not None
            and who.roles
            and "coordinator" not in who.roles
        ):
            raise BobError("Alleen een coördinator exporteert het auditlogboek.")
        records = case_audit(store, args.case_code)
        if not records:
            raise access_denied(args.case_code)
        if args.csv is not None:
            mark = ExportMark("auditlogboek", "csv")
            record_export(store, mark, [(None, args.case_code)])
    if args.csv is not None:
        write_private(args.csv, audit_csv(records))
        say(f"{counted(len(records), 'regel', 'regels')} geschreven naar {args.csv}.", error=True)
        return 0
    say(f"Auditlogboek van casus {args.case_code}: {counted(len(records), 'regel', 'regels')}.")
    for record in records:
        _print_record(record)
    return 0


def _print_record(record: "AuditRecord") -> None:
    from bobtui.core.domain.text import one_line
    from bobtui.core.store.audit import OPERATIONS, TABLES

    where = "" if record.meeting_id is None else f" (overleg {record.meeting_id})"
    say(
        f"{record.at.astimezone():%d-%m-%Y %H:%M:%S}  {record.actor or 'deze computer'}  "
        f"{TABLES.get(record.table, record.table)} {one_line(record.row_id)} "
        f"{OPERATIONS.get(record.operation, record.operation)}{where}"
    )
    for change in record.changes:
        old, new = (
            "—" if value is None else one_line(value)[:_SHOWN_VALUE]
            for value in (change.old, change.new)
        )
        say(f"    {change.column}: {old} → {new}")
