"""The roster: who takes part, for which organisation, in which role, present or not."""

from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import ParticipantRecord, Saved, to_record
from bobtui.core.domain.vocabulary import Domain, Presence
from bobtui.core.session._base import SessionBase, _required
from bobtui.core.store.tables import Participant


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
        is_client: bool = False,
        is_ervaringsdeskundige: bool = False,
        speaks_for_child: bool = False,
    ) -> Saved[ParticipantRecord]:
        """Add someone to the roster; ``name`` may be a role label such as 'moeder'."""
        if not _required(name):
            raise RuleViolation("Een deelnemer heeft een naam of rol nodig.")
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
                is_client=is_client,
                is_ervaringsdeskundige=is_ervaringsdeskundige,
                speaks_for_child=speaks_for_child,
            )
            db.add(participant)
            db.flush()
            changed.append(participant.id)
        return Saved(
            to_record(ParticipantRecord, participant), bsn_warnings(name, organisation, role)
        )

    def update_participant(self, participant_id: int, **changes: Any) -> Saved[ParticipantRecord]:
        """Change roster fields (name, organisation, role, domain, presence, flags)."""
        return self._update(Participant, ParticipantRecord, participant_id, changes, "Deelnemer")

    def remove_participant(self, participant_id: int) -> None:
        self._delete(Participant, participant_id, "Deelnemer")

    def participants(self) -> list[ParticipantRecord]:
        return self._list(ParticipantRecord, Participant, col(Participant.position))
