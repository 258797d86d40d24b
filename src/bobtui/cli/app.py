"""``bobtui app`` and ``bobtui demo``: open the Textual app, on the real store or the demo case.

Textual is imported only when the app really starts, never while parsing.
"""

import argparse

from bobtui.cli.common import Subparsers


def add_parser(commands: Subparsers) -> None:
    app = commands.add_parser("app", help="open de app (standaard)")
    app.set_defaults(handler=run_app)
    demo = commands.add_parser("demo", help="open de app op de fictieve demo-casus")
    demo.add_argument("--reset", action="store_true", help="maak de demo-casus opnieuw aan")
    demo.set_defaults(handler=run_app)


def run_app(args: argparse.Namespace) -> int:
    """Also runs for ``bobtui`` without a command, which has no ``--reset``: read only for demo."""
    from bobtui.app import BobApp, StoreChoice

    demo = args.command == "demo"
    choice = StoreChoice(demo=demo, reset_demo=demo and args.reset)
    app = BobApp(choice, settings=args.settings)
    app.run()
    return app.return_code or 0  # non-zero after a crash
