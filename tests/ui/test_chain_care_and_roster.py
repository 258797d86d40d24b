"""The phase of gefaseerde ketenzorg with one key (meeting screen and closing review), and the
next meeting's setup proposing last meeting's roster, driven with Textual's Pilot."""

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import DataTable, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import ChainCarePhase, Domain, Phase, Presence
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.chain_care import ChainCareScreen
from bobtui.screens.close import CloseScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.widgets.live_picture import LivePicture
from tests.ui.test_meeting_screen import open_meeting_screen, open_setup, planned, until

__all__ = ["planned"]  # the fixture, shared with the meeting screen's tests


def _shown(widget: Static) -> str:
    return str(widget.render())


async def test_chain_care_phase_is_set_with_ctrl_k_over_the_note_line(
    planned: tuple[str, int],
) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        picture = screen.query_one(LivePicture)
        assert "nog niet vastgesteld" in _shown(picture)

        await pilot.press("ctrl+k")  # beeldvorming: the picture forms first, no judging yet
        await pilot.pause(0.2)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(
            pilot, lambda: session.position().phase is Phase.OORDEELSVORMING, "oordeelsvorming"
        )
        assert screen.focused is screen.query_one("#note-editor")  # typing a note, then ctrl+k
        await pilot.press(*"Ruzies", "ctrl+k")
        await until(pilot, lambda: isinstance(app.screen, ChainCareScreen), "the phase choice")
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back to the meeting")
        assert session.meeting().chain_care_phase is ChainCarePhase.RISICOGESTUURDE_ZORG
        await until(pilot, lambda: "Risicogestuurde zorg" in _shown(picture), "the new phase")
        assert screen.query_one("#note-editor").text == "Ruzies"  # the line kept its text
        palette = [b.binding.description for b in screen.active_bindings.values()]
        assert "Fase ketenzorg" in palette  # a footer key, so also a palette command

        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        review = app.screen.query_one("#review", Static)
        assert "risicogestuurde zorg (ctrl+k: kiezen)" in _shown(review)
        await pilot.press("ctrl+k")  # over the evaluation field, which has the focus
        await until(pilot, lambda: isinstance(app.screen, ChainCareScreen), "the phase choice")
        await pilot.press("down", "enter")  # from the current phase to the next
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the review again")
        assert session.meeting().chain_care_phase is ChainCarePhase.HERSTEL
        assert "herstel (ctrl+k: kiezen)" in _shown(app.screen.query_one("#review", Static))
        await pilot.press("ctrl+k", "escape")  # leaving the choice changes nothing
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the review")
        assert session.meeting().chain_care_phase is ChainCarePhase.HERSTEL


async def test_closing_review_asks_for_an_unset_phase(planned: tuple[str, int]) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_meeting_screen(pilot, app)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        review = _shown(app.screen.query_one("#review", Static))
        assert "De fase van gefaseerde ketenzorg is niet vastgesteld." in review
        assert "niet vastgesteld (ctrl+k: kiezen)" in review


def _earlier_meeting_with_roster(url: str) -> None:
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    earlier = MeetingSession.create(
        store, question_set, case_code="ZVH-12", held_on=date.today() - timedelta(days=21)
    ).item
    earlier.add_participant("Moeder", is_client=True, presence=Presence.AFWEZIG)
    earlier.add_participant("Wijkagent", organisation="Politie", domain=Domain.STRAF)
    earlier.start()
    earlier.next_phase()
    earlier.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
    earlier.next_phase()
    earlier.set_evaluation(evaluation_date=date.today() + timedelta(days=1))
    earlier.close()
    store.dispose()


async def test_setup_proposes_last_meetings_roster_and_phase(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "next.sqlite3")
    _earlier_meeting_with_roster(url)
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        setup = await open_setup(pilot, app, "n")
        proposal = setup.query_one("#roster-proposal", Static)
        assert not proposal.display  # no case code yet: nothing to propose
        await pilot.press(*"ZVH-12", "enter")
        await until(pilot, lambda: setup.session is not None, "the new meeting")
        await until(pilot, lambda: proposal.display, "the proposal")
        assert "Moeder, Wijkagent (Politie)" in _shown(proposal)
        assert "ctrl+o" in _shown(proposal)
        roster = setup.query_one("#participants", DataTable)
        assert roster.row_count == 0  # proposed, not added behind the chair's back

        await pilot.press("ctrl+o")
        await until(pilot, lambda: roster.row_count == 2, "the roster taken over")
        assert not proposal.display
        assert setup.focused is roster
        await pilot.press("down", "delete")  # the wijkagent is not coming this time
        await until(pilot, lambda: roster.row_count == 1, "one removed")
        session = setup.session
        assert session is not None
        (mother,) = session.participants()
        assert (mother.name, mother.is_client, mother.presence) == (
            "Moeder",
            True,
            Presence.AANWEZIG,
        )
        assert session.meeting().chain_care_phase is ChainCarePhase.VEILIGHEID
        assert session.chain_care_phase_carried()

        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        picture = app.screen.query_one(LivePicture)
        await until(
            pilot, lambda: "voorstel uit het vorige overleg" in _shown(picture), "the proposal"
        )
        assert "Veiligheid" in _shown(picture)
