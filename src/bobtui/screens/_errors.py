"""A rule the user broke is one sentence in a notification, never a traceback."""

from collections.abc import Callable
from typing import TypeVar

from textual.widget import Widget

from bobtui.core.domain.errors import BobError

T = TypeVar("T")


def attempt(node: Widget, call: Callable[[], T]) -> T | None:
    """Run ``call``; on a BobError show its sentence and return None."""
    try:
        return call()
    except BobError as error:
        node.notify(str(error), severity="error")
        return None
