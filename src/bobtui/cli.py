"""The ``bobtui`` command: open the app, the demo, export a summary, list and check question sets.

Every error a user can cause ends as one sentence on stderr and a non-zero exit code.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui import __version__

if TYPE_CHECKING:
    from bobtui.core.documents.export import ExportFormat
    from bobtui.core.documents.profiles import Profile
    from bobtui.core.documents.summary import Summary
    from bobtui.core.store.engine import Store
    from bobtui.core.training.cases import PracticeCatalog

EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch one-line errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"bobtui: {message} (zie bobtui --help)\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bobtui",
        description="Leid een casusoverleg met het BOB-model: beeldvorming, oordeelsvorming, "
        "besluitvorming. Zonder opdracht opent de app.",
    )
    parser.add_argument("--version", action="version", version=f"bobtui {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="map voor de gegevens (standaard de gebruikersmap van het platform; "
        "ook via BOBTUI_DATA_DIR)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy-URL van de opslag (standaard SQLite in de gegevensmap; "
        "ook via BOBTUI_DATABASE_URL)",
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    commands.add_parser("app", help="open de app (standaard)")
    demo = commands.add_parser("demo", help="open de app op de fictieve demo-casus")
    demo.add_argument("--reset", action="store_true", help="maak de demo-casus opnieuw aan")

    leidraad = commands.add_parser("leidraad", help="vragensets bekijken en controleren")
    leidraad_commands = leidraad.add_subparsers(
        dest="leidraad_command", metavar="OPDRACHT", required=True, parser_class=_Parser
    )
    leidraad_commands.add_parser("list", help="toon de beschikbare vragensets")
    check = leidraad_commands.add_parser("check", help="controleer vragensets op fouten")
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: alle)"
    )

    export = commands.add_parser(
        "export",
        help="exporteer verslagen (één overleg, of een reeks naar een map)",
        description="Eén overleg: bobtui export OVERLEG [--out BESTAND]. Een reeks: "
        "bobtui export --case CODE | --since DATUM [--until DATUM] | --all --out MAP; "
        "dan één bestand per overleg en formaat, plus index.md.",
    )
    export.add_argument(
        "meeting", nargs="?", metavar="OVERLEG", help="nummer van het overleg, of casuscode"
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--case", metavar="CODE", help="alle overleggen van deze casuscode")
    which.add_argument("--since", metavar="DATUM", help="overleggen vanaf deze datum")
    which.add_argument("--all", action="store_true", help="alle overleggen")
    export.add_argument("--until", metavar="DATUM", help="overleggen tot en met deze datum")
    export.add_argument(
        "--format",
        default="md",
        metavar="FORMAAT",
        help="md, json, html of docx; bij een reeks ook meerdere, zoals md,html (standaard md)",
    )
    export.add_argument(
        "--profile",
        default="volledig",
        metavar="PROFIEL",
        help="volledig (standaard), besluiten (alleen besluiten en data) of selectie",
    )
    export.add_argument(
        "--sections",
        metavar="ONDERDELEN",
        help="bij selectie: onderdelen, zoals besluiten,evaluatie",
    )
    export.add_argument(
        "--vertrouwelijk",
        action="store_true",
        help="neem ook notities op die als vertrouwelijk zijn gemarkeerd",
    )
    export.add_argument(
        "--out", type=Path, metavar="PAD", help="bestand (één overleg; standaard stdout) of map"
    )
    export.add_argument("--force", action="store_true", help="overschrijf bestaande bestanden")

    practice = commands.add_parser("oefen", help="oefenen met fictieve casussen (trainers)")
    practice_commands = practice.add_subparsers(
        dest="practice_command", metavar="OPDRACHT", required=True, parser_class=_Parser
    )
    practice_commands.add_parser("list", help="toon de beschikbare oefencasussen")
    practice_check = practice_commands.add_parser("check", help="controleer oefencasussen")
    practice_check.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: alle)"
    )
    practice_start = practice_commands.add_parser(
        "start", help="start een oefening van een casus (in de eigen oefenopslag)"
    )
    practice_start.add_argument("case", metavar="CASUS", help="id van de oefencasus")
    practice_commands.add_parser("app", help="open de app op de oefeningen")
    cards = practice_commands.add_parser(
        "kaarten", help="rolkaarten om uit te delen, één per pagina"
    )
    cards.add_argument("case", metavar="CASUS", help="id van de oefencasus")
    report = practice_commands.add_parser("rapport", help="feedbackrapport van een oefening")
    report.add_argument("meeting", metavar="OEFENING", help="nummer of casuscode van de oefening")
    compare = practice_commands.add_parser("vergelijk", help="twee oefeningen naast elkaar")
    compare.add_argument("first", metavar="OEFENING1")
    compare.add_argument("second", metavar="OEFENING2")
    for command in (cards, report, compare):
        command.add_argument("--format", choices=("md", "html", "docx"), default="md")
        command.add_argument("--out", type=Path, metavar="BESTAND", help="standaard: naar stdout")
        command.add_argument(
            "--force", action="store_true", help="overschrijf een bestaand bestand"
        )

    history = commands.add_parser(
        "geschiedenis",
        help="de geschiedenis van één casus: overleggen, veiligheidsscores, besluiten",
    )
    history.add_argument("case", metavar="CODE", help="de casuscode")
    history.add_argument("--format", choices=("md", "html", "docx"), default="md")
    history.add_argument("--out", type=Path, metavar="BESTAND", help="standaard: naar stdout")
    history.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")

    actions = commands.add_parser(
        "acties", help="open acties van alle overleggen, die over hun deadline eerst"
    )
    actions.add_argument("--overdue", action="store_true", help="alleen acties die te laat zijn")
    actions.add_argument(
        "--owner", metavar="ORG", default="", help="organisatie (deel van de naam)"
    )
    actions.add_argument("--case", metavar="CODE", default="", help="alleen deze casuscode")
    actions.add_argument("--csv", type=Path, metavar="BESTAND", help="schrijf de lijst als CSV")
    actions.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    return parser


def _leidraad(args: argparse.Namespace) -> int:
    return (_leidraad_check if args.leidraad_command == "check" else _leidraad_list)(args)


def _leidraad_list(args: argparse.Namespace) -> int:
    from bobtui.core.questions.sets import default_catalog

    catalog = default_catalog()
    for warning in catalog.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    for set_id, entry in sorted(catalog.entries.items()):
        origin = "eigen, vervangt de meegeleverde" if entry.replaces else entry.origin
        qs = entry.question_set
        print(f"{set_id}  v{qs.version}  {qs.title}  [{origin}]  {entry.path}")
    return 0


def _toml_files(targets: list[Path], explicit: bool, skip: str = "") -> list[Path]:
    """The .toml files in ``targets``; a named file that does not exist is kept, to be reported."""
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(p for p in sorted(target.glob("*.toml")) if p.name != skip)
        elif target.exists() or explicit:
            files.append(target)
    return files


def _report_problems(problems: list[str], checked: str) -> int:
    from bobtui.core.domain.vocabulary import counted

    for problem in problems:
        print(problem)
    if problems:
        print(f"{counted(len(problems), 'probleem', 'problemen')} gevonden.", file=sys.stderr)
        return EXIT_USER_ERROR
    print(f"In orde: {checked} gecontroleerd.")
    return 0


def _practice(args: argparse.Namespace) -> int:
    from bobtui.core.config.paths import shipped_practice_dir, user_practice_dir
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.training.cases import check_practice_file, default_practice_catalog

    known = set(default_catalog().entries)
    if args.practice_command == "check":
        targets: list[Path] = args.paths or [shipped_practice_dir(), user_practice_dir()]
        files = _toml_files(targets, bool(args.paths))
        problems = [problem for path in files for problem in check_practice_file(path, known)]
        return _report_problems(problems, counted(len(files), "oefencasus", "oefencasussen"))
    catalog = default_practice_catalog(known)
    if args.practice_command in ("start", "app"):
        from bobtui.app import BobApp, StoreChoice

        rehearse = catalog.get(args.case).id if args.practice_command == "start" else None
        BobApp(StoreChoice(practice=True, rehearse=rehearse)).run()
        return 0
    if args.practice_command == "kaarten":
        from bobtui.core.documents.export import render_document
        from bobtui.core.training.handouts import build_role_cards

        _check_output(args, args.format)
        handout = build_role_cards(catalog.get(args.case))
        _write_output(args, render_document(handout, args.format), "Rolkaarten")
        return 0
    if args.practice_command in ("rapport", "vergelijk"):
        return _practice_report(args, catalog)
    for warning in catalog.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    for case_id, entry in sorted(catalog.entries.items()):
        case = entry.case
        print(
            f"{case_id}  v{case.version}  {case.title}  ({case.duration_minutes} min, "
            f"{len(case.roles)} rollen, leidraad {case.leidraad})  [{entry.origin}]  {entry.path}"
        )
    return 0


def _practice_report(args: argparse.Namespace, practice: "PracticeCatalog") -> int:
    """The feedback report of one rehearsal, or two side by side."""
    from bobtui.core.config.paths import practice_store_path
    from bobtui.core.documents.export import render_document
    from bobtui.core.domain.errors import BobError
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.engine import open_store, sqlite_url
    from bobtui.core.store.meetings import find_meeting_id
    from bobtui.core.training.feedback import build_feedback
    from bobtui.core.training.handouts import build_comparison_handout, build_feedback_handout

    _check_output(args, args.format)
    if not practice_store_path().exists():
        raise BobError("Er zijn nog geen oefeningen; start er een met bobtui oefen start CASUS.")
    store = open_store(sqlite_url(practice_store_path()))
    catalog = default_catalog()
    try:
        reports = []
        for reference in (
            (args.meeting,)
            if args.practice_command == "rapport"
            else (
                args.first,
                args.second,
            )
        ):
            session = open_meeting(store, find_meeting_id(store, reference), catalog)
            case_id = session.meeting().practice_case_id
            if case_id is None:
                raise BobError(f"Overleg {reference} is geen oefening.")
            reports.append(build_feedback(session.snapshot(), practice.get(case_id)))
    finally:
        store.dispose()
    if len(reports) == 2 and reports[0].case_id != reports[1].case_id:
        raise BobError("Vergelijk twee oefeningen van dezelfde casus.")
    handout = (
        build_feedback_handout(reports[0])
        if len(reports) == 1
        else build_comparison_handout(reports[0], reports[1])
    )
    _write_output(args, render_document(handout, args.format), "Rapport")
    return 0


def _leidraad_check(args: argparse.Namespace) -> int:
    from bobtui.core.config.paths import shipped_leidraad_dir, user_leidraad_dir
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.questions.sets import GENERIC_PROMPTS_FILE, check_file

    targets: list[Path] = args.paths or [shipped_leidraad_dir(), user_leidraad_dir()]
    files = _toml_files(targets, bool(args.paths))
    problems = [problem for path in files for problem in check_file(path)]
    sets = sum(1 for path in files if path.name != GENERIC_PROMPTS_FILE)
    return _report_problems(problems, counted(sets, "vragenset", "vragensets"))


def _run_app(args: argparse.Namespace) -> int:
    from bobtui.app import BobApp, StoreChoice

    demo = args.command == "demo"
    choice = StoreChoice(url=args.database, demo=demo, reset_demo=demo and args.reset)
    BobApp(choice).run()
    return 0


def _export(args: argparse.Namespace) -> int:
    from bobtui.core.documents.export import parse_formats
    from bobtui.core.documents.profiles import choose_profile
    from bobtui.core.domain.errors import BobError
    from bobtui.core.store.engine import open_store

    batch = bool(args.case or args.since or args.all)
    if batch == bool(args.meeting):
        raise BobError("Noem één overleg, of kies een reeks met --case, --since of --all.")
    if args.until and not args.since:
        raise BobError("--until hoort bij --since.")
    formats = parse_formats(args.format)
    profile = choose_profile(
        args.profile,
        args.sections.split(",") if args.sections else None,
        include_confidential=args.vertrouwelijk,
    )
    store = open_store(args.database)
    try:
        if batch:
            return _export_batch(args, store, formats, profile)
        return _export_one(args, store, formats, profile)
    finally:
        store.dispose()


def _export_one(
    args: argparse.Namespace, store: "Store", formats: "Sequence[ExportFormat]", profile: "Profile"
) -> int:
    from bobtui.core.documents.export import render
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.domain.errors import BobError
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.meetings import find_meeting_id

    if len(formats) != 1:
        raise BobError("Eén overleg gaat in één formaat; voor meer formaten: --case en --out MAP.")
    _check_output(args, formats[0])
    session = open_meeting(store, find_meeting_id(store, args.meeting), default_catalog())
    _write_output(args, render(build_summary(session.snapshot(), profile), formats[0]), "Verslag")
    return 0


def _check_output(args: argparse.Namespace, export_format: str) -> None:
    """Refuse before any work: Word to a terminal, or a file that exists without --force."""
    from bobtui.core.domain.errors import BobError

    if export_format == "docx" and args.out is None:
        raise BobError("Een Word-bestand gaat naar een bestand: geef --out BESTAND.docx.")
    if args.out is not None and args.out.exists() and not args.force:
        raise BobError(f"{args.out} bestaat al; overschrijf met --force.")


def _write_output(args: argparse.Namespace, content: str | bytes, what: str) -> None:
    from bobtui.core.documents.export import write_private

    if args.out is None:
        assert isinstance(content, str)
        sys.stdout.write(content)
    else:
        write_private(args.out, content)
        print(f"{what} geschreven naar {args.out}.", file=sys.stderr)


def _case_history(args: argparse.Namespace) -> int:
    from datetime import date

    from bobtui.core.documents.export import render_case_history
    from bobtui.core.store.engine import open_store
    from bobtui.core.store.history import case_history

    _check_output(args, args.format)
    store = open_store(args.database)
    try:
        history = case_history(store, args.case, date.today())
    finally:
        store.dispose()
    _write_output(args, render_case_history(history, args.format), "Casusgeschiedenis")
    return 0


def _export_batch(
    args: argparse.Namespace, store: "Store", formats: "Sequence[ExportFormat]", profile: "Profile"
) -> int:
    from datetime import date

    from rich.console import Console
    from rich.progress import Progress

    from bobtui.core.documents.export import plan_batch, write_batch
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.domain.dates import parse_date
    from bobtui.core.domain.errors import BobError
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.meetings import select_meetings

    if args.out is None:
        raise BobError("Een reeks verslagen gaat naar een map: geef --out MAP.")
    today = date.today()
    since = parse_date(args.since, today) if args.since else None
    until = parse_date(args.until, today) if args.until else None
    if since and until and until < since:
        raise BobError("--until ligt voor --since; er valt niets te exporteren.")
    meetings = select_meetings(store, case_code=args.case, since=since, until=until)
    if args.case and not meetings:
        raise BobError(f"Er is geen overleg met casuscode '{args.case}'.")
    plan = plan_batch(meetings, formats, profile, args.out, force=args.force)
    catalog = default_catalog()

    def summary_of(meeting_id: int) -> "Summary":
        return build_summary(open_meeting(store, meeting_id, catalog).snapshot(), profile)

    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=len(meetings) <= 5) as progress:
        task = progress.add_task("Verslagen schrijven", total=len(meetings))
        index = write_batch(plan, summary_of, lambda done: progress.update(task, completed=done))
    files = counted(len(plan.items), "bestand", "bestanden")
    print(
        f"{counted(len(meetings), 'overleg', 'overleggen')} geëxporteerd: {files} in "
        f"{args.out}, met {index.name}.",
        file=sys.stderr,
    )
    return 0


def _actions(args: argparse.Namespace) -> int:
    from datetime import date

    from rich.console import Console
    from rich.table import Table

    from bobtui.core.documents.export import write_private
    from bobtui.core.domain.errors import BobError
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.store.actions import actions_csv, open_actions
    from bobtui.core.store.engine import open_store

    store = open_store(args.database)
    try:
        found = open_actions(
            store,
            date.today(),
            overdue_only=args.overdue,
            owner_organisation=args.owner,
            case_code=args.case,
        )
    finally:
        store.dispose()
    if args.csv is not None:
        if args.csv.exists() and not args.force:
            raise BobError(f"{args.csv} bestaat al; overschrijf met --force.")
        write_private(args.csv, actions_csv(found))
        print(
            f"{counted(len(found), 'actie', 'acties')} geschreven naar {args.csv}.", file=sys.stderr
        )
        return 0
    console = Console()
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
    if found:
        console.print(table, markup=False, highlight=False)
    overdue = sum(a.overdue for a in found)
    print(f"{counted(len(found), 'open actie', 'open acties')}, waarvan {overdue} te laat.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.data_dir:
        os.environ["BOBTUI_DATA_DIR"] = str(args.data_dir)
    if args.database:
        os.environ["BOBTUI_DATABASE_URL"] = args.database

    from bobtui.core.domain.errors import BobError

    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: _run_app,
        "app": _run_app,
        "demo": _run_app,
        "export": _export,
        "acties": _actions,
        "geschiedenis": _case_history,
        "leidraad": _leidraad,
        "oefen": _practice,
    }
    try:
        return handlers[args.command](args)
    except BobError as error:
        print(f"bobtui: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A bug, not a user error. Its message may quote case data (SQL parameters, note text),
        # so only its kind is shown unless the user asks for the details.
        if os.environ.get("BOBTUI_DEBUG"):
            raise
        print(
            f"bobtui: onverwachte fout ({type(error).__name__}); zet BOBTUI_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
