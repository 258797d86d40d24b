"""What the command groups share: the Dutch parser, the option sets, output and store helpers.

Only the standard library is imported at module level: every heavy import (the store, SQLModel,
the document renderers) waits inside a function, so ``bobtui --help`` stays fast.
"""

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

if TYPE_CHECKING:
    from bobtui.core.config.settings import Settings
    from bobtui.core.store.engine import Store

EXIT_USER_ERROR = 1
EXIT_USAGE = 2

Handler: TypeAlias = Callable[[argparse.Namespace], int]
"""Runs one command on its parsed arguments and returns the exit code."""


def say(text: str, *, error: bool = False) -> None:
    """Print one message for the user (on stderr with ``error``). Every line the CLI prints
    goes through here: escape codes and other control characters in names, case codes or file
    names never reach the terminal; a file name that is not UTF-8 shows its bytes (``\\xff``),
    and a character the terminal's encoding lacks (an emoji on an ASCII terminal) shows as ``?``
    instead of ending the command."""
    from bobtui.core.domain.text import show_undecodable

    stream = sys.stderr if error else sys.stdout
    print(_encodable(show_undecodable(text), stream), file=stream)


def _encodable(text: str, stream: TextIO) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return text.encode(encoding, "replace").decode(encoding)


# argparse's own complaints (Python 3.11), in Dutch; our own messages already are.
_DUTCH_ERRORS = [
    (r"the following arguments are required: (.*)", r"dit ontbreekt nog: \1"),
    (r"unrecognized arguments: (.*)", r"onbekend: \1"),
    (
        r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)",
        r"\1: \2 bestaat niet; kies uit \3",
    ),
    (r"argument (.+?): expected (?:at least )?one argument", r"\1 vraagt een waarde"),
    (r"argument (.+?): not allowed with argument (.*)", r"\1 gaat niet samen met \2"),
    (r"argument (.+?): invalid \w+ value: (.*)", r"\1: \2 is geen geldige waarde"),
    (r"argument (.+?): ignored explicit argument (.*)", r"\1 neemt geen waarde (\2)"),
    (r"one of the arguments (.*) is required", r"geef een van: \1"),
    (r"ambiguous option: (.*) could match (.*)", r"\1 kan meerdere opties zijn: \2"),
    (r"argument (.+?): (.*)", r"\1: \2"),  # a type's own (Dutch) message
]


def dutch_error(message: str) -> str:
    """One of argparse's English error messages in Dutch."""
    import re

    for pattern, replacement in _DUTCH_ERRORS:
        dutch, found = re.subn(f"^{pattern}$", replacement, message, flags=re.S)
        if found:
            return dutch
    return message


class _DutchHelp(argparse.HelpFormatter):
    def add_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in Dutch: the help (headings, -h) and one-line errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        from bobtui.core.domain.text import show_undecodable

        message = _encodable(show_undecodable(dutch_error(message)), sys.stderr)
        self.exit(EXIT_USAGE, f"bobtui: {message} (zie bobtui --help)\n")

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # Bytes in argv that are not UTF-8 arrive as lone surrogates (os.fsdecode). A file name
        # (type=Path) may hold them; a case code, a date or a URL cannot be looked up, stored or
        # printed, so such a text is refused here, before any command runs.
        from bobtui.core.domain.text import show_undecodable, undecodable

        # A command's own arguments pass here with its name; its parser checks them.
        command = action.nargs == argparse.PARSER
        if action.type in (None, str) and not command and undecodable(arg_string):
            name = "/".join(action.option_strings) or action.metavar or action.dest
            self.error(
                f"{name} '{show_undecodable(arg_string)}' bevat bytes die geen UTF-8-tekst zijn; "
                "typ het opnieuw (of zet de terminal op UTF-8)"
            )
        return super()._get_value(action, arg_string)


Subparsers: TypeAlias = "argparse._SubParsersAction[Parser]"
"""What ``add_subparsers`` returns; each command group adds its commands to it."""


def add_commands(parser: argparse.ArgumentParser, dest: str, *, required: bool) -> Subparsers:
    """The ``OPDRACHT`` slot of ``parser``; its commands get the Dutch error messages too."""
    return parser.add_subparsers(
        dest=dest, metavar="OPDRACHT", required=required, parser_class=Parser
    )


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """The files or folders a ``check`` command reads; none means the shipped and own folders."""
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: alle)"
    )


