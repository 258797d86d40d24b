"""The two tables of the setup screen, as the store has them, and their keys: the roster
(remove, presence, last meeting's roster taken over) and the open actions of earlier meetings,
reviewed one by one.

Every change is made by the app's writer, off the event loop and in order
(``screens/_writes.py``); the tables are read again once it is made or refused."""

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Input, Static

from bobtui.core.domain.dates import format_date
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import RosterProposal
from bobtui.core.domain.vocabulary import (
    DecisionStatus,
    Presence,
    counted,
    presence_label,
    role_flags,
)
from bobtui.core.session import MeetingSession
from bobtui.screens._writes import write
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import plain

T = TypeVar("T")

_REVIEW_KEYS = {"g": DecisionStatus.GEDAAN, "o": DecisionStatus.OPEN, "v": DecisionStatus.VERVALLEN}
_PRESENCE_CYCLE = {
    Presence.AANWEZIG: Presence.AFWEZIG,
    Presence.AFWEZIG: Presence.VERTEGENWOORDIGD,
    Presence.VERTEGENWOORDIGD: Presence.AANWEZIG,
}


class RosterTablesScreen(Screen[None]):
    """The table keys; the setup screen shows what they changed."""

    session: MeetingSession | None = None
    _proposal: RosterProposal | None = None
    """Who took part in the last meeting on this case and is not on the roster yet."""

    def _refresh(self) -> None:
        participants = self.query_one("#participants", ListTable)
        carried_table = self.query_one("#carried", ListTable)
        # Each cursor stays on its row, so the next key works on the row the chair sees.
        kept = [
            (table, self._selected_key(table), table.cursor_row)
            for table in (participants, carried_table)
        ]
        participants.clear()
        carried_table.clear()
        if self.session is not None:
            for p in self.session.participants():
                flags = role_flags(
                    is_client=p.is_client,
                    is_ervaringsdeskundige=p.is_ervaringsdeskundige,
                    speaks_for_child=p.speaks_for_child,
                )
                domain = p.domain.value if p.domain else ""
                presence = presence_label(p.presence, p.represented_by)
                participants.add_row(
                    p.name, presence, p.organisation, p.role, domain, flags, key=str(p.id)
                )
            self._proposal = self.session.roster_proposal()
            for item in self.session.carried_over():
                reviewed = item.review.status.value if item.review else "nog niet"
                carried_table.add_row(
                    reviewed,
                    item.decision.action,
                    f"{item.decision.owner_person} ({item.decision.owner_organisation})",
                    format_date(item.decision.deadline),
                    key=str(item.decision.id),
                )
        for table, key, row in kept:  # a removed row leaves the cursor on its neighbour
            if key is not None and str(key) in table.rows:
                row = table.get_row_index(str(key))
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._show_proposal()
        self.refresh_bindings()

    def _show_proposal(self) -> None:
        """Last meeting's roster on this case, offered to take over with one key."""
        proposal = self._proposal
        shown = self.query_one("#roster-proposal", Static)
        shown.display = proposal is not None
        if proposal is None:
            return
        people = ", ".join(
            f"{p.name} ({p.organisation})" if p.organisation else p.name
            for p in proposal.participants
        )
        shown.update(
            Text.assemble(
                (f"Vorig overleg ({format_date(proposal.held_on)}): ", "bold"),
                plain(people),
                "  ",
                ("ctrl+o", "bold"),
                " neemt ze over",
            )
        )

    def _message(self, text: str, *, error: bool = False) -> None:
        raise NotImplementedError

    def save(self, change: Callable[[], T], said: Callable[[T], str | None]) -> None:
        """Hand ``change`` to the app's writer; once made, show what ``said`` makes of its
        result (if anything) and read the tables again; refused, show why."""

        def done(result: T) -> None:
            message = said(result)
            if message is not None:
                self._message(message)
            self._refresh()

        def refused(error: BobError) -> None:
            self._message(str(error), error=True)
            self._refresh()

        write(self, change, done, refused)

    def action_take_over_roster(self) -> None:
        """Add last meeting's participants (presence as today's default); Delete removes
        who is not coming."""
        if self.session is None:
            return
        self.save(
            self.session.take_over_roster,
            lambda saved: f"{counted(len(saved.item), 'deelnemer', 'deelnemers')} overgenomen.",
        )
        self.query_one("#participants", ListTable).focus()

    def _selected_key(self, table: ListTable) -> int | None:
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def action_remove_participant(self) -> None:
        participant_id = self._selected_key(self.query_one("#participants", ListTable))
        if self.session is not None and participant_id is not None:
            self.save(partial(self.session.remove_participant, participant_id), lambda _: None)

    def action_cycle_presence(self) -> None:
        """Aanwezig, afwezig, vertegenwoordigd in turn; who represents is taken from the field
        'Vertegenwoordigd door'."""
        participant_id = self._selected_key(self.query_one("#participants", ListTable))
        if self.session is None or participant_id is None:
            return
        current = next(p for p in self.session.participants() if p.id == participant_id)
        presence = _PRESENCE_CYCLE[current.presence]
        by_whom = self.query_one("#p-represented-by", Input).value.strip()
        if presence is Presence.VERTEGENWOORDIGD and not by_whom:
            # Passed over rather than refused, so the cycle never sticks.
            presence = _PRESENCE_CYCLE[presence]
            self.notify("Voor 'vertegenwoordigd': typ eerst bij 'Vertegenwoordigd door' wie.")
        represented_by = by_whom if presence is Presence.VERTEGENWOORDIGD else ""
        change = partial(
            self.session.update_participant,
            participant_id,
            presence=presence,
            represented_by=represented_by,
        )
        self.save(change, lambda _: None)

    def action_review(self, key: str) -> None:
        decision_id = self._selected_key(self.query_one("#carried", ListTable))
        if self.session is None or decision_id is None:
            return
        status = _REVIEW_KEYS[key]
        self.save(
            partial(self.session.review_carried_over, decision_id, status),
            lambda saved: f"{saved.item.action}: {status.value}.",
        )
