"""Spot text that looks like a Dutch citizen service number (BSN), so the user can remove it.

A BSN is nine digits passing the 11-test: weights 9..2 and -1, weighted sum divisible by 11.
bobtui never asks for one; every free-text entry is checked and a match gives a warning.
"""

import re

BSN_WARNING = (
    "Deze tekst bevat een nummer dat op een BSN lijkt; gebruik alleen de casuscode "
    "en haal het nummer weg als het een BSN is."
)

# Nine digits, optionally grouped by single spaces, dots or dashes (1234.56.789, 123 456 789),
# and not part of a longer run of digits.
_CANDIDATE = re.compile(r"(?<![\d])(\d(?:[ .\-]?\d){8})(?![\d])")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_eleven_test(digits: str) -> bool:
    """True when ``digits`` is nine digits whose weighted sum is a non-zero multiple of 11."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True))
    return total != 0 and total % 11 == 0


def find_bsn_like(text: str) -> list[str]:
    """Return each nine-digit number in ``text`` that passes the 11-test, digits only."""
    found = []
    for match in _CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if passes_eleven_test(digits):
            found.append(digits)
    return found


MASK = "[BSN afgeschermd]"


def mask_bsn_like(text: str) -> str:
    """``text`` with every number that passes the 11-test replaced by :data:`MASK`."""

    def masked(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        return MASK if passes_eleven_test(digits) else match.group(0)

    return _CANDIDATE.sub(masked, text)


def bsn_warnings(*texts: str | None) -> tuple[str, ...]:
    """The warning to show for these entries: one sentence if any of them looks like a BSN."""
    if any(text and find_bsn_like(text) for text in texts):
        return (BSN_WARNING,)
    return ()
