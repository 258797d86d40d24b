"""Who a client (one window of bobtui) is, as far as others may be told: which app on which
computer, for which login; and whether a client on this computer still runs."""

import getpass
import os
import socket

_DESCRIPTION_LENGTH = 200  # MeetingChair.description


def client_description() -> str:
    """'bobtui op <computer> (gebruiker <login>)': what others are told about the holder."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment nor the password database
        login = "onbekend"
    return f"bobtui op {socket.gethostname() or 'onbekend'} (gebruiker {login})"[
        :_DESCRIPTION_LENGTH
    ]


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
