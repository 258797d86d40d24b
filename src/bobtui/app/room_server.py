"""``bobtui zaal --web``: the room view served to browsers with textual-serve.

Each browser that opens the page gets a room view of its own (``bobtui zaal`` run by
textual-serve as a child process, on the same store). Every path lies under an unguessable
token (``/<token>/``, :func:`secrets.token_urlsafe`); any other request is refused with 403.
The token lives in this process only: it dies when the command stops, and when the meeting is
closed the server stops by itself.
"""

import asyncio
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from bobtui.core.domain.errors import BobError
from bobtui.core.session.room import RoomWatch

CLOSED_CHECK_SECONDS = 2.0
"""How often the server looks whether the meeting was closed."""

_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
_LOCAL_FONT = (
    '<style>@font-face { font-family: "Roboto Mono"; '
    'src: url("{fonts}RobotoMono-VariableFont_wght.ttf"); }</style>'
)
_ONLY_THIS_SERVER = (
    "default-src 'self'; connect-src 'self' ws: wss:; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'"
)


class RoomServer(Server):
    """textual-serve's server behind a token, without its downloads, logo or debug tracebacks."""

    def __init__(
        self,
        command: str,
        watch: RoomWatch,
        *,
        host: str,
        port: int,
        announce: Callable[[str], None],
    ) -> None:
        super().__init__(command, host=host, port=port, title="bobtui zaal")
        self.token = secrets.token_urlsafe(24)
        self.watch = watch
        self._announce = announce
        self._closed = False

    @property
    def url(self) -> str:
        """The address to open, token included."""
        return f"{self.public_url}/{self.token}/"

    def initialize_logging(self) -> None:
        """None of textual-serve's logging: its tracebacks show local variables."""

    @web.middleware
    async def _check_token(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        given = request.path.split("/")[1] if request.path.count("/") >= 2 else ""
        if self._closed or not secrets.compare_digest(given.encode(), self.token.encode()):
            raise web.HTTPForbidden(text="Geen toegang.")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._check_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = f"/{self.token}"
        app.add_routes(
            [
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    async def handle_index(self, request: web.Request) -> Any:
        # The page's websocket address is built from public_url: use the address this browser
        # reached, so a beamer's laptop on the room's network connects back to it.
        self.public_url = f"{request.scheme}://{request.host}"
        page = await super().handle_index(request)
        assert isinstance(page, web.Response) and page.text is not None  # rendered by jinja
        # textual-serve's page takes its font from Google; the room's page contacts no one
        # but this server (the font ships with textual-serve), and the browser enforces it.
        fonts = f"{self.public_url}/{self.token}/static/fonts/"
        page.text = _EXTERNAL_FONT.sub("", page.text).replace(
            "</head>", _LOCAL_FONT.replace("{fonts}", fonts) + "</head>", 1
        )
        page.headers["Content-Security-Policy"] = _ONLY_THIS_SERVER
        return page

    async def on_startup(self, app: web.Application) -> None:
        self._announce(self.url)
        app["closed_watch"] = asyncio.get_running_loop().create_task(self._stop_when_closed())

    def _meeting_closed(self) -> bool:
        try:
            return self.watch.closed()
        except BobError:  # the store is busy or away: ask again at the next check
            return False

    async def _stop_when_closed(self) -> None:
        """Refuse every request and stop once the meeting is closed: the token dies with it."""
        while not await asyncio.to_thread(self._meeting_closed):
            await asyncio.sleep(CLOSED_CHECK_SECONDS)
        self._closed = True
        asyncio.get_running_loop().call_soon(self.request_exit)
