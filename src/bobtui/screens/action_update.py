"""Postpone an open action (new deadline and a reason) or let it lapse (a reason)."""

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from bobtui.core.domain.dates import Clock, format_date, parse_date
from bobtui.core.domain.records import DecisionRecord, Saved
from bobtui.core.domain.vocabulary import DecisionStatus
from bobtui.core.store.actions import OpenAction, update_action
from bobtui.core.store.engine import Store
from bobtui.screens._workplace import workplace_of
from bobtui.screens.form import FormScreen
from bobtui.widgets.text import TextField, plain


class ActionUpdateScreen(FormScreen[DecisionRecord]):
    """``postpone``: a new deadline and why; otherwise the action lapses, with why."""

    def __init__(self, store: Store, action: OpenAction, *, postpone: bool) -> None:
        super().__init__()
        self.store = store
        self.action = action
        self.postpone = postpone
        self.TITLE_TEXT = (
            "Actie uitstellen: tot wanneer, en waarom?"
            if postpone
            else "Actie laten vervallen: waarom?"
        )

    @property
    def clock(self) -> Clock:
        return workplace_of(self).clock

    def fields(self) -> ComposeResult:
        a = self.action
        yield Static(
            Text.assemble(
                plain(a.action),
                "\n",
                plain(
                    f"{a.owner_person} ({a.owner_organisation}) · deadline "
                    f"{format_date(a.deadline)} · {a.case_code}",
                    "dim",
                ),
            )
        )
        if self.postpone:
            yield from self.labelled(
                "Nieuwe deadline (31-12-2026, 31-12 of +14)", TextField(compact=True, id="deadline")
            )
        yield from self.labelled("Reden", TextField(compact=True, id="reason"))

    def save(self) -> Callable[[], Saved[DecisionRecord]]:
        reason = self.query_one("#reason", Input).value
        if not self.postpone:
            return partial(
                update_action,
                self.store,
                self.action.decision_id,
                DecisionStatus.VERVALLEN,
                clock=self.clock,
                reason=reason,
            )
        today = self.clock().astimezone().date()
        return partial(
            update_action,
            self.store,
            self.action.decision_id,
            DecisionStatus.OPEN,
            clock=self.clock,
            reason=reason,
            new_deadline=parse_date(self.query_one("#deadline", Input).value, today),
        )
