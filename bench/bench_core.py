"""Core speed figures, each measured side by side with its baseline in the same run.

    make bench            (or: .venv/bin/python bench/bench_core.py)

1. Autosave: one note through MeetingSession.record_note (commit included), 2,000 times, next
   to a raw sqlite3 INSERT + COMMIT with the same pragmas (WAL, synchronous=FULL) in a bare
   table, and to raw sqlite3 sending record_note's own statements to the same store (its
   audit triggers, event log and indexes included): the floor of a durable, audited note.
2. Summary: build and render a 1,000-note, 100-decision meeting to Markdown and JSON.
3. Import: summary building and the Markdown, HTML, JSON and Word renderers in a fresh
   interpreter against ``python -c pass``, each with its bytecode cached (where it goes:
   ``python -X importtime -c 'import bobtui.core.documents.render'``).
"""

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from _targets import Targets, percentile

if TYPE_CHECKING:
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOTES = 2_000
SUMMARY_NOTES = 1_000
SUMMARY_DECISIONS = 100
IMPORT_RUNS = 15


def row(label: str, values_ms: list[float]) -> str:
    return (
        f"  {label:<34} p50 {percentile(values_ms, 0.5):7.3f} ms   "
        f"p95 {percentile(values_ms, 0.95):7.3f} ms   max {max(values_ms):7.3f} ms"
    )


def raw_sqlite_inserts(path: Path, count: int) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE note (id INTEGER PRIMARY KEY, meeting_id INTEGER, kind TEXT, text TEXT,"
        " phase TEXT, question_id TEXT, created_at TEXT, updated_at TEXT)"
    )
    timings = []
    for number in range(count):
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO note (meeting_id, kind, text, phase, question_id, created_at, updated_at)"
            " VALUES (1, 'feit', ?, 'beeldvorming', 'q', datetime('now'), datetime('now'))",
            (f"notitie {number}",),
        )
        connection.execute("COMMIT")
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


# What record_note sends (SQLAlchemy's echo of it), for the raw twin on the same store.
SAME_STATEMENTS = (
    "SELECT status, finalized_at, case_code FROM meeting WHERE id = ?",
    "SELECT client_id, description, since, heartbeat_at FROM meetingchair WHERE meeting_id = ?",
)
SAME_INSERTS = (
    "INSERT INTO note (meeting_id, kind, text, phase, question_id, participant_id, confidential,"
    " created_at, updated_at, author) VALUES (?, 'feit', ?, 'beeldvorming', 'hg-b-aanleiding',"
    " NULL, 0, datetime('now'), datetime('now'), 'bench') RETURNING id",
    "INSERT INTO meetingevent (meeting_id, at, action, entity, entity_id)"
    " VALUES (?, datetime('now'), 'note.recorded', 'note', ?)",
)


