"""The title bar says who is connected to a team store, and in which role; on the own SQLite
store it says nothing of the kind."""

from pathlib import Path

import pytest

from bobtui.app import BobApp, StoreChoice
from bobtui.core.store.engine import sqlite_url
from bobtui.widgets.title_bar import TitleBar
from tests.core.team_fixtures import team_store
from tests.ui.test_meeting_screen import until


def _title(app: BobApp) -> str:
    return str(app.screen.query_one(TitleBar).render())


@pytest.mark.postgres
async def test_the_title_bar_names_the_login_and_role(postgres_admin_url: str) -> None:
    with team_store(postgres_admin_url) as team:
        app = BobApp(StoreChoice(url=team.url("anna")))
        async with app.run_test(size=(120, 30)) as pilot:
            expected = f"{team.login('anna')} (procesregisseur)"
            await until(pilot, lambda: expected in _title(app), "the login in the title")
        app.workplace.dispose()


async def test_the_own_store_shows_no_login(tmp_path: Path) -> None:
    app = BobApp(StoreChoice(url=sqlite_url(tmp_path / "eigen.sqlite3")))
    async with app.run_test(size=(120, 30)) as pilot:
        await until(
            pilot, lambda: app.workplace.connected_as == "" and "bobtui" in _title(app), "the title"
        )
        await pilot.pause(0.3)
        assert "(" not in _title(app)
