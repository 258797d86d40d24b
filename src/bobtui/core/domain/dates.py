"""Dates as a chair types them: 31-12-2026, 31-12, 2026-12-31, or +14 (days from today)."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from bobtui.core.domain.errors import RuleViolation

Clock = Callable[[], datetime]
"""Where "now" comes from: the wall clock, or a fixed one in tests and screen pictures."""


def utc_now() -> datetime:
    return datetime.now(UTC)


DATE_HELP = "Gebruik een datum als 31-12-2026, 31-12 of +14 (dagen vanaf vandaag)."


def parse_date(text: str, today: date) -> date | None:
    """The date ``text`` means, None for empty text; a RuleViolation explains a typo."""
    value = text.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\+\d{1,4}", value):
            return today + timedelta(days=int(value[1:]))
        if match := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?", value):
            day, month, year = match.groups()
            return date(int(year) if year else today.year, int(month), int(day))
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise RuleViolation(f"'{value}' is geen datum. {DATE_HELP}")


def format_date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""
