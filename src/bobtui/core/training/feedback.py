"""Feedback on the chair after a rehearsal, computed from what was recorded.

Every item says why it is, or is not, a point for the debrief and carries its evidence: the
moments (to the second since the start) it came from. Time per BOB phase against the case's
thresholds and the leidraad's intention (``feedback_time``), question coverage earned by what was
recorded on each question (``feedback_coverage``), facts that read as assumptions and the key
facts and decisions (``feedback_facts``), safety scores and the case's events
(``feedback_events``), decisions taken before the picture was judged, decisions without owner,
when the client and the child's perspective were heard, and time-outs.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bobtui.core.domain.vocabulary import Audience, Phase
from bobtui.core.session.rehearsal import PracticeEventAction
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.cases import PracticeCase
from bobtui.core.training.events import EventLog, event_states
from bobtui.core.training.feedback_coverage import (
    QuestionResult,
    coverage_figures,
    question_results,
)
from bobtui.core.training.feedback_events import event_figures, recorded, safety_figure
from bobtui.core.training.feedback_facts import (
    KeyResult,
    fact_check_figure,
    key_decisions,
    key_facts,
    key_figures,
    kinds_figure,
)
from bobtui.core.training.feedback_time import phase_time_figures
from bobtui.core.training.moments import Figure, Moment, Stopwatch, short

if TYPE_CHECKING:
    from bobtui.core.session import MeetingSession
    from bobtui.core.training.catalog import PracticeCatalog

_TRAINER_ACTIONS = {
    PracticeEventAction.TRIGGERED: "gestart",
    PracticeEventAction.DELAYED: "uitgesteld",
    PracticeEventAction.SKIPPED: "overgeslagen",
}


@dataclass(frozen=True)
class DecisionLine:
    """A decision as recorded, for the comparison of two rehearsals."""

    moment: Moment
    action: str
    owner: str
    deadline: str


@dataclass(frozen=True)
class FeedbackReport:
    meeting_id: int
    case_id: str
    case_code: str
    case_title: str
    held_on: str
    figures: tuple[Figure, ...]
    questions: tuple[QuestionResult, ...]
    key_facts: tuple[KeyResult, ...]
    key_decisions: tuple[KeyResult, ...]
    decisions: tuple[DecisionLine, ...]
    timeline: tuple[Moment, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def build_feedback(
    snapshot: MeetingSnapshot,
    case: PracticeCase,
    markers: tuple[str, ...],
    event_log: EventLog = (),
) -> FeedbackReport:
    """The feedback report of one rehearsal of ``case`` from one snapshot of it; ``markers``:
    the interpretation words of the case's language, ``event_log``: what happened to the
    case's events (``MeetingSession.practice_event_log``)."""
    meeting = snapshot.meeting
    at = Stopwatch(meeting.started_at or meeting.created_at)
    facts = key_facts(snapshot, case, at)
    missed: dict[str, list[str]] = {}
    for item, result in zip(case.key_facts, facts, strict=True):
        if result.captured is None:
            for question_id in item.questions:
                missed.setdefault(question_id, []).append(item.text)
    questions = question_results(snapshot, case, at, missed)
    decisions = key_decisions(snapshot, case, at)
    states = event_states(case, event_log)

    figures = [*phase_time_figures(snapshot, case, at), *coverage_figures(snapshot, questions)]
    figures += [fact_check_figure(snapshot, case, markers, at), kinds_figure(snapshot, at)]
    figures += _decision_figures(snapshot, at)
    figures += [
        _first_heard(snapshot, at, "client", Audience.CLIENT, "De stem van de cliënt"),
        _first_heard(
            snapshot, at, "kind", Audience.KINDPERSPECTIEF, "Het perspectief van het kind"
        ),
        safety_figure(snapshot, at),
        Figure(
            "time-outs",
            "Time-outs",
            str(len(snapshot.time_outs)),
            False,
            "Ter informatie.",
            tuple(at(started, "time-out") for started, _ in snapshot.time_outs),
        ),
        *key_figures(facts, decisions),
        *event_figures(snapshot, states, at),
    ]
    timeline = [at(when, what) for when, what in recorded(snapshot)]
    timeline += [
        at(when, f"trainer: gebeurtenis {index + 1} {_TRAINER_ACTIONS[action]}")
        for action, index, when in event_log
        if action in _TRAINER_ACTIONS
    ]
    timeline += [
        at(s.shown_at, f"gebeurtenis {s.index + 1}: {short(s.event.text)}")
        for s in states
        if s.shown_at is not None
    ]
    return FeedbackReport(
        meeting_id=meeting.id,
        case_id=case.id,
        case_code=meeting.case_code,
        case_title=case.title,
        held_on=meeting.held_on.strftime("%d-%m-%Y"),
        figures=tuple(figures),
        questions=tuple(questions),
        key_facts=facts,
        key_decisions=decisions,
        decisions=tuple(
            DecisionLine(
                at(d.created_at, "besluit"),
                d.action,
                f"{d.owner_person}, {d.owner_organisation}",
                d.deadline.strftime("%d-%m-%Y"),
            )
            for d in snapshot.decisions
        ),
        # In the order things happened (a stable sort: ties keep the order they were recorded).
        timeline=tuple(sorted(timeline, key=lambda m: m.at)),
    )


