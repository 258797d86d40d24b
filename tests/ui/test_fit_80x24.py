"""Nothing squashed or cut at 80x24: the setup's sections, the lists' columns, the note bar."""

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.store.engine import sqlite_url
from bobtui.screens.actions import ActionsScreen
from bobtui.screens.home import HomeScreen
from bobtui.screens.setup import SetupScreen
from bobtui.widgets.list_table import ListTable
from tests.snapshots.pictures import build_store, fixed_clock
from tests.ui.test_layout import meeting_at, visible
from tests.ui.test_meeting_screen import planned, until
from tests.ui.test_setup_screen import earlier_meeting_with_open_action, new_meeting

__all__ = ["planned"]  # the fixture


@pytest.fixture
def four_meetings(tmp_path: Path) -> str:
    """The snapshot tests' store: four meetings of one case, two with an open action."""
    build_store(tmp_path / "four.sqlite3")
    return sqlite_url(tmp_path / "four.sqlite3")


def lines_of(table: ListTable) -> str:
    """The table as it is drawn, line by line."""
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


def fits(table: ListTable) -> bool:
    return 0 < table.virtual_size.width <= table.scrollable_content_region.width


async def home_list(pilot: Pilot[None], rows: int) -> ListTable:
    await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
    await until(pilot, lambda: pilot.app.screen.query(ListTable), "the list")
    table = pilot.app.screen.query_one(ListTable)
    await until(pilot, lambda: table.row_count == rows and fits(table), "the list fitted")
    return table


async def test_the_lists_show_every_column_whole_at_80_columns(four_meetings: str) -> None:
    app = BobApp(StoreChoice(url=four_meetings), clock=fixed_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meetings = await home_list(pilot, 4)
        await pilot.pause(0.3)  # the rows drawn at the fitted widths
        shown = lines_of(meetings)
        for whole in ("Open acties", "Status", "gesloten (concept)", "ZVH-GEPLAND", "02-03-2026"):
            assert whole in shown, whole
        # The leidraad gives way first, before the state: down to its header's width.
        assert "huis" in shown and "huiselijk-geweld-kindveiligheid" not in shown

        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen), "the open actions")
        actions = app.screen.query_one(ListTable)
        await until(pilot, lambda: actions.row_count == 2 and fits(actions), "fitted")
        shown = lines_of(actions)
        for whole in ("Casus", "ZVH-BESLUIT", "Deadline", "16-03-2026", "Nr", "Veilig Thuis"):
            assert whole in shown, whole
        assert "Veiligheidsplan" in shown


async def test_setup_at_80_by_24_shows_and_reaches_every_section(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "setup.sqlite3")
    earlier_meeting_with_open_action(url)
    async with BobApp(StoreChoice(url=url)).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        setup = await new_meeting(pilot, app, "ZVH-9")
        await pilot.press(*"Moeder", "tab", *"Wijkteam Oost", "tab", *"Gezinscoach", "enter")
        roster = setup.query_one("#participants", ListTable)
        await until(pilot, lambda: roster.row_count == 1 and fits(roster), "the roster fitted")
        shown = lines_of(roster)
        for header in ("Naam of rol", "Aanwezig", "Organisatie", "Functie", "Domein"):
            assert header in shown, header
        assert "Wijkteam Oost" in shown and "Gezinscoach" in shown
        for field, placeholder in (
            ("#p-name", "Naam of rol"),
            ("#p-organisation", "Organisatie"),
            ("#p-role", "Functie"),
        ):
            widget = setup.query_one(field, Input)
            assert widget.size.width > len(placeholder), field  # the placeholder shows whole

        carried = setup.query_one("#carried", ListTable)
        carried.focus()
        await until(pilot, lambda: visible(setup, "#carried"), "the open actions in view")
        assert visible(setup, "#carry-title")
        assert "Huisbezoek" in lines_of(carried)

        setup.query_one("#p-name", Input).focus()
        await pilot.press("f5")  # refused: the open action is not reviewed yet
        message = setup.query_one("#setup-message", Static)
        await until(pilot, lambda: str(message.render()), "the refusal")
        assert visible(setup, "#setup-message")

        setup.query_one("#case-code", Input).focus()
        await until(pilot, lambda: visible(setup, "#case-code"), "the case code in view")
        await pilot.pause(0.1)
        assert isinstance(app.screen, SetupScreen)


async def test_the_note_bar_keeps_its_parts_apart_at_every_width(
    planned: tuple[str, int],
) -> None:
    async with meeting_at(planned) as (pilot, screen):
        await pilot.press("ctrl+d")  # the navigator panel narrows the note line
        await until(pilot, lambda: visible(screen, "#navigator"), "the navigator panel")
        bar = screen.query_one("#note-bar", Static)
        for width in (80, 90, 99, 100, 120, 140):
            await pilot.resize_terminal(width, 24)
            await pilot.pause(0.1)
            text = str(bar.render())
            assert bar.content.cell_len <= bar.size.width, (width, text)
            assert re.fullmatch(r"(Soort: )?feit( \(ctrl\+a\))? · (Wie: )?niem.*", text), (
                width,
                text,
            )
