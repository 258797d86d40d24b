"""Facts and assumptions: notes saved as feit that read as an interpretation (a marker word of
the case's language, or one of the case's known assumptions) are listed for discussion; and
which of the case's key facts and decisions were recorded, on what evidence."""

import re
from dataclasses import dataclass
from datetime import datetime

from bobtui.core.domain.vocabulary import NoteKind, Phase
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.cases import KeyItem, PracticeCase
from bobtui.core.training.moments import Figure, Moment, Stopwatch, short

FACT_KINDS = (NoteKind.FEIT, NoteKind.ZORG, NoteKind.KRACHT)
"""A key fact is on the table when a note of one of these kinds holds it; an assumption or an
information gap that mentions it is not the fact."""


@dataclass(frozen=True)
class KeyResult:
    text: str
    captured: Moment | None
    """The first record that holds it: the evidence."""
    owner: str | None = None
    """For a key decision: the owner the case expects."""


def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    words = [
        re.escape(m.lower().rstrip("*")) + (r"\w*" if m.endswith("*") else "") for m in markers
    ]
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)")


def fact_check_figure(
    snapshot: MeetingSnapshot, case: PracticeCase, markers: tuple[str, ...], at: Stopwatch
) -> Figure:
    pattern = _marker_pattern(markers)
    listed = []
    for note in snapshot.notes:
        if note.kind is not NoteKind.FEIT:
            continue
        found = pattern.search(note.text.lower())
        known = next((a for a in case.known_assumptions if a.matches(note.text)), None)
        if known is not None:
            why = f"bekende aanname van de casus ({short(known.text, 40)})"
        elif found is not None:
            why = f"bevat '{found.group(1)}'"
        else:
            continue
        listed.append(at(note.created_at, f"als feit: {short(note.text)} — {why}"))
    reason = (
        "Als feit opgeslagen, maar het klinkt als een duiding: bespreek of het is nagegaan."
        if listed
        else "Geen feit dat als duiding of bekende aanname klinkt."
    )
    return Figure(
        "feit-of-aanname",
        "Feiten die als aanname klinken",
        str(len(listed)),
        bool(listed),
        reason,
        tuple(listed),
        float(len(listed)),
    )


def kinds_figure(snapshot: MeetingSnapshot, at: Stopwatch) -> Figure:
    """The mix of note kinds in beeldvorming: for the debrief, not a score."""
    picture = [n for n in snapshot.notes if n.phase is Phase.BEELDVORMING]
    counts = {kind: sum(n.kind is kind for n in picture) for kind in NoteKind}
    value = ", ".join(f"{counts[kind]} {kind.value}" for kind in NoteKind if counts[kind]) or "0"
    return Figure(
        "feiten-en-aannames",
        "Notities in beeldvorming",
        value,
        not picture,
        "Niets vastgelegd in beeldvorming." if not picture else "Ter informatie; geen oordeel.",
        tuple(
            at(n.created_at, f"aanname: {short(n.text)}")
            for n in picture
            if n.kind is NoteKind.AANNAME
        ),
    )


def key_facts(
    snapshot: MeetingSnapshot, case: PracticeCase, at: Stopwatch
) -> tuple[KeyResult, ...]:
    notes = [n for n in snapshot.notes if n.kind in FACT_KINDS]
    return tuple(
        KeyResult(
            item.text, _first(item, [(n.created_at, n.text, n.kind.value) for n in notes], at)
        )
        for item in case.key_facts
    )


def key_decisions(
    snapshot: MeetingSnapshot, case: PracticeCase, at: Stopwatch
) -> tuple[KeyResult, ...]:
    recorded = [
        (d.created_at, d.action, f"{d.owner_person}, {d.owner_organisation}")
        for d in snapshot.decisions
    ]
    return tuple(
        KeyResult(item.text, _first(item, recorded, at), item.owner) for item in case.key_decisions
    )


def _first(
    item: KeyItem, recorded: list[tuple[datetime, str, str]], at: Stopwatch
) -> Moment | None:
    for when, text, detail in recorded:
        if item.matches(text):
            return at(when, f"{short(text)} ({detail})")
    return None


def key_figures(facts: tuple[KeyResult, ...], decisions: tuple[KeyResult, ...]) -> list[Figure]:
    figures = []
    for key, label, results in (
        ("kernfeiten", "Kernfeiten op tafel", facts),
        ("kernbesluiten", "Kernbesluiten genomen", decisions),
    ):
        found = [r for r in results if r.captured]
        missed = [r.text for r in results if not r.captured]
        figures.append(
            Figure(
                key,
                label,
                f"{len(found)} van {len(results)}",
                bool(missed),
                ("Niet vastgelegd: " + "; ".join(short(t, 50) for t in missed))
                if missed
                else "Alles vastgelegd.",
                tuple(r.captured for r in found if r.captured),
                float(len(missed)),
            )
        )
    return figures
