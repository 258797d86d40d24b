"""The roster: who takes part, for which organisation, in which role, present or not."""

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import ParticipantRecord, RosterProposal, Saved, to_record
from bobtui.core.domain.vocabulary import Domain, Presence
from bobtui.core.session._base import SessionBase, _required
from bobtui.core.store.meetings import earlier_on_case
from bobtui.core.store.tables import Meeting, Participant


def _who(name: str, organisation: str) -> tuple[str, str]:
    """A person on a roster, compared without case and surrounding spaces."""
    return name.strip().casefold(), organisation.strip().casefold()


def _checked_presence(presence: Presence, represented_by: str) -> str:
    """Who represents the participant, stripped; only and always for ``vertegenwoordigd``."""
    by_whom = represented_by.strip()
    if presence is Presence.VERTEGENWOORDIGD and not by_whom:
        raise RuleViolation("Vul in door wie de deelnemer wordt vertegenwoordigd.")
    if presence is not Presence.VERTEGENWOORDIGD and by_whom:
        raise RuleViolation("Alleen een vertegenwoordigde deelnemer heeft een vertegenwoordiger.")
    return by_whom


class RosterMixin(SessionBase):
    """Participants of one meeting."""

    def add_participant(
        self,
        name: str,
        *,
        organisation: str = "",
        role: str = "",
        domain: Domain | None = None,
        presence: Presence = Presence.AANWEZIG,
        represented_by: str = "",
        is_client: bool = False,
        is_ervaringsdeskundige: bool = False,
        speaks_for_child: bool = False,
    ) -> Saved[ParticipantRecord]:
        """Add someone to the roster; ``name`` may be a role label such as 'moeder'.

        A participant who is ``vertegenwoordigd`` names who speaks for them."""
        if not _required(name):
            raise RuleViolation("Een deelnemer heeft een naam of rol nodig.")
        presence = Presence(presence)
        represented_by = _checked_presence(presence, represented_by)
        with self._write("participant.added", "participant") as (db, changed):
            self._editable_meeting(db)
            position = db.exec(
                select(func.count()).where(Participant.meeting_id == self.meeting_id)
            ).one()
            participant = Participant(
                meeting_id=self.meeting_id,
                position=position,
                name=name.strip(),
                organisation=organisation.strip(),
                role=role.strip(),
                domain=domain,
                presence=presence,
                represented_by=represented_by,
                is_client=is_client,
                is_ervaringsdeskundige=is_ervaringsdeskundige,
                speaks_for_child=speaks_for_child,
            )
            db.add(participant)
            db.flush()
            changed.append(participant.id)
        return Saved(
            to_record(ParticipantRecord, participant),
            bsn_warnings(name, organisation, role, represented_by),
        )

    def update_participant(self, participant_id: int, **changes: Any) -> Saved[ParticipantRecord]:
        """Change roster fields (name, organisation, role, domain, presence and who represents,
        flags)."""
        if "presence" in changes or "represented_by" in changes:
            current = next((p for p in self.participants() if p.id == participant_id), None)
            if current is not None:
                presence = Presence(changes.get("presence", current.presence))
                by_whom = changes.get("represented_by", "")
                changes = {**changes, "represented_by": _checked_presence(presence, by_whom)}
        return self._update(Participant, ParticipantRecord, participant_id, changes, "Deelnemer")

    def remove_participant(self, participant_id: int) -> None:
        self._delete(Participant, participant_id, "Deelnemer")

    def participants(self) -> list[ParticipantRecord]:
        return self._list(ParticipantRecord, Participant, col(Participant.position))

    def _proposal(self, db: Session) -> RosterProposal | None:
        meeting = self._meeting(db)
        if meeting.practice_case_id is not None:  # every rehearsal starts from its own case
            return None
        last = db.exec(
            select(Meeting)
            .where(*earlier_on_case(meeting))
            .where(col(Meeting.id).in_(select(Participant.meeting_id)))
            .order_by(col(Meeting.held_on).desc(), col(Meeting.created_at).desc())
        ).first()
        if last is None:
            return None
        here = {
            _who(p.name, p.organisation)
            for p in db.exec(select(Participant).where(Participant.meeting_id == self.meeting_id))
        }
        rows = db.exec(
            select(Participant)
            .where(Participant.meeting_id == last.id)
            .order_by(col(Participant.position), col(Participant.id))
        ).all()
        people = [
            to_record(ParticipantRecord, p)
            for p in rows
            if _who(p.name, p.organisation) not in here
        ]
        return RosterProposal(last.held_on, tuple(people)) if people else None

    def roster_proposal(self) -> RosterProposal | None:
        """The roster of the last meeting on this case (that had one), less who is already on
        this roster; None when there is nothing to take over (or for a rehearsal)."""
        with self._reading() as db:
            return self._proposal(db)

    def take_over_roster(self) -> Saved[list[ParticipantRecord]]:
        """Add everyone of :meth:`roster_proposal` in one change: name, organisation, role,
        domain and special roles; their presence starts as present, not as it was then."""
        with self._write("participant.roster_taken_over", "participant") as (db, changed):
            self._editable_meeting(db)
            proposal = self._proposal(db)
            if proposal is None:
                raise RuleViolation("Er zijn geen deelnemers van een vorig overleg over te nemen.")
            position = db.exec(
                select(func.count()).where(Participant.meeting_id == self.meeting_id)
            ).one()
            rows = [
                Participant(
                    meeting_id=self.meeting_id,
                    position=position + offset,
                    name=p.name,
                    organisation=p.organisation,
                    role=p.role,
                    domain=p.domain,
                    presence=Presence.AANWEZIG,
                    is_client=p.is_client,
                    is_ervaringsdeskundige=p.is_ervaringsdeskundige,
                    speaks_for_child=p.speaks_for_child,
                )
                for offset, p in enumerate(proposal.participants)
            ]
            db.add_all(rows)
            db.flush()
            changed.append(rows[0].id)
        return Saved([to_record(ParticipantRecord, row) for row in rows])
