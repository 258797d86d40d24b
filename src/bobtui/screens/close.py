"""Closing review: what is still missing, the evaluation date, then close the meeting.

Saving the fields and closing are made by the app's writer, off the event loop and after the
changes asked for before (``screens/_writes.py``). Closing must have succeeded before the screen
goes, so meanwhile it shows "bezig met sluiten…" and takes no keys; refused (a rule, a database
that cannot be reached), it stays, with the fields as typed and the reason.
"""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from bobtui.core.domain.bsn import mask_bsn_like
from bobtui.core.domain.dates import format_date, parse_date
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import MeetingRecord, Saved
from bobtui.core.session import MeetingSession
from bobtui.core.session.attention import BsnFinding, bsn_findings
from bobtui.screens._writes import write
from bobtui.screens.chain_care import choose_chain_care_phase
from bobtui.screens.correct_text import CorrectTextScreen
from bobtui.widgets.text import TextField, plain


def _excerpt(text: str, length: int = 60) -> str:
    """Where the number is, without showing it again in full."""
    shown = " ".join(mask_bsn_like(text).split())
    return shown if len(shown) <= length else shown[: length - 1] + "…"


def _flagged(text: str) -> Text:
    """A line that must be seen to: a reversed '!' before the text."""
    return Text.assemble("  ", (" ! ", "reverse"), " ", plain(text))


@dataclass(frozen=True)
class _Outcome:
    """What a save (and perhaps closing) did: the details saved, and why closing was refused."""

    saved: Saved[MeetingRecord]
    refused: BobError | None = None


