"""Question sets (leidraden) as data: the TOML format, its pydantic models, loading and checking.

A broken file never raises a traceback at the user: ``check_file`` returns one line per problem
naming the file, the line (where it can be found) and the field.
"""

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bobtui.core.errors import LeidraadError
from bobtui.core.vocabulary import PHASE_ORDER, Audience, NoteKind, Phase

GENERIC_PROMPTS_FILE = "_doorvragen.toml"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9\-]*$", max_length=80)]


def _located(location: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """A whole-set error that still points at the field (and so the line) it is about."""
    return PydanticCustomError(
        "bob_located", message.replace("{", "(").replace("}", ")"), {"at": location}
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Question(_Strict):
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


class Theme(_Strict):
    id: Identifier
    title: Text
    questions: tuple[Question, ...] = Field(min_length=1)


class PhaseGuide(_Strict):
    """One BOB phase of a leidraad: its timebox and its themes."""

    phase: Phase
    timebox_minutes: int = Field(gt=0, le=600)
    purpose: Text | None = None
    themes: tuple[Theme, ...] = Field(min_length=1)

    def questions(self) -> Iterator[Question]:
        for theme in self.themes:
            yield from theme.questions


class QuestionSet(_Strict):
    """A whole leidraad: the three BOB phases, in order, with their themes and questions."""

    id: Identifier
    title: Text
    version: Text
    description: Text
    meeting_type: Text
    phases: tuple[PhaseGuide, ...]

    @model_validator(mode="after")
    def _phases_complete_and_ordered(self) -> "QuestionSet":
        found = [guide.phase for guide in self.phases]
        repeated = sorted({p for p in found if found.count(p) > 1}, key=PHASE_ORDER.index)
        if repeated:
            names = ", ".join(p.value for p in repeated)
            raise _located(("phases",), f"fase komt meer dan eens voor: {names}")
        missing = [p.value for p in PHASE_ORDER if p not in found]
        if missing:
            raise _located(("phases",), f"fase ontbreekt: {', '.join(missing)}")
        if tuple(found) != PHASE_ORDER:
            order = " → ".join(p.value for p in PHASE_ORDER)
            raise _located(("phases",), f"fasen staan niet in de volgorde {order}")
        seen: set[str] = set()
        for p, guide in enumerate(self.phases):
            for t, theme in enumerate(guide.themes):
                for q, question in enumerate(theme.questions):
                    if question.id in seen:
                        raise _located(
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


class GenericPrompts(_Strict):
    """Doorvraag prompts that every leidraad shares."""

    doorvragen: tuple[Text, ...] = Field(min_length=1)


_M = TypeVar("_M", bound=BaseModel)

# --- reading files ---------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\s\"]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "greater_than": "moet groter zijn dan 0",
    "less_than_equal": "is te groot",
    "string_pattern_mismatch": "alleen kleine letters, cijfers en '-' zijn toegestaan",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "tuple_type": "moet een lijst zijn",
    "model_type": "moet een tabel zijn",
    "model_attributes_type": "moet een tabel zijn",
}


def _line_index(source: str) -> dict[tuple[str | int, ...], int]:
    """Map each table and key path in a TOML text to its line number (1-based).

    Handles the layout people write by hand ([[phases]], [[phases.themes]], key = value);
    it is only used to point at a line, so anything it does not understand is left out.
    """
    index: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = [part.strip().strip('"') for part in header.group(2).split(".")]
            path: tuple[str | int, ...] = ()
            for depth, name in enumerate(names):
                path = (*path, name)
                is_last = depth == len(names) - 1
                if header.group(1) == "[[" and is_last:
                    position = counts.get(path, 0)
                    counts[path] = position + 1
                    path = (*path, position)
                elif path in counts:  # a parent array of tables: the latest element
                    path = (*path, counts[path] - 1)
            current = path
            index.setdefault(current, number)
            if header.group(1) == "[[":  # the array as a whole starts at its first element
                index.setdefault(current[:-1], number)
            continue
        key = _KEY.match(line)
        if key:
            index.setdefault((*current, key.group(1)), number)
    return index


def _format_location(location: Iterable[str | int]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(bestand)"


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"onbekende waarde {error['input']!r}; kies uit {expected}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "bob_located":
        return str(error["msg"])
    return _MESSAGES.get(kind, str(error["msg"]))


def _problem(path: Path, line: int | None, where: str, message: str) -> str:
    position = f"{path}:{line}" if line else str(path)
    return f"{position}: {where}: {message}"


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file, turning every failure into a LeidraadError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LeidraadError(
            [_problem(path, None, "(bestand)", f"niet te lezen ({error.strerror})")]
        ) from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise LeidraadError(
            [_problem(path, line, "(bestand)", "geen geldige UTF-8-tekst")]
        ) from None
    if not source.strip():
        raise LeidraadError([_problem(path, None, "(bestand)", "het bestand is leeg")])
    try:
        return source, tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        toml_line = int(found.group(1)) if found else None
        reason = _TOML_POSITION.sub("", str(error)).strip()
        message = f"geen geldige TOML: {reason}"
        raise LeidraadError([_problem(path, toml_line, "(bestand)", message)]) from None


def _validate(model: type[_M], path: Path) -> _M:
    source, data = _read_toml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        lines = _line_index(source)
        errors = error.errors()
        # A list whose items failed also reports itself as too short; the items say more.
        failed = [tuple(item["loc"]) for item in errors]
        problems = []
        for item in errors:
            location = tuple(item.get("ctx", {}).get("at") or item["loc"])
            if any(
                len(other) > len(location) and other[: len(location)] == location
                for other in failed
            ):
                continue
            line: int | None = None
            for end in range(len(location), -1, -1):
                if location[:end] in lines:
                    line = lines[location[:end]]
                    break
            problems.append(_problem(path, line, _format_location(location), _describe(item)))
        raise LeidraadError(problems) from None


def load_question_set(path: Path) -> QuestionSet:
    """Load one question set, or raise LeidraadError with one line per problem."""
    return _validate(QuestionSet, path)


def load_generic_prompts(path: Path) -> GenericPrompts:
    return _validate(GenericPrompts, path)


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
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.name != GENERIC_PROMPTS_FILE)


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


def default_catalog() -> Catalog:
    """The catalogue from the shipped folder and the user's config folder."""
    from bobtui.core.paths import shipped_leidraad_dir, user_leidraad_dir

    return load_catalog(shipped_leidraad_dir(), user_leidraad_dir())
