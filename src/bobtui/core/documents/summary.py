"""The structured summary of a meeting, in the order of DOMAIN.md §7; ``summary_json`` is its
JSON form.

``build_summary`` turns one consistent :class:`MeetingSnapshot` of a meeting into a summary
and keeps only what the export profile lets out; everything else here is plain data, so exports
and tests can use it without the store. The documents (Markdown, HTML, Word) are rendered from
it in ``render``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bobtui.core.documents.amendments import AmendmentLine, amendment_lines
from bobtui.core.documents.blocks import Logo
from bobtui.core.documents.privacy import Privacy, with_privacy
from bobtui.core.documents.profiles import FULL, Profile, Section
from bobtui.core.domain.vocabulary import PHASE_ORDER, Coverage, JudgementKind, NoteKind

if TYPE_CHECKING:
    from bobtui.core.domain.records import ParticipantRecord
    from bobtui.core.snapshot import MeetingSnapshot

_JUDGEMENT_ORDER = tuple(JudgementKind)  # key problems, then risks, then dilemmas
SCHEMA_VERSION = 6
SCHEMA_ID = "https://bobtui.example/schemas/summary-6.schema.json"
CHAIR_ROLES = ("procesregisseur", "voorzitter")
"""A roster entry with one of these roles chairs the meeting (the summary names them)."""


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation: str
    role: str
    domain: str | None
    presence: str
    represented_by: str | None
    """Who speaks for the attendee when ``presence`` is ``vertegenwoordigd``."""
    is_client: bool
    is_ervaringsdeskundige: bool
    speaks_for_child: bool


@dataclass(frozen=True)
class NoteLine:
    text: str
    said_by: str | None
    question: str | None
    confidential: bool


@dataclass(frozen=True)
class ScoreLine:
    respondent: str
    score: int
    what_would_raise_it: str


@dataclass(frozen=True)
class JudgementLine:
    kind: str
    text: str
    likelihood: str | None


@dataclass(frozen=True)
class DecisionLine:
    action: str
    owner_person: str
    owner_organisation: str
    deadline: date
    priority: str
    chain_care_phase: str | None
    status: str
    overdue_days: int | None = None
    """Days past the deadline on the day the summary was made; None: open in time, or done."""


@dataclass(frozen=True)
class ParkedLine:
    """An idea parked while the picture was forming, and what besluitvorming made of it."""

    text: str
    proposed_by: str | None
    phase: str
    outcome: str | None


@dataclass(frozen=True)
class ReviewLine:
    """An open action of an earlier meeting and what this meeting decided about it."""

    action: str
    owner_person: str
    owner_organisation: str
    deadline: date
    from_meeting_held_on: date
    new_status: str | None
    reason: str
    overdue_days: int | None = None
    """Days past the deadline on the day the summary was made, while it is still open."""


@dataclass(frozen=True)
class PhaseProcess:
    phase: str
    timebox_minutes: int
    minutes_spent: float
    questions: int
    discussed: int
    skipped: int


@dataclass(frozen=True)
class TimeOutLine:
    """A pause of the meeting clock: when it began, when it ended (None: still running when
    the summary was made) and how long it took."""

    started_at: datetime
    ended_at: datetime | None
    minutes: float


@dataclass(frozen=True)
class Letterhead:
    """Who sends the document: the organisation's name and logo, from the settings."""

    organisation: str = ""
    logo: Logo | None = None


NO_LETTERHEAD = Letterhead()