class CloseScreen(ModalScreen[bool]):
    """Returns True once the meeting is closed, False when the chair goes back to it."""

    CSS_PATH = "close.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Vastleggen", id="close.save", priority=True),
        Binding("f8", "close_meeting", "Overleg sluiten", id="close.close", priority=True),
        # Not a letter: the fields here take every printable key.
        Binding("ctrl+b", "correct_bsn", "BSN aanpassen", id="close.correct_bsn", priority=True),
        Binding("ctrl+k", "chain_care", "Fase ketenzorg", id="close.chain_care", priority=True),
        Binding("escape", "back", "Terug naar het overleg", id="close.back"),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self._findings: list[BsnFinding] = []
        self._asks_chain_care = False  # set by each review, read by every bindings refresh
        self._busy = False  # a save or closing is on its way

    def compose(self) -> ComposeResult:
        meeting = self.session.meeting()
        self._details_version = meeting.details_version  # what the fields below show
        with VerticalScroll(id="close"):
            yield Static("Overleg afronden", id="close-title")
            yield Static(id="review")
            yield Label("Evaluatiedatum (31-12-2026, 31-12 of +42 dagen)")
            yield TextField(format_date(meeting.evaluation_date), compact=True, id="evaluation")
            yield Label("Volgend overleg")
            yield TextField(format_date(meeting.next_meeting_on), compact=True, id="next-meeting")
            yield Label("Wie informeert de cliënt?")
            yield TextField(meeting.client_informed_by or "", compact=True, id="informed-by")
            yield Static(id="close-error")
            yield Static(
                "[dim]ctrl+s: vastleggen · F8: overleg sluiten · Esc: terug[/dim]",
                id="close-help",
            )

    def on_mount(self) -> None:
        self._show_review()
        self.query_one("#evaluation", Input).focus()

    def _show_review(self) -> None:
        blocking = self.session.closing_problems()
        points = self.session.closing_points()
        lines = [Text("Nodig om te sluiten", "bold")]
        lines += [_flagged(p) for p in blocking] or [Text("  ✓ in orde")]
        lines += [Text(), Text("Om na te lopen", "bold")]
        lines += [Text.assemble("  · ", plain(p)) for p in points] or [Text("  ✓ niets")]
        # The leidraad asks for the phase, or one was set on the case before.
        phase = self.session.meeting().chain_care_phase
        self._asks_chain_care = self.session.question_set.chain_care or phase is not None
        if self._asks_chain_care:
            lines += [
                Text(),
                Text.assemble(
                    ("Fase gefaseerde ketenzorg", "bold"),
                    f": {phase.label.lower() if phase else 'niet vastgesteld'} (ctrl+k: kiezen)",
                ),
            ]
        self._findings = bsn_findings(self.session.snapshot())
        if self._findings:
            lines += [
                Text(),
                Text.assemble(("Nummers die op een BSN lijken", "bold"), " (ctrl+b: aanpassen)"),
            ]
            lines += [_flagged(f"{f.where}: {_excerpt(f.text)}") for f in self._findings]
        self.query_one("#review", Static).update(Text("\n").join(lines))
        self.refresh_bindings()

    def action_save(self) -> None:
        """Save the evaluation fields."""
        self._save(closing=False)

    def action_close_meeting(self) -> None:
        """Save the evaluation fields, then close the meeting; the screen goes once closed."""
        self._save(closing=True)

    def _save(self, *, closing: bool) -> None:
        if self._busy:
            return
        today = self.session.today()
        try:
            evaluation_date = parse_date(self.query_one("#evaluation", Input).value, today)
            next_meeting_on = parse_date(self.query_one("#next-meeting", Input).value, today)
        except BobError as error:
            self._show_error(error)
            return
        informed_by = self.query_one("#informed-by", Input).value
        version = self._details_version

        def change() -> _Outcome:
            saved = self.session.set_evaluation(
                evaluation_date=evaluation_date,
                next_meeting_on=next_meeting_on,
                client_informed_by=informed_by,
                expected_version=version,
            )
            if closing:
                try:
                    self.session.close()
                except BobError as error:  # the fields are saved all the same
                    return _Outcome(saved, error)
            return _Outcome(saved)

        self._show_busy("Bezig met sluiten…" if closing else "Bezig met vastleggen…")
        write(self, change, partial(self._saved, closing), self._refused)

    def _saved(self, closing: bool, outcome: _Outcome) -> None:
        self._details_version = outcome.saved.item.details_version
        if closing and outcome.refused is None:
            self.dismiss(True)
            return
        self._show_busy(None)
        if outcome.refused is not None:
            self._show_error(outcome.refused)
        self._show_review()

    def _refused(self, error: BobError) -> None:
        self._show_busy(None)
        self._show_error(error)

    def _show_busy(self, what: str | None) -> None:
        """``what`` is on its way (keys wait for it), or nothing is (None)."""
        self._busy = what is not None
        self.query_one("#close-error", Static).update(plain(what or "", "dim"))
        self.refresh_bindings()

    def _show_error(self, error: BobError) -> None:
        self.query_one("#close-error", Static).update(plain(str(error), "bold"))

    def action_correct_bsn(self) -> None:
        """Edit the first text with a BSN-like number; the review is made again after."""
        if not self._findings:
            return

        finding = self._findings[0]

        def corrected(saved: object) -> None:
            item = getattr(saved, "item", None)
            if isinstance(item, MeetingRecord) and finding.version == self._details_version:
                self._details_version = item.details_version  # only this window's correction
            self._show_review()
            self.query_one("#evaluation", Input).focus()

        self.app.push_screen(CorrectTextScreen(self.session, finding), corrected)

    def action_chain_care(self) -> None:
        """Set or confirm the phase of gefaseerde ketenzorg; the review is made again after."""

        def done() -> None:
            self._show_review()
            self.query_one("#evaluation", Input).focus()

        choose_chain_care_phase(self, self.session, done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._busy:
            return None  # shown dimmed: the save or closing decides what comes next
        if action == "correct_bsn":
            return bool(self._findings)
        if action == "chain_care":
            return self._asks_chain_care
        return True

    def action_back(self) -> None:
        if not self._busy:
            self.dismiss(False)
