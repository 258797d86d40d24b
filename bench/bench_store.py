"""What the store's safety costs, measured side by side in one run.

    make bench            (or: .venv/bin/python bench/bench_store.py)

A store of 10,000 meetings with 30 notes each (about 70 MB) is opened as the app opens it
(with the cheap check every open does: header, size and schema read without touching the file)
next to opening it with no check at all; then the two things done once a day and before a schema
change: SQLite's quick check, and a consistent backup through SQLite's online backup API.
Both run in the worker that opens the store, after the first frame, once a day.
"""

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _targets import Targets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEETINGS = 10_000
NOTES_PER_MEETING = 30
RUNS = 7
TARGETS = {
    # The cheap check must be invisible when the app opens; the daily work must stay below
    # the time the meeting list takes to appear on a slow laptop.
    "cheap check on every open": 20.0,
    "quick check (daily)": 2_000.0,
    "backup (daily)": 3_000.0,
}


def make_store(folder: Path) -> Path:
    from sqlalchemy import text

    from bobtui.core.store.engine import open_store, sqlite_url

    path = folder / "veel.sqlite3"
    store = open_store(sqlite_url(path), backups=False)
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO meeting (case_code, leidraad_id, leidraad_version, meeting_type,"
                " held_on, location, reason, status, created_at) VALUES (:code, 'x', '1',"
                " 'casusoverleg', '2026-01-01', '', '', 'gesloten', '2026-01-01 09:00:00')"
            ),
            [{"code": f"ZVH-{n:05d}"} for n in range(MEETINGS)],
        )
        connection.execute(
            text(
                "INSERT INTO note (meeting_id, kind, text, phase, question_id, participant_id,"
                " confidential, created_at, updated_at) VALUES (:meeting, 'feit', :text,"
                " 'beeldvorming', 'q', NULL, 0, '2026-01-01 09:00:00', '2026-01-01 09:00:00')"
            ),
            [
                {"meeting": 1 + n % MEETINGS, "text": f"Notitie {n} over wat er gezegd is. " * 3}
                for n in range(MEETINGS * NOTES_PER_MEETING)
            ],
        )
    store.dispose()
    return path


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    from bobtui.core.config.settings import load_settings
    from bobtui.core.store import sqlite_files
    from bobtui.core.store.engine import create_store_engine, migrate, open_store, sqlite_url

    with tempfile.TemporaryDirectory() as folder:
        os.environ["BOBTUI_DATA_DIR"] = str(Path(folder) / "data")
        path = make_store(Path(folder))
        settings = load_settings()
        url = sqlite_url(path)
        print(
            f"store: {MEETINGS:,} meetings, {MEETINGS * NOTES_PER_MEETING:,} notes, "
            f"{path.stat().st_size / 1e6:.0f} MB; {RUNS} runs each, median (min–max)"
        )

        def bare_open() -> None:
            engine = create_store_engine(url)
            migrate(engine)
            engine.dispose()

        def checked_open() -> None:
            open_store(url, settings, backups=False).dispose()

        def quick_check() -> None:
            with sqlite3.connect(path) as connection:
                assert sqlite_files.quick_check(connection)
            connection.close()

        def backup() -> None:
            with sqlite3.connect(path) as connection:
                sqlite_files.copy_database(connection, Path(folder) / "kopie.sqlite3")
            connection.close()

        results: dict[str, list[float]] = {
            "open, no check (baseline)": [],
            "open with the cheap check": [],
            "quick check (daily)": [],
            "backup (daily)": [],
        }
        for _ in range(RUNS):  # interleaved, so drift hits every figure alike
            results["open, no check (baseline)"].append(timed(bare_open))
            results["open with the cheap check"].append(timed(checked_open))
            results["quick check (daily)"].append(timed(quick_check))
            results["backup (daily)"].append(timed(backup))
        for label, values in results.items():
            print(
                f"  {label:<28} {statistics.median(values):8.1f} ms "
                f"({min(values):.1f}–{max(values):.1f})"
            )
        cheap = statistics.median(results["open with the cheap check"]) - statistics.median(
            results["open, no check (baseline)"]
        )
        figures = {
            "cheap check on every open": cheap,
            "quick check (daily)": statistics.median(results["quick check (daily)"]),
            "backup (daily)": statistics.median(results["backup (daily)"]),
        }
        targets = Targets()
        for label, value in figures.items():
            targets.check(label, value, TARGETS[label], " ms")
        targets.report()


if __name__ == "__main__":
    main()
