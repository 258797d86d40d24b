"""Team mode on PostgreSQL: the group roles and their rights, logins, the case team, and who
is connected.

What each group may see and change is decided by the database's row-level security
(``access_policies.py``); here the groups get the table rights those rules work within. A
password is sent to the server only as a SCRAM-SHA-256 verifier, as ``psql``'s ``\\password``
does, so it never appears in the server's statement log; bobtui stores none.
"""

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from bobtui.core.domain.errors import AccessDenied, BobError, NotFound, RuleViolation, StoreError
from bobtui.core.domain.records import TeamIdentity
from bobtui.core.store import record_functions
from bobtui.core.store.access_policies import CLOSED, GROUPS, MEETING_CHILDREN, PROTECTED_TABLES
from bobtui.core.store.engine import Store, access_denied, is_refusal, meeting_not_found
from bobtui.core.store.record_policies import RECORD_TABLES

if TYPE_CHECKING:
    from sqlmodel import Session

_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_SCRAM_ITERATIONS = 4096


def _require_postgresql(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        raise StoreError("Teamgebruik vraagt een PostgreSQL-opslag: geef --database postgresql://…")


def _quoted(connection: Connection, name: str) -> str:
    quoted: str = connection.dialect.identifier_preparer.quote_identifier(name)
    return quoted


def _table_rights(connection: Connection, schema: str) -> list[str]:
    """The rights of each group on the tables; the rows they reach are the policies' business.

    The meeting's finalized columns and the amendments change only through the official
    record's functions (``record_functions.py``), whose rights come last."""
    procesregisseur, coordinator, trainer, notulist = (
        GROUPS[name] for name in ("procesregisseur", "coordinator", "trainer", "notulist")
    )
    everyone = ", ".join(GROUPS.values())
    editors = f"{procesregisseur}, {coordinator}, {trainer}"
    editable = ", ".join(("meeting", *MEETING_CHILDREN, "decisionstatuschange"))
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {everyone}",
        f"GRANT SELECT ON {', '.join(PROTECTED_TABLES)}, alembic_version TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON {editable} TO {editors}",
        f"GRANT INSERT, DELETE ON caseaccess, meetinginvite TO {editors}",
        f"GRANT INSERT ON meetingevent, auditentry TO {everyone}",
        f"GRANT SELECT ON {', '.join(RECORD_TABLES)} TO {everyone}",
        f"GRANT INSERT ON note TO {notulist}",
        f"GRANT UPDATE (current_phase, current_question_id) ON meeting TO {notulist}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {everyone}",
        *record_functions.postgresql_rights(connection),
    ]


