"""The practice cases bobtui finds (shipped and the trainer's own) and the shared practice data
beside them: the words that mark an interpretation, per language (``_duiding.toml``)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import PracticeCaseError
from bobtui.core.questions.tomlfiles import Strict, Text, validate_file
from bobtui.core.training.cases import (
    Language,
    LeidraadQuestions,
    PracticeCase,
    load_practice_case,
)

if TYPE_CHECKING:
    from bobtui.core.questions.sets import Catalog

MARKERS_FILE = "_duiding.toml"


class InterpretationMarkers(Strict):
    """Per language the words and phrases that make a note an interpretation, not a fact:
    "waarschijnlijk", "volgens mij". A word ending in ``*`` also matches longer words."""

    nl: tuple[Text, ...] = Field(min_length=1)
    en: tuple[Text, ...] = Field(min_length=1)

    def of(self, language: Language) -> tuple[str, ...]:
        words: tuple[str, ...] = getattr(self, language)
        return words


def load_markers(path: Path) -> InterpretationMarkers:
    return validate_file(InterpretationMarkers, path, PracticeCaseError)


def check_practice_file(path: Path, known_leidraden: LeidraadQuestions) -> list[str]:
    """The problems in a practice case, or in the shared word list; empty when fine."""
    try:
        if path.name == MARKERS_FILE:
            load_markers(path)
        else:
            load_practice_case(path, known_leidraden)
    except PracticeCaseError as error:
        return error.problems
    return []


def leidraad_questions(catalog: "Catalog") -> dict[str, frozenset[str]]:
    """What a practice case may refer to: every leidraad with its question ids."""
    return {
        set_id: frozenset(q.id for q in entry.question_set.all_questions())
        for set_id, entry in catalog.entries.items()
    }


@dataclass(frozen=True)
class PracticeEntry:
    case: PracticeCase
    path: Path
    origin: Literal["meegeleverd", "eigen"]


@dataclass
class PracticeCatalog:
    markers: InterpretationMarkers
    entries: dict[str, PracticeEntry] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def get(self, case_id: str) -> PracticeCase:
        try:
            return self.entries[case_id].case
        except KeyError:
            known = ", ".join(sorted(self.entries)) or "geen"
            raise PracticeCaseError(
                [f"Oefencasus '{case_id}' bestaat niet; beschikbaar: {known}."]
            ) from None


def _case_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))


def load_practice_catalog(
    shipped_dir: Path, user_dir: Path | None, known_leidraden: LeidraadQuestions
) -> PracticeCatalog:
    """Shipped cases, then the trainer's own (same id replaces); a broken own file is skipped
    with a warning, a broken shipped file is a bug and raises."""
    catalog = PracticeCatalog(load_markers(shipped_dir / MARKERS_FILE))
    for path in _case_files(shipped_dir):
        case = load_practice_case(path, known_leidraden)
        catalog.entries[case.id] = PracticeEntry(case, path, "meegeleverd")
    for path in _case_files(user_dir):
        try:
            case = load_practice_case(path, known_leidraden)
        except PracticeCaseError as error:
            catalog.warnings.extend(f"overgeslagen: {p}" for p in error.problems)
            continue
        catalog.entries[case.id] = PracticeEntry(case, path, "eigen")
    return catalog


def default_practice_catalog(
    known_leidraden: LeidraadQuestions, paths: Paths | None = None
) -> PracticeCatalog:
    """The shipped practice cases and the trainer's own."""
    from bobtui.core.config.paths import shipped_practice_dir
    from bobtui.core.config.settings import load_settings

    paths = paths or load_settings().paths
    return load_practice_catalog(shipped_practice_dir(), paths.user_practice_dir, known_leidraden)
