"""Screen speed figures, each measured side by side with a baseline in the same run.

    make bench            (or: .venv/bin/python bench/bench_ui.py)

1. First frame: `bobtui demo` against a bare one-widget Textual app, headless, from process
   start to the first refresh after mount (the child notes the wall-clock time of that frame:
   the process itself lives on until the store worker started after the frame is done);
   also the time until the demo's meeting list shows.
2. Peak memory of those processes (max RSS).
3. Home with 10,000 meetings against 10: process start to the frame that shows the filled list.
4. Key to frame while typing a note in a meeting that holds 1,000 notes: the key event is posted
   as the driver would, and the clock stops when Textual hands the composed frame to its display.
"""

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RUNS = 9
KEYS = 300


# --- child processes: each starts an app, exits at the frame that counts, prints RSS ---------


def child(mode: str, argument: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    frame_at: list[float] = []
    rss_at_frame: list[int] = []

    def frame_then_exit(app: App[None]) -> None:
        frame_at.append(time.time())
        rss_at_frame.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        app.exit()

    def report() -> None:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
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
    label_a: str,
    mode_a: str,
    label_b: str,
    mode_b: str,
    env: dict[str, str],
    argument_a: str = "",
    argument_b: str = "",
) -> None:
    times: dict[str, list[float]] = {label_a: [], label_b: []}
    memory: dict[str, list[int]] = {label_a: [], label_b: []}
    memory_at_frame: dict[str, list[int]] = {label_a: [], label_b: []}
    timed_child(mode_a, argument_a, env)  # warm-up: file caches, the demo store
    for _ in range(RUNS):
        for label, mode, argument in ((label_a, mode_a, argument_a), (label_b, mode_b, argument_b)):
            seconds, rss_at_frame, rss = timed_child(mode, argument, env)
            times[label].append(seconds)
            memory_at_frame[label].append(rss_at_frame)
            memory[label].append(rss)
    for label in times:
        print(
            f"  {label:<40} median {statistics.median(times[label]):.3f} s"
            f"   (min {min(times[label]):.3f}, max {max(times[label]):.3f})"
            f"   peak RSS {statistics.median(memory_at_frame[label]) / 1024:.0f} MB at the frame,"
            f" {statistics.median(memory[label]) / 1024:.0f} MB at exit"
        )
    ratio = statistics.median(times[label_a]) / statistics.median(times[label_b])
    mem = statistics.median(memory[label_a]) / statistics.median(memory[label_b])
    mem_at_frame = statistics.median(memory_at_frame[label_a]) / statistics.median(
        memory_at_frame[label_b]
    )
    print(f"  ratio time {ratio:.2f}x, memory {mem_at_frame:.2f}x at the frame, {mem:.2f}x at exit")


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


async def key_latency(folder: Path) -> None:
    from textual import events
    from textual.widgets import TextArea

    from bobtui.app import BobApp, StoreChoice
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import open_store, sqlite_url
    from bobtui.screens.meeting import MeetingScreen

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

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        while not app.screen.query("DataTable") or app.screen.query_one("DataTable").row_count == 0:
            await pilot.pause(0.05)
        await pilot.press("enter")
        # The note line takes the focus once the meeting's first snapshot is on screen.
        while not isinstance(app.screen, MeetingScreen) or app.screen.focused is None:
            await pilot.pause(0.05)
        editor = app.screen.query_one(TextArea)
        editor.cursor_blink = False
        await pilot.pause(0.3)

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
        typed = editor.text
    ordered = sorted(wall)
    print(f"Key to frame, typing a note in a meeting with 1,000 notes ({KEYS} keys):")
    p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95)]
    print(
        f"  p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {ordered[-1]:.1f} ms"
        f"   CPU per key median {statistics.median(cpu):.1f} ms   (target p95 <= 16 ms)"
    )
    assert len(typed) == KEYS, "every key reached the note line"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BOBTUI_DATA_DIR": folder, "BOBTUI_CONFIG_DIR": f"{folder}/config"}
        print(f"First frame, headless, from process start ({RUNS} runs each, interleaved):")
        compare("bobtui demo (first frame)", "demo", "bare one-widget Textual app", "bare", env)
        print("  (targets: time <= 1.3x, peak memory <= 1.5x the bare app)")
        print("\nDemo meeting list on screen (store opened in a worker after the first frame):")
        compare("bobtui demo (list shown)", "demo-list", "bare one-widget Textual app", "bare", env)
        print("\nHome: process start to the filled meeting list:")
        many = store_with_meetings(Path(folder) / "many.sqlite3", 10_000)
        few = store_with_meetings(Path(folder) / "few.sqlite3", 10)
        compare("10,000 meetings", "home", "10 meetings", "home", env, many, few)
        print("  (target: <= 1.2x)\n")
        os.environ.update(env)
        asyncio.run(key_latency(Path(folder)))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
