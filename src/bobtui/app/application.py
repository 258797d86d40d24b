"""The Textual application. Screens present and dispatch; the core does the work.

The app owns the :class:`Workplace`: the settings, the meeting clock, the question sets and the
stores; screens ask it for what they need. The stores and the question sets are opened in a
worker thread after the first frame, so the app appears at once; importing SQLModel alone takes
about half a second.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider

from bobtui.app.commands import THEME_PLACEHOLDER, Palette, ScreenActions, system_commands
from bobtui.core.config.settings import Settings, load_settings
from bobtui.core.crash import write_crash_report
from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.domain.text import printable
from bobtui.core.workplace import StoreKind, Workplace
from bobtui.screens.help import HelpScreen
from bobtui.screens.home import HomeScreen
from bobtui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

HIGH_CONTRAST = Theme(
    name="bobtui-hoog-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF9900",
    warning="#FFAA00",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#222222",
    dark=True,
)
"""For a beamer or low vision: white on black, yellow accents. Pick it in the command palette
(Ctrl+P, 'theme'), set ``theme`` in instellingen.toml or start with
BOBTUI_THEME=bobtui-hoog-contrast. NO_COLOR is honoured by
Textual itself (monochrome)."""


@dataclass(frozen=True)
class StoreChoice:
    """Which store the app opens on: the user's own (``url`` replaces the configured one), the
    demo store, or the rehearsals' store (``rehearse`` starts a rehearsal of that case at once)."""

    url: str | None = None
    demo: bool = False
    reset_demo: bool = False
    rehearsals: bool = False
    rehearse: str | None = None

    @property
    def kind(self) -> StoreKind:
        if self.demo:
            return StoreKind.DEMO
        return StoreKind.REHEARSALS if self.rehearsals else StoreKind.OWN


class BobApp(App[None]):
    """bobtui: chair a casusoverleg with the BOB model."""

    TITLE = "bobtui"
    COMMANDS = App.COMMANDS | {ScreenActions}
    SUB_TITLE = "casusoverleg met het BOB-model"
    connected_as: reactive[str] = reactive("")
    """Who is connected to a team store and in which role; shown in every title bar."""
    BINDINGS = [
        Binding("ctrl+q", "quit", "Afsluiten", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        # Textual labels its palette key "palette" in the footer; "Menu" is Dutch and shorter.
        Binding(
            "ctrl+p",
            "command_palette",
            "Menu",
            show=False,
            priority=True,
            tooltip="Alle opdrachten van dit scherm, om op te zoeken",
            id="palette",
        ),
    ]

    def __init__(
        self,
        choice: StoreChoice | None = None,
        clock: Clock | None = None,
        settings: Settings | None = None,
    ) -> None:
        """``clock`` replaces the wall clock of meetings (tests and screen pictures);
        ``settings`` come from the CLI (without: read from the environment and the file)."""
        super().__init__()
        self.choice = choice or StoreChoice()
        settings = settings or load_settings()
        self.workplace = Workplace(settings, clock or utc_now, own_url=self.choice.url)
        if self.choice.demo:
            self.sub_title = "DEMO: fictieve casus, niet voor echte gegevens"
        if self.choice.rehearsals:
            self.sub_title = "OEFENING: fictieve casussen, een eigen opslag"
        self.register_theme(HIGH_CONTRAST)
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        # Users remap keys by binding id in instellingen.toml ([keymap]).
        self.set_keymap(dict(settings.keymap))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification as plain text, whatever the caller asked: a message often quotes
        what a user typed (an action, a case code, a folder), which must neither be read as
        markup nor carry an escape sequence to the terminal. Screens call this through
        ``Widget.notify``."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return system_commands(self, screen)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, Palette):
            self.push_screen(Palette())

    def search_themes(self) -> None:
        self.push_screen(Palette([ThemeProvider], placeholder=THEME_PLACEHOLDER))

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a text field; whoever pressed it to stop hears how, in Dutch."""
        for key, active in self.active_bindings.items():
            # The app's own key, which quits on every screen (the list also has q).
            if active.node is self and active.binding.action == "quit":
                shown = "+".join(part.capitalize() for part in key.split("+"))
                self.notify(f"Afsluiten met {shown}; wat is ingevoerd, is al bewaard.")
                return

    def first_screen(self) -> Screen[None]:
        """The screen the app opens on: the list of meetings (the room view opens on its own)."""
        choice = self.choice
        return HomeScreen(choice.kind, reset_demo=choice.reset_demo, rehearse=choice.rehearse)

    def on_mount(self) -> None:
        self.push_screen(self.first_screen())

        # A screen may open over the request (a rehearsal's event, the palette): it goes on top
        # again. Called after the change, not inside the push or pop that made it.
        self.screen_change_signal.subscribe(self, lambda _: self._fit_terminal())
        self.call_after_refresh(self._fit_terminal)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_terminal(event.size)

    def _fit_terminal(self, size: Size | None = None) -> None:
        """Below the smallest size a calm request for a larger terminal covers whatever screen
        is on top; once the terminal is large enough it goes, and so does one left beneath a
        screen that opened over it, when that screen closes."""
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    def action_help(self) -> None:
        """F1: the keys of the screen on top, with what they do."""
        if not isinstance(self.screen, HelpScreen | TooSmallScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        self.workplace.dispose()

    def _fatal_error(self) -> None:
        """An unhandled error: report it without a word of case content.

        Textual's own report is a traceback with local variables, and an error's message may
        quote SQL parameters or a note; both can hold special-category data. bobtui keeps only
        where in the code it happened (files, lines, functions and the error's kind) in a
        private crash file, and says in one sentence where that file is."""
        import sys

        error = sys.exc_info()[1]
        report = write_crash_report(error, self.workplace.settings.paths)
        kind = type(error).__name__ if error else "onbekend"
        self._exit_renderables.append(
            f"bobtui is onverwacht gestopt ({kind}). Wat was opgeslagen, is bewaard. "
            f"Waar in de code het misging (zonder inhoud): {report}"
        )
        self._close_messages_no_wait()
