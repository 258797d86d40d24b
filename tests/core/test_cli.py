"""The bobtui command, run as a user would: through a subprocess."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bobtui import __version__
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.store.engine import open_store, sqlite_url
from tests.conftest import configured_paths, docs_example_text, new_meeting_store


def bobtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bobtui", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def assert_one_sentence_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("bobtui: ") and fragment in lines[0], lines[0]


@pytest.fixture
def database(tmp_path: Path, example_as_user_set: QuestionSet) -> str:
    """A store with one meeting on the docs' example set, which the CLI finds in the user folder."""
    url, store, session = new_meeting_store(tmp_path / "cli.sqlite3", example_as_user_set, "CLI-42")
    session.add_participant("Moeder", is_client=True)
    session.start()
    session.record_note(NoteKind.FEIT, "Een feit voor de export")
    session.next_phase()
    session.next_phase()
    session.record_decision(
        "Plan maken",
        owner_person="Jan",
        owner_organisation="Wijkteam",
        deadline=date.today() + timedelta(days=3),
    )
    store.dispose()
    return url


def test_version_and_help() -> None:
    assert bobtui("--version").stdout.strip() == f"bobtui {__version__}"
    result = bobtui("--help")
    assert result.returncode == 0
    for word in ("demo", "leidraad", "export", "--data-dir", "--database"):
        assert word in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = bobtui("vergadering")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_leidraad_list_and_check_shipped() -> None:
    listing = bobtui("leidraad", "list")
    assert listing.returncode == 0
    for set_id in ("huiselijk-geweld-kindveiligheid", "pga-veelplegers", "ccv-quickscan"):
        assert set_id in listing.stdout
    assert "[meegeleverd]" in listing.stdout
    check = bobtui("leidraad", "check")
    assert check.returncode == 0 and "In orde" in check.stdout


def test_leidraad_check_reports_problems_with_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text(docs_example_text().replace("timebox_minutes = 30", "timebox_minutes = 0"))
    result = bobtui("leidraad", "check", str(broken))
    assert result.returncode == 1
    assert f"{broken}:9: phases[0].timebox_minutes: moet groter zijn dan 0" in result.stdout
    assert "Traceback" not in result.stderr


def test_leidraad_list_names_a_user_override_and_skips_a_broken_file() -> None:
    folder = configured_paths().user_leidraad_dir
    folder.mkdir(parents=True)
    (folder / "kapot.toml").write_text("id = ")
    result = bobtui("leidraad", "list")
    assert result.returncode == 0
    assert "waarschuwing: overgeslagen:" in result.stderr and "kapot.toml" in result.stderr


def test_export_markdown_and_json(tmp_path: Path, database: str) -> None:
    markdown = bobtui("--database", database, "export", "CLI-42")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("**CONCEPT: dit verslag is nog niet vastgesteld")
    assert "\n# Verslag casusoverleg CLI-42\n" in markdown.stdout
    assert (
        "Een feit voor de export" in markdown.stdout
        and "| Plan maken | Jan | Wijkteam |" in markdown.stdout
    )

    out = tmp_path / "verslag.json"
    result = bobtui("--database", database, "export", "1", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["case_code"] == "CLI-42"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_errors_are_one_sentence(tmp_path: Path, database: str) -> None:
    assert_one_sentence_error(bobtui("--database", database, "export", "ONBEKEND"), "geen overleg")
    assert_one_sentence_error(
        bobtui(
            "--database", database, "export", "CLI-42", "--out", str(tmp_path / "nergens" / "x.md")
        ),
        "bestaat niet",
    )
    assert_one_sentence_error(
        bobtui("--database", "nosuchdb://x", "export", "1"), "Onbekend databasetype"
    )


def test_newer_store_is_refused(tmp_path: Path, database: str) -> None:
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    assert_one_sentence_error(bobtui("--database", database, "export", "1"), "nieuwere versie")


def test_data_dir_flag_moves_the_store(tmp_path: Path) -> None:
    target = tmp_path / "eigen-map"
    # A command that only reads never makes a store: it says there is none, and where.
    result = bobtui("--data-dir", str(target), "export", "1")
    assert_one_sentence_error(result, f"Er is geen opslag in {target / 'bobtui.sqlite3'}")
    assert not target.exists()
    open_store(sqlite_url(target / "bobtui.sqlite3")).dispose()
    result = bobtui("--data-dir", str(target), "export", "1")
    assert_one_sentence_error(result, "geen overleg")
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_escape_codes_in_user_text_never_reach_the_terminal() -> None:
    open_store().dispose()  # the configured store, so the command gets as far as the case code
    result = bobtui("geschiedenis", "X\x1b[31mROOD\x07")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "X[31mROOD" in result.stderr


# Bytes that are not UTF-8 in argv reach Python as lone surrogates (os.fsdecode); subprocess
# turns them back into those bytes for the child, as a shell would pass them.
NOT_UTF8 = "X\udcff\udcfe"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("export", "--case", NOT_UTF8), "--case"),
        (("export", NOT_UTF8), "OVERLEG"),
        (("export", "1", "--format", NOT_UTF8), "--format"),
        (("geschiedenis", NOT_UTF8), "CODE"),
        (("acties", "--case", NOT_UTF8), "--case"),
        (("oefen", "kaarten", NOT_UTF8), "CASUS"),
        (("--database", f"sqlite:///{NOT_UTF8}", "export", "1"), "--database"),
    ],
)
def test_text_arguments_that_are_not_utf8_are_refused_in_dutch(
    database: str, args: tuple[str, ...], name: str
) -> None:
    result = bobtui(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "onverwachte fout" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert (
        line.startswith(f"bobtui: {name} '") and "X\\xff\\xfe' bevat bytes die geen UTF-8" in line
    )


def test_a_data_folder_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    result = bobtui("--data-dir", str(tmp_path / NOT_UTF8), "export", "1")
    assert_one_sentence_error(result, "bevat bytes die geen UTF-8-tekst zijn")
    assert "onverwachte fout" not in result.stderr


def test_say_prints_any_text_on_any_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from bobtui.cli.common import say

    for encoding in ("ascii", "utf-8"):
        out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        monkeypatch.setattr(sys, "stdout", out)
        say(f"code {NOT_UTF8} \x1b[31m😀 é [/]")
        out.flush()
        shown = out.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
        assert "\x1b" not in shown and "\\xff\\xfe" in shown and "[31m" in shown
        assert shown.endswith("[/]\n")
    assert "😀 é" in shown


def test_a_summary_the_terminal_cannot_encode_is_a_clear_error(database: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bobtui", "--database", database, "export", "CLI-42"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    stderr = result.stderr.decode("ascii")
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    assert stderr.startswith("bobtui: De terminal kan niet elk teken") and "--out" in stderr
    assert result.stdout == b""


@pytest.mark.parametrize(
    ("arguments", "demo"),
    [
        (["--demo", "zaal"], True),
        (["zaal", "--demo"], True),
        (["--demo", "zaal", "2"], True),
        (["zaal", "2"], False),
    ],
)
def test_demo_before_or_after_the_room_command_means_the_demo(
    arguments: list[str], demo: bool
) -> None:
    """The global --demo and the room command's own are one option: neither undoes the other."""
    from bobtui.cli import build_parser

    assert build_parser().parse_args(arguments).demo is demo
