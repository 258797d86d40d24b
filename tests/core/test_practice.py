"""Practice cases as data and rehearsals: the format, its checker, starting a rehearsal in its
own store, the events bound to phases and conditions under the trainer's hand (the rehearsal
in the app, with its events and the trainer panel: tests/ui/test_practice_screen.py)."""

import re
from pathlib import Path

import pytest

from bobtui.core.config.paths import shipped_practice_dir
from bobtui.core.domain.errors import PracticeCaseError
from bobtui.core.questions.sets import default_catalog
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.training.cases import KeyItem, PracticeCase, load_practice_case
from bobtui.core.training.catalog import (
    check_practice_file,
    default_practice_catalog,
    leidraad_questions,
)
from bobtui.core.training.rehearsal import start_rehearsal
from tests.conftest import ROOT, FakeClock, configured_paths
from tests.core.test_cli import assert_one_sentence_error, bobtui

DOCS = ROOT / "docs" / "oefencasus.md"
KNOWN = leidraad_questions(default_catalog())


def practice_example_text() -> str:
    match = re.search(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert match, "docs/oefencasus.md has no TOML example"
    return match.group(1)


@pytest.fixture
def example_case() -> PracticeCase:
    """The docs' example, installed in the trainer's own folder where the app looks."""
    folder = configured_paths().user_practice_dir
    folder.mkdir(parents=True)
    path = folder / "voorbeeld-oefening.toml"
    path.write_text(practice_example_text(), encoding="utf-8")
    return load_practice_case(path, KNOWN)


def test_the_documented_example_and_the_shipped_cases_load(example_case: PracticeCase) -> None:
    assert example_case.id == "voorbeeld-oefening" and len(example_case.roles) == 2
    catalog = default_practice_catalog(KNOWN)
    assert catalog.warnings == []
    assert catalog.entries["voorbeeld-oefening"].origin == "eigen"
    shipped = [e.case for e in catalog.entries.values() if e.origin == "meegeleverd"]
    assert {c.leidraad for c in shipped} >= {"huiselijk-geweld-kindveiligheid", "pga-veelplegers"}
    for case in shipped:  # rich enough for 45 minutes of play
        assert case.duration_minutes >= 45 and len(case.roles) >= 7
        assert len(case.events) >= 5 and len(case.key_facts) >= 10
        assert len(case.key_decisions) >= 5
        assert any(card.is_client for card in case.roles)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("after_minutes = 5", "after_minutes = 500", r":\d+: events\[0\]\.after_minutes: is te"),
        ('phase = "beeldvorming"\nafter', 'when = "nooit"\nafter', r"events\[0\]\.when: onbekende"),
        ("after_minutes = 5\n", "", r"events\[0\]\.after_minutes: ontbreekt"),
        ('when = "besluit', 'phase = "beeldvorming"\nwhen = "besluit', r"events\[1\]\.when: kies"),
        ("maximum_minutes = 15", "maximum_minutes = 45", r"timing\[0\]\.maximum_minutes: valt na"),
        (
            "maximum_minutes = 15",
            "maximum_minutes = 8",
            r"timing\[0\]\.maximum_minutes: moet groter",
        ),
        ('phase = "oordeelsvorming"', 'phase = "beeldvorming"', r":\d+: timing: geef fase"),
        (
            'questions = ["hg-b-patroon',
            'questions = ["hg-b-bestaat-niet',
            r"key_facts\[0\]\.questions: vraag",
        ),
        (
            'evaluatie = ["hg-d-evaluatie"]',
            'evaluatie = ["x"]',
            r":\d+: answers\.evaluatie: vraag 'x'",
        ),
        ('owner = "Wijkteam"', 'eigenaar = "Wijkteam"', r"key_decisions\[0\]\.eigenaar: onbekend"),
        ('role = "Wijkagent"\ntext', 'role = "Agent"\ntext', r"events\[0\]\.role: rol 'Agent'"),
        ('wants = "Hulp', 'wil = "Hulp', r"roles\[0\]\.wil: onbekend veld"),
        ('keywords = ["schuld"]', "keywords = []", r"key_decisions\[0\]\.keywords: mag niet leeg"),
        ('name = "Wijkagent"', 'name = "Moeder (gespeeld)"', r"roles\[1\]\.name: rol .* twee keer"),
        ('leidraad = "huiselijk', 'leidraad = "bestaat-niet', r":4: leidraad: onbekende leidraad"),
        ('case_code = "OEFEN-VB-01"', 'case_code = "111222333"', r"case_code: een casuscode"),
        ("duration_minutes = 30", "duration_minutes = 0", r"duration_minutes: moet groter"),
    ],
)
def test_broken_cases_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    text = practice_example_text()
    assert old in text
    path = tmp_path / "kapot.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check_practice_file(path, KNOWN)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:") and re.search(expected, problems[0]), problems[0]


