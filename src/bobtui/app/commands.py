"""Every action shown in the footer is also a command in the palette (Ctrl+P)."""

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenActions(Provider):
    """The current screen's keys as commands: 'Volgende vraag (^n)', 'Besluit (f4)', …"""

    def _commands(self) -> Iterator[tuple[str, Any, str]]:
        seen: set[tuple[int, str]] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            identity = (id(active.node), binding.action)
            if not (active.enabled and binding.show and binding.description) or identity in seen:
                continue
            seen.add(identity)
            shown_key = self.app.get_key_display(binding) or key
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