def init_team(store: Store) -> list[str]:
    """Create the group roles that are missing and give them their rights on ``store`` (which
    is migrated already); run by the store's owner, again after every upgrade. Returns the
    groups that were created."""
    _require_postgresql(store)
    created = []
    with store.engine.begin() as connection:
        for group in GROUPS.values():
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group}
            ).first()
            if exists is None:
                connection.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")
                created.append(group)
        database = _quoted(
            connection, connection.execute(text("SELECT current_database()")).scalar_one()
        )
        schema = _quoted(
            connection, connection.execute(text("SELECT current_schema()")).scalar_one()
        )
        # Only the team's groups may connect; nobody else may add objects to the schema.
        connection.exec_driver_sql(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
        connection.exec_driver_sql(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
        everyone = ", ".join(GROUPS.values())
        connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {everyone}")
        for statement in _table_rights(connection, schema):
            connection.exec_driver_sql(statement)
    return created


def scram_verifier(password: str, salt: str | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802, 7677), with a
    fresh random salt unless one is given (base64; for the test against the server's own)."""
    salt_bytes = base64.b64decode(salt) if salt is not None else os.urandom(16)
    normalised = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", normalised, salt_bytes, _SCRAM_ITERATIONS)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return (
        f"SCRAM-SHA-256${_SCRAM_ITERATIONS}:{b64(salt_bytes)}${b64(stored_key)}:{b64(server_key)}"
    )


def check_login_name(name: str) -> str:
    if not _LOGIN_NAME.fullmatch(name):
        raise BobError(
            f"'{name}' kan geen gebruikersnaam zijn: gebruik kleine letters, cijfers en _ "
            "(hoogstens 63 tekens, niet beginnend met een cijfer)."
        )
    return name


def create_login(store: Store, name: str, role: str, password: str) -> None:
    """A login role ``name`` in the group of ``role`` (procesregisseur, coordinator, …)."""
    _require_postgresql(store)
    check_login_name(name)
    if not password:
        raise BobError("Een leeg wachtwoord kan niet: geef er een.")
    with store.engine.begin() as connection:
        if connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).first():
            raise BobError(f"Gebruiker {name} bestaat al in deze PostgreSQL-server.")
        # CREATE ROLE takes no parameters; the verifier holds only base64 and '$:'.
        verifier = scram_verifier(password)
        connection.exec_driver_sql(
            f"CREATE ROLE {name} LOGIN PASSWORD '{verifier}' IN ROLE {GROUPS[role]}"
        )


def identity(store: Store) -> TeamIdentity | None:
    """Who this store's connections are and in which groups; None for a SQLite store."""
    if store.engine.dialect.name != "postgresql":
        return None
    with store.reading() as db:
        login = db.connection().execute(text("SELECT session_user")).scalar_one()
        groups = (
            db.connection()
            .execute(
                text(
                    "SELECT g.rolname FROM pg_roles g WHERE g.rolname = ANY(:groups) AND "
                    "pg_has_role(session_user, g.oid, 'MEMBER') AND NOT "
                    "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
                ),
                {"groups": list(GROUPS.values())},
            )
            .scalars()
            .all()
        )
    roles = tuple(name for name, group in GROUPS.items() if group in groups)
    return TeamIdentity(login, roles)


def takes_notes_only(store: Store, meeting_id: int) -> bool:
    """Whether this user is a notulist invited to the meeting who may not change it otherwise
    (the database's own rules decide); always False on SQLite."""
    if store.engine.dialect.name != "postgresql":
        return False
    with store.reading() as db:
        only: bool = (
            db.connection()
            .execute(
                text("SELECT bobtui_invited(:m) AND NOT bobtui_may_meeting(:m, true)"),
                {"m": meeting_id},
            )
            .scalar_one()
        )
    return only


CLOSED_MEETING = "Dit overleg is gesloten; er kan niets meer worden gewijzigd."


def unwritable(connection: Connection, meeting_id: int) -> BobError:
    """Why this user could not lock a meeting to change it: it is hidden from them, closed (to
    a coordinator), or theirs to read only (which names its case)."""
    from sqlmodel import col, select

    from bobtui.core.store.tables import Meeting

    seen = connection.execute(
        select(Meeting.status, Meeting.case_code).where(col(Meeting.id) == meeting_id)
    ).first()
    if seen is None:
        return meeting_not_found(meeting_id)
    if seen.status == CLOSED:
        return RuleViolation(CLOSED_MEETING)
    return access_denied(seen.case_code)


@contextmanager
def naming_case(case_code: Callable[[], str | None]) -> Iterator[None]:
    """A refusal by the database inside the block names the case ``case_code()`` gives (as it
    knows it by then)."""
    try:
        yield
    except AccessDenied:
        code = case_code()
        if code is None:
            raise
        raise access_denied(code) from None


def _now() -> datetime:
    return datetime.now(UTC)


def grant_case(store: Store, case_code: str, member: str) -> None:
    """Put ``member`` in the team of ``case_code`` (as someone in it, or a coordinator)."""
    from sqlmodel import select

    from bobtui.core.store.tables import CaseAccess, Meeting

    _require_postgresql(store)
    _require_login(store, member)
    with store.writing() as db:
        if db.exec(select(Meeting.id).where(Meeting.case_code == case_code)).first() is None:
            raise access_denied(case_code)
        if db.get(CaseAccess, (case_code, member)) is not None:
            raise BobError(f"{member} staat al in het casusteam van {case_code}.")
        db.add(
            CaseAccess(case_code=case_code, member=member, granted_by=_login(db), granted_at=_now())
        )
        _commit_or_refuse(db, case_code)


def invite(store: Store, meeting_id: int, member: str) -> str:
    """Invite notulist ``member`` to one meeting; returns its case code."""
    from bobtui.core.store.tables import Meeting, MeetingInvite

    _require_postgresql(store)
    _require_login(store, member)
    with store.writing() as db:
        meeting = db.get(Meeting, meeting_id)
        if meeting is None:
            raise meeting_not_found(meeting_id)
        code = meeting.case_code
        if db.get(MeetingInvite, (meeting_id, member)) is None:
            db.add(
                MeetingInvite(
                    meeting_id=meeting_id, member=member, granted_by=_login(db), granted_at=_now()
                )
            )
        _commit_or_refuse(db, code)
    return code


def _login(db: "Session") -> str:
    login: str = db.connection().execute(text("SELECT session_user")).scalar_one()
    return login


def _require_login(store: Store, member: str) -> None:
    check_login_name(member)
    with store.reading() as db:
        found = (
            db.connection()
            .execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n AND rolcanlogin"), {"n": member}
            )
            .first()
        )
    if found is None:
        raise NotFound(f"Gebruiker {member} bestaat niet; maak hem met bobtui team gebruiker.")


def _commit_or_refuse(db: "Session", case_code: str) -> None:
    """Commit; a refusal by the database names the case instead of saying it generally."""
    try:
        db.commit()
    except SQLAlchemyError as error:
        if is_refusal(error):
            raise access_denied(case_code) from None
        raise
