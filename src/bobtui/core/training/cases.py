"""Practice cases (oefencasussen) as data: fictional cases trainers use to rehearse a meeting.

A case names its leidraad, gives everyone the background, hands each player a role card, times
events ("after 20 minutes the father wants to leave"), and lists the key facts and decisions a
good meeting reaches, each with the keywords that recognise it in what was recorded. The format
is documented in docs/oefencasus.md; a broken file gives one line per problem: file, line, field.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import PracticeCaseError
from bobtui.core.domain.vocabulary import Domain
from bobtui.core.questions.tomlfiles import (
    Identifier,
    Strict,
    Text,
    located,
    problem,
    validate_file,
)

Logic = Literal["zorg", "justitie", "bestuur"]
LOGIC_LABELS = {"zorg": "zorg", "justitie": "justitie", "bestuur": "openbaar bestuur"}


class RoleCard(Strict):
    """One player: who they are, what they know, what worries them, their organisation's logic."""

    name: Text
    organisation: str = ""
    role: Text
    domain: Domain | None = None
    logic: Logic | None = None
    is_client: bool = False
    is_ervaringsdeskundige: bool = False
    speaks_for_child: bool = False
    knows: tuple[Text, ...] = Field(min_length=1)
    worry: Text
    wants: Text | None = None
    how_to_play: Text | None = None


class TimedEvent(Strict):
    """Something that happens at a minute of the rehearsal, played by a role or the trainer."""

    minute: int = Field(gt=0)
    text: Text
    role: Text | None = None


class KeyItem(Strict):
    """A fact or decision a good meeting reaches. It counts as captured when one note (or
    decision) holds every keyword; "a|b" accepts either, and part of a word is enough."""

    text: Text
    keywords: tuple[Text, ...] = Field(min_length=1)

    def matches(self, recorded: str) -> bool:
        words = recorded.lower()
        return all(
            any(option.strip() and option.strip() in words for option in keyword.lower().split("|"))
            for keyword in self.keywords
        )


class PracticeCase(Strict):
    id: Identifier
    title: Text
    version: Text
    leidraad: Identifier
    case_code: Text
    duration_minutes: int = Field(gt=0, le=240)
    summary: Text
    background: Text
    roles: tuple[RoleCard, ...] = Field(min_length=2)
    events: tuple[TimedEvent, ...] = ()
    key_facts: tuple[KeyItem, ...] = Field(min_length=1)
    key_decisions: tuple[KeyItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "PracticeCase":
        names: set[str] = set()
        for index, card in enumerate(self.roles):
            if card.name in names:
                raise located(("roles", index, "name"), f"rol '{card.name}' staat er twee keer in")
            names.add(card.name)
        for index, event in enumerate(self.events):
            if event.minute > self.duration_minutes:
                raise located(
                    ("events", index, "minute"),
                    f"minuut {event.minute} valt na het einde ({self.duration_minutes} minuten)",
                )
            if event.role is not None and event.role not in names:
                raise located(("events", index, "role"), f"rol '{event.role}' staat niet bij roles")
        if re.search(r"\d{8,9}", self.case_code):
            raise located(
                ("case_code",), "een casuscode is pseudoniem; geen nummer dat op een BSN lijkt"
            )
        return self

    def events_in_order(self) -> list[TimedEvent]:
        return sorted(self.events, key=lambda event: event.minute)


def load_practice_case(path: Path, known_leidraden: set[str] | None = None) -> PracticeCase:
    """Load one case; with ``known_leidraden`` its leidraad must be one of them."""
    case = validate_file(PracticeCase, path, PracticeCaseError)
    if known_leidraden is not None and case.leidraad not in known_leidraden:
        line = next(
            (
                n
                for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text.strip().startswith("leidraad")
            ),
            None,
        )
        known = ", ".join(sorted(known_leidraden))
        raise PracticeCaseError(
            [
                problem(
                    path,
                    line,
                    "leidraad",
                    f"onbekende leidraad '{case.leidraad}'; kies uit {known}",
                )
            ]
        )
    return case


def check_practice_file(path: Path, known_leidraden: set[str]) -> list[str]:
    try:
        load_practice_case(path, known_leidraden)
    except PracticeCaseError as error:
        return error.problems
    return []


@dataclass(frozen=True)
class PracticeEntry:
    case: PracticeCase
    path: Path
    origin: Literal["meegeleverd", "eigen"]


@dataclass
class PracticeCatalog:
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


def load_practice_catalog(
    shipped_dir: Path, user_dir: Path | None, known_leidraden: set[str]
) -> PracticeCatalog:
    """Shipped cases, then the trainer's own (same id replaces); a broken own file is skipped
    with a warning, a broken shipped file is a bug and raises."""
    catalog = PracticeCatalog()
    for path in sorted(shipped_dir.glob("*.toml")) if shipped_dir.is_dir() else []:
        case = load_practice_case(path, known_leidraden)
        catalog.entries[case.id] = PracticeEntry(case, path, "meegeleverd")
    for path in sorted(user_dir.glob("*.toml")) if user_dir and user_dir.is_dir() else []:
        try:
            case = load_practice_case(path, known_leidraden)
        except PracticeCaseError as error:
            catalog.warnings.extend(f"overgeslagen: {p}" for p in error.problems)
            continue
        catalog.entries[case.id] = PracticeEntry(case, path, "eigen")
    return catalog


def default_practice_catalog(
    known_leidraden: set[str], paths: Paths | None = None
) -> PracticeCatalog:
    """The shipped practice cases and the trainer's own."""
    from bobtui.core.config.paths import shipped_practice_dir
    from bobtui.core.config.settings import load_settings

    paths = paths or load_settings().paths
    return load_practice_catalog(shipped_practice_dir(), paths.user_practice_dir, known_leidraden)
