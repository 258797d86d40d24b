"""The room view (``bobtui zaal``): a running meeting on a beamer or in a browser, read only.

The current phase and question on top with the phase clock in big digits, below them the
picture so far in boxes (feiten, aannames, zorgen, krachten, informatiegaten, scores, decisions,
parkeerplaats). It follows the chair's window: a worker thread asks the core four times a
second whether the meeting changed (one index lookup) and reads it when it did; between reads
the clock counts on by itself. Confidential notes never reach this screen (the core leaves them
out), and while the chair has put the screen on black it shows only that. No key here changes
the meeting: ``g`` switches to the large layout, the app's ``c`` to high contrast.
"""

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session.room import RoomPicture, RoomWatch
from bobtui.core.workplace import StoreKind
from bobtui.screens._workplace import workplace_of
from bobtui.widgets.phase_clock import time_spent_at
from bobtui.widgets.room_board import (
    RoomBox,
    clock_line,
    flag_line,
    heading,
    question,
    show_board,
)
from bobtui.widgets.text import show_text

POLL_SECONDS = 0.25
"""How often the room asks whether the meeting changed: well within the second it may lag."""

BLACKED_OUT_TEXT = "Het scherm staat op zwart."

_BOXES = [f"kind-{kind.value}" for kind in NoteKind] + ["scores", "decisions", "parked"]


class RoomScreen(Screen[None]):
    """The read-only room view of one meeting."""

    CSS_PATH = "room.tcss"
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("g", "toggle_large", "Groot", id="room.large", tooltip="grote letters, minder"),
    ]

    @dataclass
    class PictureRead(Message):
        """What a poll found: a new picture, nothing new (None), or why it could not read."""

        picture: RoomPicture | None
        problem: str = ""

    def __init__(self, kind: StoreKind, meeting_id: int | None, *, large: bool = False) -> None:
        """``meeting_id`` None: the demo's meeting (``kind`` DEMO)."""
        super().__init__()
        self._kind = kind
        self._meeting_id = meeting_id
        self._watch: RoomWatch | None = None
        self._polling = False
        self.picture: RoomPicture | None = None
        """The latest picture read; None until the first has arrived."""
        self.set_class(large, "-large")

    def compose(self) -> ComposeResult:
        with Horizontal(id="room-head"):
            with Vertical(id="room-title"):
                yield Static(id="room-heading")
                yield Static(id="room-question")
            yield Digits("0:00", id="room-digits")
            yield Static(id="room-timebox")
        yield Static(id="room-flags")
        with Grid(id="room-board"):
            for box in _BOXES:
                yield RoomBox(id=box, classes="room-box")
        yield Static(BLACKED_OUT_TEXT, id="room-black")
        yield Static(id="room-problem")

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1, self._show_time)
        self.poll()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")

    def action_toggle_large(self) -> None:
        self.toggle_class("-large")

    # --- reading -----------------------------------------------------------------------------

    def poll(self) -> None:
        """Ask whether the meeting changed, unless the last question is still out."""
        if not self._polling:
            self._polling = True
            self._read()

    @work(thread=True, group="room")
    def _read(self) -> None:
        try:
            if self._watch is None:
                workplace = workplace_of(self)
                store = workplace.store(self._kind)
                meeting_id = self._meeting_id or workplace.demo_meeting_id
                assert meeting_id is not None, "the demo store sets its meeting"
                self._watch = RoomWatch(store, meeting_id, workplace.catalog, workplace.clock)
            self.post_message(self.PictureRead(self._watch.poll()))
        except BobError as error:
            self.post_message(self.PictureRead(None, str(error)))

    @on(PictureRead)
    def _picture_read(self, message: PictureRead) -> None:
        self._polling = False
        problem = self.query_one("#room-problem", Static)
        problem.update(message.problem)
        problem.display = bool(message.problem)
        if message.picture is not None:
            self.picture = message.picture
            self._show(message.picture)

    # --- showing -----------------------------------------------------------------------------

    def _show(self, picture: RoomPicture) -> None:
        self.set_class(picture.blacked_out, "-black")
        if picture.snapshot is None:  # emptied too, not only hidden: nothing left to reveal
            for widget in self.query("#room-head Static, #room-flags, .room-box").results(Static):
                widget.update("")
            self.query_one(Digits).update("")
            return
        show_text(self.query_one("#room-heading", Static), heading(picture))
        show_text(self.query_one("#room-question", Static), question(picture))
        flags = self.query_one("#room-flags", Static)
        show_text(flags, flag_line(picture))
        flags.display = bool(picture.flags)
        show_board({box: self.query_one(f"#{box}", RoomBox) for box in _BOXES}, picture)
        self._show_time()

    def _show_time(self) -> None:
        picture = self.picture
        if picture is None or picture.snapshot is None:
            return
        spent = time_spent_at(picture.snapshot, workplace_of(self).clock())
        digits, beside = clock_line(picture, spent)
        self.query_one(Digits).update(digits)
        show_text(self.query_one("#room-timebox", Static), beside)