@dataclass(frozen=True)
class Summary:
    """Everything the coordinator hands out after a meeting, in hand-out order."""

    meeting_id: int
    case_code: str
    held_on: date
    meeting_type: str
    location: str
    leidraad_id: str
    leidraad_title: str
    leidraad_version: str
    status: str
    started_at: datetime | None
    closed_at: datetime | None
    attendance: tuple[Attendee, ...]
    reason: str
    notes: dict[str, dict[str, tuple[NoteLine, ...]]]  # phase -> note kind -> lines
    safety_scores: tuple[ScoreLine, ...]
    judgements: tuple[JudgementLine, ...]
    chain_care_phase: str | None
    decisions: tuple[DecisionLine, ...]
    parked_ideas: tuple[ParkedLine, ...]
    evaluation_date: date | None
    next_meeting_on: date | None
    client_informed_by: str | None
    previous_actions: tuple[ReviewLine, ...]
    process: tuple[PhaseProcess, ...]
    time_outs: tuple[TimeOutLine, ...]
    profile: Profile
    privacy: Privacy = field(default_factory=Privacy)
    chair: str | None = None
    """Who chaired: the roster entry with a chair's role (``CHAIR_ROLES``), name (organisation)."""
    concept: bool = True
    """Not finalized (vastgesteld): every document says CONCEPT."""
    finalized_at: datetime | None = None
    finalized_by: str | None = None
    amendments: tuple[AmendmentLine, ...] = ()
    """Corrections after finalizing and reopenings, oldest first."""
    made_on: date | None = None
    """The day the summary was made: overdue actions count their days late up to it."""
    letterhead: Letterhead = NO_LETTERHEAD


# Which summary fields each section holds; notes go by their phase's section.
SECTION_FIELDS: dict[Section, tuple[str, ...]] = {
    Section.AANWEZIGHEID: ("attendance",),
    Section.AANLEIDING: ("reason",),
    Section.BEELDVORMING: ("safety_scores",),
    Section.OORDEELSVORMING: ("judgements", "chain_care_phase"),
    Section.BESLUITEN: ("decisions",),
    Section.BESLUITVORMING: ("parked_ideas",),
    Section.EVALUATIE: ("evaluation_date", "next_meeting_on", "client_informed_by"),
    Section.VORIGE_ACTIES: ("previous_actions",),
    Section.PROCES: ("process", "time_outs"),
}
NOTES_SECTION = {
    "beeldvorming": Section.BEELDVORMING,
    "oordeelsvorming": Section.OORDEELSVORMING,
    "besluitvorming": Section.BESLUITVORMING,
}
_LEFT_OUT: dict[str, Any] = {
    "reason": "",
    "chain_care_phase": None,
    "evaluation_date": None,
    "next_meeting_on": None,
    "client_informed_by": None,
}


def _within_profile(summary: Summary, profile: Profile) -> Summary:
    """Empty what the profile leaves out, so no renderer can let it slip through."""
    left_out = {
        name: _LEFT_OUT.get(name, ())
        for section, names in SECTION_FIELDS.items()
        if not profile.includes(section)
        for name in names
    }
    shown = profile.include_confidential
    notes = {
        phase: {
            kind: kept
            for kind, lines in kinds.items()
            if (kept := tuple(n for n in lines if shown or not n.confidential))
        }
        for phase, kinds in summary.notes.items()
        if profile.includes(NOTES_SECTION[phase])
    }
    return replace(
        summary, **left_out, notes={p: k for p, k in notes.items() if k}, profile=profile
    )


def _days_late(deadline: date, status: str, today: date) -> int | None:
    return (today - deadline).days if status == "open" and deadline < today else None


def _chair(participants: tuple[ParticipantRecord, ...]) -> str | None:
    for p in participants:
        if any(role in p.role.casefold() for role in CHAIR_ROLES):
            return f"{p.name} ({p.organisation})" if p.organisation else p.name
    return None


