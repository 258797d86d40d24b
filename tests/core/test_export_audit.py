"""Every export is in the audit trail: who, when, which meeting, format, profile, whether
confidential notes went along; never any of the content."""

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from bobtui.cli import main
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.audit import case_audit
from bobtui.core.store.engine import Store, open_store, sqlite_url
from tests.conftest import FakeClock
from tests.core.team_fixtures import team_store


def _meeting(store: Store, question_set: QuestionSet, clock: FakeClock, code: str) -> int:
    session = MeetingSession.create(
        store, question_set, case_code=code, held_on=clock.today, clock=clock
    ).item
    session.start()
    session.record_note(NoteKind.ZORG, "Geheim over de buren", confidential=True)
    return session.meeting_id


def _exports(store: Store, code: str) -> list[tuple[str, int | None, dict[str, object]]]:
    return [
        (record.actor, record.meeting_id, {c.column: c.new for c in record.changes})
        for record in case_audit(store, code)
        if record.table == "export"
    ]


def test_the_command_line_exports_are_recorded_without_content(
    tmp_path: Path, example_as_user_set: QuestionSet, clock: FakeClock
) -> None:
    url = sqlite_url(tmp_path / "eigen.sqlite3")
    store = open_store(url)
    first = _meeting(store, example_as_user_set, clock, "ZVH-EXP-1")
    second = _meeting(store, example_as_user_set, clock, "ZVH-EXP-1")
    store.dispose()  # its pages reach the file itself, which the commands look at first
    out = tmp_path / "verslag.docx"
    one = ["--database", url, "export", str(first), "--format", "docx", "--out", str(out)]
    assert main([*one, "--vertrouwelijk"]) == 0
    folder = tmp_path / "map"
    folder.mkdir()
    batch = ["--database", url, "export", "--case", "ZVH-EXP-1", "--format", "md,json"]
    assert main([*batch, "--profile", "besluiten", "--out", str(folder)]) == 0
    assert main(["--database", url, "geschiedenis", "ZVH-EXP-1"]) == 0
    assert main(["--database", url, "audit", "ZVH-EXP-1", "--csv", str(tmp_path / "a.csv")]) == 0
    shown = {"formaat", "profiel", "vertrouwelijk", "bsn_afgeschermd", "wat"}
    store = open_store(url)
    recorded = _exports(store, "ZVH-EXP-1")
    assert [(meeting, changes["wat"], changes["formaat"]) for _, meeting, changes in recorded] == [
        (first, "verslag", "docx"),
        (first, "verslag", "md,json"),
        (second, "verslag", "md,json"),
        (None, "casusgeschiedenis", "md"),
        (None, "auditlogboek", "csv"),
    ]
    assert recorded[0][2]["vertrouwelijk"] == "true" and recorded[0][2]["profiel"] == "volledig"
    assert recorded[1][2]["vertrouwelijk"] == "false" and recorded[1][2]["profiel"] == "besluiten"
    assert all(set(changes) <= shown for _, _, changes in recorded)
    with store.engine.connect() as connection:
        query = text("SELECT new FROM auditentry WHERE operation = 'export'")
        stored = connection.execute(query).scalars().all()
    assert len(stored) == 5 and not any("Geheim" in row for row in stored)
    assert all(json.loads(row)["wat"] for row in stored)
    store.dispose()


@pytest.mark.postgres
def test_an_export_in_team_mode_says_who_took_it_out(
    postgres_admin_url: str, example_as_user_set: QuestionSet, clock: FakeClock, tmp_path: Path
) -> None:
    with team_store(postgres_admin_url) as team:
        meeting = _meeting(team.store("anna"), example_as_user_set, clock, "ZVH-EXP-T")
        out = tmp_path / "verslag.md"
        export = ["export", str(meeting), "--out", str(out)]
        assert main(["--database", team.url("cora"), *export]) == 0
        assert _exports(team.store("anna"), "ZVH-EXP-T") == [
            (
                team.login("cora"),
                meeting,
                {
                    "wat": "verslag",
                    "formaat": "md",
                    "profiel": "volledig",
                    "vertrouwelijk": "false",
                    "bsn_afgeschermd": "false",
                },
            )
        ]
        # Bert may not see the meeting, so he exports nothing and no entry is made.
        assert main(["--database", team.url("bert"), *export, "--force"]) == 1
        assert len(_exports(team.store("cora"), "ZVH-EXP-T")) == 1
