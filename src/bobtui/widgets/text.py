"""Showing text that users and data files bring: as plain text, never parsed as markup.

Notes, names, organisations, case codes and the questions of a leidraad file go into a
``rich.text.Text`` as they are, so ``[bold`` shows as ``[bold``. Control characters are dropped
first: an escape sequence pasted into a note must not reach the terminal.

``printable`` is the display twin of the core's ``printable()`` for exports, which is being
added in ``core/domain/text.py`` in parallel; once that lands, this one goes and the widgets
import that.
"""

from rich.text import Text
from textual.widgets import Static

# C0 except tab and newline, DEL, and C1: nothing a terminal should be handed to print.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline stay)."""
    return text.translate(_CONTROL)


def plain(text: str, style: str = "") -> Text:
    """User or file text as a ``Text``: shown literally, control characters dropped."""
    return Text(printable(text), style=style)


def show_text(widget: Static, text: Text) -> None:
    """Put ``text`` in ``widget`` unless it is already there: an update lays the widget out."""
    if widget.content != text:
        widget.update(text)
