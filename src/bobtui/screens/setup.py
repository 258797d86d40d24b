"""Setup: plan a meeting, build its roster, review last meeting's open actions, then start.

The meeting is saved as soon as it has a case code and a leidraad; every roster change and
every review is saved the moment it is made, by the app's writer, off the event loop and in order
(``screens/_writes.py``). The fields keep what was typed until the store took it.
"""

from collections.abc import Callable
from datetime import date
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from bobtui.core.domain.dates import format_date, parse_date
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import ParticipantRecord, Saved
from bobtui.core.domain.vocabulary import (
    Domain,
    MeetingStatus,
    Presence,
    counted,
)
from bobtui.core.questions.sets import Catalog, QuestionSet
from bobtui.core.session import Clock, MeetingSession
from bobtui.core.store.engine import Store
from bobtui.core.training.cases import PracticeCase
from bobtui.screens._roster_tables import RosterTablesScreen
from bobtui.screens._workplace import workplace_of
from bobtui.screens._writes import write
from bobtui.screens.form import choice
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import TextField, plain
from bobtui.widgets.title_bar import TitleBar

_WRITES = frozenset(
    {
        "save_meeting",
        "add_participant",
        "take_over_roster",
        "remove_participant",
        "cycle_presence",
        "review",
        "start",
    }
)
"""Actions that change the meeting: gone once the window is read-only (another window took
the chair over; found at the next change)."""


NARROW = 110
"""Below this width the sections stand under each other, in one column that scrolls."""
_SECTIONS = frozenset({"meeting-fields", "roster", "carry"})


