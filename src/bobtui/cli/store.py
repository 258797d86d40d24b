"""``bobtui backup`` and ``bobtui herstel``: a consistent copy of a SQLite store, and putting one
back (after a confirmation, with the current content backed up first).

A PostgreSQL store is backed up with the database's own tools (``pg_dump``/``pg_restore``); the
commands say so instead of inventing another way.
"""

import argparse
from pathlib import Path

from bobtui.cli.common import EXIT_USER_ERROR, Subparsers, add_force_option, opened_store, say


def add_parser(commands: Subparsers) -> None:
    backup = commands.add_parser(
        "backup", help="maak een reservekopie van de opslag (ook terwijl een overleg loopt)"
    )
    backup.add_argument(
        "target",
        nargs="?",
        type=Path,
        metavar="PAD",
        help="waar de kopie komt (standaard: de map backups in de gegevensmap)",
    )
    add_force_option(backup, "overschrijf een bestaand bestand")
    backup.set_defaults(handler=make_backup)
    restore = commands.add_parser(
        "herstel", help="zet een reservekopie terug (de huidige inhoud wordt eerst bewaard)"
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="de reservekopie")
    restore.add_argument(
        "--ja", action="store_true", help="niet om bevestiging vragen (voor scripts)"
    )
    restore.set_defaults(handler=restore_backup)


def make_backup(args: argparse.Namespace) -> int:
    from bobtui.core.domain.errors import BobError
    from bobtui.core.store.engine import backup_store

    if args.target is not None and args.target.exists() and not args.force:
        raise BobError(f"{args.target} bestaat al; overschrijf met --force.")
    with opened_store(args.settings) as store:
        written = backup_store(store, args.settings, args.target)
    say(f"Reservekopie geschreven naar {written}.", error=True)
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    from bobtui.core.domain.errors import BobError
    from bobtui.core.store.engine import resolve_url, restore_store

    if not args.backup.is_file():
        raise BobError(f"{args.backup} bestaat niet.")
    # Not opened as a store: a damaged one must be restorable too.
    target = resolve_url(args.settings)
    if not args.ja:
        say(
            f"De opslag {target} krijgt de inhoud van {args.backup}; wat er nu in staat, "
            "wordt eerst als reservekopie bewaard.",
            error=True,
        )
        answer = input("Typ 'herstel' om door te gaan: ")
        if answer.strip().lower() != "herstel":
            say("Niets veranderd.", error=True)
            return EXIT_USER_ERROR
    saved = restore_store(args.settings, args.backup)
    say(f"Teruggezet uit {args.backup}; de vorige inhoud staat in {saved}.", error=True)
    return 0
