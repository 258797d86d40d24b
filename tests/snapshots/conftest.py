"""The snapshot tests' fixtures: the store of fictional meetings and the camera."""

import shutil
from pathlib import Path

import pytest

from bobtui.core.store.engine import sqlite_url
from tests.snapshots.pictures import build_store, camera

__all__ = ["camera"]  # the fixture


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: each test opens a copy, since opening a meeting writes to its store."""
    path = tmp_path_factory.mktemp("snapshots") / "snapshots.sqlite3"
    build_store(path)
    return path


@pytest.fixture
def url(built_store: Path, tmp_path: Path) -> str:
    return sqlite_url(shutil.copy(built_store, tmp_path / built_store.name))


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scrolling a focused field into view jumps instead of gliding: on a loaded machine a
    glide was pictured halfway (the setup's scroll offset at 26.6 of 27 lines)."""
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
