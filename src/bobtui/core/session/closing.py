"""The closing review: what stops a meeting from closing, and what is worth a look first."""

from bobtui.core.domain.records import (
    CarriedOverDecision,
    DecisionRecord,
    MeetingRecord,
    ParkedIdeaRecord,
)
from bobtui.core.domain.vocabulary import Coverage, DecisionStatus, MeetingStatus, counted
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session.attention import MeetingFacts, attention_flags


def closing_problems(
    meeting: MeetingRecord,
    decisions: list[DecisionRecord],
    parked: list[ParkedIdeaRecord],
    pending: list[CarriedOverDecision],
) -> list[str]:
    """What stops ``meeting`` from closing, one Dutch sentence each; empty if nothing."""
    problems = []
    if meeting.status != MeetingStatus.LOPEND:
        problems.append("Het overleg loopt niet.")
    unowned = [
        d
        for d in decisions
        if d.status == DecisionStatus.OPEN
        and not (d.owner_person.strip() and d.owner_organisation.strip())
    ]
    if unowned:
        problems.append(
            f"{counted(len(unowned), 'open besluit', 'open besluiten')} zonder eigenaar."
        )
    if meeting.evaluation_date is None:
        problems.append("Er is geen evaluatiedatum vastgelegd.")
    if parked:
        ideas = counted(len(parked), "geparkeerd idee", "geparkeerde ideeën")
        problems.append(f"{ideas} nog niet omgezet in een besluit of laten vallen.")
    if pending:
        actions = counted(len(pending), "open actie", "open acties")
        problems.append(f"{actions} uit het vorige overleg niet besproken.")
    return problems


def closing_points(
    question_set: QuestionSet,
    coverage: dict[str, Coverage],
    meeting: MeetingRecord,
    chain_care_carried: bool,
    facts: MeetingFacts,
) -> list[str]:
    """Points worth a look before closing that do not block it: untouched questions, the
    chain-care phase, voices not heard."""
    points = []
    for guide in question_set.phases:
        open_questions = [q for q in guide.questions() if coverage[q.id] != Coverage.BESPROKEN]
        if open_questions:
            count = counted(len(open_questions), "vraag", "vragen")
            points.append(f"{guide.phase.label}: {count} niet besproken.")
    if question_set.chain_care:
        points += _chain_care_points(meeting, chain_care_carried)
    return points + attention_flags(facts)


def _chain_care_points(meeting: MeetingRecord, carried: bool) -> list[str]:
    if meeting.chain_care_phase is None:
        return ["De fase van gefaseerde ketenzorg is niet vastgesteld."]
    if carried:
        phase = meeting.chain_care_phase.label.lower()
        return [
            f"De fase van gefaseerde ketenzorg ({phase}) komt uit het vorige overleg; "
            "bevestig of wijzig hem."
        ]
    return []
