"""Handing a worker thread's result back to the UI thread, if there is still a UI for it."""

from collections.abc import Callable
from typing import Any

from textual.message_pump import MessagePump


def from_worker(
    node: MessagePump, callback: Callable[..., object], *args: Any, **kwargs: Any
) -> None:
    """Run ``callback`` on the UI thread, unless ``node`` (or the whole app) has gone.

    A worker can outlive its screen: the user leaves it, or quits, while a list loads or a
    file is written. The screen's widgets are gone by then, and updating them would end the
    app with a crash report instead of quietly dropping a result nobody can see.
    """
    try:
        app = node.app
    except RuntimeError:  # NoActiveAppError: the worker outlived the app
        return
    if not app.is_running:
        return

    def if_still_shown() -> None:
        if app.is_running and node.is_attached:
            callback(*args, **kwargs)

    app.call_from_thread(if_still_shown)
