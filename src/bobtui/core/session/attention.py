"""What the chair should notice right now: voices not yet heard, decisions at risk.

Computed from what was recorded, so the flags are the same on screen, in tests and in exports.
"""

from dataclasses import dataclass

from bobtui.core.domain.bsn import find_bsn_like
from bobtui.core.domain.records import DecisionRecord, NoteRecord, ParticipantRecord
from bobtui.core.domain.vocabulary import Audience, DecisionStatus, Presence, counted
from bobtui.core.questions.sets import QuestionSet


@dataclass(frozen=True)
class MeetingFacts:
    """The recorded facts the flags are computed from."""

    question_set: QuestionSet
    participants: list[ParticipantRecord]
    notes: list[NoteRecord]
    decisions: list[DecisionRecord]


def attention_flags(facts: MeetingFacts) -> list[str]:
    """Dutch one-liners for the chair, most important first; empty when nothing needs attention."""
    questions = {q.id: q for q in facts.question_set.all_questions()}
    audiences = {
        questions[n.question_id].audience for n in facts.notes if n.question_id in questions
    }
    clients = {p.id for p in facts.participants if p.is_client}
    flags = []
    client_spoke = any(n.participant_id in clients for n in facts.notes)
    if not client_spoke and Audience.CLIENT not in audiences:
        present = any(
            p.is_client and p.presence is not Presence.AFWEZIG for p in facts.participants
        )
        flags.append(
            "De cliënt is nog niet gehoord."
            if present or not clients
            else "De cliënt is afwezig: wie brengt zijn of haar stem in?"
        )
    if Audience.KINDPERSPECTIEF in {q.audience for q in questions.values()} and (
        Audience.KINDPERSPECTIEF not in audiences
    ):
        flags.append("Het perspectief van het kind is nog niet gevraagd.")
    unowned = [
        d
        for d in facts.decisions
        if d.status == DecisionStatus.OPEN and not (d.owner_person and d.owner_organisation)
    ]
    if unowned:
        flags.append(f"{counted(len(unowned), 'besluit', 'besluiten')} zonder eigenaar.")
    texts = [n.text for n in facts.notes] + [d.action for d in facts.decisions]
    if any(find_bsn_like(text) for text in texts):
        flags.append("Er staat een nummer in dat op een BSN lijkt; haal het weg.")
    return flags
