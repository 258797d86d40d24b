"""A process killed with SIGKILL right after recording notes loses nothing."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from bobtui.core.questions.sets import load_question_set
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url

CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
from bobtui.core.questions.sets import load_question_set
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.domain.vocabulary import NoteKind

store = open_store(sqlite_url(Path(sys.argv[1])))
question_set = load_question_set(Path(sys.argv[2]))
session = MeetingSession.create(store, question_set, case_code="KILL-1", held_on=date.today()).item
session.start()
session.next_question()
for number in range(25):
    note = session.record_note(NoteKind.FEIT, f"notitie {number}").item
    print(json.dumps({"meeting": session.meeting_id, "note": note.id}), flush=True)
session.next_question()
print(json.dumps({"question": session.position().question.id}), flush=True)
time.sleep(60)
"""


def test_sigkill_after_recording_loses_nothing(tmp_path: Path, example_path: Path) -> None:
    database = tmp_path / "kill.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(example_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    reported = []
    for line in child.stdout:
        reported.append(json.loads(line))
        if "question" in reported[-1]:
            break
    child.send_signal(signal.SIGKILL)  # no clean shutdown, no suspend
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    note_ids = [item["note"] for item in reported if "note" in item]
    assert len(note_ids) == 25
    store = open_store(sqlite_url(database))
    session = MeetingSession.open(store, reported[0]["meeting"], load_question_set(example_path))
    assert [n.id for n in session.notes()] == note_ids
    assert [n.text for n in session.notes()] == [f"notitie {i}" for i in range(25)]
    position = session.resume()
    assert (
        position is not None
        and position.question.id == reported[-1]["question"] == "vb-vt-informatie"
    )
    store.dispose()
