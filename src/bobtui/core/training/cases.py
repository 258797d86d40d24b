"""Practice cases (oefencasussen) as data: fictional cases trainers use to rehearse a meeting.

A case names its leidraad, gives everyone the background, hands each player a role card, binds
events to a phase and an offset or to a condition ("a decision is entered during
beeldvorming"), sets the time a trainer expects per BOB phase, and lists the key facts and
decisions a good meeting reaches, the assumptions a chair should keep apart from the facts and
what the trainer looks for per phase. The format is documented in docs/oefencasus.md; a broken
file gives one line per problem: file, line, field. Catalog loading: ``training/catalog.py``.
"""

import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, model_validator

from bobtui.core.domain.errors import PracticeCaseError
from bobtui.core.domain.vocabulary import PHASE_ORDER, Domain, Phase
from bobtui.core.questions.tomlfiles import Identifier, Strict, Text, located, validate_file

Logic = Literal["zorg", "justitie", "bestuur"]
LOGIC_LABELS = {"zorg": "zorg", "justitie": "justitie", "bestuur": "openbaar bestuur"}
Language = Literal["nl", "en"]
Condition = Literal["besluit-in-beeldvorming", "oordeel-in-beeldvorming"]
CONDITION_LABELS: dict[Condition, str] = {
    "besluit-in-beeldvorming": "zodra er in beeldvorming een besluit wordt vastgelegd",
    "oordeel-in-beeldvorming": "zodra er in beeldvorming een oordeel wordt vastgelegd",
}
LeidraadQuestions = Mapping[str, frozenset[str]]
"""Per leidraad id the ids of its questions: what a practice case may refer to."""


class RoleCard(Strict):
    """One player: who they are, what they know, what worries them, their organisation's logic.

    ``knows``, ``worry``, ``wants`` and ``how_to_play`` speak to the player ("je", "jij")."""

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
    """Something that happens in the rehearsal, played by a role or the trainer: at ``after``
    minutes into ``phase``, or as soon as ``when`` holds."""

    text: Text
    role: Text | None = None
    phase: Phase | None = None
    after_minutes: int | None = Field(default=None, ge=0, le=240)
    when: Condition | None = None

    @model_validator(mode="after")
    def _one_trigger(self) -> "TimedEvent":
        timed = self.phase is not None or self.after_minutes is not None
        if timed and self.when is not None:
            raise located(("when",), "kies óf phase met after_minutes, óf when; niet allebei")
        if self.when is None and (self.phase is None or self.after_minutes is None):
            missing = "after_minutes" if self.phase is not None else "phase"
            raise located((missing,), "ontbreekt; een gebeurtenis heeft phase en after_minutes")
        return self

    @property
    def trigger(self) -> str:
        """When the event comes, in Dutch."""
        if self.when is not None:
            return CONDITION_LABELS[self.when]
        return f"{self.after_minutes} min in {self.phase.value if self.phase else ''}"

    @property
    def offset(self) -> timedelta:
        return timedelta(minutes=self.after_minutes or 0)


class KeyItem(Strict):
    """A fact, decision or assumption the trainer expects. A recorded text matches it when it
    holds every keyword; "a|b" accepts either, and part of a word is enough."""

    text: Text
    keywords: tuple[Text, ...] = Field(min_length=1)

    def matches(self, recorded: str) -> bool:
        words = recorded.lower()
        return all(
            any(option.strip() and option.strip() in words for option in keyword.lower().split("|"))
            for keyword in self.keywords
        )


class KeyFact(KeyItem):
    """A fact a good beeldvorming brings to the table, with the questions it answers."""

    questions: tuple[Identifier, ...] = ()


class KeyDecision(KeyItem):
    """A decision a good meeting reaches, with who would own it."""

    owner: Text | None = None


class PhaseTiming(Strict):
    """The time a trainer expects in one BOB phase of this rehearsal: shorter or longer is a
    point for the debrief."""

    phase: Phase
    minimum_minutes: int = Field(ge=0, le=240)
    maximum_minutes: int = Field(gt=0, le=240)

    @model_validator(mode="after")
    def _ordered(self) -> "PhaseTiming":
        if self.minimum_minutes >= self.maximum_minutes:
            raise located(("maximum_minutes",), "moet groter zijn dan minimum_minutes")
        return self


