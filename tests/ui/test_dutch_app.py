"""Everything the app says is Dutch, Textual's own words included; q quits; an empty store says
how to begin."""

from pathlib import Path

from textual.command import CommandInput, CommandList
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from bobtui.app import BobApp, StoreChoice
from bobtui.app.commands import Palette
from bobtui.widgets.list_table import ListTable
from tests.conftest import configured_paths
from tests.ui.test_app import url, wait_for_rows  # noqa: F401  (url is a fixture)
from tests.ui.test_meeting_screen import until

ENGLISH_SYSTEM_COMMANDS = {"Theme", "Quit", "Keys", "Screenshot", "Maximize", "Minimize"}


def _text(prompt: object) -> str:
    """An option's words: a command's first line, or the text inside an Align."""
    inner = getattr(prompt, "renderable", prompt)
    return str(getattr(inner, "plain", inner)).split("\n")[0].strip()


def palette_options(app: BobApp) -> list[str]:
    options = app.screen.query_one(CommandList).options
    return [_text(option.prompt) for option in options]


async def test_the_palette_speaks_dutch_only(url: str) -> None:  # noqa: F811
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_rows(pilot, 3)
        keys = app.screen.query(".-command-palette").results(FooterKey)
        await until(pilot, lambda: [k.description for k in keys] == ["Menu"], "the footer")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, Palette), "the command palette")
        assert app.screen.query_one(CommandInput).placeholder == "Zoek een opdracht…"
        # Each command provider answers in its own time; wait for the system and the screen's.
        await until(
            pilot,
            lambda: {"Afsluiten", "Thema", "Nieuw overleg (n)"} <= set(palette_options(app)),
            "the system and screen commands",
        )
        names = palette_options(app)
        assert not ENGLISH_SYSTEM_COMMANDS & set(names), names
        await pilot.press(*"xyzzy")
        await until(
            pilot, lambda: palette_options(app) == ["Geen opdracht gevonden"], "'nothing found'"
        )
        await pilot.press(*["backspace"] * 5, *"thema", "enter")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, Palette)
                and app.screen.query_one(CommandInput).placeholder == "Zoek een thema…"
            ),
            "the theme palette",
        )
        await until(pilot, lambda: "bobtui-hoog-contrast" in palette_options(app), "the themes")


async def test_ctrl_c_says_in_dutch_how_to_quit(url: str) -> None:  # noqa: F811
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_rows(pilot, 3)
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert messages == ["Afsluiten met Ctrl+Q; wat is ingevoerd, is al bewaard."]
        assert app.is_running


async def test_q_quits_from_the_list_but_types_in_the_filter(url: str) -> None:  # noqa: F811
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_rows(pilot, 3)
        await pilot.press("slash", "q")
        assert app.screen.query_one("#filter", Input).value == "q"
        assert app.is_running and app.return_code is None
        await pilot.press("escape")
        assert isinstance(app.focused, ListTable)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_an_empty_store_says_how_to_begin(tmp_path: Path) -> None:
    app = BobApp(StoreChoice())
    async with app.run_test(size=(120, 40)) as pilot:
        hint = await _visible_hint(pilot)
        text = str(hint.render())
        assert "n " in text and "nieuw overleg" in text
        assert "bobtui demo" in text and "bobtui leidraad check" in text
        assert str(configured_paths().user_leidraad_dir) in text
        await until(pilot, lambda: getattr(app.screen, "catalog", None) is not None, "sets")
        await pilot.press("n")
        await until(pilot, lambda: app.screen.__class__.__name__ == "SetupScreen", "the setup")


async def test_a_search_without_results_is_no_empty_store(url: str) -> None:  # noqa: F811
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_rows(pilot, 3)
        assert not app.screen.query_one("#empty-hint", Static).display
        await pilot.press("slash", *"GEEN-SUCH")
        await wait_for_rows(pilot, 0)
        assert not app.screen.query_one("#empty-hint", Static).display


async def _visible_hint(pilot) -> Static:
    await wait_for_rows(pilot, 0)
    hint = pilot.app.screen.query_one("#empty-hint", Static)
    await until(pilot, lambda: hint.display, "the hint for an empty store")
    return hint