def build_summary(
    snapshot: MeetingSnapshot,
    profile: Profile = FULL,
    *,
    mask_bsn: bool = False,
    letterhead: Letterhead = NO_LETTERHEAD,
) -> Summary:
    """One meeting's snapshot as a :class:`Summary`, keeping what ``profile`` lets out.

    Confidential notes are left out unless the profile includes them. BSN-like numbers are
    counted (the documents warn about them) and with ``mask_bsn`` replaced by a mask. Actions
    are overdue by the day the snapshot was taken, in local time."""
    meeting = snapshot.meeting
    today = snapshot.taken_at.astimezone().date()
    question_set = snapshot.question_set
    participants = snapshot.participants
    names = {
        p.id: f"{p.name} ({p.organisation})" if p.organisation else p.name for p in participants
    }
    question_texts = {q.id: q.text for q in question_set.all_questions()}

    grouped: dict[str, dict[str, list[NoteLine]]] = {}
    for note in snapshot.notes:
        line = NoteLine(
            note.text,
            names.get(note.participant_id) if note.participant_id else None,
            question_texts.get(note.question_id) if note.question_id else None,
            note.confidential,
        )
        grouped.setdefault(note.phase.value, {}).setdefault(note.kind.value, []).append(line)
    notes: dict[str, dict[str, tuple[NoteLine, ...]]] = {
        phase.value: {
            kind.value: tuple(grouped[phase.value][kind.value])
            for kind in NoteKind
            if kind.value in grouped.get(phase.value, {})
        }
        for phase in PHASE_ORDER
        if phase.value in grouped
    }

    coverage = snapshot.coverage
    spent = snapshot.time_spent
    process = []
    for guide in question_set.phases:
        ids = [q.id for q in guide.questions()]
        process.append(
            PhaseProcess(
                guide.phase.value,
                guide.timebox_minutes,
                round(spent[guide.phase] / timedelta(minutes=1), 1),
                len(ids),
                sum(coverage[i] == Coverage.BESPROKEN for i in ids),
                sum(coverage[i] == Coverage.OVERGESLAGEN for i in ids),
            )
        )

    summary = Summary(
        meeting_id=meeting.id,
        case_code=meeting.case_code,
        held_on=meeting.held_on,
        meeting_type=meeting.meeting_type,
        location=meeting.location,
        leidraad_id=meeting.leidraad_id,
        leidraad_title=question_set.title,
        leidraad_version=meeting.leidraad_version,
        status=meeting.status.value,
        started_at=meeting.started_at,
        closed_at=meeting.closed_at,
        attendance=tuple(
            Attendee(
                p.name,
                p.organisation,
                p.role,
                p.domain.value if p.domain else None,
                p.presence.value,
                p.represented_by or None,
                p.is_client,
                p.is_ervaringsdeskundige,
                p.speaks_for_child,
            )
            for p in participants
        ),
        reason=meeting.reason,
        notes=notes,
        safety_scores=tuple(
            ScoreLine(s.respondent, s.score, s.what_would_raise_it) for s in snapshot.safety_scores
        ),
        judgements=tuple(
            JudgementLine(j.kind.value, j.text, j.likelihood.value if j.likelihood else None)
            for j in sorted(snapshot.judgements, key=lambda j: _JUDGEMENT_ORDER.index(j.kind))
        ),
        chain_care_phase=meeting.chain_care_phase.value if meeting.chain_care_phase else None,
        decisions=tuple(
            DecisionLine(
                d.action,
                d.owner_person,
                d.owner_organisation,
                d.deadline,
                d.priority.value,
                d.chain_care_phase.value if d.chain_care_phase else None,
                d.status.value,
                _days_late(d.deadline, d.status.value, today),
            )
            for d in snapshot.decisions
        ),
        parked_ideas=tuple(
            ParkedLine(
                idea.text,
                names.get(idea.participant_id) if idea.participant_id else None,
                idea.phase.value,
                idea.outcome.value if idea.outcome else None,
            )
            for idea in snapshot.parked_ideas
        ),
        evaluation_date=meeting.evaluation_date,
        next_meeting_on=meeting.next_meeting_on,
        client_informed_by=meeting.client_informed_by,
        previous_actions=tuple(
            ReviewLine(
                item.decision.action,
                item.decision.owner_person,
                item.decision.owner_organisation,
                item.decision.deadline,
                item.from_meeting_held_on,
                item.review.status.value if item.review else None,
                item.review.reason if item.review else "",
                # A review closes it; unreviewed, the action's own status still says open.
                _days_late(
                    item.decision.deadline,
                    item.review.status.value if item.review else item.decision.status.value,
                    today,
                ),
            )
            for item in snapshot.carried_over
        ),
        process=tuple(process),
        time_outs=tuple(
            TimeOutLine(
                start,
                end,
                round(((end or snapshot.taken_at) - start) / timedelta(minutes=1), 1),
            )
            for start, end in snapshot.time_outs
        ),
        profile=FULL,
        chair=_chair(participants),
        concept=meeting.finalized_at is None,
        finalized_at=meeting.finalized_at,
        finalized_by=meeting.finalized_by,
        amendments=amendment_lines(snapshot, profile),
        made_on=today,
        letterhead=letterhead,
    )
    return with_privacy(_within_profile(summary, profile), mask_bsn)
