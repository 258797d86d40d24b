"""``bobtui zaal``: the read-only room view of a running meeting, in this terminal or served to
browsers (``--web``). Textual and textual-serve are imported inside the handler only."""

import argparse

from bobtui.cli.common import Subparsers, add_meeting_argument, opened_store, say

LARGE_FONT_SIZE = 24
"""Pixels per letter in the browser for --groot (textual-serve's default is 16)."""


def add_parser(commands: Subparsers) -> None:
    room = commands.add_parser(
        "zaal",
        help="toon een lopend overleg op een beamer of in een browser (alleen lezen)",
        description="De zaalweergave: fase, vraag, klok en het beeld tot nu toe, zonder "
        "vertrouwelijke notities, voor iedereen in de zaal. Niets in deze weergave verandert "
        "het overleg. Toetsen: g grote letters, c hoog contrast, Ctrl+Q sluiten.",
    )
    add_meeting_argument(room)
    room.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,  # so that bobtui --demo zaal (the global option) holds too
        help="het overleg van de demo-casus",
    )
    room.add_argument("--groot", action="store_true", help="begin met grote letters")
    room.add_argument("--contrast", action="store_true", help="begin met hoog contrast")
    room.add_argument(
        "--web",
        action="store_true",
        help="toon de weergave in browsers, via een link met een geheime sleutel",
    )
    room.add_argument(
        "--host",
        default="localhost",
        metavar="ADRES",
        help="met --web: het adres waarop de link werkt (standaard localhost, alleen deze "
        "computer); het adres van deze computer in het netwerk van de zaal laat andere "
        "computers toe",
    )
    room.add_argument(
        "--port", type=int, default=8000, metavar="POORT", help="met --web: standaard 8000"
    )
    room.set_defaults(handler=show_room)


def show_room(args: argparse.Namespace) -> int:
    from bobtui.app import StoreChoice
    from bobtui.app.room import RoomApp
    from bobtui.core.domain.errors import BobError

    if bool(args.meeting) == args.demo:
        raise BobError("Noem één overleg (nummer of casuscode), of kies --demo.")
    meeting_id = None if args.demo else _meeting_id(args)
    if args.web:
        return _serve(args, meeting_id)
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


def _serve(args: argparse.Namespace, meeting_id: int | None) -> int:
    """Serve the room view to browsers until Ctrl+C or until the meeting is closed."""
    import sys

    from bobtui.app.room_server import RoomServer
    from bobtui.core.session.room import RoomWatch
    from bobtui.core.workplace import StoreKind, Workplace

    workplace = Workplace(args.settings)
    try:
        store = workplace.store(StoreKind.DEMO if args.demo else StoreKind.OWN)
        meeting_id = meeting_id or workplace.demo_meeting_id
        assert meeting_id is not None, "the demo store sets its meeting"
        watch = RoomWatch(store, meeting_id, workplace.catalog)

        def announce(url: str) -> None:
            if args.groot:
                url += f"?fontsize={LARGE_FONT_SIZE}"
            say(f"De zaalweergave staat op {url}")
            if args.host not in ("localhost", "127.0.0.1", "::1"):
                say(
                    "Iedereen in dit netwerk die deze link heeft, ziet het overleg (zonder "
                    "vertrouwelijke notities). Deel hem alleen met wie in de zaal zit."
                )
            say(
                "Stoppen met Ctrl+C; de link werkt daarna niet meer, en ook niet meer zodra "
                "het overleg is afgerond."
            )
            sys.stdout.flush()  # the address at once, also when the output goes to a file

        server = RoomServer(
            _room_command(args, meeting_id),
            watch,
            host=args.host,
            port=args.port,
            announce=announce,
        )
        server.serve()
    finally:
        workplace.dispose()
    say("De zaalweergave is gestopt; de link werkt niet meer.")
    return 0


def _room_command(args: argparse.Namespace, meeting_id: int) -> str:
    """The command textual-serve runs for each browser: this room view, on the same store."""
    import shlex
    import sys

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from bobtui.core.domain.errors import BobError

    command = [sys.executable, "-m", "bobtui"]
    if args.data_dir is not None:
        command += ["--data-dir", str(args.data_dir)]
    if args.database is not None:
        try:
            password = make_url(args.database).password
        except ArgumentError:
            password = None  # the store refused it already; nothing to hide
        if password:
            # The command line of a process is visible to other users of this computer.
            raise BobError(
                "Met --web gaat een database-URL met wachtwoord niet via --database; zet hem "
                "in BOBTUI_DATABASE_URL of instellingen.toml."
            )
        command += ["--database", args.database]
    command += ["zaal", "--demo" if args.demo else str(meeting_id)]
    command += [
        option for option, on in (("--groot", args.groot), ("--contrast", args.contrast)) if on
    ]
    return shlex.join(command)
