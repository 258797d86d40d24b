"""The command palette (Ctrl+P), in Dutch: every key of the screen is also a command, also
those the footer leaves out to keep the ones that matter most in view, next to the few of
Textual's own commands that make sense here, under Dutch names."""

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option

from bobtui.screens.help import screen_keys

PALETTE_PLACEHOLDER = "Zoek een opdracht…"
THEME_PLACEHOLDER = "Zoek een thema…"


class ScreenActions(Provider):
    """The current screen's keys as commands: 'Volgende vraag (^n)', 'Besluit (f4)', …

    Keys of Textual's own widgets (an open Select's 'Dismiss menu') are left out: their
    descriptions are English, and Esc already does what they say."""

    def _commands(self) -> Iterator[tuple[str, Any, str]]:
        for shown_key, active in screen_keys(self.screen):
            if not active.enabled:
                continue
            binding = active.binding
            callback = partial(self.app.run_action, binding.action, active.node)
            yield f"{binding.description} ({shown_key})", callback, binding.tooltip

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's own palette commands that bobtui keeps, in Dutch.

    Left out: 'Keys' (its panel lists Textual's English descriptions of the editing keys; the
    footer and this palette already show every key) and 'Screenshot' (a picture of a meeting
    holds case text and would land in the Downloads folder, outside the private data folder)."""
    yield SystemCommand("Thema", "Kies de kleuren, zoals bobtui-hoog-contrast", app.search_themes)
    yield SystemCommand(
        "Afsluiten", "bobtui sluiten; wat is ingevoerd, is al bewaard", app.action_quit
    )
    if screen.maximized is not None:
        yield SystemCommand("Verkleinen", "Het vergrote deel weer normaal", screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(
            "Vergroten", "Het deel met de focus schermvullend", screen.action_maximize
        )


class Palette(CommandPalette):
    """Textual's command palette with a Dutch placeholder and a Dutch 'nothing found'."""

    def __init__(self, providers: Any = None, *, placeholder: str = PALETTE_PLACEHOLDER) -> None:
        super().__init__(providers, placeholder=placeholder, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own countdown, with its English 'No matches found' in Dutch (same option id,
        # so the palette removes it again as the search changes).
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                nothing = Text("Geen opdracht gevonden", style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(nothing), disabled=True, id=self._NO_MATCHES)
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
