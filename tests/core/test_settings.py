"""Settings as one typed object: the command line over the environment over the file."""

import os
from pathlib import Path

import pytest

from bobtui.cli import main
from bobtui.core.config.settings import SettingsError, load_settings
from tests.conftest import configured_paths


def write_settings(text: str) -> Path:
    path = configured_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_command_line_over_environment_over_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(
        'database_url = "sqlite:////uit/het/bestand.sqlite3"\ntheme = "nord"\n'
        '[keymap]\n"meeting.next" = "ctrl+j"\n'
    )
    from_file = load_settings()
    assert from_file.database_url == "sqlite:////uit/het/bestand.sqlite3"
    assert from_file.theme == "nord"
    assert from_file.keymap == {"meeting.next": "ctrl+j"}
    monkeypatch.setenv("BOBTUI_DATABASE_URL", "sqlite:////uit/de/omgeving.sqlite3")
    monkeypatch.setenv("BOBTUI_THEME", "bobtui-hoog-contrast")
    from_env = load_settings()
    assert from_env.database_url == "sqlite:////uit/de/omgeving.sqlite3"
    assert from_env.theme == "bobtui-hoog-contrast"
    given = load_settings(data_dir=tmp_path / "elders", database_url="sqlite:////gegeven.db")
    assert given.database_url == "sqlite:////gegeven.db"
    assert given.paths.data_dir == tmp_path / "elders"
    assert given.paths.default_store == tmp_path / "elders" / "bobtui.sqlite3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "nord"\nkleur = "rood"\n', r"instellingen\.toml:2: kleur: onbekende instelling"),
        ("theme = 3\n", r"instellingen\.toml:1: theme: moet tekst zijn"),
        ('[keymap]\n"meeting.next" = 1\n', r"instellingen\.toml:1: keymap: een tabel"),
        ("theme = \n", r"instellingen\.toml: geen geldige TOML \(.*line 1"),
    ],
)
def test_a_broken_settings_file_is_one_sentence_naming_file_line_and_key(
    text: str, expected: str
) -> None:
    write_settings(text)
    with pytest.raises(SettingsError, match=expected):
        load_settings()


def test_the_cli_reports_a_broken_settings_file_and_never_writes_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dict(os.environ)
    assert main(["--data-dir", str(tmp_path / "d"), "leidraad", "list"]) == 0
    assert dict(os.environ) == before
    write_settings("kleur = 1\n")
    assert main(["leidraad", "list"]) == 1
    assert "instellingen.toml:1: kleur: onbekende instelling" in capsys.readouterr().err
