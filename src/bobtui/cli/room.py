"""``bobtui zaal``: the read-only room view of a running meeting, in this terminal or served to
browsers (``--web``). Textual and textual-serve are imported inside the handler only."""

import argparse

from bobtui.cli.common import Subparsers, opened_store


def add_parser(commands: Subparsers) -> None:
    room = commands.add_parser(
        "zaal",
        help="toon een lopend overleg op een beamer of in een browser (alleen lezen)",
        description="De zaalweergave: fase, vraag, klok en het beeld tot nu toe, zonder "
        "vertrouwelijke notities, voor iedereen in de zaal. Niets in deze weergave verandert "
        "het overleg. Toetsen: g grote letters, c hoog contrast, Ctrl+Q sluiten.",
    )
    room.add_argument(
        "meeting", nargs="?", metavar="OVERLEG", help="nummer van het overleg, of casuscode"
    )
    room.add_argument("--demo", action="store_true", help="het overleg van de demo-casus")
    room.add_argument("--groot", action="store_true", help="begin met grote letters")
    room.add_argument("--contrast", action="store_true", help="begin met hoog contrast")
    room.set_defaults(handler=show_room)


def show_room(args: argparse.Namespace) -> int:
    from bobtui.app import StoreChoice
    from bobtui.app.room import RoomApp
    from bobtui.core.domain.errors import BobError

    if bool(args.meeting) == args.demo:
        raise BobError("Noem één overleg (nummer of casuscode), of kies --demo.")
    meeting_id = None if args.demo else _meeting_id(args)
    app = RoomApp(
        meeting_id,
        StoreChoice(demo=args.demo),
        large=args.groot,
        contrast=args.contrast,
        settings=args.settings,
    )
    app.run()
    return app.return_code or 0


def _meeting_id(args: argparse.Namespace) -> int:
    """The meeting named on the command line, looked up before the app starts, so a wrong
    number or case code is one sentence on the terminal."""
    from bobtui.core.store.meetings import find_meeting_id

    with opened_store(args.settings) as store:
        return find_meeting_id(store, args.meeting)
