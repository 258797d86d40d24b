"""The app takes its keys from the settings (by binding id) and owns its stores: it opens each
once and closes every one when it ends."""

from pathlib import Path

import pytest
from textual.widgets import DataTable

from bobtui.app import BobApp, StoreChoice
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.screens.home import HomeScreen
from bobtui.screens.setup import SetupScreen
from tests.conftest import configured_paths
from tests.core.test_settings import write_settings


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
