"""Screen speed figures, each measured side by side with a baseline in the same run.

    make bench            (or: .venv/bin/python bench/bench_ui.py)

1. First frame: `bobtui demo` against a bare one-widget Textual app, headless, from process
   start to the first refresh after mount (the child notes the wall-clock time of that frame:
   the process itself lives on until the store worker started after the frame is done).
2. The home meeting list on screen against the *floor app*: the bare app that also imports
   SQLModel, opens the SQLite engine and runs one query like the home list (in a worker after
   its first frame, as the app does), on the same store; process start to the frame that shows
   the rows, and peak memory (max RSS) of the whole process. No app on this stack can do less.
3. Home with 10,000 meetings against 10: process start to the frame that shows the filled list.
4. Key to frame while typing a note in a meeting that holds 1,000 notes, at 120x40 and 80x24,
   three runs each (the median of their p95 counts): the key event is posted as the driver
   would, and the clock stops when Textual hands the composed frame to its display.

Only the start-up figures (1 and 2: first frame, home list, peak memory)::

    .venv/bin/python bench/bench_ui.py --home

Where the start-up's time goes: imports by module (``-X importtime``, cumulative microseconds
in the second column; the store worker's imports are in it too), then the UI thread's calls
(pyinstrument, ``pip install pyinstrument``; it samples the main thread only)::

    .venv/bin/python -X importtime bench/bench_ui.py child home sqlite:///STORE 2>&1 \
        | sort -t'|' -k2 -n | tail -30
    .venv/bin/python -m pyinstrument --show-all bench/bench_ui.py child home sqlite:///STORE

(STORE: the absolute path of any bobtui store, e.g. /tmp/x.sqlite3 after ``bobtui --database
sqlite:////tmp/x.sqlite3``.) The home list needs
SQLAlchemy Core only; SQLModel, the tables and the question sets come after it (a test
keeps the list's imports free of the ORM: tests/core/test_meeting_list.py).

Only the key figures (a minute, for a quiet moment)::

    .venv/bin/python bench/bench_ui.py --keys

Where a key's time goes::

    .venv/bin/python -m cProfile -s tottime bench/bench_ui.py --profile-keys | head -50
"""

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from _targets import Targets, percentile

if TYPE_CHECKING:
    from textual.app import App
    from textual.widgets import TextArea

RUNS = 9
KEYS = 300
KEY_RUNS = 3
SIZES = ((120, 40), (80, 24))
LIST_QUERY = (
    "SELECT id, case_code, held_on, leidraad_id, status FROM meeting"
    " ORDER BY held_on DESC, id DESC LIMIT 50"
)


# --- child processes: each starts an app, exits at the frame that counts, prints RSS ---------


def peak_rss_kb() -> int:
    """This process's peak resident memory in KB. Not getrusage's ru_maxrss: a child starts
    with its parent's figure on Linux, and the parent of these children holds the store."""
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])


