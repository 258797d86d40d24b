"""Moving through the leidraad on the meeting screen: the next or previous question, a jump,
an own question, the next phase (with a warning for untouched key questions), and marking the
question on screen discussed. A move shows at once; the snapshot asked for brings its marks."""

from functools import partial

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.vocabulary import Coverage
from bobtui.core.session import MeetingSnapshot, Position
from bobtui.screens._errors import attempt
from bobtui.screens._note_taking import NoteTakingScreen
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
        """Show ``position`` at once; the snapshot asked for brings the marks it changed."""
        if position is not None:
            self._position = position
            self._show_view()
            self.request_snapshot()

    def action_next_question(self) -> None:
        self._move(attempt(self, self.session.next_question))

    def action_previous_question(self) -> None:
        self._move(attempt(self, self.session.previous_question))

    def action_own_question(self) -> None:
        """Add the text on the note line as a question of the current theme, and go to it."""
        editor = self.query_one(NoteEditor)
        try:
            position = self.session.add_own_question(editor.text)
        except BobError as error:
            self.notify(f"{error} Typ de vraag eerst op de notitieregel.", severity="warning")
            return
        editor.clear()
        self._move(position)

    def action_jump(self) -> None:
        """Type a few words of a question of this phase and jump to it."""
        view = self._view()
        if view is None or view.position is None:
            return
        questions = list(view.question_set.phase(view.position.phase).questions())
        marks = {q.id: MARKS[view.coverage.get(q.id, Coverage.NOG_NIET)] for q in questions}

        def chosen(question_id: str | None) -> None:
            if question_id:
                self._move(attempt(self, partial(self.session.go_to_question, question_id)))
            self.query_one(NoteEditor).focus()

        self.app.push_screen(JumpScreen(questions, marks), chosen)

    def action_mark_discussed(self) -> None:
        """Count the question on screen as discussed, though nothing was recorded on it."""
        if self._position is None:
            return
        try:
            self.session.mark_question(self._position.question.id, Coverage.BESPROKEN)
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.notify("Deze vraag telt als besproken.")
        self.request_snapshot()

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
