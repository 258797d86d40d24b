"""Plain, immutable records that the core hands to its callers (UI, CLI, summary).

They mirror the store's tables but import nothing of SQLModel, so screens never hold a database
object and these modules stay cheap to import.
"""

import enum
import types
import typing
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from typing import Any, Generic, TypeVar, cast

from bobtui.core.domain.listing import MeetingListRow as MeetingListRow  # re-exported
from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    DecisionStatus,
    Domain,
    JudgementKind,
    Likelihood,
    MeetingStatus,
    NoteKind,
    ParkedOutcome,
    Phase,
    Presence,
    Priority,
    meeting_state,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A write's result: the stored record and warnings to show (e.g. a BSN-like number)."""

    item: T
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    case_code: str
    leidraad_id: str
    leidraad_version: str
    meeting_type: str
    held_on: date
    location: str
    reason: str
    status: MeetingStatus
    current_phase: Phase | None
    current_question_id: str | None
    chain_care_phase: ChainCarePhase | None
    evaluation_date: date | None
    next_meeting_on: date | None
    client_informed_by: str | None
    created_at: datetime
    started_at: datetime | None
    closed_at: datetime | None
    practice_case_id: str | None
    details_version: int
    """Raised by every change of the details or the evaluation; hand it back with the next
    such change (``expected_version``) to refuse an edit made on what another window replaced."""
    finalized_at: datetime | None = None
    """When the closed meeting was finalized (vastgesteld); None: a concept (or not closed)."""
    finalized_by: str | None = None

    @property
    def state(self) -> str:
        """gepland, lopend, gesloten (concept) or vastgesteld."""
        return meeting_state(self.status, finalized=self.finalized_at is not None)


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    meeting_id: int
    position: int
    name: str
    organisation: str
    role: str
    domain: Domain | None
    presence: Presence
    is_client: bool
    is_ervaringsdeskundige: bool
    speaks_for_child: bool
    represented_by: str = ""
    """Who speaks for this participant when ``presence`` is ``vertegenwoordigd``."""


@dataclass(frozen=True)
class NoteRecord:
    id: int
    meeting_id: int
    kind: NoteKind
    text: str
    phase: Phase
    question_id: str | None
    participant_id: int | None
    confidential: bool
    created_at: datetime
    updated_at: datetime
    author: str | None = None
    """Who typed it (the login); None for notes from before bobtui recorded it."""


@dataclass(frozen=True)
class SafetyScoreRecord:
    id: int
    meeting_id: int
    participant_id: int | None
    respondent: str
    score: int
    what_would_raise_it: str
    question_id: str | None
    created_at: datetime
    version: int
    """Raised by every change; see ``MeetingSession.edit_safety_score(expected_version=…)``."""


@dataclass(frozen=True)
class JudgementRecord:
    id: int
    meeting_id: int
    kind: JudgementKind
    text: str
    likelihood: Likelihood | None
    created_at: datetime
    version: int
    """Raised by every change; see ``MeetingSession.edit_judgement(expected_version=…)``."""
    question_id: str | None = None
    """The question on screen when it was recorded; None for judgements from before."""


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    meeting_id: int
    action: str
    owner_person: str
    owner_organisation: str
    owner_participant_id: int | None
    deadline: date
    priority: Priority
    chain_care_phase: ChainCarePhase | None
    status: DecisionStatus
    created_at: datetime
    updated_at: datetime
    version: int
    """Raised by every change; see ``MeetingSession.edit_decision(expected_version=…)``."""
    question_id: str | None = None
    """The question on screen when it was recorded; None for decisions from before."""


@dataclass(frozen=True)
class StatusChangeRecord:
    id: int
    decision_id: int
    meeting_id: int | None
    status: DecisionStatus
    reason: str
    new_deadline: date | None
    changed_at: datetime


@dataclass(frozen=True)
class ChairHolder:
    """Who chairs a meeting, safe to show: never case data, only which app on which computer,
    which login, since when, and when it last gave a sign of life."""

    description: str
    """E.g. 'bobtui op werkplek-12 (gebruiker jdevries)'."""
    since: datetime
    heartbeat_at: datetime
    this_session: bool
    """True when the session that asked is the holder."""
    process_gone: bool = False
    """True when the holder ran on this computer and its process has ended (killed, crashed)."""


@cache
def _enum_fields(record_type: Any) -> dict[str, type[enum.Enum]]:
    """The fields of a record whose type is an enum (or an optional enum), by name."""
    result: dict[str, type[enum.Enum]] = {}
    for name, hint in typing.get_type_hints(record_type).items():
        candidates = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
                result[name] = candidate
    return result


def to_record(record_type: type[T], row: Any) -> T:
    """Copy a table row (or any object with the same attributes) into a plain record."""
    converters = _enum_fields(cast(Any, record_type))
    values: dict[str, Any] = {}
    for item in fields(record_type):  # type: ignore[arg-type]
        value = getattr(row, item.name)
        if value is not None and item.name in converters:
            value = converters[item.name](value)
        values[item.name] = value
    return record_type(**values)


@dataclass(frozen=True)
class ParkedIdeaRecord:
    id: int
    meeting_id: int
    text: str
    participant_id: int | None
    phase: Phase
    question_id: str | None
    created_at: datetime
    outcome: ParkedOutcome | None
    decision_id: int | None
    resolved_at: datetime | None


@dataclass(frozen=True)
class RosterProposal:
    """Who took part in the last meeting on the same case and is not on this roster yet."""

    held_on: date
    """When that meeting was held."""
    participants: tuple[ParticipantRecord, ...]
    """As they were on that roster; their presence then says nothing about today."""


@dataclass(frozen=True)
class CarriedOverDecision:
    """An open decision from an earlier meeting on the same case, and its review here."""

    decision: DecisionRecord
    from_meeting_held_on: date
    review: StatusChangeRecord | None


@dataclass(frozen=True)
class TeamIdentity:
    """Who is connected to a team store (PostgreSQL) and in which bobtui roles; no roles: the
    store's owner, to whom need-to-know does not apply."""

    login: str
    roles: tuple[str, ...]

    def label(self) -> str:
        """'anna (procesregisseur)', shown in the title bar."""
        return f"{self.login} ({', '.join(self.roles) or 'eigenaar'})"


@dataclass(frozen=True)
class AuditChange:
    """One column of an audited row, before and after (None: the row had no value there)."""

    column: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class AuditRecord:
    """One entry of the audit trail: who changed which row of which table when."""

    at: datetime
    actor: str
    table: str
    row_id: str
    operation: str
    meeting_id: int | None
    changes: tuple[AuditChange, ...]


@dataclass(frozen=True)
class AmendmentRecord:
    """A correction of a finalized meeting (or its reopening): what, old → new, who, when, why."""

    id: int
    meeting_id: int
    at: datetime
    made_by: str
    subject: str
    record_id: int | None
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class PastRetention:
    """A meeting past its retention period: enough to recognise it, no content."""

    meeting_id: int
    case_code: str
    held_on: date
    state: str
    rule: str
    """Which period applies, e.g. 'bewaartermijn casusoverleg: 60 maanden'."""


@dataclass(frozen=True)
class PurgeEntry:
    """One line of the purge log: which meeting was purged when, by whom, by which rule."""

    case_code: str
    held_on: date
    purged_at: datetime
    purged_by: str
    rule: str
