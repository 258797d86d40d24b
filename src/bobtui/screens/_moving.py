"""Moving through the leidraad on the meeting screen: the next or previous question, a jump,
an own question, the next phase (with a warning for untouched key questions), and marking the
question on screen discussed. A move is recorded by the app's writer, off the event loop and
after the changes asked for before it (``screens/_writes.py``); it shows once recorded, and the
snapshot asked for then brings its marks. Until then notes are filed where the screen still is."""

from functools import partial

from bobtui.core.domain.vocabulary import Coverage
from bobtui.core.session import MeetingSnapshot, Position
from bobtui.screens._note_taking import NoteTakingScreen
from bobtui.screens._writes import write
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.jump import JumpScreen
from bobtui.widgets.navigator import MARKS
from bobtui.widgets.note_editor import NoteEditor


class QuestionMovingScreen(NoteTakingScreen):
    """The moves; the meeting screen shows where they lead."""

    def _view(self) -> MeetingSnapshot | None:
        raise NotImplementedError

    def _show_view(self) -> None:
        raise NotImplementedError

    def _move(self, position: Position | None) -> None:
        """Show ``position``, recorded; the snapshot asked for brings the marks it changed."""
        if position is not None:
            self._position = position
            self._show_view()
            self.request_snapshot()

    def action_next_question(self) -> None:
        write(self, self.session.next_question, self._move)

    def action_previous_question(self) -> None:
        write(self, self.session.previous_question, self._move)

    def action_own_question(self) -> None:
        """Add the text on the note line as a question of the current theme, and go to it."""
        self.send_line_text(
            self.session.add_own_question, self._move, "Typ de vraag eerst op de notitieregel."
        )

    def action_jump(self) -> None:
        """Type a few words of a question of this phase and jump to it."""
        view = self._view()
        if view is None or view.position is None:
            return
        questions = list(view.question_set.phase(view.position.phase).questions())
        marks = {q.id: MARKS[view.coverage.get(q.id, Coverage.NOG_NIET)] for q in questions}

        def chosen(question_id: str | None) -> None:
            if question_id:
                write(self, partial(self.session.go_to_question, question_id), self._move)
            self.query_one(NoteEditor).focus()

        self.app.push_screen(JumpScreen(questions, marks), chosen)

    def action_mark_discussed(self) -> None:
        """Count the question on screen as discussed, though nothing was recorded on it."""
        if self._position is None:
            return

        def marked(_: None) -> None:
            self.notify("Deze vraag telt als besproken.")
            self.request_snapshot()

        question_id = self._position.question.id
        write(self, partial(self.session.mark_question, question_id, Coverage.BESPROKEN), marked)

    def action_next_phase(self) -> None:
        warnings = self.session.leaving_phase_warnings()
        if not warnings:
            write(self, self.session.next_phase, self._move)
            return

        def answered(go_on: bool | None) -> None:
            if go_on:
                write(self, self.session.next_phase, self._move)
            self.query_one(NoteEditor).focus()

        phase = self._position.phase.label if self._position else ""
        self.app.push_screen(
            ConfirmScreen(f"{phase} afronden?", warnings, "Toch naar de volgende fase?"),
            answered,
        )
