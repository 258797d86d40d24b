"""``bobtui geschiedenis CODE``: one case over time, its meetings, safety scores and decisions."""

import argparse

from bobtui.cli.common import (
    Subparsers,
    add_document_options,
    check_output,
    opened_store,
    write_output,
)


def add_parser(commands: Subparsers) -> None:
    history = commands.add_parser(
        "geschiedenis",
        help="de geschiedenis van één casus: overleggen, veiligheidsscores, besluiten",
    )
    history.add_argument("case", metavar="CODE", help="de casuscode")
    add_document_options(history)
    history.set_defaults(handler=case_history)


def case_history(args: argparse.Namespace) -> int:
    from datetime import date

    from bobtui.core.documents.export import render_case_history
    from bobtui.core.documents.letterhead import letterhead_of
    from bobtui.core.store.audit import ExportMark, record_export
    from bobtui.core.store.history import case_history as load_case_history

    check_output(args, args.format)
    letterhead = letterhead_of(args.settings)
    with opened_store(args.settings) as store:
        history = load_case_history(store, args.case, date.today())
        record_export(store, ExportMark("casusgeschiedenis", args.format), [(None, args.case)])
    # Rendered after the store is closed: the history is plain data by now.
    write_output(args, render_case_history(history, args.format, letterhead), "Casusgeschiedenis")
    return 0
