"""``bobtui acties``: the open actions of every meeting, overdue first, as a table or a CSV file.

Rich is imported in the handler only; it is the one command that prints a table.
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.cli.common import Subparsers, add_force_option, opened_store

if TYPE_CHECKING:
    from bobtui.core.store.actions import OpenAction


def add_parser(commands: Subparsers) -> None:
    actions = commands.add_parser(
        "acties", help="open acties van alle overleggen, die over hun deadline eerst"
    )
    actions.add_argument("--overdue", action="store_true", help="alleen acties die te laat zijn")
    actions.add_argument(
        "--owner", metavar="ORG", default="", help="organisatie (deel van de naam)"
    )
    actions.add_argument("--case", metavar="CODE", default="", help="alleen deze casuscode")
    actions.add_argument("--csv", type=Path, metavar="BESTAND", help="schrijf de lijst als CSV")
    add_force_option(actions, "overschrijf een bestaand bestand")
    actions.set_defaults(handler=list_actions)


def list_actions(args: argparse.Namespace) -> int:
    from datetime import date

    from bobtui.core.documents.export import write_private
    from bobtui.core.domain.errors import BobError
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.store.actions import actions_csv, open_actions

    with opened_store(args.database) as store:
        found = open_actions(
            store,
            date.today(),
            overdue_only=args.overdue,
            owner_organisation=args.owner,
            case_code=args.case,
        )
    if args.csv is not None:
        if args.csv.exists() and not args.force:
            raise BobError(f"{args.csv} bestaat al; overschrijf met --force.")
        write_private(args.csv, actions_csv(found))
        print(
            f"{counted(len(found), 'actie', 'acties')} geschreven naar {args.csv}.", file=sys.stderr
        )
        return 0
    if found:
        _print_table(found)
    overdue = sum(a.overdue for a in found)
    print(f"{counted(len(found), 'open actie', 'open acties')}, waarvan {overdue} te laat.")
    return 0


def _print_table(found: "list[OpenAction]") -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    # Piped or redirected, Rich assumes 80 columns and would wrap every row; a file has room.
    if not console.is_terminal:
        console.width = max(console.width, 160)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("", "Nr", "Actie", "Eigenaar", "Organisatie", "Deadline", "Casus", "Overleg"):
        table.add_column(column)
    for a in found:
        table.add_row(
            "TE LAAT" if a.overdue else "",
            str(a.decision_id),
            a.action,
            a.owner_person,
            a.owner_organisation,
            f"{a.deadline:%d-%m-%Y}",
            a.case_code,
            f"{a.meeting_id} ({a.held_on:%d-%m-%Y})",
            style="bold red" if a.overdue else None,
        )
    # Action texts are typed by people: never read them as Rich markup.
    console.print(table, markup=False, highlight=False)
