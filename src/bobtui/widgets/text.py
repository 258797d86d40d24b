"""Showing text that users and data files bring: as plain text, never parsed as markup.

Notes, names, organisations, case codes and the questions of a leidraad file go into a
``rich.text.Text`` as they are, so ``[bold`` shows as ``[bold``; control characters are dropped
first (the core's ``printable``, the same the exports use): an escape sequence pasted into a note
must not reach the terminal.

Fields that show what is being typed (Textual's ``Input`` and ``TextArea``) draw their value as
it is, escape sequences included; :func:`printable_strip` takes those out of each drawn line,
while the value itself stays as typed.
"""

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input, Static

from bobtui.core.domain.text import printable


def plain(text: str, style: str = "") -> Text:
    """User or file text as a ``Text``: shown literally, control characters dropped."""
    return Text(printable(text), style=style)


def show_text(widget: Static, text: Text) -> None:
    """Put ``text`` in ``widget`` unless it is already there: an update lays the widget out."""
    if widget.content != text:
        widget.update(text)


def printable_strip(strip: Strip) -> Strip:
    """A drawn line without control characters. They take no cell, so the line keeps its width
    and the cursor its place."""
    segments = list(strip)
    if all(printable(segment.text) == segment.text for segment in segments):
        return strip
    return Strip(
        [Segment(printable(text), style, control) for text, style, control in segments],
        strip.cell_length,
    )


class TextField(Input):
    """An ``Input`` that never draws a control character it holds (pasted, or loaded with a
    stored text); what it holds, and saves, is what was typed."""

    def render_line(self, y: int) -> Strip:
        return printable_strip(super().render_line(y))
