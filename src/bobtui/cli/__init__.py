"""The ``bobtui`` command: open the app, the demo, export a summary, list and check question sets.

Every error a user can cause ends as one sentence on stderr and a non-zero exit code.

This package holds the parser and the error handling; each command group lives in its own module
(app, room, leidraad, export, training, history, actions) that adds its commands and handles them.
Those modules import the app, the store and Rich inside their handlers only, so parsing, ``--help``
and ``leidraad check`` never load Textual or SQLModel.
"""

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from bobtui import __version__
from bobtui.cli import actions, app, export, history, leidraad, record, room, store, team, training
from bobtui.cli.common import (
    EXIT_USER_ERROR,
    Handler,
    Parser,
    add_commands,
    demo_settings,
    say,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="bobtui",
        description="Leid een casusoverleg met het BOB-model: beeldvorming, oordeelsvorming, "
        "besluitvorming. Zonder opdracht opent de app.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"bobtui {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="MAP",
        help="map voor de gegevens (standaard de gebruikersmap van het platform; "
        "ook via BOBTUI_DATA_DIR)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy-URL van de opslag (standaard SQLite in de gegevensmap; "
        "ook via BOBTUI_DATABASE_URL)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="lees en exporteer de fictieve demo-overleggen (hun eigen opslag) in plaats van je "
        "eigen, zoals bobtui --demo export DEMO-HG-0001",
    )
    # Not required: without a command the app opens.
    commands = add_commands(parser, "command", required=False)
    # The order here is the order in bobtui --help.
    for group in (app, room, leidraad, export, training, history, record, actions, store, team):
        group.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bobtui.core.config.settings import load_settings
    from bobtui.core.domain.errors import BobError

    # Each command sets its handler as a parser default; no command means the app.
    handler: Handler = getattr(args, "handler", app.run_app)
    try:
        # One typed object, handed to every command (and the app) as args.settings.
        args.settings = load_settings(data_dir=args.data_dir, database_url=args.database)
        if args.demo:
            args.settings = demo_settings(args.settings, args.database)
        return handler(args)
    except BobError as error:
        say(f"bobtui: {error}", error=True)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A bug, not a user error. Its message may quote case data (SQL parameters, note text),
        # so only its kind is shown unless the user asks for the details.
        if os.environ.get("BOBTUI_DEBUG"):
            raise
        say(
            f"bobtui: onverwachte fout ({type(error).__name__}); zet BOBTUI_DEBUG=1 voor details.",
            error=True,
        )
        return EXIT_USER_ERROR
