"""Regenerate screens/*.svg from the demo case: `make screens`.

Runs the real app headlessly at 120x40 on a fresh demo store in a temporary data folder, so the
pictures never show anything but the fictional case.
"""

import asyncio
import os
import tempfile
from pathlib import Path

SCREENS = Path(__file__).resolve().parent.parent / "screens"
SIZE = (120, 40)


async def capture() -> None:
    from textual.widgets import DataTable, Markdown

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.home import HomeScreen
    from bobtui.screens.meeting import MeetingScreen

    app = BobApp(StoreChoice(demo=True, reset_demo=True))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        while table.row_count == 0:
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        app.save_screenshot("home.svg", str(SCREENS))
        await pilot.press("s")
        while "Verslag casusoverleg" not in app.screen.query_one(Markdown).source:
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        app.save_screenshot("summary.svg", str(SCREENS))
        await pilot.press("escape", "enter")
        while not isinstance(app.screen, MeetingScreen):
            await pilot.pause(0.05)
        await pilot.press(*"Politie geeft een 3, het wijkteam een 5", "enter")
        await pilot.press("ctrl+t", *"Mogelijk speelt de schuld mee")
        await pilot.pause(0.3)
        app.save_screenshot("meeting-beeldvorming.svg", str(SCREENS))
        await pilot.press("ctrl+f")
        await pilot.pause(0.3)
        app.save_screenshot("phase-warning.svg", str(SCREENS))
        await pilot.press("n", "f4", *"Veiligheidsplan ondertekenen met beide ouders", "tab", "tab")
        await pilot.press(*"M. de Boer", "tab", *"Veilig Thuis", "tab", *"+14")
        await pilot.pause(0.3)
        app.save_screenshot("decision.svg", str(SCREENS))
        await pilot.press("escape", "ctrl+b")
        await pilot.pause(0.3)
        app.save_screenshot("time-out.svg", str(SCREENS))
        await pilot.press("escape", "f8")
        await pilot.pause(0.3)
        app.save_screenshot("close-review.svg", str(SCREENS))
        await pilot.press("escape", "escape")
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause(0.05)
        await pilot.press("n", *"DEMO-HG-0001", "enter")
        await pilot.pause(0.3)
        for name, organisation in (("Moeder (fictief)", ""), ("M. de Boer", "Veilig Thuis")):
            await pilot.press(*name, "tab", *organisation, "enter")
        await pilot.pause(0.3)
        app.save_screenshot("setup.svg", str(SCREENS))


def main() -> None:
    SCREENS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BOBTUI_DATA_DIR"] = folder
        os.environ["BOBTUI_CONFIG_DIR"] = str(Path(folder) / "config")
        asyncio.run(capture())
    for path in sorted(SCREENS.glob("*.svg")):
        print(f"{path.relative_to(SCREENS.parent)}")


if __name__ == "__main__":
    main()
