"""A batch split over worker processes writes what one process writes, all or nothing."""

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bobtui.core import batch
from bobtui.core.batch import export_batch
from bobtui.core.config.settings import load_settings
from bobtui.core.documents.export import FORMATS, plan_batch
from bobtui.core.documents.profiles import FULL
from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import Catalog, default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.meetings import delete_meeting, select_meetings


@pytest.fixture
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def four_meetings(tmp_path: Path, catalog: Catalog) -> Store:
    store = open_store(sqlite_url(tmp_path / "batch.sqlite3"))
    for number in range(4):
        session = MeetingSession.create(
            store,
            catalog.get("pga-veelplegers"),
            case_code=f"ZVH-REEKS-{number}",
            held_on=date(2026, 1, 1 + number),
        ).item
        session.start()
        for line in range(5):
            session.record_note(NoteKind.ZORG, f"Overleg {number}, notitie {line} <b>*vet*</b>")
    return store


def written(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``; a Word file by its document part (the package has a time),
    JSON without the minutes the running phase has taken (they go on while the batch runs)."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                files[path.name] = package.read("word/document.xml")
        else:
            files[path.name] = re.sub(rb'"minutes_spent": [0-9.]+', b"", path.read_bytes())
    return files


def test_worker_processes_write_what_one_process_writes(
    four_meetings: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)  # four meetings are worth two workers here
    folders = {workers: tmp_path / f"uit-{workers}" for workers in (1, 2)}
    for workers, folder in folders.items():
        folder.mkdir()
        plan = plan_batch(select_meetings(four_meetings), FORMATS, FULL, folder)
        done: list[int] = []
        export_batch(
            four_meetings, catalog, plan, load_settings(), progress=done.append, workers=workers
        )
        assert done == [1, 2, 3, 4]
    one, two = (written(folder) for folder in folders.values())
    assert len(one) == 4 * len(FORMATS) + 1
    assert two == one


def test_a_meeting_a_worker_cannot_read_leaves_no_file(
    four_meetings: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    folder = tmp_path / "uit"
    folder.mkdir()
    meetings = select_meetings(four_meetings)
    plan = plan_batch(meetings, FORMATS, FULL, folder)
    delete_meeting(four_meetings, meetings[-1].id)  # gone between the plan and the writing
    with pytest.raises(
        NotFound, match=r"^Overleg \d+ bestaat niet, of je hebt er geen toegang toe\.$"
    ):
        export_batch(four_meetings, catalog, plan, load_settings(), workers=2)
    assert list(folder.iterdir()) == []