class SetupScreen(RosterTablesScreen):
    """Prepare a meeting; F5 starts it and opens the facilitation screen."""

    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save_meeting", "Vastleggen", id="setup.save", priority=True),
        Binding("ctrl+a", "add_participant", "Deelnemer toevoegen", id="setup.add", priority=True),
        Binding(
            "ctrl+o",
            "take_over_roster",
            "Deelnemers vorig overleg",
            id="setup.take_over_roster",
            priority=True,
        ),
        Binding("delete", "remove_participant", "Deelnemer weg", id="setup.remove"),
        Binding("p", "cycle_presence", "Aanwezigheid", id="setup.presence"),
        Binding("g", "review('g')", "Actie gedaan", id="setup.review_done"),
        Binding("o", "review('o')", "Actie loopt door", id="setup.review_open"),
        Binding("v", "review('v')", "Actie vervallen", id="setup.review_cancelled"),
        Binding("f5", "start", "Start overleg", id="setup.start", priority=True),
        Binding("escape", "app.pop_screen", "Terug", id="setup.back"),
    ]

    def __init__(
        self,
        store: Store,
        session: MeetingSession | None = None,
        practice_case: PracticeCase | None = None,
    ) -> None:
        """A new meeting in ``store``, or the planned ``session`` (a rehearsal of
        ``practice_case``); the clock and the question sets come from the app."""
        super().__init__()
        self.practice_case = practice_case
        self.store = store
        self.session = session
        self._details_version: int | None = None
        """The version of the details the fields were filled with: a save over a change made
        meanwhile in another window is refused, not silently overwritten."""
        self._proposal = None
        self._details_busy = False  # the meeting is being created, saved or started

    @property
    def clock(self) -> Clock:
        return workplace_of(self).clock

    @property
    def catalog(self) -> Catalog:
        return workplace_of(self).catalog

    def _today(self) -> date:
        return self.clock().astimezone().date()

    def compose(self) -> ComposeResult:
        meeting = self.session.meeting() if self.session else None
        self._details_version = meeting.details_version if meeting else None
        sets = [
            (plain(entry.question_set.title), set_id)
            for set_id, entry in self.catalog.entries.items()
        ]
        yield TitleBar()
        # Side by side on a wide terminal; one column that scrolls on a narrow one (-narrow).
        with VerticalScroll(id="setup"):
            with VerticalScroll(id="meeting-fields"):
                yield Static("[b]Overleg[/b]")
                yield Label("Casuscode (pseudoniem, geen naam)")
                yield TextField(meeting.case_code if meeting else "", compact=True, id="case-code")
                yield Label("Leidraad")
                yield Select(
                    sets,
                    value=meeting.leidraad_id if meeting else "huiselijk-geweld-kindveiligheid",
                    allow_blank=False,
                    compact=True,
                    id="leidraad",
                    disabled=meeting is not None,
                )
                yield Static(id="leidraad-phases")
                yield Label("Datum")
                yield TextField(
                    format_date(meeting.held_on if meeting else self._today()),
                    compact=True,
                    id="held-on",
                )
                yield Label("Locatie")
                yield TextField(meeting.location if meeting else "", compact=True, id="location")
                yield Label("Aanleiding")
                yield TextField(meeting.reason if meeting else "", compact=True, id="reason")
            with Vertical(id="roster"):
                yield Static("[b]Deelnemers[/b]")
                yield ListTable(id="participants", cursor_type="row")
                yield Static(id="roster-proposal")
                with Horizontal(id="new-participant"):
                    yield TextField(placeholder="Naam of rol", compact=True, id="p-name")
                    yield TextField(placeholder="Organisatie", compact=True, id="p-organisation")
                    yield TextField(placeholder="Functie", compact=True, id="p-role")
                with Horizontal(id="new-participant-options"):
                    yield Select(
                        [(d.value, d) for d in Domain], prompt="Domein", compact=True, id="p-domain"
                    )
                    yield Select(
                        [(p.value, p) for p in Presence],
                        value=Presence.AANWEZIG,
                        allow_blank=False,
                        compact=True,
                        id="p-presence",
                    )
                yield TextField(
                    placeholder="Vertegenwoordigd door (naam of rol)",
                    compact=True,
                    id="p-represented-by",
                )
                with Horizontal(id="new-participant-flags"):
                    yield Checkbox("cliënt", compact=True, id="p-client")
                    yield Checkbox("ervaringsdeskundige", compact=True, id="p-expert")
                    yield Checkbox("spreekt voor het kind", compact=True, id="p-child")
                with Vertical(id="carry"):
                    yield Static("[b]Open acties uit het vorige overleg[/b]", id="carry-title")
                    yield ListTable(id="carried", cursor_type="row")
        yield Static(id="setup-message")  # under the sections, so it shows whatever is scrolled
        yield KeyFooter()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Narrow: bring the heading of the focused field's section into view with it."""
        if not self.has_class("-narrow"):
            return
        section = next(
            (node for node in event.widget.ancestors if node.id in _SECTIONS),
            None,
        )
        if isinstance(section, Widget):
            self.call_after_refresh(self._show_section, section, event.widget)

    def _show_section(self, section: Widget, focused: Widget) -> None:
        setup = self.query_one("#setup", VerticalScroll)
        setup.scroll_to_widget(section.children[0], top=True, animate=False, immediate=True)
        setup.scroll_to_widget(focused, animate=False, immediate=True)

    def on_mount(self) -> None:
        self.query_one("#participants", ListTable).add_columns(
            "Naam of rol", "Aanwezig", "Organisatie", "Functie", "Domein", "Bijzonder"
        )
        # The status first: in a narrow window it would otherwise be cut off.
        self.query_one("#carried", ListTable).add_columns("Nu", "Actie", "Eigenaar", "Deadline")
        self._show_leidraad()
        self._refresh()
        self.query_one("#case-code" if self.session is None else "#p-name", Input).focus()

    # --- showing -------------------------------------------------------------------------

    def _question_set(self) -> QuestionSet:
        return self.catalog.get(choice(self.query_one("#leidraad", Select)))

    @on(Select.Changed, "#leidraad")
    def _show_leidraad(self) -> None:
        question_set = self._question_set()
        lines = [question_set.description, ""]
        for guide in question_set.phases:
            count = counted(len(list(guide.questions())), "vraag", "vragen")
            lines.append(f"{guide.phase.label}: {guide.timebox_minutes} min, {count}")
        self.query_one("#leidraad-phases", Static).update(plain("\n".join(lines)))

    def _message(self, text: str, *, error: bool = False) -> None:
        message = plain(text, "bold red" if error else "bold")
        self.query_one("#setup-message", Static).update(message)
        self.refresh_bindings()  # a refused change may have made this window read-only

    # --- actions -------------------------------------------------------------------------

    def action_save_meeting(self) -> None:
        """Create the meeting, or save changed details of the one being prepared."""
        self._save_meeting(lambda: self.query_one("#p-name", Input).focus())

    def _save_meeting(self, then: Callable[[], object]) -> None:
        """Create the meeting or save its details, then ``then``; one at a time (a second
        save would create a second meeting, or trip over the first one's new version)."""
        if self._details_busy:
            self._message("Bezig met vastleggen…")
            return
        value = self.query_one
        try:
            today = self._today()
            held_on = parse_date(value("#held-on", Input).value, today) or today
            question_set = self._question_set() if self.session is None else None
        except BobError as error:
            self._message(str(error), error=True)
            return
        location, reason = value("#location", Input).value, value("#reason", Input).value
        case_code = value("#case-code", Input).value
        session, version, clock = self.session, self._details_version, self.clock

        def change() -> tuple[MeetingSession, int, tuple[str, ...]]:
            if session is None:
                assert question_set is not None
                created = MeetingSession.create(
                    self.store,
                    question_set,
                    case_code=case_code,
                    held_on=held_on,
                    location=location,
                    reason=reason,
                    clock=clock,
                )
                return created.item, created.item.meeting().details_version, created.warnings
            updated = session.update_details(
                held_on=held_on, location=location, reason=reason, expected_version=version
            )
            return session, updated.item.details_version, updated.warnings

        def saved(outcome: tuple[MeetingSession, int, tuple[str, ...]]) -> None:
            self._details_busy = False
            self.session, self._details_version, warnings = outcome
            self.query_one("#leidraad", Select).disabled = True
            self._message(" ".join(warnings) or "Vastgelegd.", error=bool(warnings))
            self._refresh()
            then()

        def refused(error: BobError) -> None:
            self._details_busy = False
            self._message(str(error), error=True)

        self._details_busy = True
        self._message("Bezig met vastleggen…")
        write(self, change, saved, refused)

    @on(Input.Submitted, "#case-code, #held-on, #location, #reason")
    def _details_submitted(self) -> None:
        self.action_save_meeting()

    @on(Input.Submitted, "#p-name, #p-organisation, #p-role")
    def _participant_submitted(self) -> None:
        self.action_add_participant()

    def action_add_participant(self) -> None:
        """Add who is in the fields; they are emptied once the store took them."""
        if self.session is None:
            self._save_meeting(self.action_add_participant)
            return
        value = self.query_one
        fields = ("#p-name", "#p-organisation", "#p-role", "#p-represented-by")
        boxes = ("#p-client", "#p-expert", "#p-child")
        typed = [value(selector, Input).value for selector in fields]
        change = partial(
            self.session.add_participant,
            typed[0],
            organisation=typed[1],
            role=typed[2],
            domain=choice(value("#p-domain", Select)),
            presence=choice(value("#p-presence", Select)),
            represented_by=typed[3],
            is_client=value("#p-client", Checkbox).value,
            is_ervaringsdeskundige=value("#p-expert", Checkbox).value,
            speaks_for_child=value("#p-child", Checkbox).value,
        )

        def added(saved: Saved[ParticipantRecord]) -> str:
            if [value(selector, Input).value for selector in fields] == typed:
                for selector in fields:  # else the next one is being typed already
                    value(selector, Input).value = ""
                for selector in boxes:
                    value(selector, Checkbox).value = False
            value("#p-name", Input).focus()
            return " ".join(saved.warnings) or f"{saved.item.name} toegevoegd."

        self.save(change, added)

    def action_start(self) -> None:
        """Start the meeting (once the store has it) and open the facilitation screen."""
        if self.session is None:
            self._save_meeting(self.action_start)
            return
        if self._details_busy:
            return
        session = self.session

        def start() -> None:
            if session.meeting().status is MeetingStatus.GEPLAND:
                session.start()

        def started(_: None) -> None:
            from bobtui.screens.practice_meeting import meeting_screen_for

            self.app.switch_screen(
                meeting_screen_for(session, self.catalog.generic_prompts, self.practice_case)
            )

        def refused(error: BobError) -> None:
            self._details_busy = False
            self._message(str(error), error=True)

        self._details_busy = True  # no second start, nor a save meanwhile
        self._message("Bezig met starten…")
        write(self, start, started, refused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _WRITES and self.session is not None and self.session.is_read_only():
            return False
        if action == "take_over_roster":
            return self._proposal is not None
        focused_table = isinstance(self.focused, ListTable)
        if action in ("remove_participant", "cycle_presence"):
            return focused_table and self.focused is self.query_one("#participants")
        if action == "review":
            return focused_table and self.focused is self.query_one("#carried")
        return True
