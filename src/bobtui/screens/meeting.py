"""Facilitation: chair the meeting question by question, with notes saved as they are said.

Left the BOB navigator and the clock, centre the current question and the note line, right the
live picture. Enter hands a note to the saver, which keeps it on this computer and saves it off
the event loop, in order (``screens/_note_saving.py``). The widgets render from the meeting's
latest snapshot, read off the event loop (``screens/_snapshot.py``), also when another client
(a notulist, a second window) changed the meeting; between snapshots the clock counts on by
itself. Every other change (a move, a form, a pause, leaving) goes to the app's writer, which makes
it off the event loop too, in the order asked (``screens/_writes.py``).
"""

import gc
from dataclasses import replace
from datetime import timedelta
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import ParkedIdeaRecord, Saved
from bobtui.core.domain.text import printable
from bobtui.core.domain.vocabulary import PHASE_ORDER, Coverage, Phase
from bobtui.core.session import MeetingSession, MeetingSnapshot, Position
from bobtui.screens._errors import attempt
from bobtui.screens._moving import QuestionMovingScreen
from bobtui.screens._note_taking import NOTE_TAKER_ACTIONS
from bobtui.screens._writes import write, writer_of
from bobtui.screens.chain_care import choose_chain_care_phase
from bobtui.screens.close import CloseScreen
from bobtui.screens.decision import DecisionScreen
from bobtui.screens.form import MeetingFormScreen
from bobtui.screens.judgement import JudgementScreen
from bobtui.screens.notes import NotesScreen
from bobtui.screens.parked import ParkedScreen
from bobtui.screens.score import ScoreScreen
from bobtui.screens.summary import SummaryScreen
from bobtui.screens.time_out import TimeOutScreen
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.meeting_panes import MeetingPanes
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.note_line import NoteLine
from bobtui.widgets.phase_clock import time_spent_at
from bobtui.widgets.title_bar import TitleBar

_FORMS: dict[str, type[MeetingFormScreen[Any]]] = {
    "score": ScoreScreen,
    "judgement": JudgementScreen,
    "decision": DecisionScreen,
}

_WRITES = frozenset(
    {
        "cycle_kind",
        "toggle_confidential",
        "cycle_speaker",
        "choose",
        "undo_note",
        "edit_notes",
        "record",
        "park",
        "parked",
        "time_out",
        "close_meeting",
        "own_question",
        "chain_care",
        "mark_discussed",
        "room_blackout",
    }
)
"""Actions that change the meeting (or set up the next note): gone from a read-only window,
which keeps only moving through the questions and leaving."""


_SAVES_AS_CHOSEN = "met tekst op de regel slaat de keuze die notitie op"


