"""Calling the official record's database functions (``record_functions.py``) from the
session on PostgreSQL, and the Dutch sentences of their refusals, which the SQLite path of the
session says too: every refusal names the case.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from bobtui.core.domain.errors import AccessDenied, BobError, NotFound, RuleViolation
from bobtui.core.store.engine import is_refusal, meeting_not_found


def finalize_refused(case_code: str) -> AccessDenied:
    return AccessDenied(
        "Alleen de voorzitter (een procesregisseur in het casusteam) of een coördinator kan het "
        f"verslag van casus {case_code} vaststellen of wijzigen."
    )


def reopen_refused(case_code: str) -> AccessDenied:
    return AccessDenied(
        "Alleen een coördinator kan een vastgesteld overleg heropenen; het verslag van casus "
        f"{case_code} blijft vastgesteld."
    )


NO_REASON = "Geef een reden: waarom verandert dit na de vaststelling?"
UNCHANGED = "De nieuwe waarde is gelijk aan de oude; er is niets gewijzigd."

_SENTENCES: dict[str, Callable[[str], BobError]] = {
    "record_refused": finalize_refused,
    "reopen_refused": reopen_refused,
    "already_finalized": lambda code: RuleViolation(
        f"Het overleg van casus {code} is al vastgesteld."
    ),
    "not_closed": lambda code: RuleViolation(
        "Alleen een gesloten overleg kan worden vastgesteld; het overleg van casus "
        f"{code} is nog niet gesloten."
    ),
    "not_finalized": lambda code: RuleViolation(
        f"Het overleg van casus {code} is niet vastgesteld; er is niets te heropenen."
    ),
    "concept": lambda code: RuleViolation(
        f"Het overleg van casus {code} is gesloten maar nog niet vastgesteld; stel het eerst "
        "vast (een wijziging na vaststelling legt vast wat, waarom en door wie)."
    ),
    "not_amendable": lambda code: RuleViolation(
        "Alleen een vastgesteld overleg krijgt wijzigingen na vaststelling; het overleg van "
        f"casus {code} is nog niet gesloten."
    ),
    "no_reason": lambda _code: RuleViolation(NO_REASON),
    "unchanged": lambda _code: RuleViolation(UNCHANGED),
    "bad_field": lambda _code: RuleViolation("Dit veld kan niet worden gewijzigd."),
    "bad_value": lambda _code: RuleViolation("Deze waarde kan voor dit veld niet."),
}


def refusal(key: str, case_code: str) -> BobError:
    """The Dutch sentence for refusal ``key`` of the meeting of ``case_code`` (both stores)."""
    return _SENTENCES[key](case_code)


def _call(
    connection: Connection,
    statement: str,
    params: dict[str, Any],
    *,
    meeting_id: int,
    case_code: str,
    role_refusal: str = "record_refused",
    record: str = "",
) -> Any:
    """Run one function; its refusal becomes a Dutch sentence naming the case."""
    try:
        return connection.execute(text(statement), params).scalar()
    except DBAPIError as error:
        diag = getattr(error.orig, "diag", None)
        message = getattr(diag, "message_primary", None) or ""
        key = message.removeprefix("bobtui:") if message.startswith("bobtui:") else None
        if key is None and is_refusal(error):  # no right to execute it at all
            key = role_refusal
        if key == "not_found":
            raise meeting_not_found(meeting_id) from None
        if key == "not_in_meeting":
            raise NotFound(f"{record} hoort niet bij dit overleg.") from None
        if key in _SENTENCES:
            raise refusal(key, case_code) from None
        raise


def finalize(connection: Connection, meeting_id: int, case_code: str) -> None:
    _call(
        connection,
        "SELECT bobtui_finalize(:m)",
        {"m": meeting_id},
        meeting_id=meeting_id,
        case_code=case_code,
    )


def reopen(connection: Connection, meeting_id: int, case_code: str, reason: str) -> int:
    made: int = _call(
        connection,
        "SELECT bobtui_reopen(:m, :why)",
        {"m": meeting_id, "why": reason},
        meeting_id=meeting_id,
        case_code=case_code,
        role_refusal="reopen_refused",
    )
    return made


def amend(
    connection: Connection,
    meeting_id: int,
    case_code: str,
    change: tuple[str, int | None, str],
    value: str | date | None,
    reason: str,
) -> int:
    """Amend ``change`` (Dutch subject, record id, Dutch field) to ``value``; returns the
    amendment's id."""
    subject, record_id, field = change
    made: int = _call(
        connection,
        "SELECT bobtui_amend(:m, :what, :which, :field, :value, :why)",
        {
            "m": meeting_id,
            "what": subject,
            "which": record_id,
            "field": field,
            "value": value.isoformat() if isinstance(value, date) else value,
            "why": reason,
        },
        meeting_id=meeting_id,
        case_code=case_code,
        record=f"{subject.capitalize()} {record_id}",
    )
    return made
