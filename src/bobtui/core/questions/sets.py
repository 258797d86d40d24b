"""Question sets (leidraden) as data: the TOML format, its pydantic models, loading and checking.

A broken file never raises a traceback at the user: ``check_file`` returns one line per problem
naming the file, the line (where it can be found) and the field.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import LeidraadError
from bobtui.core.domain.vocabulary import PHASE_ORDER, Audience, NoteKind, Phase
from bobtui.core.questions.tomlfiles import (
    Identifier,
    Strict,
    Text,
    located,
    problem,
    validate_file,
)

GENERIC_PROMPTS_FILE = "_doorvragen.toml"


class Question(Strict):
    """One question of the leidraad."""

    id: Identifier
    text: Text
    doorvragen: tuple[Text, ...] = ()
    hint: Text | None = None
    audience: Audience = Audience.IEDEREEN
    partner_role: Text | None = None
    note_kinds: tuple[NoteKind, ...] = ()
    core: bool = False

    @model_validator(mode="after")
    def _partner_role_matches_audience(self) -> "Question":
        if self.audience is Audience.PARTNER and self.partner_role is None:
            raise ValueError("partner_role ontbreekt; die is nodig bij audience = 'partner'")
        if self.audience is not Audience.PARTNER and self.partner_role is not None:
            raise ValueError("partner_role mag alleen bij audience = 'partner'")
        return self


class Theme(Strict):
    id: Identifier
    title: Text
    questions: tuple[Question, ...] = Field(min_length=1)


class PhaseGuide(Strict):
    """One BOB phase of a leidraad: its timebox and its themes."""

    phase: Phase
    timebox_minutes: int = Field(gt=0, le=600)
    purpose: Text | None = None
    themes: tuple[Theme, ...] = Field(min_length=1)

    def questions(self) -> Iterator[Question]:
        for theme in self.themes:
            yield from theme.questions


class QuestionSet(Strict):
    """A whole leidraad: the three BOB phases, in order, with their themes and questions."""

    id: Identifier
    title: Text
    version: Text
    description: Text
    meeting_type: Text
    # Gefaseerde ketenzorg (veiligheid, stabilisatie, herstel) belongs to domestic violence and
    # child safety; a set for other cases (PGA, a quick scan) leaves it out of the meeting.
    chain_care: bool = True
    phases: tuple[PhaseGuide, ...]

    @model_validator(mode="after")
    def _phases_complete_and_ordered(self) -> "QuestionSet":
        found = [guide.phase for guide in self.phases]
        repeated = sorted({p for p in found if found.count(p) > 1}, key=PHASE_ORDER.index)
        if repeated:
            names = ", ".join(p.value for p in repeated)
            raise located(("phases",), f"fase komt meer dan eens voor: {names}")
        missing = [p.value for p in PHASE_ORDER if p not in found]
        if missing:
            raise located(("phases",), f"fase ontbreekt: {', '.join(missing)}")
        if tuple(found) != PHASE_ORDER:
            order = " → ".join(p.value for p in PHASE_ORDER)
            raise located(("phases",), f"fasen staan niet in de volgorde {order}")
        seen: set[str] = set()
        for p, guide in enumerate(self.phases):
            for t, theme in enumerate(guide.themes):
                for q, question in enumerate(theme.questions):
                    if question.id in seen:
                        raise located(
                            ("phases", p, "themes", t, "questions", q, "id"),
                            f"vraag-id '{question.id}' komt al eerder voor",
                        )
                    seen.add(question.id)
        return self

    def with_questions(self, additions: list[tuple[str, Question]]) -> "QuestionSet":
        """A copy with extra questions appended to their themes (by theme id)."""
        if not additions:
            return self
        phases = []
        for guide in self.phases:
            themes = []
            for theme in guide.themes:
                extra = tuple(q for theme_id, q in additions if theme_id == theme.id)
                themes.append(theme.model_copy(update={"questions": theme.questions + extra}))
            phases.append(guide.model_copy(update={"themes": tuple(themes)}))
        return self.model_copy(update={"phases": tuple(phases)})

    def theme_of(self, question_id: str) -> Theme:
        for guide in self.phases:
            for theme in guide.themes:
                if any(q.id == question_id for q in theme.questions):
                    return theme
        raise KeyError(question_id)

    def phase(self, phase: Phase) -> PhaseGuide:
        return self.phases[PHASE_ORDER.index(phase)]

    def all_questions(self) -> Iterator[Question]:
        for guide in self.phases:
            yield from guide.questions()

    def question(self, question_id: str) -> Question:
        for question in self.all_questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def phase_of(self, question_id: str) -> Phase:
        for guide in self.phases:
            if any(q.id == question_id for q in guide.questions()):
                return guide.phase
        raise KeyError(question_id)


class GenericPrompts(Strict):
    """Doorvraag prompts that every leidraad shares."""

    doorvragen: tuple[Text, ...] = Field(min_length=1)


MAX_QUESTIONS = 300
"""The biggest real leidraad has a few dozen questions; hundreds means a mistake or an attack."""


def load_question_set(path: Path) -> QuestionSet:
    """Load one question set, or raise LeidraadError with one line per problem."""
    question_set = validate_file(QuestionSet, path, LeidraadError)
    count = sum(1 for _ in question_set.all_questions())
    if count > MAX_QUESTIONS:
        message = f"{count} vragen; een leidraad heeft er hoogstens {MAX_QUESTIONS}"
        raise LeidraadError([problem(path, None, "phases", message)])
    return question_set


def load_generic_prompts(path: Path) -> GenericPrompts:
    return validate_file(GenericPrompts, path, LeidraadError)


def check_file(path: Path) -> list[str]:
    """The problems in one leidraad file (a question set or the shared prompts); empty when fine."""
    loader = load_generic_prompts if path.name == GENERIC_PROMPTS_FILE else load_question_set
    try:
        loader(path)
    except LeidraadError as error:
        return error.problems
    return []


# --- the catalogue: shipped sets plus the user's own -----------------------------------------


@dataclass(frozen=True)
class CatalogEntry:
    """A question set as the catalogue offers it, with where it came from."""

    question_set: QuestionSet
    path: Path
    origin: Literal["meegeleverd", "eigen"]
    replaces: Path | None = None


@dataclass
class Catalog:
    entries: dict[str, CatalogEntry] = field(default_factory=dict)
    generic_prompts: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def get(self, set_id: str) -> QuestionSet:
        try:
            return self.entries[set_id].question_set
        except KeyError:
            known = ", ".join(sorted(self.entries)) or "geen"
            raise LeidraadError(
                [f"Leidraad '{set_id}' bestaat niet; beschikbaar: {known}."]
            ) from None


def _set_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if p.name != GENERIC_PROMPTS_FILE)
    except OSError:  # a folder the user cannot read holds no sets bobtui can use
        return []


def load_catalog(shipped_dir: Path, user_dir: Path | None) -> Catalog:
    """Load the shipped sets, then the user's; a user set with the same id replaces the shipped.

    A broken shipped file is a bug and raises; a broken user file is skipped with a warning,
    so a trainer's typo never stops the app from starting.
    """
    catalog = Catalog()
    for path in _set_files(shipped_dir):
        question_set = load_question_set(path)
        catalog.entries[question_set.id] = CatalogEntry(question_set, path, "meegeleverd")
    catalog.generic_prompts = load_generic_prompts(shipped_dir / GENERIC_PROMPTS_FILE).doorvragen

    for path in _set_files(user_dir) if user_dir else []:
        try:
            question_set = load_question_set(path)
        except LeidraadError as error:
            catalog.warnings.extend(f"overgeslagen: {problem}" for problem in error.problems)
            continue
        shipped = catalog.entries.get(question_set.id)
        replaces = shipped.path if shipped and shipped.origin == "meegeleverd" else None
        catalog.entries[question_set.id] = CatalogEntry(question_set, path, "eigen", replaces)
    return catalog


def default_catalog(paths: Paths | None = None) -> Catalog:
    """The catalogue from the shipped folder and the user's config folder."""
    from bobtui.core.config.paths import shipped_leidraad_dir
    from bobtui.core.config.settings import load_settings

    paths = paths or load_settings().paths
    return load_catalog(shipped_leidraad_dir(), paths.user_leidraad_dir)
