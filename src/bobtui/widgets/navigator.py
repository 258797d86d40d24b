"""The BOB navigator: the leidraad's phases, themes and questions (own questions included).

Each question carries its coverage (``·`` not yet, ``✓`` discussed, ``–`` skipped), ``*`` when it
is a key question and ``▶`` when it is on screen. The current phase is open; the others fold to
one line with the time spent in them.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bobtui.core.domain.text import printable
from bobtui.core.domain.vocabulary import Coverage, Phase
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.phase_clock import minutes

if TYPE_CHECKING:
    from bobtui.core.questions.sets import QuestionSet

MARKS = {Coverage.NOG_NIET: "·", Coverage.BESPROKEN: "✓", Coverage.OVERGESLAGEN: "–"}
"""Coverage as one character, here and in the jump list."""
_WIDTH = 40  # a question's label is cut to fit the pane


class Navigator(Tree[str]):
    """The question tree; :meth:`show` marks the questions, :meth:`show_time` the phases."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._built_from: QuestionSet | None = None
        self._phases: dict[Phase, TreeNode[str]] = {}
        self._questions: dict[str, TreeNode[str]] = {}
        # What each node shows: a label set again costs a repaint of its line, so only changes
        # are set (show_time runs every second).
        self._labels: dict[int, str] = {}

    def on_mount(self) -> None:
        self.show_root = False

    def show(self, snapshot: MeetingSnapshot) -> None:
        """Coverage marks and the current question of ``snapshot``, its phase unfolded."""
        self._build_nodes(snapshot.question_set)
        self._set_label(self.root, printable(snapshot.meeting.case_code))
        position = snapshot.position
        current = position.question.id if position else None
        for question in snapshot.question_set.all_questions():
            coverage = snapshot.coverage.get(question.id, Coverage.NOG_NIET)
            mark = "▶" if question.id == current else MARKS[coverage]
            core = "*" if question.core else " "
            text = printable(question.text)
            if len(text) >= _WIDTH:
                text = text[: _WIDTH - 1] + "…"
            self._set_label(self._questions[question.id], f"{mark}{core}{text}")
        if position is None:
            return
        for phase, node in self._phases.items():
            if phase is position.phase and not node.is_expanded:
                node.expand()
            elif phase is not position.phase and node.is_expanded:
                node.collapse()
        # Tree lines are laid out on the next refresh; the cursor can only move after it.
        self.call_after_refresh(self._move_cursor_to, position.question.id)

    def show_time(self, snapshot: MeetingSnapshot, spent: dict[Phase, timedelta]) -> None:
        """Each phase's line with the time spent in it, ``!`` past its timebox."""
        self._build_nodes(snapshot.question_set)
        for guide in snapshot.question_set.phases:
            used = spent[guide.phase]
            over = " !" if used > timedelta(minutes=guide.timebox_minutes) else ""
            self._set_label(
                self._phases[guide.phase], f"{guide.phase.label} ({minutes(used)}{over})"
            )

    def _build_nodes(self, question_set: "QuestionSet") -> None:
        """The nodes for ``question_set``, built again only when it changed (an own question)."""
        if question_set is self._built_from:
            return
        self.clear()
        self._built_from = question_set
        self._phases.clear()
        self._questions.clear()
        self._labels.clear()
        for guide in question_set.phases:
            phase_node = self.root.add(guide.phase.label, expand=True)
            self._phases[guide.phase] = phase_node
            for theme in guide.themes:
                theme_node = phase_node.add(Text(printable(theme.title)), expand=True)
                for question in theme.questions:
                    self._questions[question.id] = theme_node.add_leaf("", data=question.id)

    def _set_label(self, node: TreeNode[str], label: str) -> None:
        if self._labels.get(node.id) != label:
            self._labels[node.id] = label
            node.set_label(Text(label))

    def _move_cursor_to(self, question_id: str) -> None:
        node = self._questions.get(question_id)
        if node is not None:
            self.move_cursor(node, animate=False)