def test_check_on_the_command_line(tmp_path: Path) -> None:
    good = tmp_path / "goed.toml"
    good.write_text(practice_example_text(), encoding="utf-8")
    bad = tmp_path / "kapot.toml"
    bad.write_text(
        practice_example_text().replace("after_minutes = 5", "after_minutes = 999"),
        encoding="utf-8",
    )
    result = bobtui("oefen", "check", str(good))
    assert result.returncode == 0 and "In orde: 1 oefencasus" in result.stdout
    result = bobtui("oefen", "check", str(good), str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.count("\n") == 1 and f"{bad}:" in result.stdout
    assert "events[0].after_minutes" in result.stdout
    listed = bobtui("oefen", "list")
    assert "gezin-de-wit" in listed.stdout and "jongvolwassene-pga" in listed.stdout
    assert_one_sentence_error(bobtui("oefen", "start", "bestaat-niet"), "bestaat niet")


def test_every_shipped_practice_file_validates_against_the_format() -> None:
    """The shipped cases and the shared word list, through the same checker as ``oefen check``."""
    files = sorted(shipped_practice_dir().glob("*.toml"))
    assert {f.name for f in files} >= {
        "gezin-de-wit.toml",
        "jongvolwassene-pga.toml",
        "_duiding.toml",
    }
    for path in files:
        assert check_practice_file(path, KNOWN) == [], path
    result = bobtui("oefen", "check")
    assert result.returncode == 0 and f"{len(files)} oefencasussen" in result.stdout


def test_a_broken_word_list_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "_duiding.toml"
    path.write_text('nl = ["waarschijnlijk"]\nen = []\n', encoding="utf-8")
    assert check_practice_file(path, KNOWN) == [f"{path}:2: en: mag niet leeg zijn"]


def test_the_veilig_thuis_worker_is_no_aandachtsfunctionaris() -> None:
    """An aandachtsfunctionaris works inside an organisation that reports to Veilig Thuis."""
    catalog = default_practice_catalog(KNOWN)
    cards = [card for entry in catalog.entries.values() for card in entry.case.roles]
    veilig_thuis = [c for c in cards if c.organisation == "Veilig Thuis"]
    assert veilig_thuis and all("aandachtsfunctionaris" not in c.role for c in veilig_thuis)


def test_keywords_match_parts_of_words_and_alternatives() -> None:
    item = KeyItem(text="x", keywords=("twee|2", "melding"))
    assert item.matches("Er zijn 2 meldingen bij de politie")
    assert item.matches("Twee Meldingen")
    assert not item.matches("Een melding")  # the number is missing


def test_a_rehearsal_gets_the_roster_and_its_own_case_code(
    example_case: PracticeCase, clock: FakeClock
) -> None:
    store = open_store(sqlite_url(configured_paths().rehearsal_store))
    question_set = default_catalog().get(example_case.leidraad)
    first = start_rehearsal(store, example_case, question_set, clock=clock)
    second = start_rehearsal(store, example_case, question_set, clock=clock)
    meeting = first.meeting()
    assert meeting.meeting_type == "oefening" and meeting.practice_case_id == example_case.id
    assert (meeting.case_code, second.meeting().case_code) == ("OEFEN-VB-01-1", "OEFEN-VB-01-2")
    people = first.participants()
    assert [p.name for p in people] == ["Moeder (gespeeld)", "Wijkagent"]
    assert people[0].is_client and people[1].organisation == "Politie"
    store.dispose()
    assert not (configured_paths().rehearsal_store.parent.parent / "bobtui.sqlite3").exists()


def test_practice_errors_are_one_sentence() -> None:
    with pytest.raises(PracticeCaseError, match="bestaat niet"):
        default_practice_catalog(KNOWN).get("bestaat-niet")
