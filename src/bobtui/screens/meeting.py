"""Facilitation: chair the meeting question by question, with notes saved as they are said.

Left the BOB navigator and the clock, centre the current question and the note line, right the
live picture. Every note is saved (committed) the moment Enter is pressed.
"""

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import NoteRecord, ParkedIdeaRecord, ParticipantRecord, Saved
from bobtui.core.domain.vocabulary import PHASE_ORDER, Audience, Coverage, NoteKind, Phase, Presence
from bobtui.core.questions.sets import Question
from bobtui.core.session import MeetingSession, Position
from bobtui.core.session.attention import MeetingFacts, attention_flags
from bobtui.screens._errors import attempt
from bobtui.screens.close import CloseScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.decision import DecisionScreen
from bobtui.screens.form import MeetingFormScreen
from bobtui.screens.judgement import JudgementScreen
from bobtui.screens.jump import JumpScreen
from bobtui.screens.notes import NotesScreen
from bobtui.screens.parked import ParkedScreen
from bobtui.screens.score import ScoreScreen
from bobtui.screens.summary import SummaryScreen
from bobtui.screens.time_out import TimeOutScreen
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from bobtui.core.training.cases import PracticeCase

_MARKS = {Coverage.NOG_NIET: "·", Coverage.BESPROKEN: "✓", Coverage.OVERGESLAGEN: "–"}
_AUDIENCE = {
    Audience.IEDEREEN: "aan iedereen",
    Audience.CLIENT: "aan cliënt",
    Audience.KINDPERSPECTIEF: "kindperspectief",
    Audience.PARTNER: "aan partner",
}


def _minutes(duration: timedelta) -> str:
    total = int(duration.total_seconds())
    return f"{total // 60}:{total % 60:02d}"


