"""The room view's app (``bobtui zaal``): bobtui opened on the read-only room view instead of
the list of meetings, with a key for high contrast. Everything else — the settings, the
workplace, the themes, the too-small request, the crash report without case content — is
:class:`BobApp`'s."""

from textual.binding import Binding
from textual.screen import Screen

from bobtui.app.application import HIGH_CONTRAST, BobApp, StoreChoice
from bobtui.core.config.settings import Settings
from bobtui.core.domain.dates import Clock
from bobtui.screens.room import RoomScreen


class RoomApp(BobApp):
    """One meeting on the wall; nothing here changes it."""

    SUB_TITLE = "zaalweergave"
    BINDINGS = [
        Binding("c", "toggle_contrast", "Contrast", id="room.contrast", tooltip="hoog contrast"),
    ]

    def __init__(
        self,
        meeting_id: int | None,
        choice: StoreChoice | None = None,
        *,
        large: bool = False,
        contrast: bool = False,
        clock: Clock | None = None,
        settings: Settings | None = None,
    ) -> None:
        """``meeting_id`` None: the demo's meeting (``choice`` the demo store)."""
        super().__init__(choice, clock, settings)
        self._meeting_id = meeting_id
        self._large = large
        self._other_theme = self.theme
        if contrast:
            self.action_toggle_contrast()

    def first_screen(self) -> Screen[None]:
        return RoomScreen(self.choice.kind, self._meeting_id, large=self._large)

    def action_toggle_contrast(self) -> None:
        """White on black with yellow, or back to the theme it had."""
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self._other_theme
        else:
            self._other_theme = self.theme
            self.theme = HIGH_CONTRAST.name
