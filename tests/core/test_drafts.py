"""Drafts of the note line: private, per store and meeting, gone once saved."""

import stat

from bobtui.core.session.drafts import clear_draft, load_draft, save_draft
from tests.conftest import configured_paths

URL = "sqlite:////tmp/eigen.sqlite3"


def test_a_draft_is_kept_privately_per_store_and_meeting() -> None:
    paths = configured_paths()
    assert load_draft(paths, URL, 7) == ""
    save_draft(paths, URL, 7, "Half getypt: moeder zegt")
    assert load_draft(paths, URL, 7) == "Half getypt: moeder zegt"
    assert load_draft(paths, URL, 8) == "" and load_draft(paths, "sqlite:////ander.db", 7) == ""
    (draft,) = (paths.data_dir / "concepten").iterdir()
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    save_draft(paths, URL, 7, "   ")  # an emptied line is no draft
    assert load_draft(paths, URL, 7) == ""
    save_draft(paths, URL, 7, "Weer iets")
    clear_draft(paths, URL, 7)
    assert load_draft(paths, URL, 7) == "" and not list((paths.data_dir / "concepten").iterdir())
