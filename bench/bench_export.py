"""Export speed figures: `make bench` (or .venv/bin/python bench/bench_export.py).

1. One meeting of 1,000 notes and 100 decisions, exported to each format, next to building its
   summary from the store (the work every format shares) in the same run.
2. A batch of 500 meetings of 100 notes each, to all four formats, in meetings per second.
"""

import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

RUNS = 7
NOTES = 1_000
DECISIONS = 100
BATCH_MEETINGS = 500
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


def bench_single(folder: Path) -> None:
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
    print(f"  all four formats {total:.0f} ms after the summary   (target: <= 1000 ms)")


def bench_batch(folder: Path) -> None:
    from bobtui.core.documents.export import FORMATS, plan_batch, write_batch
    from bobtui.core.documents.profiles import FULL
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.engine import open_store, sqlite_url
    from bobtui.core.store.meetings import select_meetings

    store = open_store(sqlite_url(folder / "batch.sqlite3"))
    catalog = default_catalog()
    question_set = catalog.get("pga-veelplegers")
    for n in range(BATCH_MEETINGS):
        held_on = date(2025, 1, 1) + timedelta(days=n)
        fill_meeting(store, question_set, f"BATCH-{n % 50:03d}", BATCH_NOTES, 3, held_on)
    out = folder / "uit"
    out.mkdir()
    meetings = select_meetings(store)
    start = time.perf_counter()
    plan = plan_batch(meetings, FORMATS, FULL, out)
    write_batch(plan, lambda i: build_summary(open_meeting(store, i, catalog).snapshot(), FULL))
    seconds = time.perf_counter() - start
    store.dispose()
    files = len(list(out.iterdir()))
    print(
        f"\nBatch: {len(meetings)} meetings of {BATCH_NOTES} notes to {', '.join(FORMATS)}"
        f" ({files} files with the index):"
    )
    print(f"  {seconds:.1f} s, {len(meetings) / seconds:.0f} meetings per second")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_single(Path(folder))
        bench_batch(Path(folder))


if __name__ == "__main__":
    main()