def child(mode: str, argument: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    frame_at: list[float] = []
    rss_at_frame: list[int] = []

    def frame_then_exit(app: App[None]) -> None:
        frame_at.append(time.time())
        rss_at_frame.append(peak_rss_kb())
        app.exit()

    def report() -> None:
        rss = peak_rss_kb()
        print(frame_at[0], rss_at_frame[0], rss, flush=True)

    if mode == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("bare")

            def on_mount(self) -> None:
                self.call_after_refresh(frame_then_exit, self)

        Bare().run(headless=True, size=(120, 40))
        report()
        return
    if mode == "floor":
        floor_app(argument, frame_then_exit)
        report()
        return

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.home import HomeScreen

    choice = StoreChoice(demo=True) if mode in ("demo", "demo-list") else StoreChoice(url=argument)
    app = BobApp(choice)
    if mode == "demo":
        app.call_after_refresh(frame_then_exit, app)  # the first frame
    else:
        fill = HomeScreen._fill_table

        def fill_then_exit(self: HomeScreen, rows: list, total: int) -> None:  # type: ignore[type-arg]
            fill(self, rows, total)
            self.call_after_refresh(frame_then_exit, app)

        HomeScreen._fill_table = fill_then_exit  # type: ignore[method-assign]
    app.run(headless=True, size=(120, 40))
    report()


def floor_app(url: str, frame_then_exit: "Callable[[App[None]], None]") -> None:
    """The cheapest app the stack allows: one widget, SQLModel, one query, its rows shown."""
    from textual import work
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Opslag openen…")

        def on_mount(self) -> None:
            self.call_after_refresh(self.query_store)

        @work(thread=True)
        def query_store(self) -> None:
            from sqlmodel import Session, create_engine, text

            engine = create_engine(url)
            with Session(engine) as db:
                rows = db.connection().execute(text(LIST_QUERY)).all()
            self.call_from_thread(self.show, rows)

        def show(self, rows: list[tuple[object, ...]]) -> None:
            self.query_one(Static).update("\n".join(" ".join(map(str, r)) for r in rows))
            self.call_after_refresh(frame_then_exit, self)

    Floor().run(headless=True, size=(120, 40))


def timed_child(mode: str, argument: str, env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds from process start to the frame that counts; peak RSS in KB at that frame and
    at the end of the process (after the store worker)."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "child", mode, argument],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    frame_at, rss_at_frame, rss = done.stdout.strip().splitlines()[-1].split()
    return float(frame_at) - start, int(rss_at_frame), int(rss)


def compare(
    cases: list[tuple[str, str, str]], env: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Each (label, mode, argument) run RUNS times, interleaved; median seconds to the frame and
    median peak RSS in MB of the whole process, by label."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    memory: dict[str, list[int]] = {label: [] for label, _, _ in cases}
    memory_at_frame: dict[str, list[int]] = {label: [] for label, _, _ in cases}
    timed_child(cases[0][1], cases[0][2], env)  # warm-up: file caches, the demo store
    for _ in range(RUNS):
        for label, mode, argument in cases:
            seconds, rss_at_frame, rss = timed_child(mode, argument, env)
            times[label].append(seconds)
            memory_at_frame[label].append(rss_at_frame)
            memory[label].append(rss)
    medians = {}
    for label in times:
        medians[label] = (statistics.median(times[label]), statistics.median(memory[label]) / 1024)
        print(
            f"  {label:<40} median {medians[label][0]:.3f} s"
            f"   (min {min(times[label]):.3f}, max {max(times[label]):.3f})"
            f"   peak RSS {statistics.median(memory_at_frame[label]) / 1024:.0f} MB at the frame,"
            f" {medians[label][1]:.0f} MB at exit"
        )
    return medians


# --- stores for the list and the typing figures -----------------------------------------------


def store_with_meetings(path: Path, count: int) -> str:
    from bobtui.core.store.engine import open_store, sqlite_url

    url = sqlite_url(path)
    store = open_store(url)
    rows = [
        {
            "case_code": f"ZVH-{n:05d}",
            "leidraad_id": "huiselijk-geweld-kindveiligheid",
            "leidraad_version": "1.0",
            "meeting_type": "casusoverleg",
            "held_on": f"20{10 + n % 16:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "location": "",
            "reason": "",
            "status": "gesloten",
            "created_at": "2026-01-01 09:00:00",
        }
        for n in range(count)
    ]
    from sqlalchemy import text

    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO meeting (case_code, leidraad_id, leidraad_version, meeting_type,"
                " held_on, location, reason, status, created_at) VALUES (:case_code,"
                " :leidraad_id, :leidraad_version, :meeting_type, :held_on, :location, :reason,"
                " :status, :created_at)"
            ),
            rows,
        )
    store.dispose()
    return url


def typing_store(folder: Path) -> str:
    """A running meeting of 8 participants and 1,000 notes."""
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import open_store, sqlite_url

    folder.mkdir()
    url = sqlite_url(folder / "typing.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store,
        default_catalog().get("huiselijk-geweld-kindveiligheid"),
        case_code="BENCH-KEYS",
        held_on=date.today(),
    ).item
    for n in range(8):
        session.add_participant(f"Deelnemer {n}", organisation=f"Org {n}")
    session.start()
    questions = [q.id for q in session.question_set.phases[0].questions()]
    for n in range(1000):
        session.record_note(
            NoteKind.FEIT, f"Notitie {n} met wat tekst.", question_id=questions[n % len(questions)]
        )
    store.dispose()
    return url


async def key_latency(url: str, size: tuple[int, int]) -> tuple[list[float], list[float]]:
    """Milliseconds from each key to its frame, and CPU milliseconds per key, in the meeting."""
    from textual.widgets import TextArea

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.meeting import MeetingScreen

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=size) as pilot:
        while not app.screen.query("DataTable") or app.screen.query_one("DataTable").row_count == 0:
            await pilot.pause(0.05)
        await pilot.press("enter")
        # The note line takes the focus once the meeting's first snapshot is on screen.
        while not isinstance(app.screen, MeetingScreen) or app.screen.focused is None:
            await pilot.pause(0.05)
        return await type_keys(app, app.screen.query_one(TextArea))


async def floor_key_latency(size: tuple[int, int]) -> tuple[list[float], list[float]]:
    """The same keys into a bare app that holds only a focused TextArea: the floor."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(soft_wrap=True)

    app = Floor()
    async with app.run_test(size=size):
        editor = app.query_one(TextArea)
        editor.focus()
        return await type_keys(app, editor)


async def type_keys(app: "App[None]", editor: "TextArea") -> tuple[list[float], list[float]]:
    from textual import events

    editor.cursor_blink = False
    await asyncio.sleep(0.3)
    frame = asyncio.Event()
    display = app._display

    def display_and_signal(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is not None:
            frame.set()

    app._display = display_and_signal  # type: ignore[method-assign]
    wall, cpu = [], []
    for n in range(KEYS):
        character = "abcdefghij klmnopqrstuvwxyz"[n % 27]
        key = "space" if character == " " else character
        frame.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        app.post_message(events.Key(key, character))
        await asyncio.wait_for(frame.wait(), timeout=2)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        await asyncio.sleep(0.005)  # a fast typist, not a flood
    assert len(editor.text) == KEYS, "every key reached the note line"
    return wall, cpu


def bench_keys(folder: Path, targets: Targets) -> None:
    p95s: dict[tuple[str, tuple[int, int]], list[float]] = {}
    print(f"Key to frame, typing a note in a meeting with 1,000 notes ({KEYS} keys a run),")
    print("next to the floor: a bare app with one focused TextArea, typed into the same way:")
    for run in range(KEY_RUNS):  # everything interleaved, so drift hits all alike
        for size in SIZES:
            url = typing_store(folder / f"keys-{run}-{size[0]}")  # no draft of an earlier run
            for label, typing in (
                ("meeting", key_latency(url, size)),
                ("floor", floor_key_latency(size)),
            ):
                wall, cpu = asyncio.run(typing)
                p95s.setdefault((label, size), []).append(percentile(wall, 0.95))
                print(
                    f"  {label:<8} {size[0]}x{size[1]} run {run + 1}:"
                    f" p50 {percentile(wall, 0.5):5.1f} ms   p95 {percentile(wall, 0.95):5.1f} ms"
                    f"   max {max(wall):5.1f} ms   CPU/key {statistics.median(cpu):.1f} ms"
                )
    for width, height in SIZES:
        floor = statistics.median(p95s[("floor", (width, height))])
        print(f"  floor p95 at {width}x{height}, median of {KEY_RUNS} runs: {floor:.1f} ms")
        label = f"key to frame p95 at {width}x{height}, median of {KEY_RUNS} runs"
        targets.check(label, statistics.median(p95s[("meeting", (width, height))]), 16, " ms")


def bench_start(folder: Path, env: dict[str, str], targets: Targets) -> str:
    """The start-up figures: first frame, the home list against the floor app, peak memory.
    Returns the URL of the store of 10 meetings they used."""
    few = store_with_meetings(folder / "few.sqlite3", 10)
    print(f"Start-up, headless, from process start ({RUNS} runs each, interleaved):")
    medians = compare(
        [
            ("bobtui demo (first frame)", "demo", ""),
            ("bare one-widget Textual app", "bare", ""),
            ("home list on screen (10 meetings)", "home", few),
            ("floor app: its query's rows on screen", "floor", few),
        ],
        env,
    )
    demo, bare = medians["bobtui demo (first frame)"], medians["bare one-widget Textual app"]
    home = medians["home list on screen (10 meetings)"]
    floor = medians["floor app: its query's rows on screen"]
    targets.check("first frame / bare app", demo[0] / bare[0], 1.3, "x")
    targets.check("home list on screen / floor app's rows", home[0] / floor[0], 1.1, "x")
    targets.check("home peak memory above the floor app's", home[1] - floor[1], 5, " MB")
    return few


def data_env(folder: str) -> dict[str, str]:
    return {**os.environ, "BOBTUI_DATA_DIR": folder, "BOBTUI_CONFIG_DIR": f"{folder}/config"}


def main() -> None:
    targets = Targets()
    with tempfile.TemporaryDirectory() as folder:
        env = data_env(folder)
        few = bench_start(Path(folder), env, targets)
        many = store_with_meetings(Path(folder) / "many.sqlite3", 10_000)
        print("\nHome: process start to the filled meeting list:")
        big = compare([("10,000 meetings", "home", many), ("10 meetings", "home", few)], env)
        ratio = big["10,000 meetings"][0] / big["10 meetings"][0]
        targets.check("10,000 meetings / 10", ratio, 1.2, "x")
        print()
        os.environ.update(env)
        bench_keys(Path(folder), targets)
    targets.report()


def home_only() -> None:
    targets = Targets()
    with tempfile.TemporaryDirectory() as folder:
        bench_start(Path(folder), data_env(folder), targets)
    targets.report()


def keys_only() -> None:
    targets = Targets()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update({"BOBTUI_DATA_DIR": folder, "BOBTUI_CONFIG_DIR": f"{folder}/config"})
        bench_keys(Path(folder), targets)
    targets.report()


def profile_keys() -> None:
    """One run of typing at 120x40, for cProfile (see the docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update({"BOBTUI_DATA_DIR": folder, "BOBTUI_CONFIG_DIR": f"{folder}/config"})
        asyncio.run(key_latency(typing_store(Path(folder) / "keys"), SIZES[0]))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
    elif sys.argv[1:] == ["--profile-keys"]:
        profile_keys()
    elif sys.argv[1:] == ["--keys"]:
        keys_only()
    elif sys.argv[1:] == ["--home"]:
        home_only()
    else:
        main()
