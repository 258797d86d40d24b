"""Nothing hidden at 80x24: the clock over the question, forms that fit, F1's help, and a calm
request for a larger terminal below that."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from bobtui.app import BobApp, StoreChoice
from bobtui.app.commands import Palette
from bobtui.screens.close import CloseScreen
from bobtui.screens.form import FormScreen
from bobtui.screens.help import HelpScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.too_small import TooSmallScreen
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from tests.ui.test_meeting_screen import open_meeting_screen, planned, until

__all__ = ["planned"]  # the fixture


@asynccontextmanager
async def meeting_at(
    planned: tuple[str, int], size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[Pilot[None], MeetingScreen]]:
    """The planned meeting started and open on a terminal of ``size``."""
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=size) as pilot:
        yield pilot, await open_meeting_screen(pilot, app)


@asynccontextmanager
async def too_small(planned: tuple[str, int]) -> AsyncIterator[Pilot[None]]:
    """The meeting open, then the terminal shrunk below the minimum: the request on top."""
    async with meeting_at(planned) as (pilot, _):
        await pilot.resize_terminal(70, 20)
        await until(pilot, lambda: isinstance(pilot.app.screen, TooSmallScreen), "the request")
        yield pilot


def visible(screen, selector: str) -> bool:  # type: ignore[no-untyped-def]
    widget = screen.query_one(selector)
    region = widget.region
    return widget.display and region.height > 0 and screen.region.contains_region(region)


async def test_at_80_by_24_the_clock_question_and_note_line_show(planned: tuple[str, int]) -> None:
    async with meeting_at(planned) as (pilot, screen):
        app = pilot.app
        await pilot.pause(0.2)
        for selector in (
            "#status",
            "#question-meta",
            "#question-text",
            "#note-bar",
            "#note-editor",
        ):
            assert visible(screen, selector), selector
        assert "Overleg" in str(screen.query_one("#status", Static).render())
        assert "Beeldvorming" in str(screen.query_one("#status", Static).render())
        await pilot.press("ctrl+d")  # the navigator as a panel
        await until(pilot, lambda: visible(screen, "#navigator"), "the navigator panel")
        assert visible(screen, "#note-editor")
        await pilot.press("ctrl+d", "ctrl+d")
        await until(pilot, lambda: not screen.query_one("#right").display, "the panels closed")

        await pilot.press("f4", "ctrl+s")  # the decision form, saved empty: the refusal shows
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the decision form")
        await until(pilot, lambda: visible(app.screen, "#form-error"), "the refusal")
        assert "deadline" in str(app.screen.query_one("#form-error", Static).render())
        assert visible(app.screen, "#form-help")


async def test_f1_lists_every_key_in_dutch(planned: tuple[str, int]) -> None:
    async with meeting_at(planned) as (pilot, _):
        app = pilot.app
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        table = app.screen.query_one(ListTable)
        rows = [" ".join(table.texts_at(i)) for i in range(table.row_count)]
        for described in ("Wie kiezen", "Afronden", "Time-out", "Volgende spreker", "Help"):
            assert any(described in row for row in rows), (described, rows)
        assert not any("Cursor" in row or "cursor" in row for row in rows)
        assert any("Wie kiezen: met tekst op de regel slaat de keuze" in row for row in rows)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back")


async def test_a_terminal_too_small_gets_a_calm_request(planned: tuple[str, int]) -> None:
    async with too_small(planned) as pilot:
        app = pilot.app
        assert "te klein" in str(app.screen.query_one(Static).render())
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting again")


async def test_the_request_stays_on_top_of_a_screen_opened_over_it(
    planned: tuple[str, int],
) -> None:
    async with too_small(planned) as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")  # a priority key: the palette opens over the request
        await until(pilot, lambda: isinstance(app.screen_stack[-2], Palette), "the palette")
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: isinstance(app.screen, Palette), "the palette again")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting again")
        assert not any(isinstance(screen, TooSmallScreen) for screen in app.screen_stack)


async def test_the_close_review_keeps_its_keys_and_refusal_in_view(
    planned: tuple[str, int],
) -> None:
    async with meeting_at(planned) as (pilot, _):
        app = pilot.app
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the close review")
        review = app.screen.query_one("#close")
        await until(pilot, lambda: review.max_scroll_y > 0, "a review longer than the terminal")
        assert visible(app.screen, "#close-help")
        await pilot.press("f8")  # refused: nothing recorded yet
        await until(pilot, lambda: str(app.screen.query_one("#close-error").render()), "why")
        assert visible(app.screen, "#close-error")
        assert visible(app.screen, "#close-help")


def footer_keys(screen) -> tuple[list[FooterKey], list[FooterKey], FooterKey]:  # type: ignore[no-untyped-def]
    """The footer's keys that show, those it leaves to F1, and the palette key."""
    footer = screen.query_one(KeyFooter)
    keys = list(footer.query_children(FooterKey))
    palette = next(key for key in keys if key.has_class("-command-palette"))
    ordered = [key for key in keys if key is not palette]
    return [k for k in ordered if k.display], [k for k in ordered if not k.display], palette


async def test_the_footer_shows_whole_keys_in_their_order_and_always_f1(
    planned: tuple[str, int],
) -> None:
    async with meeting_at(planned, (80, 24)) as (pilot, screen):
        await pilot.pause(0.2)
        shown, left, palette = footer_keys(screen)
        assert left, "at 80 columns the meeting screen has more keys than fit"
        assert [k.description for k in shown][:2] == ["Soort kiezen", "Wie kiezen"]
        assert shown[-1].description == "Help" and all(k.description != "Help" for k in left)
        for key in shown:  # each key whole, none under the palette key
            assert key.region.width == key.outer_size.width > len(key.description)
            assert key.region.right <= palette.region.x, key.description
        wide = {k.description for k in shown}
        await pilot.resize_terminal(140, 40)
        await pilot.pause(0.2)
        shown_wide, _, _ = footer_keys(screen)
        assert wide < {k.description for k in shown_wide}  # more room: more keys, same order
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert {k.description for k in footer_keys(screen)[0]} == wide
