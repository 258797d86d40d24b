"""What a running bobtui has open: the settings, the meeting clock, the question sets and
practice cases, and the stores (the user's own, the demo's, the rehearsals').

The app owns one :class:`Workplace`; screens ask it for what they need instead of passing stores
and catalogs down through their constructors. Each store is opened once, on first use (from a
worker thread: importing and opening the store takes most of a second), and every store is
disposed of when the app ends.
"""

import threading
from enum import Enum
from typing import TYPE_CHECKING

from bobtui.core.config.settings import Settings
from bobtui.core.domain.dates import Clock, utc_now

if TYPE_CHECKING:  # pydantic and SQLModel: imported when first used, off the first frame
    from bobtui.core.questions.sets import Catalog
    from bobtui.core.store.engine import Store
    from bobtui.core.training.catalog import PracticeCatalog


class StoreKind(Enum):
    OWN = "own"
    """The user's meetings: the configured store (SQLite in the data folder, or a database URL)."""
    DEMO = "demo"
    """The fictional demo case, in a store of its own."""
    REHEARSALS = "rehearsals"
    """Rehearsals of practice cases, never among real meetings or in real exports."""


class Workplace:
    """Settings, clock, catalogs and open stores of one running app."""

    def __init__(self, settings: Settings, clock: Clock = utc_now, own_url: str | None = None):
        """``own_url`` replaces the configured store for this run (tests, screen pictures)."""
        self.settings = settings
        self.clock = clock
        self._own_url = own_url
        self._stores: dict[StoreKind, Store] = {}
        self._catalog: Catalog | None = None
        self._practice_catalog: PracticeCatalog | None = None
        self._lock = threading.Lock()  # stores are opened from worker threads
        self.demo_meeting_id: int | None = None
        """The demo's current meeting, once the demo store is open."""
        self.connected_as = ""
        """Who the own store's connections are, on a team store ('anna (procesregisseur)')."""

    @property
    def catalog(self) -> "Catalog":
        """The question sets: shipped and the user's own (loaded once)."""
        from bobtui.core.questions.sets import default_catalog

        with self._lock:
            if self._catalog is None:
                self._catalog = default_catalog(self.settings.paths)
            return self._catalog

    @property
    def practice_catalog(self) -> "PracticeCatalog":
        """The practice cases: shipped and the trainer's own (loaded once)."""
        from bobtui.core.training.catalog import default_practice_catalog, leidraad_questions

        catalog = self.catalog
        with self._lock:
            if self._practice_catalog is None:
                self._practice_catalog = default_practice_catalog(
                    leidraad_questions(catalog), self.settings.paths
                )
            return self._practice_catalog

    def store(self, kind: StoreKind, *, reset_demo: bool = False) -> "Store":
        """The store of ``kind``, opened (and migrated) on first use; raises ``StoreError``."""
        from bobtui.core.store.engine import open_store, sqlite_url

        catalog = self.catalog if kind is StoreKind.DEMO else None
        with self._lock:
            if kind in self._stores and not reset_demo:
                return self._stores[kind]
            if kind is StoreKind.DEMO:
                from bobtui.core.training.demo import open_demo

                assert catalog is not None
                if kind in self._stores:
                    self._stores.pop(kind).dispose()
                store, self.demo_meeting_id = open_demo(
                    catalog, settings=self.settings, reset=reset_demo, clock=self.clock
                )
            elif kind is StoreKind.REHEARSALS:
                rehearsals = sqlite_url(self.settings.paths.rehearsal_store)
                store = open_store(rehearsals, self.settings)
            else:
                store = open_store(self._own_url, self.settings)
                self.connected_as = _connected_as(store)
            self._stores[kind] = store
            return store

    def dispose(self) -> None:
        """Close every store (their connection pools); the app calls this when it ends."""
        with self._lock:
            for store in self._stores.values():
                store.dispose()
            self._stores.clear()


def _connected_as(store: "Store") -> str:
    if store.engine.dialect.name != "postgresql":  # only a team store has logins and groups
        return ""
    from bobtui.core.store.team import identity

    found = identity(store)
    return "" if found is None else found.label()
