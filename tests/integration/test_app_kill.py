"""A killed app loses nothing: notes typed in the app are there, and it resumes at the question."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from bobtui.app import BobApp, StoreChoice
from bobtui.core.questions.sets import QuestionSet
from bobtui.screens.meeting import MeetingScreen
from tests.conftest import new_meeting_store
from tests.ui.test_meeting_screen import until

CHAIR = """
import asyncio, sys, time
from bobtui.app import BobApp, StoreChoice
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens._writes import writer_of

async def chair():
    app = BobApp(StoreChoice(url=sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        table = lambda: app.screen.query("DataTable") and app.screen.query_one("DataTable")
        while not table() or table().row_count == 0:
            await pilot.pause(0.05)
        await pilot.press("enter")
        while not isinstance(app.screen, MeetingScreen) or app.screen.focused is None:
            await pilot.pause(0.05)  # typing starts once the note line has the focus
        await pilot.press(*"Eerste notitie", "enter", "ctrl+n")
        await pilot.press(*"Tweede notitie", "enter", "ctrl+n")
        while writer_of(app).busy:  # the moves are saved off the event loop, then shown
            await pilot.pause(0.05)
        print("READY", app.screen.session.position().question.id, flush=True)
        time.sleep(60)  # killed here, with the app still running

asyncio.run(chair())
"""


async def test_killed_app_resumes_at_the_same_question(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    url, store, session = new_meeting_store(
        tmp_path / "kill.sqlite3", example_as_user_set, "KILL-APP"
    )
    session.start()
    store.dispose()

    child = subprocess.Popen(
        [sys.executable, "-c", CHAIR, url], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert line.startswith("READY"), line
    question = line.split()[1]
    assert question == "vb-vt-informatie"

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: (
                app.screen.query("DataTable") and app.screen.query_one("DataTable").row_count == 1
            ),
            "the list",
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        resumed = app.screen.session
        assert resumed.position().question.id == question
        assert [n.text for n in resumed.notes()] == ["Eerste notitie", "Tweede notitie"]
        text = example_as_user_set.question(question).text
        screen = app.screen
        await until(
            pilot,
            lambda: text in str(screen.query_one("#question-text").render()),
            "the question on screen",
        )
