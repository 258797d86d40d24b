"""Headless Chromium driven over the DevTools protocol (a websocket; aiohttp, which
textual-serve brings, is the client): open a page and read what its terminal shows.

textual-serve draws the terminal on a canvas, so the page's DOM has no text. A script that
runs before the page's own catches xterm.js's ``Terminal`` as textual-serve's page stores it
(``this.terminal = …``) and reads the terminal's buffer: the characters on screen.
"""

import asyncio
import itertools
import json
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import aiohttp

from tests.integration.test_readers import program

_CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    window.__terminal = value;
  },
});
window.__screenText = () => {
  const terminal = window.__terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < buffer.length; row++) {
    lines.push(buffer.getLine(row).translateToString(true));
  }
  return lines.join("\\n");
};
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Page:
    """One browser tab, spoken to over its DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        await self._socket.send_json({"id": number, "method": method, "params": params})
        async for message in self._socket:
            answer = json.loads(message.data)
            if answer.get("id") == number:
                result: dict[str, Any] = answer.get("result", {})
                return result
        raise ConnectionError("the browser went away")

    async def screen_text(self) -> str:
        answer = await self.send("Runtime.evaluate", expression="window.__screenText()")
        return str(answer["result"].get("value", ""))

    async def wait_for(self, text: str, timeout: float) -> float:
        """Seconds until ``text`` is on the page's terminal; AssertionError after ``timeout``."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in await self.screen_text():
                return time.perf_counter() - start
            await asyncio.sleep(0.05)
        raise AssertionError(
            f"{text!r} not on the page within {timeout} s:\n{await self.screen_text()}"
        )


@asynccontextmanager
async def browser_page(url: str, profile: Path) -> AsyncIterator[Page]:
    """Chromium showing ``url`` (1280×800), with the terminal catcher in place."""
    port = free_port()
    chromium = subprocess.Popen(
        [
            program("chromium"),
            # Not the readers' flags: with those, headless Chromium closes its only tab.
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "--window-size=1280,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        target = await asyncio.to_thread(_page_target, port)
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(target, max_msg_size=0) as socket,
        ):
            page = Page(socket)
            await page.send("Page.enable")
            await page.send("Page.addScriptToEvaluateOnNewDocument", source=_CATCH_TERMINAL)
            await page.send("Page.navigate", url=url)
            yield page
    finally:
        chromium.terminate()
        chromium.wait(timeout=30)


def _page_target(port: int) -> str:
    """The DevTools websocket address of the browser's tab, once the browser listens."""
    for _ in range(200):
        try:
            with urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
                pages = [t for t in json.load(answer) if t["type"] == "page"]
            if pages:
                address: str = pages[0]["webSocketDebuggerUrl"]
                return address
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("chromium did not open its DevTools port")