def add_meeting_argument(parser: argparse.ArgumentParser) -> None:
    """The optional ``OVERLEG`` a command works on: its number or its case code."""
    parser.add_argument(
        "meeting", nargs="?", metavar="OVERLEG", help="nummer van het overleg, of casuscode"
    )


def add_force_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--force", action="store_true", help=help)


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """``--format``, ``--out`` and ``--force`` for a command that writes one document."""
    parser.add_argument(
        "--format",
        choices=("md", "html", "docx"),
        default="md",
        metavar="FORMAAT",
        help="md (standaard), html of docx",
    )
    parser.add_argument("--out", type=Path, metavar="BESTAND", help="standaard: naar stdout")
    add_force_option(parser, "overschrijf een bestaand bestand")


def check_output(args: argparse.Namespace, export_format: str) -> None:
    """Refuse before any work: Word to a terminal, or a file that exists without --force."""
    from bobtui.core.domain.errors import BobError

    if export_format in ("docx", "pdf") and args.out is None:
        kind = "Word-bestand" if export_format == "docx" else "PDF-bestand"
        raise BobError(f"Een {kind} gaat naar een bestand: geef --out BESTAND.{export_format}.")
    if args.out is not None and args.out.exists() and not args.force:
        raise BobError(f"{args.out} bestaat al; overschrijf met --force.")


def write_output(args: argparse.Namespace, content: str | bytes, what: str) -> None:
    """Write to ``--out`` (readable by the user only), or to stdout when there is none."""
    from bobtui.core.documents.export import write_private
    from bobtui.core.domain.errors import BobError

    if args.out is None:
        # check_output refused Word without --out, so only text reaches the terminal.
        assert isinstance(content, str)
        try:
            sys.stdout.write(content)
        except UnicodeEncodeError:  # encoded as a whole first: nothing was written
            raise BobError(
                f"De terminal kan niet elk teken van dit document tonen ({sys.stdout.encoding}); "
                "schrijf het naar een bestand met --out BESTAND."
            ) from None
    else:
        write_private(args.out, content)
        say(f"{what} geschreven naar {args.out}.", error=True)


def demo_settings(settings: "Settings", database: str | None) -> "Settings":
    """The settings with the demo store in place of the user's own (``--demo``), the demo case
    made first when it is not there yet; every command then reads the demo meetings."""
    from dataclasses import replace

    from bobtui.core.domain.errors import BobError
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.engine import sqlite_url
    from bobtui.core.training.demo import open_demo

    if database:
        raise BobError("--demo gaat niet samen met --database: de demo heeft een eigen opslag.")
    store, _ = open_demo(default_catalog(settings.paths), settings=settings)
    store.dispose()
    return replace(settings, database_url=sqlite_url(settings.paths.demo_store))


@contextmanager
def opened_store(settings: "Settings", url: str | None = None) -> Iterator["Store"]:
    """The existing store at ``url`` (None: the configured one), disposed of however the block
    ends. Commands only read: a store that does not exist is not made, they say so."""
    from bobtui.core.store.engine import open_store

    store = open_store(url, settings, create=False)
    try:
        yield store
    finally:
        store.dispose()


def print_warnings(warnings: list[str]) -> None:
    """A catalogue's skipped files, on stderr so the listing on stdout stays clean."""
    for warning in warnings:
        say(f"waarschuwing: {warning}", error=True)


def toml_files(targets: list[Path], explicit: bool) -> list[Path]:
    """The .toml files in ``targets``; a named file that does not exist is kept, to be reported."""
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(sorted(target.glob("*.toml")))
        elif target.exists() or explicit:
            files.append(target)
    return files


def report_problems(problems: list[str], checked: str) -> int:
    """Print what a ``check`` found; ``checked`` names what was read, as in "3 vragensets"."""
    from bobtui.core.domain.vocabulary import counted

    for problem in problems:
        say(problem)
    if problems:
        say(f"{counted(len(problems), 'probleem', 'problemen')} gevonden.", error=True)
        return EXIT_USER_ERROR
    say(f"In orde: {checked} gecontroleerd.")
    return 0
