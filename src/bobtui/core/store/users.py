"""Who is making a change, for the record (an amendment, a finalization, a purge).

On PostgreSQL the login that connected (``session_user``, as the audit trail has it); on SQLite,
a store of one user on one computer, the computer's login. Never case data.
"""

import getpass

from sqlalchemy import text
from sqlalchemy.engine import Connection


def current_user(connection: Connection) -> str:
    """The login making changes through ``connection``."""
    if connection.dialect.name == "postgresql":
        login: str = connection.execute(text("SELECT session_user")).scalar_one()
        return login
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container, a bare CI runner)
        return "onbekende gebruiker"
