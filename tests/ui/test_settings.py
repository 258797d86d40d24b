"""Settings as one typed object: the command line over the environment over the file; keys
remapped by binding id; the app owns its stores and closes them when it ends."""

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable

from bobtui.app import BobApp, StoreChoice
from bobtui.cli import main
from bobtui.core.config.settings import SettingsError, load_settings
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.screens.home import HomeScreen
from bobtui.screens.setup import SetupScreen
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


async def test_keys_are_remapped_by_binding_id_from_the_settings_file(tmp_path: Path) -> None:
    write_settings('[keymap]\n"home.new" = "x"\n')
    url = sqlite_url(tmp_path / "eigen.sqlite3")
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.screen.query(DataTable):
                break
        await pilot.press("n")  # no longer the key for a new meeting
        await pilot.pause(0.1)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("x")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SetupScreen)


async def test_the_app_closes_every_store_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disposed: list[str] = []
    dispose = Store.dispose

    def recording_dispose(store: Store) -> None:
        disposed.append(store.url)
        dispose(store)

    monkeypatch.setattr(Store, "dispose", recording_dispose)
    url = sqlite_url(tmp_path / "eigen.sqlite3")
    open_store(url).dispose()
    disposed.clear()
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.screen.query(DataTable):
                break
        await pilot.press("o")  # the rehearsals' list opens the rehearsal store
        for _ in range(200):
            await pilot.pause(0.05)
            if app.screen.query(DataTable):
                break
        assert disposed == []
    rehearsals = sqlite_url(configured_paths().rehearsal_store)
    assert sorted(disposed) == sorted([url, rehearsals])
