"""Export speed figures: `make bench` (or .venv/bin/python bench/bench_export.py).

1. One meeting of 1,000 notes and 100 decisions, exported to each format, next to building its
   summary from the store (the work every format shares) in the same run.
2. A batch of 500 meetings of 100 notes each, to all four formats, in meetings per second: in
   this one process (``workers=1``, the way every batch ran before) and split over worker
   processes (one per core), side by side, twice each, interleaved.

Where a batch's time goes (one process)::

    .venv/bin/python -m cProfile -s cumulative bench/bench_export.py --profile-batch | head -60
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _targets import Targets

RUNS = 7
NOTES = 1_000
DECISIONS = 100
BATCH_MEETINGS = int(os.environ.get("BENCH_BATCH_MEETINGS", "500"))
BATCH_NOTES = 100


def fill_meeting(store, question_set, case_code: str, notes: int, decisions: int, held_on: date):  # type: ignore[no-untyped-def]
    """A meeting through beeldvorming into besluitvorming; notes inserted in one statement."""
    from sqlalchemy import insert

    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.tables import Note

    now = datetime.combine(held_on, datetime.min.time(), UTC)
    session = MeetingSession.create(
        store, question_set, case_code=case_code, held_on=held_on, clock=lambda: now
    ).item
    for earlier in session.pending_reviews():
        session.review_carried_over(earlier.decision.id, earlier.decision.status)
    people = [
        session.add_participant(f"Deelnemer {i}", organisation=f"Organisatie {i}").item
        for i in range(8)
    ]
    session.start()
    questions = [q.id for q in session.question_set.phases[0].questions()]
    kinds = list(NoteKind)
    rows = [
        {
            "meeting_id": session.meeting_id,
            "kind": kinds[n % 5].value,
            "text": f"Notitie {n}: wat er aan tafel werd gezegd, in een zin of twee.",
            "phase": "beeldvorming",
            "question_id": questions[n % len(questions)],
            "participant_id": people[n % 8].id,
            "confidential": n % 50 == 0,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(notes)
    ]
    with store.engine.begin() as connection:
        connection.execute(insert(Note), rows)
    session.next_phase()
    session.next_phase()
    for n in range(decisions):
        session.record_decision(
            f"Actie {n}: iets concreets dat iemand gaat doen",
            owner_person="J. Jansen",
            owner_organisation="Wijkteam",
            deadline=held_on + timedelta(days=7 + n % 30),
        )
    return session


def bench_single(folder: Path, targets: Targets) -> None:
    from bobtui.core.documents.export import FORMATS, render
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.engine import open_store, sqlite_url

    store = open_store(sqlite_url(folder / "single.sqlite3"))
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    session = fill_meeting(store, question_set, "BENCH-1", NOTES, DECISIONS, date.today())
    timings: dict[str, list[float]] = {"build summary": [], **{f: [] for f in FORMATS}}
    sizes: dict[str, int] = {}
    for _ in range(RUNS):
        start = time.perf_counter()
        summary = build_summary(session.snapshot())
        timings["build summary"].append((time.perf_counter() - start) * 1000)
        for export_format in FORMATS:
            start = time.perf_counter()
            content = render(summary, export_format)
            timings[export_format].append((time.perf_counter() - start) * 1000)
            sizes[export_format] = len(content)
    store.dispose()
    print(f"One meeting, {NOTES} notes and {DECISIONS} decisions ({RUNS} runs, median):")
    for name, values in timings.items():
        size = f"   {sizes[name] / 1024:6.0f} KB" if name in sizes else ""
        print(f"  {name:<14} {statistics.median(values):7.1f} ms{size}")
    total = sum(statistics.median(timings[f]) for f in FORMATS)
    print(f"  all four formats {total:.0f} ms after the summary")
    targets.check("one meeting, all four formats after the summary", total, 1000, " ms")


def batch_store(folder: Path):  # type: ignore[no-untyped-def]
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.engine import open_store, sqlite_url

    store = open_store(sqlite_url(folder / "batch.sqlite3"))
    catalog = default_catalog()
    question_set = catalog.get("pga-veelplegers")
    for n in range(BATCH_MEETINGS):
        held_on = date(2025, 1, 1) + timedelta(days=n)
        fill_meeting(store, question_set, f"BATCH-{n % 50:03d}", BATCH_NOTES, 3, held_on)
    return store, catalog


def timed_batch(store, catalog, folder: Path, workers: int) -> float:  # type: ignore[no-untyped-def]
    """Meetings per second of one batch of every meeting in ``store`` to all four formats."""
    from bobtui.core.batch import export_batch
    from bobtui.core.config.settings import load_settings
    from bobtui.core.documents.export import FORMATS, plan_batch
    from bobtui.core.documents.profiles import FULL
    from bobtui.core.store.meetings import select_meetings

    folder.mkdir()
    start = time.perf_counter()
    meetings = select_meetings(store)
    plan = plan_batch(meetings, FORMATS, FULL, folder)
    export_batch(store, catalog, plan, load_settings(), workers=workers)
    seconds = time.perf_counter() - start
    assert len(list(folder.iterdir())) == len(meetings) * len(FORMATS) + 1, "every file written"
    return len(meetings) / seconds


def bench_batch(folder: Path, targets: Targets) -> None:
    from bobtui.core.batch import default_workers

    store, catalog = batch_store(folder)
    workers = default_workers()
    rates: dict[str, list[float]] = {"one process": [], f"{workers} worker processes": []}
    for run in range(2):  # interleaved, so drift of the machine hits both alike
        for label, count in zip(rates, (1, workers), strict=True):
            rates[label].append(timed_batch(store, catalog, folder / f"uit-{count}-{run}", count))
    store.dispose()
    print(f"\nBatch: {BATCH_MEETINGS} meetings of {BATCH_NOTES} notes to all four formats:")
    for label, values in rates.items():
        print(
            f"  {label:<22} {statistics.median(values):6.1f} meetings per second"
            f"   ({', '.join(f'{v:.1f}' for v in values)})"
        )
    single, parallel = (statistics.median(values) for values in rates.values())
    targets.check("batch speed-up over one process", parallel / single, 2.0, "x", at_least=True)


def profile_batch() -> None:
    """One batch in this process, for cProfile (see the docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        store, catalog = batch_store(Path(folder))
        timed_batch(store, catalog, Path(folder) / "uit", 1)
        store.dispose()


def main() -> None:
    targets = Targets()
    with tempfile.TemporaryDirectory() as folder:
        bench_single(Path(folder), targets)
        bench_batch(Path(folder), targets)
    targets.report()


if __name__ == "__main__":
    if sys.argv[1:] == ["--profile-batch"]:
        profile_batch()
    else:
        main()
