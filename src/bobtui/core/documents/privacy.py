"""BSN-like numbers in what a summary lets out: counted, and masked when asked to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from bobtui.core.documents.profiles import Profile
from bobtui.core.domain.bsn import find_bsn_like, mask_bsn_like

if TYPE_CHECKING:
    from bobtui.core.documents.summary import Summary


@dataclass(frozen=True)
class Privacy:
    """BSN-like numbers in what this summary lets out, and whether they were masked."""

    bsn_like_numbers: int = 0
    masked: bool = False


def _map_texts(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every text in it (the profile's own words aside)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        return tuple(_map_texts(item, change) for item in value)
    if isinstance(value, dict):
        return {key: _map_texts(item, change) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type | Profile):
        changed = {f.name: _map_texts(getattr(value, f.name), change) for f in fields(value)}
        return replace(value, **changed)
    return value


def with_privacy(summary: Summary, mask_bsn: bool) -> Summary:
    """Count the BSN-like numbers the summary lets out, and mask them if asked to."""
    found: list[str] = []

    def count(text: str) -> str:
        found.extend(find_bsn_like(text))
        return text

    _map_texts(summary, count)
    if mask_bsn:
        summary = _map_texts(summary, mask_bsn_like)
    return replace(summary, privacy=Privacy(len(found), mask_bsn))
