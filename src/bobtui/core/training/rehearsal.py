"""Rehearsals: a meeting that plays a practice case, in a store of its own.

Starting one plans a meeting of type *oefening* with the case's leidraad, its roster filled from
the role cards. Each rehearsal of a case gets its own case code (OEFEN-HG-01-1, -2, …), so one
group's actions never come back as open actions in the next group's rehearsal.
"""

from sqlalchemy import func
from sqlmodel import col, select

from bobtui.core.domain.vocabulary import Presence
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import Clock, MeetingSession, utc_now
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import Meeting
from bobtui.core.training.cases import PracticeCase

REHEARSAL_TYPE = "oefening"


def start_rehearsal(
    store: Store, case: PracticeCase, question_set: QuestionSet, *, clock: Clock = utc_now
) -> MeetingSession:
    """Plan a rehearsal of ``case`` with its roster; the chair starts it from setup (F5)."""
    with store.reading() as db:
        earlier = db.exec(
            select(func.count())
            .select_from(Meeting)
            .where(col(Meeting.practice_case_id) == case.id)
        ).one()
    session = MeetingSession.create(
        store,
        question_set,
        case_code=f"{case.case_code}-{earlier + 1}",
        held_on=clock().astimezone().date(),
        location="Training (fictief)",
        reason=case.summary,
        meeting_type=REHEARSAL_TYPE,
        practice_case_id=case.id,
        clock=clock,
    ).item
    for card in case.roles:
        session.add_participant(
            card.name,
            organisation=card.organisation,
            role=card.role,
            domain=card.domain,
            presence=Presence.AANWEZIG,
            is_client=card.is_client,
            is_ervaringsdeskundige=card.is_ervaringsdeskundige,
            speaks_for_child=card.speaks_for_child,
        )
    return session
