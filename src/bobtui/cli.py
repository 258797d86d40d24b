"""The ``bobtui`` command: open the app, the demo, export a summary, list and check question sets.

Every error a user can cause ends as one sentence on stderr and a non-zero exit code.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bobtui import __version__

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

    export = commands.add_parser("export", help="exporteer het verslag van een overleg")
    export.add_argument("meeting", metavar="OVERLEG", help="nummer van het overleg of casuscode")
    export.add_argument("--format", choices=("md", "json"), default="md", help="standaard md")
    export.add_argument("--out", type=Path, metavar="BESTAND", help="standaard: naar stdout")
    return parser


def _leidraad(args: argparse.Namespace) -> int:
    return (_leidraad_check if args.leidraad_command == "check" else _leidraad_list)(args)


def _leidraad_list(args: argparse.Namespace) -> int:
    from bobtui.core.leidraad import default_catalog

    catalog = default_catalog()
    for warning in catalog.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    for set_id, entry in sorted(catalog.entries.items()):
        origin = "eigen, vervangt de meegeleverde" if entry.replaces else entry.origin
        qs = entry.question_set
        print(f"{set_id}  v{qs.version}  {qs.title}  [{origin}]  {entry.path}")
    return 0


def _leidraad_check(args: argparse.Namespace) -> int:
    from bobtui.core.leidraad import GENERIC_PROMPTS_FILE, check_file
    from bobtui.core.paths import shipped_leidraad_dir, user_leidraad_dir
    from bobtui.core.vocabulary import counted

    targets: list[Path] = args.paths or [shipped_leidraad_dir(), user_leidraad_dir()]
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(sorted(target.glob("*.toml")))
        elif target.exists() or args.paths:
            files.append(target)
    problems = [problem for path in files for problem in check_file(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{counted(len(problems), 'probleem', 'problemen')} gevonden.", file=sys.stderr)
        return EXIT_USER_ERROR
    sets = sum(1 for path in files if path.name != GENERIC_PROMPTS_FILE)
    print(f"In orde: {counted(sets, 'vragenset', 'vragensets')} gecontroleerd.")
    return 0


def _run_app(args: argparse.Namespace) -> int:
    from bobtui.app import BobApp, StoreChoice

    demo = args.command == "demo"
    choice = StoreChoice(url=args.database, demo=demo, reset_demo=demo and args.reset)
    BobApp(choice).run()
    return 0


def _export(args: argparse.Namespace) -> int:
    from bobtui.core.export import render, write_private
    from bobtui.core.leidraad import default_catalog
    from bobtui.core.meetings import find_meeting_id, open_meeting
    from bobtui.core.store import open_store
    from bobtui.core.summary import build_summary

    store = open_store(args.database)
    try:
        session = open_meeting(store, find_meeting_id(store, args.meeting), default_catalog())
        text = render(build_summary(session), args.format)
    finally:
        store.dispose()
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_private(args.out, text)
        print(f"Verslag geschreven naar {args.out}.", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.data_dir:
        os.environ["BOBTUI_DATA_DIR"] = str(args.data_dir)
    if args.database:
        os.environ["BOBTUI_DATABASE_URL"] = args.database

    from bobtui.core.errors import BobError

    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: _run_app,
        "app": _run_app,
        "demo": _run_app,
        "export": _export,
        "leidraad": _leidraad,
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
