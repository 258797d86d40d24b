"""The room view's delay: from a note the chair saved to that note on the room's screen.

    make bench            (or: .venv/bin/python bench/bench_room.py)

The room view (``bobtui zaal``, headless at 120×40) runs on a fresh SQLite store while the
chair's session, on its own connection, saves 100 notes one at a time; each is timed from the
moment ``record_note`` returned (committed) to the first moment the room's Feiten box holds
it. Beside it, the two parts of a poll, timed alone: asking whether the meeting changed (what
the room pays four times a second) and reading the picture (what it pays per change).
"""

import asyncio
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from _targets import Targets, percentile

NOTES = 100
TARGETS = {"p50 note → room": 500.0, "p95 note → room": 1000.0}
"""Milliseconds. The issue: the room follows the chair within one second of each entry."""


async def measure(folder: Path) -> list[float]:
    from bobtui.app import StoreChoice
    from bobtui.app.room import RoomApp
    from bobtui.core.config.settings import load_settings
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.session.room import RoomWatch
    from bobtui.core.store.changes import MeetingChanges
    from bobtui.core.store.engine import open_store, sqlite_url
    from bobtui.widgets.room_board import RoomBox

    url = sqlite_url(folder / "zaal.sqlite3")
    store = open_store(url)
    catalog = default_catalog(load_settings().paths)
    question_set = next(entry.question_set for entry in catalog.entries.values())
    chair = MeetingSession.create(
        store, question_set, case_code="BENCH-ZAAL", held_on=date.today()
    ).item
    chair.start()

    changes = MeetingChanges(store, chair.meeting_id)
    watch = RoomWatch(store, chair.meeting_id, catalog)
    lookups, reads = [], []
    for _ in range(50):
        start = time.perf_counter()
        changes.latest()
        lookups.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        watch.read()
        reads.append((time.perf_counter() - start) * 1000)
    print(f"  one poll, nothing changed   {statistics.median(lookups):8.2f} ms (median of 50)")
    print(f"  one read of the picture     {statistics.median(reads):8.2f} ms (median of 50)")

    delays: list[float] = []
    app = RoomApp(chair.meeting_id, StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        while getattr(app.screen, "picture", None) is None:
            await pilot.pause(0.05)
        box = app.screen.query_one("#kind-feit", RoomBox)
        for number in range(NOTES):
            text = f"Feit nummer {number}"
            chair.record_note(NoteKind.FEIT, text)
            saved = time.perf_counter()
            while f"{text}\n" not in f"{box.content}\n":
                await asyncio.sleep(0.002)
            delays.append((time.perf_counter() - saved) * 1000)
    store.dispose()
    return delays


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BOBTUI_DATA_DIR"] = str(Path(folder) / "data")
        os.environ["BOBTUI_CONFIG_DIR"] = str(Path(folder) / "config")
        print(f"Room view: a saved note on the room's screen ({NOTES} notes, SQLite)")
        delays = asyncio.run(measure(Path(folder)))
    targets = Targets()
    for label, share in (("p50 note → room", 0.5), ("p95 note → room", 0.95)):
        targets.check(label, percentile(delays, share), TARGETS[label], " ms")
    print(f"  (poll every 250 ms; slowest {max(delays):.0f} ms, fastest {min(delays):.0f} ms)")
    targets.report()


if __name__ == "__main__":
    main()