class MeetingScreen(Screen[None]):
    """The main screen of a running meeting."""

    CSS_PATH = "meeting.tcss"
    BINDINGS = [
        Binding("ctrl+n,ctrl+down", "next_question", "Volgende vraag", id="meeting.next"),
        Binding("ctrl+r,ctrl+up", "previous_question", "Vorige vraag", id="meeting.previous"),
        Binding("ctrl+g", "jump", "Ga naar vraag", id="meeting.jump"),
        Binding("ctrl+f", "next_phase", "Volgende fase", id="meeting.next_phase"),
        Binding("ctrl+t", "cycle_kind", "Soort", id="meeting.kind"),
        Binding("ctrl+l", "toggle_confidential", "Vertrouwelijk", id="meeting.confidential"),
        Binding("ctrl+s", "cycle_speaker", "Wie", id="meeting.speaker"),
        Binding("ctrl+o", "undo_note", "Ongedaan", id="meeting.undo"),
        Binding("f5", "edit_notes", "Notities", id="meeting.notes"),
        Binding("f2", "record('score')", "Score", id="meeting.score"),
        Binding("f3", "record('judgement')", "Oordeel", id="meeting.judgement"),
        Binding("f4", "record('decision')", "Besluit", id="meeting.decision"),
        # Priority: the note line (a TextArea) has its own use for F6 and F7.
        Binding("f6", "park", "Parkeren", id="meeting.park", priority=True),
        Binding("f7", "parked", "Parkeerplaats", id="meeting.parked", priority=True),
        Binding("ctrl+b", "time_out", "Time-out", id="meeting.time_out"),
        Binding("f8", "close_meeting", "Afronden", id="meeting.close"),
        Binding("f9", "own_question", "Eigen vraag", id="meeting.own_question"),
        Binding("escape", "leave", "Naar overzicht", id="meeting.leave"),
    ]

    def __init__(
        self,
        session: MeetingSession,
        generic_prompts: tuple[str, ...],
        practice_case: "PracticeCase | None" = None,
    ) -> None:
        super().__init__()
        self.session = session
        self._generic_prompts = generic_prompts
        self._position: Position | None = session.position()
        self._participants: list[ParticipantRecord] = session.participants()
        self._kind = NoteKind.FEIT
        self._confidential = False  # for the next note only
        self._speaker: ParticipantRecord | None = None
        self._recorded: list[int] = []  # notes saved on this screen, for undo
        self._open_parked = 0  # kept by _refresh_picture; the footer asks on every refresh
        self._question_nodes: dict[str, TreeNode[str]] = {}
        self._phase_nodes: dict[Phase, TreeNode[str]] = {}
        self.practice_case = practice_case
        self._events_shown = set(session.practice_events_shown()) if practice_case else set()

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        meeting = self.session.meeting()
        yield TitleBar()
        if self.practice_case is not None:
            yield Static(
                f"OEFENING — {self.practice_case.title}. Fictief; komt nooit in echte lijsten.",
                id="practice-banner",
            )
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static(id="clock")
                yield Tree[str](f"{meeting.case_code}", id="navigator")
            with Vertical(id="centre"):
                yield Static(id="question-meta")
                yield Static(id="question-text")
                yield Static(id="question-help")
                with VerticalScroll(id="question-notes"):
                    yield Static(id="notes")
                yield Static(id="note-bar")
                yield NoteEditor(id="note-editor")
            with VerticalScroll(id="right"):
                yield Static(id="picture")
        yield Footer()

    def on_mount(self) -> None:
        meeting = self.session.meeting()
        self.sub_title = f"{meeting.case_code} · {self.session.question_set.title}"
        self.query_one("#navigator", Tree).show_root = False
        self._build_navigator()
        self._refresh_all()
        self.set_interval(1, self._refresh_clock)
        self.query_one(NoteEditor).focus()

    def _build_navigator(self) -> None:
        """Phases, themes and questions (the chair's own included) as a tree."""
        tree = self.query_one("#navigator", Tree)
        tree.clear()
        self._phase_nodes.clear()
        self._question_nodes.clear()
        for guide in self.session.question_set.phases:
            phase_node = tree.root.add(guide.phase.label, expand=True)
            self._phase_nodes[guide.phase] = phase_node
            for theme in guide.themes:
                theme_node = phase_node.add(theme.title, expand=True)
                for question in theme.questions:
                    self._question_nodes[question.id] = theme_node.add_leaf("", data=question.id)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # --- rendering ---------------------------------------------------------------------------

    def _refresh_all(self) -> None:
        self._refresh_navigator()
        self._refresh_content()
        self._refresh_note_bar()
        self._refresh_clock()
        self.refresh_bindings()

    def _refresh_navigator(self) -> None:
        coverage = self.session.coverage()
        current = self._position.question.id if self._position else None
        for question in self.session.question_set.all_questions():
            mark = "▶" if question.id == current else _MARKS[coverage[question.id]]
            core = "*" if question.core else " "
            text = question.text if len(question.text) < 40 else question.text[:39] + "…"
            self._question_nodes[question.id].set_label(f"{mark}{core}{text}")
        if self._position is not None:
            # The current phase open, the others folded to their line with the time spent.
            for phase, node in self._phase_nodes.items():
                if phase is self._position.phase:
                    node.expand()
                else:
                    node.collapse()
            # Tree lines are laid out on the next refresh; move the cursor after it.
            self.call_after_refresh(self._show_current_question)

    def _show_current_question(self) -> None:
        if self._position is not None:
            node = self._question_nodes[self._position.question.id]
            self.query_one("#navigator", Tree).move_cursor(node, animate=False)

    def _refresh_clock(self) -> None:
        spent = self.session.time_spent()
        parts = []
        for guide in self.session.question_set.phases:
            used = _minutes(spent[guide.phase])
            active = self._position is not None and guide.phase is self._position.phase
            label = f"{guide.phase.label} {used} / {guide.timebox_minutes}:00"
            parts.append(f"[b]{label}[/b]" if active else label)
            over = spent[guide.phase] > timedelta(minutes=guide.timebox_minutes)
            self._phase_nodes[guide.phase].set_label(
                f"{guide.phase.label} ({used}{' !' if over else ''})"
            )
        pause = "  [reverse] TIME-OUT [/reverse]" if self.session.in_time_out() else ""
        elapsed = sum(spent.values(), timedelta())
        self.query_one("#clock", Static).update(
            f"Overleg {_minutes(elapsed)}{pause}\n" + "\n".join(parts)
        )
        if self.practice_case is not None:
            self._show_due_event(elapsed)

    def _show_due_event(self, elapsed: timedelta) -> None:
        """Pop up the practice case's next event once the meeting clock reaches its minute."""
        from bobtui.screens.practice_event import PracticeEventScreen

        assert self.practice_case is not None
        if self.app.screen is not self:  # a form or a pause is open: the event waits for it
            return
        for index, event in enumerate(self.practice_case.events):
            if index not in self._events_shown and elapsed >= timedelta(minutes=event.minute):
                self._events_shown.add(index)
                attempt(self, partial(self.session.mark_practice_event_shown, index))
                self.app.push_screen(PracticeEventScreen(event))
                return

    def _refresh_content(self) -> None:
        """The centre and the right pane, from one read of the notes."""
        notes = self.session.notes()
        self._refresh_question(notes)
        self._refresh_picture(notes)

    def _refresh_question(self, notes: list[NoteRecord]) -> None:
        if self._position is None:
            return
        question: Question = self._position.question
        theme = self.session.question_set.theme_of(question.id).title
        audience = _AUDIENCE[question.audience]
        if question.partner_role:
            audience = f"aan {question.partner_role}"
        core = " · kernvraag" if question.core else ""
        self.query_one("#question-meta", Static).update(
            f"{self._position.phase.label} › {escape(theme)} · {audience}{core}"
        )
        self.query_one("#question-text", Static).update(escape(question.text))
        help_lines = [f"› {escape(prompt)}" for prompt in question.doorvragen]
        if question.hint:
            help_lines.append(f"[i]Tip: {escape(question.hint)}[/i]")
        if self._generic_prompts:
            help_lines.append(
                f"[dim]Doorvragen: {escape(' · '.join(self._generic_prompts[:4]))}[/dim]"
            )
        self.query_one("#question-help", Static).update("\n".join(help_lines))
        names = {p.id: p.name for p in self._participants}
        lines = [
            f"[b]{note.kind.value}[/b] {escape(note.text)}"
            + (" [reverse] vertrouwelijk [/reverse]" if note.confidential else "")
            + (
                f" [dim]— {escape(names.get(note.participant_id, ''))}[/dim]"
                if note.participant_id
                else ""
            )
            for note in notes
            if note.question_id == question.id
        ]
        self.query_one("#notes", Static).update(
            "\n".join(lines) or "[dim]Nog geen notities bij deze vraag.[/dim]"
        )

    def _refresh_note_bar(self) -> None:
        speaker = self._speaker.name if self._speaker else "—"
        self.query_one("#note-bar", Static).update(
            f"Soort: [b]{self._kind.value}[/b] (ctrl+t)   Wie: [b]{escape(speaker)}[/b] (ctrl+s)"
            + ("   [reverse] vertrouwelijk [/reverse] (ctrl+l)" if self._confidential else "")
            + "   Enter slaat op"
        )

    def _refresh_picture(self, notes: list[NoteRecord]) -> None:
        session = self.session
        lines = ["[b]Veiligheidsscores[/b]"]
        lines += [f"  {escape(s.respondent)}: {s.score}/10" for s in session.safety_scores()] or [
            "  [dim]nog geen[/dim]"
        ]
        lines += ["", "[b]Oordelen[/b]"]
        lines += [f"  {j.kind.value}: {escape(j.text)}" for j in session.judgements()] or [
            "  [dim]nog geen[/dim]"
        ]
        decisions = session.decisions()
        lines += ["", "[b]Besluiten[/b]"]
        lines += [
            f"  {escape(d.action)} — {escape(d.owner_person)} ({escape(d.owner_organisation)}),"
            f" {d.deadline:%d-%m}"
            for d in decisions
        ] or ["  [dim]nog geen[/dim]"]
        parked = session.open_parked_ideas()
        self._open_parked = len(parked)
        if parked:
            lines += ["", f"[b]Parkeerplaats ({len(parked)})[/b]"]
            lines += [f"  {escape(idea.text)}" for idea in parked]
        carried = session.carried_over()
        if carried:
            lines += ["", "[b]Acties vorig overleg[/b]"]
            lines += [
                f"  {escape(c.decision.action)}: {c.review.status.value if c.review else 'open'}"
                for c in carried
            ]
        present = [p for p in self._participants if p.presence is not Presence.AFWEZIG]
        lines += ["", f"[b]Aanwezig ({len(present)})[/b]"]
        lines += [
            f"  {escape(p.name)}" + (f" · {escape(p.organisation)}" if p.organisation else "")
            for p in present
        ]
        flags = attention_flags(
            MeetingFacts(session.question_set, self._participants, notes, decisions)
        )
        if flags:
            lines += ["", "[b]Let op[/b]"] + [
                f"  [reverse] ! [/reverse] {escape(f)}" for f in flags
            ]
        self.query_one("#picture", Static).update("\n".join(lines))

    # --- notes -------------------------------------------------------------------------------

    @on(NoteEditor.Submitted)
    def _save_note(self, event: NoteEditor.Submitted) -> None:
        speaker_id = self._speaker.id if self._speaker else None
        try:
            saved = self.session.record_note(
                self._kind, event.text, participant_id=speaker_id, confidential=self._confidential
            )
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.query_one(NoteEditor).clear()
        self._recorded.append(saved.item.id)
        if self._confidential:
            self._confidential = False
            self._refresh_note_bar()
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=8)
        self._refresh_content()
        self._refresh_navigator()
        self.refresh_bindings()

    def action_toggle_confidential(self) -> None:
        """Mark the next note confidential: it stays out of exports unless included on purpose."""
        self._confidential = not self._confidential
        self._refresh_note_bar()

    def action_cycle_kind(self) -> None:
        kinds = list(NoteKind)
        self._kind = kinds[(kinds.index(self._kind) + 1) % len(kinds)]
        self._refresh_note_bar()

    def action_cycle_speaker(self) -> None:
        choices: list[ParticipantRecord | None] = [None, *self._participants]
        self._speaker = choices[(choices.index(self._speaker) + 1) % len(choices)]
        self._refresh_note_bar()

    def action_park(self) -> None:
        """Park the idea on the note line (with who proposed it) for besluitvorming."""
        editor = self.query_one(NoteEditor)
        speaker_id = self._speaker.id if self._speaker else None
        try:
            saved = self.session.park_idea(editor.text, participant_id=speaker_id)
        except BobError as error:
            self.notify(f"{error} Typ het idee eerst op de notitieregel.", severity="warning")
            return
        editor.clear()
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=8)
        self.notify("Geparkeerd; het komt terug in besluitvorming.")
        self._refresh_content()
        self.refresh_bindings()

    def action_own_question(self) -> None:
        """Add the text on the note line as a question of the current theme, and go to it."""
        editor = self.query_one(NoteEditor)
        try:
            position = self.session.add_own_question(editor.text)
        except BobError as error:
            self.notify(f"{error} Typ de vraag eerst op de notitieregel.", severity="warning")
            return
        editor.clear()
        self._build_navigator()
        self._move(position)

    def action_parked(self) -> None:
        """Work through the parkeerplaats: a decision per idea, or let it go."""

        def chosen(choice: tuple[str, ParkedIdeaRecord] | None) -> None:
            if choice is None:
                self.query_one(NoteEditor).focus()
                return
            outcome, idea = choice
            if outcome == "vervallen":
                attempt(self, partial(self.session.drop_parked_idea, idea.id))
                self._refresh_content()
                self.refresh_bindings()
                self.query_one(NoteEditor).focus()
            else:
                self.app.push_screen(
                    DecisionScreen(self.session, parked=idea), lambda _: self._after_form()
                )

        self.app.push_screen(ParkedScreen(self.session), chosen)

    def _after_form(self) -> None:
        self._refresh_content()
        self.refresh_bindings()
        self.query_one(NoteEditor).focus()

    def action_edit_notes(self) -> None:
        """Correct, re-kind or delete the notes on the current question."""
        if self._position is None:
            return

        def done(_: None) -> None:
            self._refresh_content()
            self._refresh_navigator()
            self.query_one(NoteEditor).focus()

        self.app.push_screen(NotesScreen(self.session, self._position.question.id), done)

    def action_undo_note(self) -> None:
        if not self._recorded:
            return
        note_id = self._recorded.pop()
        try:
            self.session.delete_note(note_id)
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.notify("Laatste notitie verwijderd.")
        self._refresh_content()
        self.refresh_bindings()

    def action_record(self, form: str) -> None:
        """Open the form for a score, a judgement or a decision; show what it saved."""
        forms: dict[str, type[MeetingFormScreen[Any]]] = {
            "score": ScoreScreen,
            "judgement": JudgementScreen,
            "decision": DecisionScreen,
        }

        def saved(result: Saved[Any] | None) -> None:
            if result is not None:
                for warning in result.warnings:
                    self.notify(warning, severity="warning", timeout=8)
                self._refresh_content()
            self.query_one(NoteEditor).focus()

        self.app.push_screen(forms[form](self.session), saved)

    # --- moving ------------------------------------------------------------------------------

    def _move(self, position: Position | None) -> None:
        if position is not None:
            self._position = position
            self._refresh_all()

    def action_next_question(self) -> None:
        self._move(attempt(self, self.session.next_question))

    def action_previous_question(self) -> None:
        self._move(attempt(self, self.session.previous_question))

    def action_jump(self) -> None:
        """Type a few words of a question of this phase and jump to it."""
        if self._position is None:
            return
        coverage = self.session.coverage()
        questions = list(self.session.question_set.phase(self._position.phase).questions())
        marks = {q.id: _MARKS[coverage[q.id]] for q in questions}

        def chosen(question_id: str | None) -> None:
            if question_id:
                self._move(attempt(self, partial(self.session.go_to_question, question_id)))
            self.query_one(NoteEditor).focus()

        self.app.push_screen(JumpScreen(questions, marks), chosen)

    def action_next_phase(self) -> None:
        warnings = self.session.leaving_phase_warnings()
        if not warnings:
            self._move(attempt(self, self.session.next_phase))
            return

        def answered(go_on: bool | None) -> None:
            if go_on:
                self._move(attempt(self, self.session.next_phase))
            self.query_one(NoteEditor).focus()

        phase = self._position.phase.label if self._position else ""
        self.app.push_screen(
            ConfirmScreen(f"{phase} afronden?", warnings, "Toch naar de volgende fase?"),
            answered,
        )

    def action_time_out(self) -> None:
        try:
            self.session.start_time_out()
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self._refresh_clock()

        def ended(_: None) -> None:
            attempt(self, self.session.end_time_out)
            self._refresh_clock()
            self.query_one(NoteEditor).focus()

        self.app.push_screen(TimeOutScreen(), ended)

    def action_close_meeting(self) -> None:
        """The closing review; once closed, the summary preview takes this screen's place, or
        after a rehearsal the feedback on the chair."""

        def reviewed(closed: bool | None) -> None:
            if closed and self.practice_case is not None:
                from bobtui.core.training.feedback import build_feedback
                from bobtui.screens.feedback import FeedbackScreen

                report = build_feedback(self.session.snapshot(), self.practice_case)
                self.app.switch_screen(FeedbackScreen(report))
            elif closed:
                self.app.switch_screen(SummaryScreen(self.session))
            else:
                self._refresh_all()
                self.query_one(NoteEditor).focus()

        self.app.push_screen(CloseScreen(self.session), reviewed)

    def action_leave(self) -> None:
        attempt(self, self.session.suspend)
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        position = self._position
        if position is None:
            return action == "leave"
        questions = [q.id for q in self.session.question_set.phase(position.phase).questions()]
        index = questions.index(position.question.id)
        if action == "next_question":
            return index < len(questions) - 1
        if action == "previous_question":
            return index > 0
        if action == "next_phase":
            return position.phase is not PHASE_ORDER[-1]
        if action == "undo_note":
            return bool(self._recorded)
        if action == "parked":
            return position.phase is Phase.BESLUITVORMING and self._open_parked > 0
        return True