class RecordedAnswers(Strict):
    """Leidraad questions answered in a form rather than a note: the evaluation (date, next
    meeting, who informs the client) on closing, the phase of gefaseerde ketenzorg."""

    evaluatie: tuple[Identifier, ...] = ()
    ketenzorgfase: tuple[Identifier, ...] = ()


class TrainerNotes(Strict):
    """The answer key for the trainer sheet: what a good chair would surface per phase, and
    the traps of the case."""

    beeldvorming: tuple[Text, ...] = Field(min_length=1)
    oordeelsvorming: tuple[Text, ...] = Field(min_length=1)
    besluitvorming: tuple[Text, ...] = Field(min_length=1)
    traps: tuple[Text, ...] = Field(min_length=1)

    def for_phase(self, phase: Phase) -> tuple[str, ...]:
        notes: tuple[str, ...] = getattr(self, phase.value)
        return notes


class PracticeCase(Strict):
    id: Identifier
    title: Text
    version: Text
    leidraad: Identifier
    case_code: Text
    language: Language = "nl"
    duration_minutes: int = Field(gt=0, le=240)
    summary: Text
    background: Text
    timing: tuple[PhaseTiming, ...]
    roles: tuple[RoleCard, ...] = Field(min_length=2)
    events: tuple[TimedEvent, ...] = ()
    key_facts: tuple[KeyFact, ...] = Field(min_length=1)
    key_decisions: tuple[KeyDecision, ...] = Field(min_length=1)
    known_assumptions: tuple[KeyItem, ...] = ()
    answers: RecordedAnswers = RecordedAnswers()
    trainer: TrainerNotes

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "PracticeCase":
        names: set[str] = set()
        for index, card in enumerate(self.roles):
            if card.name in names:
                raise located(("roles", index, "name"), f"rol '{card.name}' staat er twee keer in")
            names.add(card.name)
        for index, event in enumerate(self.events):
            if event.role is not None and event.role not in names:
                raise located(("events", index, "role"), f"rol '{event.role}' staat niet bij roles")
        phases = [t.phase for t in self.timing]
        for phase in PHASE_ORDER:
            if phases.count(phase) != 1:
                raise located(("timing",), f"geef fase {phase.value} precies één keer")
        for index, timing in enumerate(self.timing):
            if timing.maximum_minutes > self.duration_minutes:
                raise located(
                    ("timing", index, "maximum_minutes"),
                    f"valt na het einde ({self.duration_minutes} minuten)",
                )
        if re.search(r"\d{8,9}", self.case_code):
            raise located(
                ("case_code",), "een casuscode is pseudoniem; geen nummer dat op een BSN lijkt"
            )
        known: LeidraadQuestions | None = (info.context or {}).get("leidraden")
        if known is not None:
            self._refers_to(known)
        return self

    def _refers_to(self, known: LeidraadQuestions) -> None:
        """The leidraad and every question the case names exist."""
        if self.leidraad not in known:
            choices = ", ".join(sorted(known))
            raise located(
                ("leidraad",), f"onbekende leidraad '{self.leidraad}'; kies uit {choices}"
            )
        questions = known[self.leidraad]
        references: list[tuple[tuple[str | int, ...], str]] = [
            (("key_facts", i, "questions"), q)
            for i, fact in enumerate(self.key_facts)
            for q in fact.questions
        ]
        references += [
            (("answers", field), q)
            for field in ("evaluatie", "ketenzorgfase")
            for q in getattr(self.answers, field)
        ]
        for location, question_id in references:
            if question_id not in questions:
                raise located(
                    location, f"vraag '{question_id}' staat niet in leidraad {self.leidraad}"
                )

    def timing_of(self, phase: Phase) -> PhaseTiming:
        return next(t for t in self.timing if t.phase is phase)


def load_practice_case(
    path: Path, known_leidraden: LeidraadQuestions | None = None
) -> PracticeCase:
    """Load one case; with ``known_leidraden`` its leidraad and the questions it names must be
    in them."""
    context = None if known_leidraden is None else {"leidraden": known_leidraden}
    return validate_file(PracticeCase, path, PracticeCaseError, context)
