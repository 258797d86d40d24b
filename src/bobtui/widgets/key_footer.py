"""The footer of every screen: the keys that matter most, each shown whole.

Textual's footer cuts the key list at the screen's edge, mid-word ("Vo"). This one shows, in
their priority order, the keys that fit whole, keeps room for F1 (which lists every key, the
hidden ones too) and leaves the rest to F1's help and the command palette."""

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
"""F1's action (the app's): the way to every key the footer leaves out, so it always shows."""


class KeyFooter(Footer):
    """A footer that never cuts a key."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit()

    def _keys(self) -> list[FooterKey]:
        """The footer's keys in their order, without the palette key docked on the right."""
        return [
            key for key in self.query_children(FooterKey) if not key.has_class("-command-palette")
        ]

    def _fit(self) -> None:
        keys = self._keys()
        if not keys:
            return
        palettes = self.query_children(FooterKey).filter(".-command-palette")
        room = self.size.width - sum(_width(palette) for palette in palettes)
        widths = [_width(key) for key in keys]
        help_width = sum(w for key, w in zip(keys, widths, strict=True) if _is_help(key))
        shown, used = {key for key in keys if _is_help(key)}, help_width
        for key, width in zip(keys, widths, strict=True):
            if key in shown or used + width > room:
                continue  # a shorter key further on may still fit
            shown.add(key)
            used += width
        for key in keys:
            key.display = key in shown


def _is_help(key: FooterKey) -> bool:
    return key.action == HELP_ACTION


def _width(key: FooterKey) -> int:
    """The cells ``key`` takes in the footer, with its padding, border and margins: from what
    it draws and its styles, never from a layout that may not have happened yet (a hidden or
    just mounted key has no size of its own)."""
    drawn = key.get_content_width(Size(0, 0), Size(0, 0))
    return drawn + key.styles.gutter.width + key.styles.margin.width
