"""Retention (issue 17, point 2): meetings past their period are listed, purged in one
transaction with their audit rows, and logged without content; the raw SQLite file keeps no
byte of a purged note."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from bobtui.cli import main
from bobtui.core.config.settings import SettingsError, load_settings
from bobtui.core.domain.errors import AccessDenied, RuleViolation, SaveFailed
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, backup_store, open_store, sqlite_url
from bobtui.core.store.retention import months_later, past_retention, purge, purge_log
from bobtui.core.store.sqlite_files import backup_date

OLD_NOTE = "Oude-notitie-zq81x"
NEW_NOTE = "Nieuwe-notitie-kp44w"
TODAY = date(2026, 12, 14)


def _meeting(store: Store, question_set: QuestionSet, held_on: date, note: str) -> int:
    session = MeetingSession.create(
        store, question_set, case_code=f"CASUS-{held_on.year}", held_on=held_on
    ).item
    session.start()
    session.record_note(NoteKind.FEIT, note)
    session.record_note(NoteKind.ZORG, f"{note} (tweede)")
    return session.meeting_id


def _with_meetings(store: Store, question_set: QuestionSet) -> tuple[int, int]:
    return (
        _meeting(store, question_set, date(2019, 3, 1), OLD_NOTE),
        _meeting(store, question_set, date(2026, 11, 2), NEW_NOTE),
    )


def test_months_are_calendar_months() -> None:
    assert months_later(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert months_later(date(2020, 11, 15), 14) == date(2022, 1, 15)
    assert months_later(date(2020, 3, 31), -1) == date(2020, 2, 29)


def test_without_a_retention_period_nothing_is_past_it(
    store: Store, example_set: QuestionSet
) -> None:
    _with_meetings(store, example_set)
    assert past_retention(store, {}, TODAY) == []


def test_past_retention_by_meeting_type_or_the_default(
    store: Store, example_set: QuestionSet
) -> None:
    old, _new = _with_meetings(store, example_set)
    (found,) = past_retention(store, {"standaard": 60}, TODAY)
    assert (found.meeting_id, found.case_code, found.held_on) == (
        old,
        "CASUS-2019",
        date(2019, 3, 1),
    )
    assert found.state == "lopend" and found.rule == "bewaartermijn standaard: 60 maanden"
    kind = example_set.meeting_type
    assert past_retention(store, {kind: 120, "standaard": 1}, TODAY) == []
    assert len(past_retention(store, {"standaard": 1}, TODAY)) == 2


def test_a_purge_removes_the_content_and_its_audit_rows_and_leaves_a_record(
    store: Store, example_set: QuestionSet
) -> None:
    old, new = _with_meetings(store, example_set)
    rules = {"standaard": 60}
    with pytest.raises(RuleViolation, match="veranderd"):
        purge(store, rules, TODAY, [old, new])
    (entry,) = purge(store, rules, TODAY, [old])
    assert (entry.case_code, entry.held_on, entry.rule) == (
        "CASUS-2019",
        date(2019, 3, 1),
        "bewaartermijn standaard: 60 maanden",
    )
    assert entry.purged_by
    with store.reading() as db:
        connection = db.connection()
        for table in ("meeting", "note", "auditentry"):
            rows = connection.execute(text(f"SELECT * FROM {table}")).all()
            assert OLD_NOTE not in repr(rows), table
        assert NEW_NOTE in repr(connection.execute(text("SELECT * FROM auditentry")).all())
        ids = connection.execute(text("SELECT id FROM meeting")).scalars().all()
    assert ids == [new]
    assert purge_log(store) == [entry]
    assert past_retention(store, rules, TODAY) == []
    # The audit trail is append-only again once the purge is over.
    with pytest.raises((SaveFailed, AccessDenied)), store.writing() as db:
        db.connection().execute(text("DELETE FROM auditentry"))
        db.commit()


def test_the_raw_sqlite_file_keeps_no_byte_of_a_purged_note(
    tmp_path: Path, example_set: QuestionSet
) -> None:
    path = tmp_path / "raw.sqlite3"
    store = open_store(sqlite_url(path))
    old, _new = _with_meetings(store, example_set)
    with store.engine.connect() as connection:  # the notes in the file itself, not only the log
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert OLD_NOTE.encode() in path.read_bytes()
    purge(store, {"standaard": 60}, TODAY, [old])
    files = [p for p in tmp_path.iterdir() if p.name.startswith("raw.sqlite3")]
    for file in files:
        assert OLD_NOTE.encode() not in file.read_bytes(), file.name
    assert NEW_NOTE.encode() in path.read_bytes()
    store.dispose()


def test_a_bad_retention_setting_names_the_file_and_key() -> None:
    settings_file = load_settings().paths.settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text("[bewaartermijn]\nstandaard = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="bewaartermijn"):
        load_settings()
    settings_file.write_text(
        "[bewaartermijn]\nstandaard = 60\ncasusoverleg = 84\n", encoding="utf-8"
    )
    assert load_settings().retention_months == {"standaard": 60, "casusoverleg": 84}


def test_the_commands_list_purge_after_confirmation_and_log(
    tmp_path: Path,
    example_as_user_set: QuestionSet,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = load_settings()
    store = open_store(settings=settings)
    _with_meetings(store, example_as_user_set)
    backup = backup_store(store, settings)
    old_backup = backup.with_name(re.sub(r"-\d{8}-", "-20180101-", backup.name, count=1))
    backup.rename(old_backup)
    assert backup_date(old_backup) == date(2018, 1, 1)
    store.dispose()

    assert main(["bewaartermijn"]) == 0
    assert "geen bewaartermijn ingesteld" in capsys.readouterr().out
    settings.paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings.paths.settings_file.write_text("[bewaartermijn]\nstandaard = 60\n", encoding="utf-8")

    assert main(["bewaartermijn"]) == 0
    listed = capsys.readouterr().out
    assert "CASUS-2019" in listed and "01-03-2019" in listed and "lopend" in listed
    assert "CASUS-2026" not in listed
    assert f"Reservekopie ouder dan de bewaartermijn: {old_backup}" in listed

    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    assert main(["bewaartermijn", "--verwijder"]) != 0
    said = capsys.readouterr()
    assert (
        "1 overleg en alles wat erin is vastgelegd" in said.err and "Niets verwijderd" in said.err
    )

    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    assert main(["bewaartermijn", "--verwijder"]) == 0
    assert "1 overleg verwijderd" in capsys.readouterr().out
    assert main(["bewaartermijn", "--log"]) == 0
    log = capsys.readouterr().out
    assert "CASUS-2019" in log and "overleg van 01-03-2019" in log
    assert "bewaartermijn standaard: 60 maanden" in log and OLD_NOTE not in log
    assert main(["bewaartermijn", "--verwijder", "--ja"]) == 0
    assert "Geen overleg is voorbij de bewaartermijn" in capsys.readouterr().out
    assert main(["overleggen"]) == 0
    assert "CASUS-2019" not in capsys.readouterr().out
