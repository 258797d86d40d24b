"""The note line: a TextArea where Enter saves instead of starting a new line.

A TextArea, not an Input: in Textual 8 every key typed into an Input re-lays-out the whole
screen, which is too slow beside a full facilitation screen (see make bench).
"""

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from bobtui.widgets.text import printable_strip


class NoteEditor(TextArea):
    """Type a note; Enter posts :class:`NoteEditor.Submitted`.

    The screen clears the line only once the note is saved, so a failed save loses nothing.
    """

    @dataclass
    class Submitted(Message):
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", id=id)

    def render_line(self, y: int) -> Strip:
        # A pasted escape sequence is kept in the note, never drawn.
        return printable_strip(super().render_line(y))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.submit()
            return
        await super()._on_key(event)

    def submit(self) -> None:
        """Ask for what is on the line to be saved, as Enter does (an empty line: nothing)."""
        text = self.text.strip()
        if text:
            self.post_message(self.Submitted(text))
