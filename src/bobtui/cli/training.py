"""``bobtui oefen …``: fictional practice cases for trainers, and the reports on rehearsals.

Rehearsals live in their own practice store, never mixed with real meetings; the app is
imported only by the two commands that open it.
"""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.cli.common import (
    Subparsers,
    add_commands,
    add_document_options,
    add_paths_argument,
    check_output,
    opened_store,
    print_warnings,
    report_problems,
    say,
    toml_files,
    write_output,
)

if TYPE_CHECKING:
    from bobtui.core.config.settings import Settings
    from bobtui.core.training.catalog import PracticeCatalog


def add_parser(commands: Subparsers) -> None:
    practice = commands.add_parser("oefen", help="oefenen met fictieve casussen (trainers)")
    practice_commands = add_commands(practice, "practice_command", required=True)
    listing = practice_commands.add_parser("list", help="toon de beschikbare oefencasussen")
    listing.set_defaults(handler=list_cases)
    check = practice_commands.add_parser("check", help="controleer oefencasussen")
    add_paths_argument(check)
    check.set_defaults(handler=check_cases)
    start = practice_commands.add_parser(
        "start", help="start een oefening van een casus (in de eigen oefenopslag)"
    )
    start.add_argument("case", metavar="CASUS", help="id van de oefencasus")
    start.set_defaults(handler=open_app)
    app = practice_commands.add_parser("app", help="open de app op de oefeningen")
    app.set_defaults(handler=open_app)
    cards = practice_commands.add_parser(
        "kaarten", help="rolkaarten om uit te delen, één per pagina (of het trainersblad)"
    )
    cards.add_argument("case", metavar="CASUS", help="id van de oefencasus")
    cards.add_argument(
        "--trainer",
        action="store_true",
        help="het trainersblad: wat een goede voorzitter boven tafel krijgt, de verwachte "
        "besluiten, de valkuilen en de gebeurtenissen",
    )
    add_document_options(cards)
    cards.set_defaults(handler=role_cards)
    report = practice_commands.add_parser("rapport", help="feedbackrapport van een oefening")
    report.add_argument("meeting", metavar="OEFENING", help="nummer of casuscode van de oefening")
    add_document_options(report)
    report.set_defaults(handler=feedback_report)
    compare = practice_commands.add_parser("vergelijk", help="twee oefeningen naast elkaar")
    compare.add_argument("first", metavar="OEFENING1", help="nummer of casuscode van de ene")
    compare.add_argument("second", metavar="OEFENING2", help="en van de andere")
    add_document_options(compare)
    compare.set_defaults(handler=feedback_report)


def _known_leidraden(settings: "Settings") -> dict[str, frozenset[str]]:
    """The leidraden, with their questions, that a practice case may name."""
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.training.catalog import leidraad_questions

    return leidraad_questions(default_catalog(settings.paths))


def _practice_catalog(settings: "Settings") -> "PracticeCatalog":
    from bobtui.core.training.catalog import default_practice_catalog

    return default_practice_catalog(_known_leidraden(settings), settings.paths)


def list_cases(args: argparse.Namespace) -> int:
    catalog = _practice_catalog(args.settings)
    print_warnings(catalog.warnings)
    for case_id, entry in sorted(catalog.entries.items()):
        case = entry.case
        say(
            f"{case_id}  v{case.version}  {case.title}  ({case.duration_minutes} min, "
            f"{len(case.roles)} rollen, leidraad {case.leidraad})  [{entry.origin}]  {entry.path}"
        )
    return 0


def check_cases(args: argparse.Namespace) -> int:
    from bobtui.core.config.paths import shipped_practice_dir
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.training.catalog import check_practice_file

    known = _known_leidraden(args.settings)
    targets: list[Path] = args.paths or [
        shipped_practice_dir(),
        args.settings.paths.user_practice_dir,
    ]
    files = toml_files(targets, bool(args.paths))
    problems = [problem for path in files for problem in check_practice_file(path, known)]
    return report_problems(problems, counted(len(files), "oefencasus", "oefencasussen"))


def open_app(args: argparse.Namespace) -> int:
    """``oefen start CASUS`` opens the app on a new rehearsal of that case, ``oefen app`` on the
    list of rehearsals."""
    # Loaded for ``oefen app`` too: a broken shipped case stops here, before Textual starts.
    catalog = _practice_catalog(args.settings)
    from bobtui.app import BobApp, StoreChoice

    rehearse = catalog.get(args.case).id if args.practice_command == "start" else None
    app = BobApp(StoreChoice(rehearsals=True, rehearse=rehearse), settings=args.settings)
    app.run()
    return app.return_code or 0  # non-zero after a crash


def role_cards(args: argparse.Namespace) -> int:
    from bobtui.core.documents.export import render_document
    from bobtui.core.training.sheets import build_role_cards, build_trainer_sheet

    catalog = _practice_catalog(args.settings)
    check_output(args, args.format)
    case = catalog.get(args.case)
    handout = build_trainer_sheet(case) if args.trainer else build_role_cards(case)
    write_output(
        args,
        render_document(handout, args.format),
        "Trainersblad" if args.trainer else "Rolkaarten",
    )
    return 0


def feedback_report(args: argparse.Namespace) -> int:
    """The feedback report of one rehearsal (``rapport``), or two side by side (``vergelijk``)."""
    from bobtui.core.documents.export import render_document
    from bobtui.core.domain.errors import BobError
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.engine import sqlite_url
    from bobtui.core.store.meetings import find_meeting_id
    from bobtui.core.training.feedback import rehearsal_feedback
    from bobtui.core.training.handouts import build_comparison_handout, build_feedback_handout

    practice = _practice_catalog(args.settings)
    rehearsal_store = args.settings.paths.rehearsal_store
    check_output(args, args.format)
    # Opening the store would create an empty one; say what to do instead.
    if not rehearsal_store.exists():
        raise BobError("Er zijn nog geen oefeningen; start er een met bobtui oefen start CASUS.")
    references = (
        (args.meeting,) if args.practice_command == "rapport" else (args.first, args.second)
    )
    with opened_store(args.settings, sqlite_url(rehearsal_store)) as store:
        catalog = default_catalog(args.settings.paths)
        reports = []
        for reference in references:
            session = open_meeting(store, find_meeting_id(store, reference), catalog)
            case_id = session.meeting().practice_case_id
            if case_id is None:
                raise BobError(f"Overleg {reference} is geen oefening.")
            reports.append(rehearsal_feedback(session, practice.get(case_id), practice))
    if len(reports) == 2 and reports[0].case_id != reports[1].case_id:
        raise BobError("Vergelijk twee oefeningen van dezelfde casus.")
    handout = (
        build_feedback_handout(reports[0])
        if len(reports) == 1
        else build_comparison_handout(reports[0], reports[1])
    )
    write_output(args, render_document(handout, args.format), "Rapport")
    return 0
