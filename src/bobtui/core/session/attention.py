"""What the chair should notice right now: voices not yet heard, decisions at risk.

Computed from what was recorded, so the flags are the same on screen, in tests and in exports.
"""

from dataclasses import dataclass

from bobtui.core.domain.bsn import find_bsn_like
from bobtui.core.domain.records import DecisionRecord, NoteRecord, ParticipantRecord
from bobtui.core.domain.vocabulary import Audience, DecisionStatus, Presence, counted
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.snapshot import MeetingSnapshot


@dataclass(frozen=True)
class MeetingFacts:
    """The recorded facts the flags are computed from."""

    question_set: QuestionSet
    participants: list[ParticipantRecord]
    notes: list[NoteRecord]
    decisions: list[DecisionRecord]


def attention_flags(facts: MeetingFacts) -> list[str]:
    """Dutch one-liners for the chair, most important first; empty when nothing needs attention."""
    flags = voice_flags(facts)
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


def voice_flags(facts: MeetingFacts) -> list[str]:
    """The voices not heard yet: the client's, the child's perspective. They say nothing of
    what was said, so the room view shows them too."""
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
    return flags


@dataclass(frozen=True)
class BsnFinding:
    """A recorded text holding a number that looks like a BSN, and where to correct it."""

    where: str
    """Dutch, for the chair: "notitie", "besluit (eigenaar)", "casuscode", …"""
    text: str
    entity: str
    """The table the text lives in (``note``, ``decision``, …; ``meeting`` for the case code)."""
    record_id: int
    field: str
    version: int | None = None
    """The record's version in the snapshot it was found in (``details_version`` for the
    meeting), so a correction refuses to overwrite a change made since; None: not versioned."""


def bsn_findings(snapshot: MeetingSnapshot) -> list[BsnFinding]:
    """Every text of the meeting with a BSN-like number in it, in the order of the summary."""
    meeting = snapshot.meeting
    candidates: list[tuple[str, str, str, int, str, int | None]] = [
        (
            "casuscode",
            meeting.case_code,
            "meeting",
            meeting.id,
            "case_code",
            meeting.details_version,
        ),
        ("aanleiding", meeting.reason, "meeting", meeting.id, "reason", meeting.details_version),
        ("locatie", meeting.location, "meeting", meeting.id, "location", meeting.details_version),
    ]
    for p in snapshot.participants:
        for field, label in (("name", "naam"), ("organisation", "organisatie"), ("role", "rol")):
            candidates.append(
                (f"deelnemer ({label})", getattr(p, field), "participant", p.id, field, None)
            )
    candidates += [("notitie", n.text, "note", n.id, "text", None) for n in snapshot.notes]
    for s in snapshot.safety_scores:
        candidates.append(
            ("veiligheidsscore (wie)", s.respondent, "safetyscore", s.id, "respondent", s.version)
        )
        candidates.append(
            (
                "veiligheidsscore (wat helpt)",
                s.what_would_raise_it,
                "safetyscore",
                s.id,
                "what_would_raise_it",
                s.version,
            )
        )
    candidates += [
        ("oordeel", j.text, "judgement", j.id, "text", j.version) for j in snapshot.judgements
    ]
    for d in snapshot.decisions:
        for field, label in (
            ("action", "actie"),
            ("owner_person", "eigenaar"),
            ("owner_organisation", "organisatie"),
        ):
            candidates.append(
                (f"besluit ({label})", getattr(d, field), "decision", d.id, field, d.version)
            )
    candidates += [
        ("geparkeerd idee", i.text, "parkedidea", i.id, "text", None) for i in snapshot.parked_ideas
    ]
    return [
        BsnFinding(where, text, entity, record_id, field, version)
        for where, text, entity, record_id, field, version in candidates
        if text and find_bsn_like(text)
    ]
