"""Who a client (one window of bobtui) is, as far as others may be told: which app on which
computer, for which login; and whether a client on this computer still runs."""

import getpass
import os
import socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bobtui.core.store.engine import Store

_DESCRIPTION_LENGTH = 200  # MeetingChair.description
_AUTHOR_LENGTH = 63  # Note.author


def local_login() -> str:
    """The login on this computer ('onbekend' when it has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment nor the password database
        return "onbekend"


def client_description() -> str:
    """'bobtui op <computer> (gebruiker <login>)': what others are told about the holder."""
    return f"bobtui op {socket.gethostname() or 'onbekend'} (gebruiker {local_login()})"[
        :_DESCRIPTION_LENGTH
    ]


def note_author(store: "Store") -> str:
    """Who a session on ``store`` types notes as: the database login on PostgreSQL (the name
    the title bar shows, and the one the database puts on the note itself), else the login on
    this computer."""
    if store.engine.dialect.name != "postgresql":
        return local_login()[:_AUTHOR_LENGTH]
    from sqlalchemy import text

    with store.reading() as db:
        login: str = db.connection().execute(text("SELECT session_user")).scalar_one()
    return login


def process_gone(client_id: str, description: str) -> bool:
    """A holder on this computer, as this user, whose process no longer runs (killed, crashed).

    Only then can the process be looked up: on another computer a heartbeat is all there is."""
    pid = client_id.rpartition("-")[2]
    if description != client_description() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        return False
    return False
