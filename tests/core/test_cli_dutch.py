"""The command's help and argparse's own complaints are Dutch, and every option explains itself."""

import argparse
from collections.abc import Iterator

import pytest

from bobtui.cli import build_parser
from bobtui.cli.common import dutch_error

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's")


def every_parser(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):
                yield from every_parser(command)


def test_every_help_is_dutch_and_every_option_has_one() -> None:
    parsers = list(every_parser(build_parser()))
    assert len(parsers) > 15  # bobtui, its commands and theirs
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("gebruik: "), parser.prog
        assert not [word for word in ENGLISH if word in text], (parser.prog, text)
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{parser.prog} {action.option_strings or action.dest}"


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        (["geschiedenis"], "dit ontbreekt nog: CODE"),
        (["acties", "--x"], "onbekend: --x"),
        (["export", "--case", "X", "--all"], "--all gaat niet samen met --case"),
        (["export", "--format"], "--format vraagt een waarde"),
        (["geschiedenis", "X", "--format", "pdf"], "--format: 'pdf' bestaat niet; kies uit"),
    ],
)
def test_argparse_complaints_are_dutch(
    argv: list[str], dutch: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"bobtui: {dutch}") and line.endswith("(zie bobtui --help)")


def test_a_message_argparse_did_not_write_is_left_alone() -> None:
    assert dutch_error("Geen geldige datum: 31-02-2026") == "Geen geldige datum: 31-02-2026"
