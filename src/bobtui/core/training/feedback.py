"""Feedback on the chair after a rehearsal, computed from what was recorded.

Every figure carries the moments it came from (minutes since the meeting started), so the
trainer and the group can go back to what happened: the time per BOB phase against its timebox,
question coverage, facts against assumptions and worries, decisions taken before the picture was
judged, decisions without owner or deadline, when the client and the child's perspective were
heard, time-outs, and which of the case's key facts and decisions were captured.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bobtui.core.domain.snapshot import MeetingSnapshot
from bobtui.core.domain.vocabulary import Audience, Coverage, NoteKind, Phase
from bobtui.core.training.cases import KeyItem, PracticeCase


@dataclass(frozen=True)
class Moment:
    minute: int  # since the meeting started
    what: str


@dataclass(frozen=True)
class Figure:
    key: str  # stable across reports, for comparing two rehearsals
    label: str
    value: str
    attention: bool  # a point for the debrief
    moments: tuple[Moment, ...] = ()


@dataclass(frozen=True)
class KeyResult:
    text: str
    captured: Moment | None


@dataclass(frozen=True)
class FeedbackReport:
    meeting_id: int
    case_id: str
    case_code: str
    case_title: str
    held_on: str
    figures: tuple[Figure, ...]
    key_facts: tuple[KeyResult, ...]
    key_decisions: tuple[KeyResult, ...]
    timeline: tuple[Moment, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


def _minutes(span: timedelta) -> int:
    return round(span / timedelta(minutes=1))


def build_feedback(snapshot: MeetingSnapshot, case: PracticeCase) -> FeedbackReport:
    """The feedback report of one rehearsal of ``case``, from one snapshot of it."""
    meeting = snapshot.meeting
    start = meeting.started_at or meeting.created_at

    def at(moment: datetime, what: str) -> Moment:
        return Moment(max(0, _minutes(moment - start)), what)

    question_set = snapshot.question_set
    people = {p.id: p for p in snapshot.participants}
    notes = snapshot.notes
    decisions = snapshot.decisions
    spent = snapshot.time_spent
    entered = snapshot.phase_started_at
    coverage = snapshot.coverage
    figures: list[Figure] = []

    for guide in question_set.phases:
        used = _minutes(spent[guide.phase])
        skipped_phase = guide.phase not in entered or used == 0
        over = spent[guide.phase] > timedelta(minutes=guide.timebox_minutes * 1.1)
        value = f"{used} van {guide.timebox_minutes} min"
        if skipped_phase:
            value += " — overgeslagen"
        elif over:
            value += " — over de tijd"
        figures.append(
            Figure(
                f"tijd-{guide.phase.value}",
                f"Tijd in {guide.phase.value}",
                value,
                skipped_phase or over,
                (at(entered[guide.phase], f"{guide.phase.label} begint"),)
                if guide.phase in entered
                else (),
            )
        )
    for guide in question_set.phases:
        ids = [q.id for q in guide.questions()]
        discussed = sum(coverage[i] is Coverage.BESPROKEN for i in ids)
        skipped = sum(coverage[i] is Coverage.OVERGESLAGEN for i in ids)
        untouched_core = [
            q for q in guide.questions() if q.core and coverage[q.id] is Coverage.NOG_NIET
        ]
        value = f"{discussed} van {len(ids)}"
        if skipped:
            value += f", {skipped} overgeslagen"
        if untouched_core:
            value += f", {len(untouched_core)} kernvragen open"
        figures.append(
            Figure(
                f"vragen-{guide.phase.value}",
                f"Vragen besproken in {guide.phase.value}",
                value,
                bool(untouched_core),
            )
        )

    picture = [n for n in notes if n.phase is Phase.BEELDVORMING]
    counts = {kind: sum(n.kind is kind for n in picture) for kind in NoteKind}
    facts, guesses = counts[NoteKind.FEIT], counts[NoteKind.AANNAME] + counts[NoteKind.ZORG]
    figures.append(
        Figure(
            "feiten-en-aannames",
            "Feiten tegenover aannames en zorgen",
            f"{facts} feiten ({_percent(facts, len(picture))}), "
            f"{counts[NoteKind.AANNAME]} aannames, {counts[NoteKind.ZORG]} zorgen",
            not picture or facts < guesses,
            tuple(
                at(n.created_at, f"aanname: {_short(n.text)}")
                for n in picture
                if n.kind is NoteKind.AANNAME
            ),
        )
    )

    judging_began = entered.get(Phase.OORDEELSVORMING)
    early = [d for d in decisions if judging_began is None or d.created_at < judging_began]
    figures.append(
        Figure(
            "besluiten-te-vroeg",
            "Besluiten vóór oordeelsvorming",
            str(len(early)),
            bool(early),
            tuple(at(d.created_at, f"besluit: {_short(d.action)}") for d in early),
        )
    )
    ownerless = [
        d for d in decisions if not (d.owner_person.strip() and d.owner_organisation.strip())
    ]
    figures.append(
        Figure(
            "besluiten-zonder-eigenaar",
            "Besluiten zonder eigenaar of deadline",
            f"{len(ownerless)} van {len(decisions)}",
            bool(ownerless) or not decisions,
            tuple(at(d.created_at, f"besluit: {_short(d.action)}") for d in ownerless),
        )
    )
    parked = snapshot.parked_ideas
    figures.append(
        Figure(
            "geparkeerd",
            "Oplossingen geparkeerd",
            str(len(parked)),
            False,
            tuple(at(i.created_at, f"geparkeerd: {_short(i.text)}") for i in parked),
        )
    )

    def first_heard(key: str, audience: Audience, speaker_flag: str, label: str) -> Figure:
        """When a note was first made by such a speaker, or on a question for them."""
        questions = {q.id for q in question_set.all_questions() if q.audience is audience}
        heard = [
            n
            for n in notes
            if n.question_id in questions
            or (n.participant_id in people and getattr(people[n.participant_id], speaker_flag))
        ]
        if not heard:
            return Figure(key, label, "niet gevraagd", True)
        first = heard[0]
        moment = at(first.created_at, _short(first.text))
        return Figure(key, label, f"na {moment.minute} min", False, (moment,))

    figures.append(first_heard("client", Audience.CLIENT, "is_client", "De stem van de cliënt"))
    figures.append(
        first_heard(
            "kind", Audience.KINDPERSPECTIEF, "speaks_for_child", "Het perspectief van het kind"
        )
    )
    pauses = snapshot.time_outs
    figures.append(
        Figure(
            "time-outs",
            "Time-outs",
            str(len(pauses)),
            False,
            tuple(at(started, "time-out") for started, _ in pauses),
        )
    )

    fact_results = _captured(case.key_facts, [(n.created_at, n.text) for n in notes], at)
    decision_results = _captured(
        case.key_decisions, [(d.created_at, d.action) for d in decisions], at
    )
    for key, label, results in (
        ("kernfeiten", "Kernfeiten op tafel", fact_results),
        ("kernbesluiten", "Kernbesluiten genomen", decision_results),
    ):
        found = [r for r in results if r.captured]
        figures.append(
            Figure(
                key,
                label,
                f"{len(found)} van {len(results)}",
                len(found) < len(results),
                tuple(r.captured for r in found if r.captured),
            )
        )

    shown = snapshot.practice_events_shown
    timeline = sorted(
        {
            *(m for f in figures for m in f.moments),
            *(
                at(when, f"gebeurtenis: {_short(case.events[index].text)}")
                for index, when in shown.items()
                if index < len(case.events)
            ),
        },
        key=lambda m: (m.minute, m.what),
    )
    return FeedbackReport(
        meeting_id=meeting.id,
        case_id=case.id,
        case_code=meeting.case_code,
        case_title=case.title,
        held_on=meeting.held_on.strftime("%d-%m-%Y"),
        figures=tuple(figures),
        key_facts=fact_results,
        key_decisions=decision_results,
        timeline=tuple(timeline),
    )


def _captured(
    items: Sequence[KeyItem],
    recorded: list[tuple[datetime, str]],
    at: Callable[[datetime, str], Moment],
) -> tuple[KeyResult, ...]:
    """Each key item with the first recorded text that holds all its keywords."""
    results = []
    for item in items:
        match = next(((when, text) for when, text in recorded if item.matches(text)), None)
        results.append(
            KeyResult(item.text, at(match[0], f"op tafel: {_short(item.text)}") if match else None)
        )
    return tuple(results)


def compare_reports(
    first: FeedbackReport, second: FeedbackReport
) -> list[tuple[str, str, str, bool]]:
    """Figure by figure: label, first value, second value, and whether they differ."""
    rows = []
    for figure in first.figures:
        other = next((f for f in second.figures if f.key == figure.key), None)
        value = other.value if other else "—"
        rows.append((figure.label, figure.value, value, figure.value != value))
    return rows
