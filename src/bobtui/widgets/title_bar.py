"""A one-line title bar: the app's (or screen's) title and subtitle.

Textual's Header builds four widgets and a clock slot; one Static does the same job here and
keeps the first frame quick.
"""

from textual.widgets import Static

from bobtui.core.domain.text import one_line
from bobtui.widgets.text import plain


class TitleBar(Static):
    """Title and subtitle of the current screen, falling back to the app's."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._show_title, init=False)
            self.watch(owner, "sub_title", self._show_title, init=False)
        if hasattr(self.app, "connected_as"):  # bobtui's app: who is connected to a team store
            self.watch(self.app, "connected_as", self._show_title, init=False)
        self._show_title()

    def _show_title(self) -> None:
        title = self.screen.title or self.app.title
        sub_title = self.screen.sub_title or self.app.sub_title
        # Screens name the case code or a practice case's title here: shown as typed, on one
        # line, without control characters.
        line = f"{title} — {sub_title}" if sub_title else title
        connected_as = getattr(self.app, "connected_as", "")
        if connected_as:
            line += f" · {connected_as}"
        self.update(plain(one_line(line)))