def raw_same_statements(path: Path, meeting_id: int, count: int) -> list[float]:
    """record_note's statements through sqlite3 itself, on the store at ``path``."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    note, event = SAME_INSERTS
    timings = []
    for number in range(count):
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        for statement in SAME_STATEMENTS:
            connection.execute(statement, (meeting_id,)).fetchall()
        (note_id,) = connection.execute(note, (meeting_id, f"raw {number}")).fetchone()
        connection.execute(event, (meeting_id, note_id))
        connection.execute("COMMIT")
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


def planned_meeting(path: Path) -> "tuple[Store, MeetingSession]":
    """A new store at ``path`` with one planned meeting on the richest shipped leidraad."""
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import open_store, sqlite_url

    store = open_store(sqlite_url(path))
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    return store, MeetingSession.create(
        store, question_set, case_code=path.stem.upper(), held_on=date.today()
    ).item


def bench_autosave(folder: Path, targets: Targets) -> None:
    from bobtui.core.domain.vocabulary import NoteKind

    path = folder / "autosave.sqlite3"
    store, session = planned_meeting(path)
    session.start()
    service, raw, same = [], [], []
    # Interleave in blocks so drift of the machine hits both alike.
    for block in range(NOTES // 100):
        for number in range(100):
            start = time.perf_counter()
            session.record_note(NoteKind.FEIT, f"notitie {block}-{number}")
            service.append((time.perf_counter() - start) * 1000)
        raw += raw_sqlite_inserts(folder / f"raw-{block}.sqlite3", 100)
        same += raw_same_statements(path, session.meeting_id, 100)
    store.dispose()
    print(f"Autosave of one note, {NOTES} notes, SQLite WAL + synchronous=FULL:")
    print(row("MeetingSession.record_note", service))
    print(row("raw sqlite3 insert + commit", raw))
    print(row("raw sqlite3, record_note's statements", same))
    for label, floor in (("the bare insert", raw), ("the same statements", same)):
        ratio = percentile(service, 0.95) / percentile(floor, 0.95)
        print(f"  ratio p95 to {label}: {ratio:.2f}x")
    targets.check("record_note p95", percentile(service, 0.95), 2, " ms")


def bench_summary(folder: Path, targets: Targets) -> None:
    from bobtui.core.documents.export import render
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.domain.vocabulary import NoteKind

    store, session = planned_meeting(folder / "summary.sqlite3")
    people = [
        session.add_participant(f"Deelnemer {i}", organisation=f"Org {i}").item for i in range(8)
    ]
    session.start()
    kinds = list(NoteKind)
    for number in range(SUMMARY_NOTES):
        if number == SUMMARY_NOTES // 2:
            session.next_phase()
        session.record_note(
            kinds[number % 5],
            f"Notitie {number} met wat tekst erbij.",
            participant_id=people[number % 8].id,
        )
    session.next_phase()
    for number in range(SUMMARY_DECISIONS):
        session.record_decision(
            f"Actie {number}",
            owner_person="Jan",
            owner_organisation="Wijkteam",
            deadline=date.today() + timedelta(days=number % 30),
        )
    timings = {"build": [], "markdown": [], "json": [], "total": []}
    for _ in range(7):
        start = time.perf_counter()
        summary = build_summary(session.snapshot())
        built = time.perf_counter()
        render(summary, "md")
        markdown = time.perf_counter()
        render(summary, "json")
        done = time.perf_counter()
        timings["build"].append((built - start) * 1000)
        timings["markdown"].append((markdown - built) * 1000)
        timings["json"].append((done - markdown) * 1000)
        timings["total"].append((done - start) * 1000)
    store.dispose()
    print(f"\nSummary of {SUMMARY_NOTES} notes and {SUMMARY_DECISIONS} decisions (7 runs, median):")
    for name, values in timings.items():
        print(f"  {name:<10} {statistics.median(values):8.1f} ms")
    targets.check("summary, Markdown and JSON", statistics.median(timings["total"]), 300, " ms")


CORE = "summary and renderers (md, html, json, docx)"


def bench_imports(targets: Targets) -> None:
    cases = {
        "python -c pass": "pass",
        CORE: "import bobtui.core.documents.summary, bobtui.core.documents.export, "
        "bobtui.core.documents.render, bobtui.core.domain.bsn, bobtui.core.config.paths",
        "  + leidraad (pydantic)": "import bobtui.core.documents.summary, "
        "bobtui.core.questions.sets",
        "  + store and session (SQLModel)": "import bobtui.core.session, "
        "bobtui.core.documents.summary",
    }
    results: dict[str, list[float]] = {label: [] for label in cases}
    with tempfile.TemporaryDirectory() as bytecode:
        # With bytecode, as an installed bobtui has it (pip compiles on install): an editable
        # install under PYTHONDONTWRITEBYTECODE would time the compiler on every run.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": bytecode}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for code in cases.values():
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
        for _ in range(IMPORT_RUNS):  # alternate so machine drift hits every case alike
            for label, code in cases.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, env=env)
                results[label].append(time.perf_counter() - start)
    bare = statistics.median(results["python -c pass"])
    print(f"\nImport time in a fresh interpreter ({IMPORT_RUNS} runs each, interleaved, median):")
    for label, values in results.items():
        median = statistics.median(values)
        extra = "" if label == "python -c pass" else f"   +{(median - bare) * 1000:6.0f} ms"
        print(f"  {label:<36} {median * 1000:7.0f} ms{extra}")
    extra = (statistics.median(results[CORE]) - bare) * 1000
    targets.check("summary and renderers' import above bare Python", extra, 150, " ms")


def main() -> None:
    targets = Targets()
    with tempfile.TemporaryDirectory() as folder:
        bench_autosave(Path(folder), targets)
        bench_summary(Path(folder), targets)
    bench_imports(targets)
    targets.report()


if __name__ == "__main__":
    main()
