"""Amendments in a summary: each correction after finalizing (and each reopening), with its
content left out where the export profile leaves the amended record out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bobtui.core.documents.profiles import Profile, Section

if TYPE_CHECKING:
    from bobtui.core.snapshot import MeetingSnapshot


@dataclass(frozen=True)
class AmendmentLine:
    """A correction after finalizing (or a reopening): what, old → new, who, when, why.

    ``old`` and ``new`` are None when the profile leaves the amended record out (a
    confidential note, a section not exported): the change is shown, its content is not."""

    at: datetime
    made_by: str
    subject: str
    """notitie, besluit or overleg."""
    record_id: int | None
    field: str
    old: str | None
    new: str | None
    reason: str


_MEETING_FIELD_SECTIONS = {
    "aanleiding": Section.AANLEIDING,
    "evaluatiedatum": Section.EVALUATIE,
    "volgend-overleg": Section.EVALUATIE,
    "client-geinformeerd-door": Section.EVALUATIE,
}


def amendment_lines(snapshot: MeetingSnapshot, profile: Profile) -> tuple[AmendmentLine, ...]:
    """The meeting's amendments; the content of one whose record the profile leaves out (a
    confidential note, a section not exported) is left out too."""
    notes = {n.id: n for n in snapshot.notes}
    lines = []
    for a in snapshot.amendments:
        if a.subject == "notitie":
            note = notes.get(a.record_id or 0)
            shown = (
                note is not None
                and profile.includes(Section(note.phase.value))
                and (profile.include_confidential or not note.confidential)
            )
        elif a.subject == "besluit":
            shown = profile.includes(Section.BESLUITEN)
        else:
            section = _MEETING_FIELD_SECTIONS.get(a.field)
            shown = section is None or profile.includes(section)
        old, new = (a.old, a.new) if shown else (None, None)
        lines.append(
            AmendmentLine(a.at, a.made_by, a.subject, a.record_id, a.field, old, new, a.reason)
        )
    return tuple(lines)
