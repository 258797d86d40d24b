"""Store changes made from the screens, off the event loop and strictly one after another.

A change on a network database takes a round trip, and a server that has gone away makes it
wait for a timeout: on the event loop that would freeze typing and the clock. Every screen hands
its changes to the app's one :class:`StoreWriter` instead, which makes them in a worker thread in
the order they were asked for, so two saves never overtake each other (a park before the undo
that follows it, a form's save before the meeting is closed). Its outcome comes back on the UI
thread through :func:`~bobtui.screens._workers.from_worker`: dropped when the screen that asked has
gone. A refusal (a rule, another window's chair, a database that cannot be reached) comes back as
the BobError, whose sentence is Dutch; the screen keeps what was entered (the form stays open
with its fields, a parked idea goes back on the note line).

The note line's notes have a saver of their own, with a queue on disk
(``screens/_note_saving.py``).
"""

import threading
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message_pump import MessagePump

from bobtui.core.domain.errors import BobError
from bobtui.screens._workers import from_worker

T = TypeVar("T")


def notify_refusal(node: MessagePump) -> Callable[[BobError], None]:
    """The usual answer to a refusal: its sentence in an error notification."""

    def refused(error: BobError) -> None:
        node.app.notify(str(error), severity="error", timeout=10)

    return refused


@dataclass(frozen=True)
class _Change(Generic[T]):
    node: MessagePump
    change: Callable[[], T]
    done: Callable[[T], object]
    refused: Callable[[BobError], object]

    def make(self) -> None:
        """Make the change in this (worker) thread; hand its outcome to the UI thread."""
        try:
            result = self.change()
        except BobError as error:
            from_worker(self.node, self.refused, error)
        else:
            from_worker(self.node, self.done, result)


class StoreWriter:
    """One app's changes to the store, made one at a time in a worker thread, oldest first."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._waiting: deque[_Change[Any]] = deque()
        self._lock = threading.Lock()  # the deque is taken from the worker thread
        self._running = False

    def write(
        self,
        node: MessagePump,
        change: Callable[[], T],
        done: Callable[[T], object],
        refused: Callable[[BobError], object] | None = None,
    ) -> None:
        """Make ``change`` after the changes asked for before it; then ``done`` with what it
        returned, or ``refused`` with its BobError (a notification when not given), both on
        the UI thread and only while ``node`` is still shown."""
        job = _Change(node, change, done, refused or notify_refusal(node))
        with self._lock:
            self._waiting.append(job)
            if self._running:
                return
            self._running = True
        self._app.run_worker(self._make_all, thread=True, group="store-writer")

    @property
    def busy(self) -> bool:
        """Whether changes are being made or wait to be made."""
        with self._lock:
            return self._running

    def after_writes(self, change: Callable[[], object]) -> None:
        """Make ``change`` after those waiting, without an answer: at once, here, when none
        wait (the app may be ending, when no new worker starts)."""
        with self._lock:
            if self._running:
                self._waiting.append(_Change(self._app, change, _ignore, _ignore))
                return
        with suppress(BobError):  # nobody is left to tell: the screen is going
            change()

    def _make_all(self) -> None:
        while True:
            with self._lock:
                if not self._waiting:
                    self._running = False
                    return
                job = self._waiting.popleft()
            try:
                job.make()
            except BaseException:
                with self._lock:  # the app ends with a crash report; let a new writer start
                    self._running = False
                raise


def _ignore(_: object) -> None:
    pass


_WRITERS: "WeakKeyDictionary[App[Any], StoreWriter]" = WeakKeyDictionary()


def writer_of(node: MessagePump) -> StoreWriter:
    """The running app's one :class:`StoreWriter`."""
    app = node.app
    writer = _WRITERS.get(app)
    if writer is None:
        writer = _WRITERS[app] = StoreWriter(app)
    return writer


def write(
    node: MessagePump,
    change: Callable[[], T],
    done: Callable[[T], object],
    refused: Callable[[BobError], object] | None = None,
) -> None:
    """Hand ``change`` to the app's writer; see :meth:`StoreWriter.write`."""
    writer_of(node).write(node, change, done, refused)
