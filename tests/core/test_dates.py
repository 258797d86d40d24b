"""Typed dates: the forms a chair uses, and a clear sentence for anything else."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobtui.core.domain.dates import format_date, parse_date
from bobtui.core.domain.errors import RuleViolation

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-12-2026", date(2026, 12, 31)),
        ("1/2", date(2026, 2, 1)),
        ("2027-01-05", date(2027, 1, 5)),
        ("+14", date(2026, 12, 7)),
        ("  ", None),
    ],
)
def test_forms(text: str, expected: date | None) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31-02-2026", "morgen", "12-2026", "+", "2026-13-01"])
def test_typos_are_one_sentence(text: str) -> None:
    with pytest.raises(RuleViolation, match="is geen datum"):
        parse_date(text, TODAY)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_formatted_dates_read_back(value: date) -> None:
    assert parse_date(format_date(value), TODAY) == value
