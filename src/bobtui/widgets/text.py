"""Showing text that users and data files bring: as plain text, never parsed as markup.

Notes, names, organisations, case codes and the questions of a leidraad file go into a
``rich.text.Text`` as they are, so ``[bold`` shows as ``[bold``; control characters are dropped
first (the core's ``printable``, the same the exports use): an escape sequence pasted into a note
must not reach the terminal.
"""

from rich.text import Text
from textual.widgets import Static

from bobtui.core.domain.text import printable


def plain(text: str, style: str = "") -> Text:
    """User or file text as a ``Text``: shown literally, control characters dropped."""
    return Text(printable(text), style=style)


def show_text(widget: Static, text: Text) -> None:
    """Put ``text`` in ``widget`` unless it is already there: an update lays the widget out."""
    if widget.content != text:
        widget.update(text)