def _decision_figures(snapshot: MeetingSnapshot, at: Stopwatch) -> list[Figure]:
    decisions = snapshot.decisions
    judging_began = snapshot.phase_started_at.get(Phase.OORDEELSVORMING)
    early = [d for d in decisions if judging_began is None or d.created_at < judging_began]
    ownerless = [
        d for d in decisions if not (d.owner_person.strip() and d.owner_organisation.strip())
    ]
    parked = snapshot.parked_ideas
    return [
        Figure(
            "besluiten-te-vroeg",
            "Besluiten vóór oordeelsvorming",
            str(len(early)),
            bool(early),
            "Besloten voordat het beeld gewogen was." if early else "Geen besluit te vroeg.",
            tuple(at(d.created_at, f"besluit: {short(d.action)}") for d in early),
            float(len(early)),
        ),
        Figure(
            "besluiten-zonder-eigenaar",
            "Besluiten zonder eigenaar",
            f"{len(ownerless)} van {len(decisions)}",
            bool(ownerless) or not decisions,
            "Geen besluiten genomen."
            if not decisions
            else (
                "Niet elk besluit heeft een eigenaar."
                if ownerless
                else "Elk besluit heeft een eigenaar."
            ),
            tuple(at(d.created_at, f"besluit: {short(d.action)}") for d in ownerless),
            float(len(ownerless)),
        ),
        Figure(
            "geparkeerd",
            "Oplossingen geparkeerd",
            str(len(parked)),
            False,
            "Ter informatie.",
            tuple(at(i.created_at, f"geparkeerd: {short(i.text)}") for i in parked),
        ),
    ]


def _first_heard(
    snapshot: MeetingSnapshot, at: Stopwatch, key: str, audience: Audience, label: str
) -> Figure:
    """When a note was first made by such a speaker, or on a question meant for them."""
    flag = "is_client" if audience is Audience.CLIENT else "speaks_for_child"
    people = {p.id: p for p in snapshot.participants}
    questions = {q.id for q in snapshot.question_set.all_questions() if q.audience is audience}
    heard = [
        n
        for n in snapshot.notes
        if n.question_id in questions
        or (n.participant_id in people and getattr(people[n.participant_id], flag))
    ]
    if not heard:
        return Figure(key, label, "niet gevraagd", True, "Geen notitie van of over deze stem.")
    moment = at(heard[0].created_at, short(heard[0].text))
    return Figure(
        key,
        label,
        f"na {moment.clock}",
        False,
        f"{len(heard)} notities van of over deze stem.",
        (moment,),
        float(moment.seconds),
    )


def rehearsal_feedback(
    session: "MeetingSession", case: PracticeCase, catalog: "PracticeCatalog"
) -> FeedbackReport:
    """The feedback report of the rehearsal ``session`` plays, as it stands now."""
    return build_feedback(
        session.snapshot(),
        case,
        catalog.markers.of(case.language),
        session.practice_event_log(),
    )
