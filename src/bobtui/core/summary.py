"""The structured summary of a meeting, in the order of DOMAIN.md §7, and its renderings.

``build_summary`` reads a meeting through its :class:`MeetingSession`; everything else here is
plain data and text, so exports and tests can use it without the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bobtui.core.vocabulary import (
    NOTE_KIND_LABELS,
    PHASE_ORDER,
    Coverage,
    JudgementKind,
    NoteKind,
    role_flags,
)

if TYPE_CHECKING:
    from bobtui.core.session import MeetingSession

_JUDGEMENT_ORDER = tuple(JudgementKind)  # key problems, then risks, then dilemmas
SCHEMA_VERSION = 1
SCHEMA_ID = "https://bobtui.example/schemas/summary-1.schema.json"


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation: str
    role: str
    domain: str | None
    presence: str
    is_client: bool
    is_ervaringsdeskundige: bool
    speaks_for_child: bool


@dataclass(frozen=True)
class NoteLine:
    text: str
    said_by: str | None
    question: str | None


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


@dataclass(frozen=True)
class PhaseProcess:
    phase: str
    timebox_minutes: int
    minutes_spent: float
    questions: int
    discussed: int
    skipped: int


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
    evaluation_date: date | None
    next_meeting_on: date | None
    client_informed_by: str | None
    previous_actions: tuple[ReviewLine, ...]
    process: tuple[PhaseProcess, ...]
    time_outs: int


def build_summary(session: MeetingSession) -> Summary:
    """Read one meeting into a :class:`Summary`."""
    meeting = session.meeting()
    question_set = session.question_set
    participants = session.participants()
    names = {
        p.id: f"{p.name} ({p.organisation})" if p.organisation else p.name for p in participants
    }
    question_texts = {q.id: q.text for q in question_set.all_questions()}

    grouped: dict[str, dict[str, list[NoteLine]]] = {}
    for note in session.notes():
        line = NoteLine(
            note.text,
            names.get(note.participant_id) if note.participant_id else None,
            question_texts.get(note.question_id) if note.question_id else None,
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

    coverage = session.coverage()
    spent = session.time_spent()
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

    return Summary(
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
                p.is_client,
                p.is_ervaringsdeskundige,
                p.speaks_for_child,
            )
            for p in participants
        ),
        reason=meeting.reason,
        notes=notes,
        safety_scores=tuple(
            ScoreLine(s.respondent, s.score, s.what_would_raise_it) for s in session.safety_scores()
        ),
        judgements=tuple(
            JudgementLine(j.kind.value, j.text, j.likelihood.value if j.likelihood else None)
            for j in sorted(session.judgements(), key=lambda j: _JUDGEMENT_ORDER.index(j.kind))
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
            )
            for d in session.decisions()
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
            )
            for item in session.carried_over()
        ),
        process=tuple(process),
        time_outs=len(session.time_outs()),
    )


# --- JSON ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def summary_to_json(summary: Summary) -> dict[str, Any]:
    """The summary as JSON data following ``schemas/summary.schema.json`` (version 1)."""
    return {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, **_plain(summary)}


# --- Markdown --------------------------------------------------------------------------------

_PHASE_TITLES = {
    "beeldvorming": "Beeldvorming",
    "oordeelsvorming": "Oordeelsvorming",
    "besluitvorming": "Besluitvorming",
}
_JUDGEMENT_TITLES = {"kernprobleem": "Kernproblemen", "risico": "Risico's", "dilemma": "Dilemma's"}
_PRESENCE = {"aanwezig": "aanwezig", "afwezig": "afwezig", "vertegenwoordigd": "vertegenwoordigd"}
_STATUS = {"open": "open", "gedaan": "gedaan", "vervallen": "vervallen"}


def _dmy(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str | None) -> str:
    return _one_line(text or "—").replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def _chain_care(value: str | None) -> str:
    return value.replace("_", " ") if value else "—"


def _notes_section(kinds: dict[str, tuple[NoteLine, ...]]) -> list[str]:
    lines: list[str] = []
    for kind in NoteKind:
        entries = kinds.get(kind.value, ())
        if not entries:
            continue
        lines += ["", f"### {NOTE_KIND_LABELS[kind]}", ""]
        for entry in entries:
            said = f" — *{_one_line(entry.said_by)}*" if entry.said_by else ""
            lines.append(f"- {_one_line(entry.text)}{said}")
    return lines


def render_markdown(summary: Summary) -> str:
    """The summary as a Markdown document in Dutch."""
    s = summary
    out = [
        f"# Verslag casusoverleg {s.case_code}",
        "",
        "*Vertrouwelijk: bestemd voor de deelnemers aan dit overleg.*",
        "",
        f"- **Casuscode:** {s.case_code}",
        f"- **Datum:** {_dmy(s.held_on)}",
        f"- **Soort overleg:** {s.meeting_type}",
        f"- **Locatie:** {_one_line(s.location) or '—'}",
        f"- **Leidraad:** {s.leidraad_title} (versie {s.leidraad_version})",
        f"- **Status:** {s.status}",
        "",
        "## Aanwezigheid",
        "",
    ]
    out += _table(
        ["Naam of rol", "Organisatie", "Rol", "Domein", "Aanwezigheid", "Bijzonderheden"],
        [
            [
                p.name,
                p.organisation,
                p.role,
                p.domain or "",
                _PRESENCE[p.presence],
                role_flags(
                    is_client=p.is_client,
                    is_ervaringsdeskundige=p.is_ervaringsdeskundige,
                    speaks_for_child=p.speaks_for_child,
                ),
            ]
            for p in s.attendance
        ],
    )
    out += ["", "## Aanleiding", "", _one_line(s.reason) or "—"]

    out += ["", "## Beeldvorming"]
    out += _notes_section(s.notes.get("beeldvorming", {})) or ["", "Geen notities."]
    out += ["", "### Veiligheidsscores", ""]
    if s.safety_scores:
        out += _table(
            ["Wie", "Score (0–10)", "Wat maakt het één punt hoger?"],
            [[x.respondent, str(x.score), x.what_would_raise_it] for x in s.safety_scores],
        )
    else:
        out.append("Geen scores vastgelegd.")

    out += ["", "## Oordeelsvorming"]
    for kind, title in _JUDGEMENT_TITLES.items():
        entries = [j for j in s.judgements if j.kind == kind]
        if entries:
            out += ["", f"### {title}", ""]
            for j in entries:
                likelihood = f" (kans: {j.likelihood})" if j.likelihood else ""
                out.append(f"- {_one_line(j.text)}{likelihood}")
    out += _notes_section(s.notes.get("oordeelsvorming", {}))
    out += ["", f"**Fase gefaseerde ketenzorg:** {_chain_care(s.chain_care_phase)}"]

    out += ["", "## Besluiten", ""]
    if s.decisions:
        out += _table(
            ["Actie", "Eigenaar", "Organisatie", "Deadline", "Prioriteit", "Ketenfase", "Status"],
            [
                [
                    d.action,
                    d.owner_person,
                    d.owner_organisation,
                    _dmy(d.deadline),
                    d.priority,
                    _chain_care(d.chain_care_phase),
                    _STATUS[d.status],
                ]
                for d in s.decisions
            ],
        )
    else:
        out.append("Geen besluiten vastgelegd.")
    out += _notes_section(s.notes.get("besluitvorming", {}))

    out += [
        "",
        "## Evaluatie en vervolg",
        "",
        f"- **Evaluatiedatum:** {_dmy(s.evaluation_date)}",
        f"- **Volgend overleg:** {_dmy(s.next_meeting_on)}",
        f"- **Cliënt wordt geïnformeerd door:** {_one_line(s.client_informed_by or '') or '—'}",
    ]

    out += ["", "## Acties uit het vorige overleg", ""]
    if s.previous_actions:
        out += _table(
            [
                "Actie",
                "Eigenaar",
                "Organisatie",
                "Deadline",
                "Uit overleg van",
                "Nu",
                "Toelichting",
            ],
            [
                [
                    r.action,
                    r.owner_person,
                    r.owner_organisation,
                    _dmy(r.deadline),
                    _dmy(r.from_meeting_held_on),
                    _STATUS.get(r.new_status or "", "niet besproken"),
                    r.reason,
                ]
                for r in s.previous_actions
            ],
        )
    else:
        out.append("Geen open acties uit een eerder overleg.")

    out += ["", "## Procesgegevens", ""]
    out += _table(
        ["Fase", "Tijd (min)", "Tijdvak (min)", "Vragen besproken", "Overgeslagen"],
        [
            [
                _PHASE_TITLES[p.phase],
                f"{p.minutes_spent:.0f}",
                str(p.timebox_minutes),
                f"{p.discussed} van {p.questions}",
                str(p.skipped),
            ]
            for p in s.process
        ],
    )
    out += ["", f"Time-outs: {s.time_outs}", ""]
    return "\n".join(out)
