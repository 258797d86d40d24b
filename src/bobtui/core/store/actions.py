"""Open actions across all meetings, for the coordinator who chases them between meetings.

Every status change (done, postponed with a new date, cancelled) goes into the decision's
history and the event log, exactly like a review at a meeting, but with no meeting attached.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert
from sqlalchemy import select as sa_select
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import EditConflict, NotFound, RuleViolation
from bobtui.core.domain.records import DecisionRecord, Saved, StatusChangeRecord, to_record
from bobtui.core.domain.text import csv_cell
from bobtui.core.domain.vocabulary import DecisionStatus, Priority
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import Decision, DecisionStatusChange, Meeting, MeetingEvent


@dataclass(frozen=True)
class OpenAction:
    decision_id: int
    action: str
    owner_person: str
    owner_organisation: str
    deadline: date
    priority: Priority
    case_code: str
    meeting_id: int
    held_on: date
    overdue: bool
    times_postponed: int


def open_actions(
    store: Store,
    today: date,
    *,
    overdue_only: bool = False,
    owner_organisation: str = "",
    case_code: str = "",
) -> list[OpenAction]:
    """Open decisions of every meeting, overdue first (oldest deadline first), then by deadline.

    ``owner_organisation`` matches part of the name, ignoring case; ``case_code`` exactly."""
    postponements = (
        select(func.count())
        .where(
            DecisionStatusChange.decision_id == Decision.id,
            col(DecisionStatusChange.new_deadline).is_not(None),
        )
        .scalar_subquery()
    )
    # More columns than sqlmodel's typed select() takes, so SQLAlchemy's own select.
    statement = (
        sa_select(
            col(Decision.id),
            col(Decision.action),
            col(Decision.owner_person),
            col(Decision.owner_organisation),
            col(Decision.deadline),
            col(Decision.priority),
            col(Meeting.case_code),
            col(Decision.meeting_id),
            col(Meeting.held_on),
            postponements,
        )
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(col(Decision.status) == DecisionStatus.OPEN)
    )
    if overdue_only:
        statement = statement.where(col(Decision.deadline) < today)
    if owner_organisation.strip():
        statement = statement.where(
            col(Decision.owner_organisation).icontains(owner_organisation.strip())
        )
    if case_code.strip():
        statement = statement.where(col(Meeting.case_code) == case_code.strip())
    statement = statement.order_by(col(Decision.deadline), col(Meeting.held_on), col(Decision.id))
    with store.reading() as db:
        rows = db.connection().execute(statement).all()
    return [
        OpenAction(
            decision_id=row[0],
            action=row[1],
            owner_person=row[2],
            owner_organisation=row[3],
            deadline=row[4],
            priority=Priority(row[5]),
            case_code=row[6],
            meeting_id=row[7],
            held_on=row[8],
            overdue=row[4] < today,
            times_postponed=row[9],
        )
        for row in rows
    ]


def update_action(
    store: Store,
    decision_id: int,
    status: DecisionStatus,
    *,
    clock: Callable[[], datetime],
    reason: str = "",
    new_deadline: date | None = None,
) -> Saved[DecisionRecord]:
    """Mark an open action done, postpone it (status stays open, with a new deadline) or cancel
    it. Postponing and cancelling need a reason; the history keeps every step."""
    reason = reason.strip()
    now = clock()
    today = now.astimezone().date()
    if status is DecisionStatus.VERVALLEN and not reason:
        raise RuleViolation("Geef een reden waarom de actie vervalt.")
    if new_deadline is not None:
        if status is not DecisionStatus.OPEN:
            raise RuleViolation("Alleen een open actie krijgt een nieuwe deadline.")
        if not reason:
            raise RuleViolation("Geef een reden voor het uitstel.")
        if new_deadline < today:
            raise RuleViolation("De nieuwe deadline ligt in het verleden.")
    elif status is DecisionStatus.OPEN:
        raise RuleViolation("Uitstellen vraagt om een nieuwe deadline.")
    with store.writing() as db:
        decision = db.get(Decision, decision_id)
        if decision is None:
            raise NotFound(f"Er is geen actie met nummer {decision_id}.")
        if decision.status != DecisionStatus.OPEN:
            raise RuleViolation(f"Deze actie is al {decision.status}; er staat niets meer open.")
        if new_deadline is not None and new_deadline == decision.deadline:
            raise RuleViolation("De nieuwe deadline is dezelfde als de oude.")
        decision.status = status
        decision.deadline = new_deadline or decision.deadline
        decision.updated_at = now
        db.add(
            DecisionStatusChange(
                decision_id=decision_id,
                status=status,
                reason=reason,
                new_deadline=new_deadline,
                changed_at=now,
            )
        )
        try:
            db.flush()
        except StaleDataError:  # changed by someone else between our read and this write
            raise EditConflict(
                "Deze actie is intussen elders gewijzigd en hier niet opgeslagen; open de lijst "
                "opnieuw om de nieuwste stand te zien."
            ) from None
        db.connection().execute(
            insert(MeetingEvent),
            {
                "meeting_id": decision.meeting_id,
                "at": now,
                "action": "decision.postponed" if new_deadline else "decision.status_changed",
                "entity": "decision",
                "entity_id": decision_id,
            },
        )
        db.commit()
        return Saved(to_record(DecisionRecord, decision), bsn_warnings(reason))


def action_history(store: Store, decision_id: int) -> list[StatusChangeRecord]:
    with store.reading() as db:
        rows = db.exec(
            select(DecisionStatusChange)
            .where(DecisionStatusChange.decision_id == decision_id)
            .order_by(col(DecisionStatusChange.changed_at), col(DecisionStatusChange.id))
        ).all()
        return [to_record(StatusChangeRecord, row) for row in rows]


CSV_COLUMNS = (
    "actie",
    "eigenaar",
    "organisatie",
    "deadline",
    "te laat",
    "prioriteit",
    "casuscode",
    "overleg",
    "overleg van",
    "keer uitgesteld",
)


def actions_csv(actions: list[OpenAction]) -> str:
    """The list as CSV with a semicolon, as spreadsheet programs set to Dutch expect; the
    byte-order mark lets them read the accents right.

    Every text cell is quoted and stays text: an action typed as ``=HYPERLINK(…)`` is shown,
    not run (OWASP's advice on CSV injection); the numbers stay numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(CSV_COLUMNS)
    for a in actions:
        writer.writerow(
            (
                csv_cell(a.action),
                csv_cell(a.owner_person),
                csv_cell(a.owner_organisation),
                a.deadline.isoformat(),
                "ja" if a.overdue else "nee",
                a.priority.value,
                csv_cell(a.case_code),
                a.meeting_id,
                a.held_on.isoformat(),
                a.times_postponed,
            )
        )
    return "\ufeff" + buffer.getvalue()
