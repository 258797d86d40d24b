"""The summary of one meeting as it would be exported, with keys to export it."""

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Markdown, Static

from bobtui.core.domain.vocabulary import FINALIZED, MeetingStatus, meeting_state
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.screens._writes import write
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from bobtui.core.documents.export import ExportFormat
    from bobtui.core.documents.profiles import Profile
    from bobtui.core.documents.summary import Summary
    from bobtui.core.session import MeetingSession

_PROFILE_CYCLE = ("volledig", "besluiten")
CLOSED_CONCEPT = meeting_state(MeetingStatus.GESLOTEN, finalized=False)


class SummaryScreen(Screen[None]):
    """A read-only preview of the summary in the chosen profile; keys write it to files."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("m", "export('md')", "Markdown", id="summary.markdown"),
        Binding("h", "export('html')", "HTML", id="summary.html"),
        Binding("w", "export('docx')", "Word", id="summary.docx"),
        Binding("j", "export('json')", "JSON", id="summary.json"),
        Binding("p", "next_profile", "Profiel", id="summary.profile"),
        Binding("v", "toggle_confidential", "Vertrouwelijk", id="summary.confidential"),
        Binding("b", "toggle_mask", "BSN afschermen", id="summary.mask_bsn"),
        Binding("f", "finalize", "Vaststellen", id="summary.finalize"),
        Binding("c", "amend", "Wijzigen", id="summary.amend"),
        Binding("o", "reopen", "Heropenen", id="summary.reopen"),
        Binding("escape", "app.pop_screen", "Terug", id="summary.back"),
    ]

    def __init__(self, session: "MeetingSession", export_folder: Path | None = None) -> None:
        super().__init__()
        self._session = session
        self._export_folder = export_folder or Path.cwd()
        self._profile_name = _PROFILE_CYCLE[0]
        self._include_confidential = False
        self._mask_bsn: bool | None = None  # None: as the settings say
        self._state = ""  # the meeting's state when the summary was last read
        self._amended = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="summary-profile")
        yield Static(id="summary-bsn")
        yield Markdown("Verslag laden…", id="summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.render_summary()

    def _profile(self) -> "Profile":
        from bobtui.core.documents.profiles import choose_profile

        return choose_profile(self._profile_name, include_confidential=self._include_confidential)

    @property
    def mask_bsn(self) -> bool:
        if self._mask_bsn is None:
            return workplace_of(self).settings.mask_bsn
        return self._mask_bsn

    def action_toggle_mask(self) -> None:
        self._mask_bsn = not self.mask_bsn
        self.render_summary()

    def _summary(self) -> "Summary":
        """The meeting as it is now, as the chosen profile and masking export it, with the
        organisation's letterhead (a bad logo file is refused with a BobError)."""
        from bobtui.core.documents.letterhead import letterhead_of
        from bobtui.core.documents.summary import build_summary

        letterhead = letterhead_of(workplace_of(self).settings)
        snapshot = self._session.snapshot()
        return build_summary(
            snapshot, self._profile(), mask_bsn=self.mask_bsn, letterhead=letterhead
        )

    @work(thread=True, exclusive=True)
    def render_summary(self) -> None:
        from bobtui.core.documents.layout import state_label
        from bobtui.core.documents.render import render_markdown
        from bobtui.core.domain.errors import BobError

        profile = self._profile()
        try:
            summary = self._summary()
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        text = render_markdown(summary)
        secret = "opgenomen" if profile.include_confidential else "weggelaten"
        masked = "afgeschermd" if self.mask_bsn else "zichtbaar"
        # Each on a line of its own that fits 80 columns: nothing waits for a re-wrap.
        line = (
            f"Profiel [b]{profile.name}[/b] (p) · vertrouwelijk [b]{secret}[/b] (v) · "
            f"BSN [b]{masked}[/b] (b)"
        )
        found = summary.privacy.bsn_like_numbers
        warning = f"[b reverse] LET OP [/b reverse] {found} BSN-achtige nummers in dit verslag"
        from_worker(
            self,
            self._show_summary,
            line,
            warning if found and not self.mask_bsn else "",
            text,
            state_label(summary.status, concept=summary.concept),
            bool(summary.amendments),
        )

    def _show_summary(
        self, profile_line: str, warning: str, text: str, state: str, amended: bool
    ) -> None:
        self.query_one("#summary-profile", Static).update(profile_line)
        self._show_warning(warning)
        self.query_one(Markdown).update(text)
        self._show_state(state, amended)

    def _show_warning(self, warning: str) -> None:
        shown = self.query_one("#summary-bsn", Static)
        shown.update(warning)
        shown.display = bool(warning)

    def _show_state(self, state: str, amended: bool) -> None:
        self._state, self._amended = state, amended
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Finalize a concept, correct or reopen a finalized record; nothing while running."""
        concept = self._state == CLOSED_CONCEPT
        if action == "finalize":
            return concept
        if action == "amend":  # a reopened record is corrected by amendment too
            return self._state == FINALIZED or (concept and self._amended)
        if action == "reopen":
            return self._state == FINALIZED
        return True

    def action_finalize(self) -> None:
        from bobtui.screens.confirm import ConfirmScreen

        points = [
            "Daarna kan niets meer worden veranderd, behalve met een wijziging na vaststelling "
            "(met een reden), en alleen een coördinator kan het heropenen.",
            "Het verslag is dan geen concept meer.",
        ]
        self.app.push_screen(
            ConfirmScreen("Verslag vaststellen", points, "Vaststellen?"), self._finalized
        )

    def _finalized(self, answer: bool | None) -> None:
        if not answer:
            return

        def finalized(_: object) -> None:
            self.notify("Het verslag is vastgesteld.")
            self.render_summary()

        write(self, self._session.finalize, finalized)

    def action_amend(self) -> None:
        from bobtui.screens.amendment import AmendmentScreen

        self.app.push_screen(AmendmentScreen(self._session), self._changed)

    def action_reopen(self) -> None:
        from bobtui.screens.reopen import ReopenScreen

        self.app.push_screen(ReopenScreen(self._session), self._changed)

    def _changed(self, saved: object) -> None:
        if saved is not None:
            self.render_summary()

    def action_next_profile(self) -> None:
        position = _PROFILE_CYCLE.index(self._profile_name)
        self._profile_name = _PROFILE_CYCLE[(position + 1) % len(_PROFILE_CYCLE)]
        self.render_summary()

    def action_toggle_confidential(self) -> None:
        self._include_confidential = not self._include_confidential
        if self._include_confidential:
            self.notify("Vertrouwelijke notities gaan nu mee in de export.", severity="warning")
        self.render_summary()

    @work(thread=True, group="export")
    def action_export(self, export_format: "ExportFormat") -> None:
        from bobtui.core.batch import audit_export
        from bobtui.core.documents.export import export_to_folder
        from bobtui.core.domain.errors import BobError

        try:
            summary = self._summary()
            meeting = (summary.meeting_id, summary.case_code)
            store = self._session.store
            audit_export(store, [meeting], [export_format], summary.profile, mask_bsn=self.mask_bsn)
            path = export_to_folder(summary, export_format, self._export_folder)
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        from_worker(self.app, self.app.notify, f"Verslag geschreven naar {path}")
