"""``bobtui zaal --web``: the room view in a real browser, behind its token."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from tests.conftest import new_meeting_store
from tests.integration.room_browser import browser_page, free_port


@pytest.fixture
def served(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> Iterator[tuple[str, MeetingSession]]:
    """A running meeting, its chair's session, and ``bobtui zaal --web`` serving it: the URL."""
    url, store, chair = new_meeting_store(tmp_path / "zaal.sqlite3", example_as_user_set, "ZVH-WEB")
    chair.claim_chair()
    chair.start()
    chair.record_note(NoteKind.FEIT, "Openbaar feit")
    chair.record_note(NoteKind.ZORG, "Geheime zorg", confidential=True)
    # Checkpointed, as a store is that was opened before: a brand-new store's first pages
    # wait in the WAL file, and a second process takes the empty main file for no store.
    store.dispose()
    command = [sys.executable, "-m", "bobtui", "--database", url, "zaal", str(chair.meeting_id)]
    server = subprocess.Popen(
        [*command, "--web", "--port", str(free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("De zaalweergave staat op http://localhost:"), (
            line or server.communicate(timeout=30)[1]
        )
        yield line.split()[-1], chair
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.dispose()


def status(url: str) -> int:
    try:
        with urlopen(url) as answer:
            return int(answer.status)
    except HTTPError as error:
        return error.code


def test_requests_without_the_token_are_refused(served: tuple[str, MeetingSession]) -> None:
    url, _ = served
    for _ in range(100):  # the server listens a moment after it printed its address
        try:
            assert status(url) == 200
            break
        except OSError:
            time.sleep(0.1)
    root = url.rsplit("/", 2)[0]
    token = url.rsplit("/", 2)[1]
    assert status(f"{root}/") == 403
    assert status(f"{root}/ws") == 403
    assert status(f"{root}/static/js/textual.js") == 403
    assert status(f"{root}/{token[:-1]}/") == 403
    assert status(f"{url}static/js/textual.js") == 200
    with urlopen(url) as page:  # the page asks nothing of any other server (no web fonts)
        assert "'self'" in page.headers["Content-Security-Policy"]
        html = page.read().decode()
    assert "googleapis" not in html and "static/fonts/RobotoMono" in html
    assert status(html.split('src: url("')[1].split('"')[0]) == 200  # the font, from here


@pytest.mark.readers("chromium")
async def test_the_browser_shows_the_question_and_a_new_decision_within_two_seconds(
    served: tuple[str, MeetingSession], tmp_path: Path, report_figure: Callable[[str], None]
) -> None:
    url, chair = served
    question = chair.position().question.text
    async with browser_page(url, tmp_path / "chromium") as page:
        await page.wait_for(question[:24], timeout=60)
        text = await page.screen_text()
        assert "Openbaar feit" in text
        assert "Geheime zorg" not in text

        chair.record_decision(
            "Gezinscoach inzetten",
            owner_person="Jan",
            owner_organisation="Wijkteam",
            deadline=date.today() + timedelta(days=7),
        )
        seconds = await page.wait_for("Gezinscoach inzetten", timeout=2)
        report_figure(f"decision in the browser after {seconds * 1000:.0f} ms")