class MeetingScreen(QuestionMovingScreen):
    """The main screen of a running meeting."""

    CSS_PATH = ["meeting.tcss"]  # a list: the rehearsal's screen adds its own
    AUTO_FOCUS = ""  # none: the note line takes the focus once the first snapshot is on screen
    # In the order the footer shows them, most needed first (priority keys come first there);
    # the hidden ones (show=False) are in F1's help and the palette.
    BINDINGS = [
        # Priority: the note line has these keys too (there End, Home and Delete do the same).
        Binding(
            "ctrl+e",
            "choose('speaker')",
            "Wie kiezen",
            tooltip=_SAVES_AS_CHOSEN,
            id="meeting.choose_speaker",
            priority=True,
        ),
        Binding(
            "ctrl+a",
            "choose('kind')",
            "Soort kiezen",
            tooltip=_SAVES_AS_CHOSEN,
            id="meeting.choose_kind",
            priority=True,
        ),
        Binding("f6", "park", "Parkeren", id="meeting.park", priority=True),
        Binding("f7", "parked", "Parkeerplaats", id="meeting.parked", priority=True),
        Binding("ctrl+d", "panel", "Navigator/beeld", id="meeting.panel", priority=True),
        Binding("f12", "save_pending", "Wachtende opslaan", id="meeting.save_pending"),
        Binding("ctrl+n,ctrl+down", "next_question", "Volgende vraag", id="meeting.next"),
        # Moving on is not discussing: a question talked over without a note is marked so.
        Binding("f10", "mark_discussed", "Besproken", id="meeting.discussed"),
        Binding("f4", "record('decision')", "Besluit", id="meeting.decision"),
        Binding("ctrl+f", "next_phase", "Volgende fase", id="meeting.next_phase"),
        # K for ketenzorg; on the note line it would delete to the end of the line.
        Binding("ctrl+k", "chain_care", "Fase ketenzorg", id="meeting.chain_care", priority=True),
        Binding("ctrl+o", "undo_note", "Ongedaan", id="meeting.undo"),
        Binding("f2", "record('score')", "Score", id="meeting.score"),
        Binding("f3", "record('judgement')", "Oordeel", id="meeting.judgement"),
        Binding(
            "ctrl+r,ctrl+up", "previous_question", "Vorige vraag", id="meeting.previous", show=False
        ),
        Binding("ctrl+l", "toggle_confidential", "Vertrouwelijk", id="meeting.confidential"),
        Binding("ctrl+t", "cycle_kind", "Volgende soort", id="meeting.kind", show=False),
        Binding("ctrl+s", "cycle_speaker", "Volgende spreker", id="meeting.speaker", show=False),
        Binding("f5", "edit_notes", "Notities", id="meeting.notes", show=False),
        Binding("ctrl+b", "time_out", "Time-out", id="meeting.time_out", show=False),
        Binding("f9", "own_question", "Eigen vraag", id="meeting.own_question", show=False),
        Binding("f8", "close_meeting", "Afronden", id="meeting.close", show=False),
        # F11 is fullscreen in some terminals; Ctrl+\ reaches every one.
        Binding(
            "f11,ctrl+backslash",
            "room_blackout",
            "Zaal op zwart",
            tooltip="de zaalweergave (bobtui zaal) verbergen of weer tonen",
            id="meeting.room_blackout",
            show=False,
        ),
        # Last: off a narrow footer first; a read-only window (no writing keys) shows them.
        Binding("ctrl+g", "jump", "Ga naar vraag", id="meeting.jump"),
        Binding("escape", "leave", "Naar overzicht", id="meeting.leave"),
    ]

    def __init__(self, session: MeetingSession, generic_prompts: tuple[str, ...]) -> None:
        super().__init__(session)
        self._generic_prompts = generic_prompts
        # Where this screen has moved the meeting: ahead of the snapshot until the next one.
        self._position: Position | None = None
        self._read_only_hint: str | None = None  # over the locked note line, when read-only
        self._room_black = False  # the room view (bobtui zaal) is on black; read on mount
        self._leaving = False  # Esc: the chair is being given up, then the screen goes

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield MeetingPanes(self._generic_prompts, id="panes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._room_black = bool(attempt(self, self.session.room_blacked_out))
        self.set_interval(1, self._show_time)
        self.set_interval(1, self._show_read_only)
        self.request_snapshot()
        self.watch_changes()
        self.restore_draft()
        self.start_pending()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self.refresh_bindings()

    def action_panel(self) -> None:
        """Narrow: open the navigator (with the clock), then the live picture, then neither."""
        if self.has_class("-panel-left"):
            self.set_class(False, "-panel-left")
            self.set_class(True, "-panel-right")
        elif self.has_class("-panel-right"):
            self.set_class(False, "-panel-right")
        else:
            self.set_class(True, "-panel-left")

    # --- showing the snapshot ----------------------------------------------------------------

    def show_snapshot(self, current: bool) -> None:
        assert self.snapshot is not None
        if current:  # read after this screen's last move, so it knows where the meeting is
            self._position = self.snapshot.position
        case_code = printable(self.snapshot.meeting.case_code)
        self.sub_title = f"{case_code} · {printable(self.session.question_set.title)}"
        if self._room_black:
            self.sub_title += " · ZAAL OP ZWART"
        self._show_view()
        self._show_saving()
        if self.focused is None:  # the first snapshot is on screen: ready for the chair
            self.query_one(NoteEditor).focus()
            self.call_after_refresh(_keep_out_of_collections)

    def _view(self) -> MeetingSnapshot | None:
        """The latest snapshot with this screen's position, which a move makes newer at once
        (the question set comes along: an own question is such a move)."""
        if self.snapshot is None:
            return None
        return replace(
            self.snapshot, position=self._position, question_set=self.session.question_set
        )

    def _show_view(self) -> None:
        view = self._view()
        if view is None:
            return
        self.query_one(MeetingPanes).show(view)
        self._show_time()
        self._show_read_only()
        self.refresh_bindings()

    def _show_read_only(self) -> None:
        """Lock the note line and hide the keys that write once this window only looks on:
        opened so, taken over by another window, or refused a change (checked every second)."""
        if self.snapshot is None:
            return  # the first snapshot says who chairs
        chair = self.snapshot.chair
        hint = None
        if self.session.is_read_only():
            hint = "Alleen-lezen: niemand zit dit overleg nu voor."
            if chair is not None and not chair.this_session:
                since = chair.since.astimezone()
                hint = f"Alleen-lezen: {chair.description} zit voor sinds {since:%H:%M}."
            hint += " Voorzitten: Esc en het overleg opnieuw openen."
        if hint == self._read_only_hint:
            return
        became = self._read_only_hint is None
        self._read_only_hint = hint
        self.query_one(NoteLine).show_read_only(hint)
        self.refresh_bindings()
        if became and (chair is None or chair.this_session):
            self.request_snapshot()  # read before the chair was lost: who holds it now?

    def _show_time(self) -> dict[Phase, timedelta] | None:
        """The clock and the phase lines, counted on from the snapshot (every second)."""
        view = self._view()
        if self.snapshot is None or view is None:
            return None
        spent = time_spent_at(self.snapshot, self.session.now())
        self.query_one(MeetingPanes).show_time(view, spent)
        return spent

    # --- forms and lists ---------------------------------------------------------------------

    def action_parked(self) -> None:
        """Work through the parkeerplaats: a decision per idea, or let it go."""

        def chosen(choice: tuple[str, ParkedIdeaRecord] | None) -> None:
            if choice is None:
                self.query_one(NoteEditor).focus()
                return
            outcome, idea = choice
            if outcome == "vervallen":
                write(self, partial(self.session.drop_parked_idea, idea.id), self._changed)
            else:
                self.app.push_screen(DecisionScreen(self.session, parked=idea), self._changed)

        self.app.push_screen(ParkedScreen(self.session), chosen)

    def action_edit_notes(self) -> None:
        """Correct, re-kind or delete the notes on the current question."""
        if self._position is not None:
            question_id = self._position.question.id
            self.app.push_screen(NotesScreen(self.session, question_id), self._changed)

    def action_record(self, form: str) -> None:
        """Open the form for a score, a judgement or a decision; show what it saved."""

        def saved(result: Saved[Any] | None) -> None:
            if result is not None:
                self._warn(result)
                self.request_snapshot()
            self.query_one(NoteEditor).focus()

        self.app.push_screen(_FORMS[form](self.session), saved)

    def action_room_blackout(self) -> None:
        """Hide the room view's content (a sensitive point), or show it again."""
        on = not self._room_black

        def switched(_: None) -> None:
            self._room_black = on
            self.notify(
                "De zaal ziet nu een zwart scherm." if on else "De zaal ziet het beeld weer."
            )
            self.request_snapshot()

        write(self, partial(self.session.black_out_room, on), switched)

    def action_chain_care(self) -> None:
        """Choose the phase of gefaseerde ketenzorg: a judgement, so from oordeelsvorming on."""
        choose_chain_care_phase(self, self.session, self._changed)

    # --- pauses and the end ------------------------------------------------------------------

    def action_time_out(self) -> None:
        """Stop the clock for a pause; once recorded, the pause screen shows until it ends."""

        def ended(_: None) -> None:
            write(self, self.session.end_time_out, self._changed)

        def started(_: None) -> None:
            self.request_snapshot()
            self.app.push_screen(TimeOutScreen(), ended)

        write(self, self.session.start_time_out, started)

    def action_close_meeting(self) -> None:
        """The closing review; once closed, :meth:`_show_closed` takes this screen's place."""

        def reviewed(closed: bool | None) -> None:
            if closed:
                self._show_closed()
            else:
                self._changed()

        if self.pending:  # the summary would miss them
            self.notify(
                "Er wachten nog notities op opslaan; rond af zodra ze zijn opgeslagen (F12).",
                severity="warning",
            )
            return
        self.app.push_screen(CloseScreen(self.session), reviewed)

    def _show_closed(self) -> None:
        """What follows a closed meeting: the summary preview."""
        self.app.switch_screen(SummaryScreen(self.session))

    def action_leave(self) -> None:
        """Back to the list, once the clock is stopped and the chair given up (after every
        change asked for before: those need the chair); refused, the screen goes all the same."""
        if self._leaving:
            return
        self.leave_with_draft()
        if self.saving_problem():  # else they are on their way, and saved on opening at worst
            self.notify(
                "Er wachten nog notities op deze computer; ze worden opgeslagen zodra je dit "
                "overleg weer opent.",
                severity="warning",
                timeout=10,
            )
        if not self.session.holds_chair():
            self.dismiss()
            return
        self._leaving = True
        self.refresh_bindings()

        def left(refused: BobError | None) -> None:
            if refused is not None:
                self.notify(str(refused), severity="error")
            self.dismiss()

        write(self, self._give_up_chair, left, left)

    def _give_up_chair(self) -> None:
        try:
            self.session.suspend()
        finally:  # a clock that could not be stopped is no reason to keep the chair
            self.session.release_chair()

    def on_unmount(self) -> None:
        gc.unfreeze()  # this meeting's objects may go now
        # The draft first: once the chair is released this window counts as read-only.
        if not getattr(self, "_draft_done", False):
            self.leave_with_draft()
        if self.session.holds_chair():  # quitting from the meeting: let the next window in
            writer_of(self).after_writes(self.session.release_chair)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows what works now, judged from the position and the latest snapshot."""
        position = self._position
        if self._leaving:
            return False
        if position is None:
            return action == "leave"
        if action in _WRITES and self.session.is_read_only():
            return False
        if self.session.takes_notes_only and action not in NOTE_TAKER_ACTIONS:
            return False
        phase_questions = self.session.question_set.phase(position.phase).questions()
        questions = [q.id for q in phase_questions]
        index = questions.index(position.question.id)
        if action == "next_question":
            return index < len(questions) - 1
        if action == "previous_question":
            return index > 0
        if action == "next_phase":
            return position.phase is not PHASE_ORDER[-1]
        if action == "mark_discussed":
            coverage = self.snapshot.coverage if self.snapshot else {}
            return coverage.get(position.question.id) is not Coverage.BESPROKEN
        if action == "undo_note":
            return bool(self._recorded)
        if action == "panel":
            return self.has_class("-narrow")
        if action == "save_pending":
            return self.saving_problem()
        if action == "chain_care":
            asked = self.session.question_set.chain_care
            return asked and position.phase is not Phase.BEELDVORMING
        if action == "parked":
            open_ideas = self.snapshot.open_parked_ideas if self.snapshot else ()
            return position.phase is Phase.BESLUITVORMING and bool(open_ideas)
        return True


def _keep_out_of_collections() -> None:
    """What lives once a meeting is on screen (app, store, meeting) lives on: out of the
    collector's full passes, which otherwise stall a key's frame 100-200 ms every few seconds
    of typing (make bench). One collection first, so no garbage is kept."""
    gc.collect()
    gc.freeze()
