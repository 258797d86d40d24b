"""A worker's result reaches the screen that asked for it, and only while it is still shown."""

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Static

from bobtui.screens._workers import from_worker


class _OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("wacht", id="line")


async def test_a_worker_result_reaches_a_widget_that_is_still_shown() -> None:
    app = _OneLine()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        shown: list[str] = []
        await asyncio.to_thread(from_worker, line, shown.append, "klaar")
        await pilot.pause()
        assert shown == ["klaar"]


async def test_a_worker_result_for_a_widget_that_has_gone_is_dropped_without_a_crash() -> None:
    app = _OneLine()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        await line.remove()
        shown: list[str] = []
        await asyncio.to_thread(from_worker, line, shown.append, "te laat")
        await pilot.pause()
        assert shown == []
    assert app.return_code in (None, 0)


async def test_a_worker_that_finishes_after_the_app_has_stopped_changes_nothing() -> None:
    app = _OneLine()
    async with app.run_test():
        line = app.query_one("#line", Static)
    shown: list[str] = []
    await asyncio.to_thread(from_worker, line, shown.append, "na afloop")
    assert shown == []
