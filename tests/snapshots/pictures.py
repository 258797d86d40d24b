"""What the snapshot tests share: a store of fictional meetings, waiting for a steady screen,
and a camera that pictures the screen on top at each of :data:`SIZES` in one app run.

The store is built from fixed dates and the app runs on a fixed clock, so a picture changes only
when the screen does.
"""

import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytest_textual_snapshot import (
    PseudoApp,
    PseudoConsole,
    SVGImageExtension,
    node_to_report_path,
)
from rich.console import Console
from syrupy import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    Domain,
    JudgementKind,
    Likelihood,
    NoteKind,
)
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from tests.conftest import FakeClock
from tests.ui.test_meeting_screen import until

SIZES: tuple[tuple[int, int], ...] = ((80, 24), (120, 40))
"""Every screen is pictured at the smallest terminal bobtui lays out and at a common one."""

HELD_ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
BSN_LIKE = "111222333"
"""Passes the eleven test, so the close review asks to correct the note that holds it."""


def fixed_clock() -> datetime:
    return NOW


def build_store(path: Path) -> None:
    """Four meetings of one fictional case, each at a different point, in a store at ``path``."""
    url = sqlite_url(path)
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    for code, stage in (("ZVH-GEPLAND", 0), ("ZVH-BEELD", 1), ("ZVH-BESLUIT", 3), ("ZVH-KLAAR", 4)):
        clock = FakeClock()
        session = MeetingSession.create(
            store,
            question_set,
            case_code=code,
            held_on=HELD_ON,
            location="ZVH (fictief)",
            reason="Fictieve casus voor de schermafbeeldingen.",
            clock=clock,
        ).item
        for name, organisation, domain, client in (
            ("Moeder (fictief)", "", None, True),
            ("M. de Boer", "Veilig Thuis", Domain.ZORG, False),
            ("Wijkagent Oost", "Politie", Domain.STRAF, False),
        ):
            session.add_participant(
                name, organisation=organisation, domain=domain, is_client=client
            )
        if stage == 0:
            continue
        mother, safe_home, agent = session.participants()
        session.start()
        clock.advance(5)
        session.record_note(NoteKind.FEIT, "Twee meldingen in een maand.", participant_id=agent.id)
        session.record_note(NoteKind.ZORG, "De kinderen waren thuis.", participant_id=safe_home.id)
        session.next_question()
        clock.advance(10)
        session.record_note(NoteKind.KRACHT, "Moeder zoekt zelf hulp.", participant_id=mother.id)
        session.record_safety_score("Moeder (fictief)", 4, "Als vader in behandeling gaat.")
        session.park_idea("Huisverbod opleggen", participant_id=agent.id)
        if stage >= 3:
            clock.advance(20)
            session.next_phase()
            session.record_judgement(
                JudgementKind.RISICO, "Herhaling van geweld.", likelihood=Likelihood.HOOG
            )
            session.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
            clock.advance(15)
            session.next_phase()
            session.record_note(
                NoteKind.FEIT, f"Dossier van de school: {BSN_LIKE}.", participant_id=safe_home.id
            )
            session.record_decision(
                "Veiligheidsplan opstellen",
                owner_person="M. de Boer",
                owner_organisation="Veilig Thuis",
                deadline=HELD_ON + timedelta(days=14),
            )
        if stage == 4:
            session.drop_parked_idea(session.open_parked_ideas()[0].id)
            session.set_evaluation(evaluation_date=HELD_ON + timedelta(days=42))
            clock.advance(10)
            session.close()
    store.dispose()


async def steady(pilot: Pilot[None]) -> None:
    """Let workers finish and stop cursors blinking, so the picture is the same every run."""
    for _ in range(100):
        await pilot.pause(0.05)
        if not pilot.app.workers._workers:
            break
    for widget in pilot.app.screen.query("TextArea, Input"):
        assert isinstance(widget, TextArea | Input)
        widget.cursor_blink = False
        # TextArea caches its lines by "cursor shown and blinking": turned off while blinked
        # off, the cached line without a cursor would be reused. A style update clears it.
        widget.notify_style_update()
        widget.refresh()
    # A DataTable sizes its columns when its message queue runs empty; on a loaded machine
    # that can come after two frames already agreed (CI once pictured the unsized list).
    for _ in range(100):
        await pilot.pause(0.05)
        if not any(_sizing_pending(table) for table in pilot.app.screen.query(DataTable)):
            break
    # Focus, scrolling into view and repaints lag behind too, longer on a machine running two
    # test processes: wait until the frames of most of a second agree.
    frames: list[str] = []
    for _ in range(60):
        await pilot.pause(0.15)
        frames = [*frames[-4:], pilot.app.export_screenshot()]
        if len(frames) == 5 and len(set(frames)) == 1:
            break


def _sizing_pending(table: DataTable[str]) -> bool:
    return bool(table._require_update_dimensions or table._new_rows or table._updated_cells)


@dataclass
class Camera:
    """Pictures named ``<test>[<scene>-<width>x<height>].svg``, compared with the reviewed ones;
    a test asserts :attr:`failed` empty at its end, so one run checks all its scenes."""

    snapshot: SnapshotAssertion
    request: pytest.FixtureRequest
    failed: list[str] = field(default_factory=list)

    async def shoot(
        self,
        pilot: Pilot[None],
        scene: str,
        keys: Sequence[str] = (),
        ready: Callable[[], object] = lambda: True,
        back: Sequence[str] = ("escape",),
        sizes: Sequence[tuple[int, int]] = SIZES,
    ) -> None:
        """Open a screen with ``keys``, picture it at every size (resized as a user would,
        starting with the size it opened at), then leave it with ``back``."""
        current = (pilot.app.size.width, pilot.app.size.height)
        if current not in sizes:
            await pilot.resize_terminal(*sizes[0])
            current = sizes[0]
        await pilot.press(*keys)
        await until(pilot, ready, scene)
        for width, height in sorted(sizes, key=lambda size: size != current):
            if (width, height) != (pilot.app.size.width, pilot.app.size.height):
                await pilot.resize_terminal(width, height)
            await steady(pilot)
            self.compare(f"{scene}-{width}x{height}", pilot.app.export_screenshot())
        await pilot.press(*back)

    def compare(self, name: str, svg: str) -> None:
        """Like pytest-textual-snapshot's snap_compare, including its report of a failure."""
        if self.snapshot(name=name) == svg:
            return
        self.failed.append(name)
        if len(self.failed) > 1:
            return  # the plugin's report holds one picture per test: the first that differs
        console = Console(legacy_windows=False, force_terminal=True)
        full_path, line_number, test_name = self.request.node.reportinfo()
        data = (
            False,
            str(self.snapshot),
            svg,
            PseudoApp(PseudoConsole(console.legacy_windows, console.size)),
            full_path,
            line_number,
            f"{test_name}[{name}]",
            "",
            "",
            True,
        )
        node_to_report_path(self.request.node).write_bytes(pickle.dumps(data))


@pytest.fixture
def camera(snapshot: SnapshotAssertion, request: pytest.FixtureRequest) -> Camera:
    return Camera(snapshot.use_extension(SVGImageExtension), request)
