"""The boxes of the room view: one per kind of note, the safety scores, the decisions and the
parkeerplaats, each rendered from the room's picture (``core/session/room.py``), which has no
confidential note in it. Meant to be read from the back row: one item a line, no ornaments."""

from collections.abc import Sequence
from datetime import timedelta

from rich.text import Text
from textual.widgets import Static

from bobtui.core.domain.records import NoteRecord
from bobtui.core.domain.vocabulary import NoteKind, Phase
from bobtui.core.session.room import RoomPicture
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.phase_clock import minutes
from bobtui.widgets.text import plain, show_text

_NONE_YET = Text("nog niets", "dim")


def _lines(items: Sequence[Text]) -> Text:
    return Text("\n").join(items) if items else _NONE_YET


def _bullet(*parts: str | Text | tuple[str, str]) -> Text:
    return Text.assemble("• ", *parts)


class RoomBox(Static):
    """One box of the board: a title with a count in the border, the items inside."""

    def show_items(self, title: str, items: Sequence[Text]) -> None:
        self.border_title = f"{title} ({len(items)})" if items else title
        show_text(self, _lines(items))


def note_items(notes: Sequence[NoteRecord]) -> list[Text]:
    return [_bullet(plain(note.text)) for note in notes]


def score_items(snapshot: MeetingSnapshot) -> list[Text]:
    return [
        _bullet(plain(score.respondent), (f"  {score.score}/10", "bold"))
        for score in snapshot.safety_scores
    ]


def decision_items(snapshot: MeetingSnapshot) -> list[Text]:
    return [
        _bullet(
            plain(decision.action),
            Text(" — "),
            plain(f"{decision.owner_person} ({decision.owner_organisation})", "bold"),
            f", {decision.deadline:%d-%m}",
        )
        for decision in snapshot.decisions
    ]


def parked_items(snapshot: MeetingSnapshot) -> list[Text]:
    return [_bullet(plain(idea.text)) for idea in snapshot.open_parked_ideas]


def show_board(boxes: dict[str, RoomBox], picture: RoomPicture) -> None:
    """Fill each box (keyed ``kind-feit`` …, ``scores``, ``decisions``, ``parked``)."""
    snapshot = picture.snapshot
    assert snapshot is not None, "a blacked-out picture has nothing to show"
    for kind in NoteKind:
        boxes[f"kind-{kind.value}"].show_items(kind.label, note_items(picture.notes[kind]))
    boxes["scores"].show_items("Scores", score_items(snapshot))  # fits a box at 80 columns
    boxes["decisions"].show_items("Besluiten", decision_items(snapshot))
    boxes["parked"].show_items("Parkeerplaats", parked_items(snapshot))


def heading(picture: RoomPicture) -> Text:
    """The line above the question: the phase, the case code, a time-out or the end."""
    snapshot = picture.snapshot
    assert snapshot is not None
    position = snapshot.position
    line = Text(position.phase.label.upper() if position else "NOG NIET BEGONNEN", "bold")
    line.append("  ·  ").append_text(plain(snapshot.meeting.case_code))
    if picture.closed:
        line.append("  ").append(" AFGEROND ", "reverse")
    elif snapshot.in_time_out:
        line.append("  ").append(" TIME-OUT ", "reverse")
    return line


def question(picture: RoomPicture) -> Text:
    snapshot = picture.snapshot
    assert snapshot is not None
    if picture.closed:
        return Text("Dit overleg is afgerond.", "bold")
    if snapshot.position is None:
        return Text("Het overleg is nog niet begonnen.", "bold")
    return plain(snapshot.position.question.text, "bold")


def flag_line(picture: RoomPicture) -> Text:
    return Text("   ").join(Text.assemble((" ! ", "reverse"), " ", plain(f)) for f in picture.flags)


def clock_line(picture: RoomPicture, spent: dict[Phase, timedelta]) -> tuple[str, Text]:
    """The current phase's time for the big digits, and beside it its timebox and the meeting's
    time so far."""
    snapshot = picture.snapshot
    assert snapshot is not None
    total = minutes(sum(spent.values(), timedelta()))
    if snapshot.position is None:
        return "0:00", Text(f"overleg {total}")
    phase = snapshot.position.phase
    guide = next(g for g in snapshot.question_set.phases if g.phase is phase)
    over = spent[phase] > timedelta(minutes=guide.timebox_minutes)
    box = Text(f"van {guide.timebox_minutes}:00", "bold reverse" if over else "")
    return minutes(spent[phase]), Text.assemble(box, f"\noverleg {total}")
