"""Shared fixtures: every test runs with private, temporary data and config folders.

Tests that need a program outside Python say so with a marker: `postgres` (a PostgreSQL server
binary) or `readers(...)` (Chromium, LibreOffice, pdftotext). When the program is missing they are
skipped with the reason and what to install; BOBTUI_REQUIRE_ALL=1 (set by `make test` as root, as
in CI) turns that skip into a failure.
"""

import functools
import itertools
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bobtui.core.config.paths import Paths
from bobtui.core.config.settings import load_settings
from bobtui.core.questions.sets import QuestionSet, load_question_set
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from tests.postgres import find_pg_bin, postgres_server

pytest_plugins = ["pytester"]  # tests/core/test_skip_summary.py runs pytest itself

ROOT = Path(__file__).resolve().parent.parent
DOCS_EXAMPLE = ROOT / "docs" / "leidraad.md"

# The real readers of our exports, each with the Debian package that brings it.
READERS = {
    "chromium": "chromium",
    "soffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
}


@functools.cache
def postgres_missing() -> str | None:
    if find_pg_bin() is None:
        return "PostgreSQL is missing (pg_ctl not found): apt-get install postgresql"
    return None


@functools.cache
def readers_missing(programs: tuple[str, ...]) -> str | None:
    missing = [program for program in programs if shutil.which(program) is None]
    if not missing:
        return None
    names = " and ".join(missing)
    packages = " ".join(READERS[program] for program in missing)
    return f"{names} {'is' if len(missing) == 1 else 'are'} missing: apt-get install {packages}"


def require(reason: str | None) -> None:
    """Skip the test for a missing program, or fail it when BOBTUI_REQUIRE_ALL is set."""
    if reason is None:
        return
    if os.environ.get("BOBTUI_REQUIRE_ALL", "") not in ("", "0"):
        pytest.fail(f"{reason} (BOBTUI_REQUIRE_ALL is set, so this is not skipped)", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture starts: is what the test's markers ask for on this machine?"""
    if item.get_closest_marker("postgres"):
        require(postgres_missing())
    readers = item.get_closest_marker("readers")
    if readers:
        unknown = set(readers.args) - set(READERS)
        assert not unknown, f"@pytest.mark.readers knows {sorted(READERS)}, not {sorted(unknown)}"
        require(readers_missing(tuple(readers.args) or tuple(READERS)))


def skip_summary(reports: Iterable[pytest.TestReport]) -> list[str]:
    """The skipped tests grouped by reason (which says what to install), each reason with how
    many tests of which file it skipped; nothing when no test was skipped."""
    by_reason: defaultdict[str, dict[str, None]] = defaultdict(dict)  # dict: ordered, no twins
    for report in reports:
        if isinstance(report.longrepr, tuple):
            reason = report.longrepr[2].removeprefix("Skipped: ")
            by_reason[reason][report.nodeid] = None
    lines = []
    for reason, tests in sorted(by_reason.items(), key=lambda item: -len(item[1])):
        lines.append(f"{len(tests)} skipped: {reason}")
        files = Counter(test.split("::")[0] for test in tests)
        lines += [f"    {file} ({count})" for file, count in sorted(files.items())]
    if lines:
        lines.append(
            "As root, make test installs what is missing (tools/ensure-*.sh) and runs them all."
        )
    return lines


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Generator[None]:
    """The figures tests measured, then the skipped tests and why, after pytest's own summary:
    the last lines before the counts, where whoever ran make test without PostgreSQL or the
    readers looks."""
    yield
    figures = [
        f"{report.nodeid.split('::')[-1]}: {value}"
        for report in terminalreporter.stats.get("passed", [])
        for name, value in report.user_properties
        if name == "figure" and report.when == "call"
    ]
    if figures:
        terminalreporter.section("figures the tests measured", sep="-")
        for line in figures:
            terminalreporter.write_line(line)
    lines = skip_summary(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.section("skipped, and what to install", sep="-")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def report_figure(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Print a figure the test measured in the run's summary (also with pytest-xdist, where a
    test's own output is not shown)."""
    return functools.partial(record_property, "figure")


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOBTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BOBTUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("BOBTUI_DATABASE_URL", raising=False)


def configured_paths() -> Paths:
    """The folders the test's environment configures (private, temporary)."""
    return load_settings().paths


def docs_example_text() -> str:
    """The complete example of docs/leidraad.md, so the documentation is tested too."""
    match = re.search(r"```toml\n(.*?)```", DOCS_EXAMPLE.read_text(encoding="utf-8"), re.S)
    assert match, "docs/leidraad.md has no TOML example"
    return match.group(1)


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    path = tmp_path / "voorbeeld-kort.toml"
    path.write_text(docs_example_text(), encoding="utf-8")
    return path


@pytest.fixture
def example_set(example_path: Path) -> QuestionSet:
    return load_question_set(example_path)


@pytest.fixture
def example_as_user_set(example_set: QuestionSet) -> QuestionSet:
    """The docs' example installed in the user's leidraad folder, where the app and CLI look."""
    folder = configured_paths().user_leidraad_dir
    folder.mkdir(parents=True)
    (folder / "voorbeeld-kort.toml").write_text(docs_example_text(), encoding="utf-8")
    return example_set


def new_meeting_store(
    path: Path, question_set: QuestionSet, case_code: str
) -> tuple[str, Store, MeetingSession]:
    """A SQLite store at ``path`` with one new meeting held today: its URL, the store (still
    open: the caller disposes of it) and the meeting's session."""
    url = sqlite_url(path)
    store = open_store(url)
    session = MeetingSession.create(
        store, question_set, case_code=case_code, held_on=date.today()
    ).item
    return url, store, session


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """One throwaway PostgreSQL server for the whole run; each test gets its own database.

    A test that uses it must be marked `postgres`; should one forget, it is skipped all the same.
    """
    require(postgres_missing())
    with postgres_server() as server:
        yield server.url


_databases = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated store on a real SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "store" / "bobtui.sqlite3")
    else:
        admin_url = request.getfixturevalue("postgres_admin_url")
        name = f"bobtui_test_{next(_databases)}"
        admin = create_engine(f"{admin_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        url = f"{admin_url}/{name}"
    opened = open_store(url)
    yield opened
    opened.dispose()


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)

    @property
    def today(self) -> date:
        return self.now.astimezone().date()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(store: Store, example_set: QuestionSet, clock: FakeClock) -> MeetingSession:
    return MeetingSession.create(
        store, example_set, case_code="ZVH-TEST-001", held_on=clock.today, clock=clock
    ).item
