"""Every key of the screen is also a command in the palette (Ctrl+P), also those the footer
leaves out to keep the ones that matter most in view."""

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from bobtui.screens.help import screen_keys


class ScreenActions(Provider):
    """The current screen's keys as commands: 'Volgende vraag (^n)', 'Besluit (f4)', …"""

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
