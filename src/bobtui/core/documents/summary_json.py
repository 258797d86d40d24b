"""The summary as JSON data, following ``schemas/summary.schema.json``."""

from datetime import date, datetime
from typing import Any

from bobtui.core.documents.summary import (
    NOTES_SECTION,
    SCHEMA_ID,
    SCHEMA_VERSION,
    SECTION_FIELDS,
    Summary,
)
from bobtui.core.domain.vocabulary import meeting_state


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def summary_to_json(summary: Summary) -> dict[str, Any]:
    """The summary as JSON data following ``schemas/summary.schema.json`` (version 6).

    Sections the profile leaves out are absent, not empty, so a reader cannot mistake "not
    exported" for "nothing decided"."""
    data = _plain(summary)
    profile = summary.profile
    for section, names in SECTION_FIELDS.items():
        if not profile.includes(section):
            for name in names:
                del data[name]
    if not any(profile.includes(section) for section in NOTES_SECTION.values()):
        del data["notes"]
    data["state"] = meeting_state(summary.status, finalized=not summary.concept)
    # The sender's name only: a logo is a picture for the page header, not data.
    data["organisation"] = data.pop("letterhead")["organisation"] or None
    data["profile"] = {
        "name": profile.name,
        "sections": [section.value for section in profile.sections],
        "confidential_included": profile.include_confidential,
        "statement": profile.statement,
    }
    return {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, **data}
