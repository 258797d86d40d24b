"""make test without PostgreSQL or the readers: the last lines say which tests were skipped,
why, and what to install."""

import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT, skip_summary


def skipped(nodeid: str, reason: str) -> pytest.TestReport:
    longrepr = ("tests/conftest.py", 64, f"Skipped: {reason}")
    return SimpleNamespace(nodeid=nodeid, longrepr=longrepr)  # type: ignore[return-value]


def test_skips_are_grouped_by_reason_the_largest_group_first() -> None:
    pg = "PostgreSQL is missing (pg_ctl not found): apt-get install postgresql"
    readers = "chromium is missing: apt-get install chromium"
    lines = skip_summary(
        [
            skipped("tests/integration/test_exports.py::test_html", readers),
            skipped("tests/core/test_store.py::test_a[postgresql]", pg),
            skipped("tests/core/test_store.py::test_b[postgresql]", pg),
            skipped("tests/core/test_session.py::test_c[postgresql]", pg),
            skipped("tests/core/test_session.py::test_c[postgresql]", pg),  # setup and call
        ]
    )
    assert lines == [
        f"3 skipped: {pg}",
        "    tests/core/test_session.py (1)",
        "    tests/core/test_store.py (2)",
        f"1 skipped: {readers}",
        "    tests/integration/test_exports.py (1)",
        "As root, make test installs what is missing (tools/ensure-*.sh) and runs them all.",
    ]


def test_nothing_skipped_says_nothing() -> None:
    assert skip_summary([]) == []


def test_the_summary_is_on_the_last_lines(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.conftest import pytest_terminal_summary  # noqa: F401")
    pytester.makepyfile(
        """
        import pytest

        def test_runs():
            pass

        def test_fails():
            assert False

        @pytest.mark.parametrize("n", [1, 2])
        def test_needs_postgres(n):
            pytest.skip("PostgreSQL is missing: apt-get install postgresql")
        """
    )
    # The snapshot plugin keeps one folder per process, which an inner run would remove.
    result = pytester.runpytest("-rfE", "-p", "no:textual-snapshot", "-p", "no:asyncio")
    result.assert_outcomes(passed=1, failed=1, skipped=2)
    last = result.outlines[-5:]
    assert last[0].startswith("-") and "skipped, and what to install" in last[0]
    assert last[1] == "2 skipped: PostgreSQL is missing: apt-get install postgresql"
    assert last[2] == "    test_the_summary_is_on_the_last_lines.py (2)"
    assert last[3].startswith("As root, make test installs")
    assert "1 failed, 1 passed, 2 skipped" in last[4]


def test_ensure_readers_as_another_user_says_what_is_missing_and_lets_the_run_go_on(
    tmp_path: Path,
) -> None:
    bin_dir = tmp_path / "bin"  # no chromium, soffice or pdftotext; id says "not root"
    bin_dir.mkdir()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_dir / "id").chmod(0o755)
    done = subprocess.run(
        ["/bin/bash", str(ROOT / "tools" / "ensure-readers.sh")],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "apt-get install chromium libreoffice-writer-nogui poppler-utils" in done.stderr
