"""The live picture beside the question: what the meeting has recorded so far, and what the
chair should notice (voices not heard, decisions without an owner)."""

from rich.text import Text
from textual.widgets import Static

from bobtui.core.domain.vocabulary import Presence
from bobtui.core.session.attention import MeetingFacts, attention_flags
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.text import plain, show_text

_NONE_YET = Text.assemble("  ", ("nog geen", "dim"))


def _section(title: str, items: list[Text], empty: Text | None = None) -> list[Text]:
    """A blank line, the title in bold, then the items (or ``empty`` when there are none)."""
    return [Text(), Text(title, "bold"), *(items or ([] if empty is None else [empty]))]


def _item(*parts: str | Text | tuple[str, str]) -> Text:
    return Text.assemble("  ", *parts)


def _chain_care(snapshot: MeetingSnapshot) -> Text:
    """The phase of gefaseerde ketenzorg, marked as a proposal while it is last meeting's."""
    phase = snapshot.meeting.chain_care_phase
    if phase is None:
        return _item(("nog niet vastgesteld", "dim"))
    if snapshot.chain_care_carried:
        return _item(phase.label, ("  voorstel uit het vorige overleg", "dim"))
    return _item(phase.label)


class LivePicture(Static):
    """Scores, judgements, the phase of gefaseerde ketenzorg, decisions, the parkeerplaats,
    last meeting's actions, who is there, and the attention flags, from one snapshot."""

    def show(self, snapshot: MeetingSnapshot) -> None:
        scores = [_item(plain(s.respondent), f": {s.score}/10") for s in snapshot.safety_scores]
        judgements = [_item(f"{j.kind.value}: ", plain(j.text)) for j in snapshot.judgements]
        decisions = [
            _item(
                plain(f"{d.action} — {d.owner_person} ({d.owner_organisation}),"),
                f" {d.deadline:%d-%m}",
            )
            for d in snapshot.decisions
        ]
        lines = _section("Veiligheidsscores", scores, _NONE_YET)
        lines += _section("Oordelen", judgements, _NONE_YET)
        if snapshot.question_set.chain_care or snapshot.meeting.chain_care_phase:
            lines += _section("Fase ketenzorg", [_chain_care(snapshot)])
        lines += _section("Besluiten", decisions, _NONE_YET)
        parked = snapshot.open_parked_ideas
        if parked:
            ideas = [_item(plain(idea.text)) for idea in parked]
            lines += _section(f"Parkeerplaats ({len(parked)})", ideas)
        if snapshot.carried_over:
            actions = [
                _item(
                    plain(c.decision.action), f": {c.review.status.value if c.review else 'open'}"
                )
                for c in snapshot.carried_over
            ]
            lines += _section("Acties vorig overleg", actions)
        present = [p for p in snapshot.participants if p.presence is Presence.AANWEZIG]
        people = [
            _item(plain(f"{p.name} · {p.organisation}" if p.organisation else p.name))
            for p in present
        ]
        lines += _section(f"Aanwezig ({len(present)})", people)
        represented = [
            _item(plain(f"{p.name} door {p.represented_by}"))
            for p in snapshot.participants
            if p.presence is Presence.VERTEGENWOORDIGD
        ]
        if represented:  # counted apart: someone who speaks for them is not them
            lines += _section(f"Vertegenwoordigd ({len(represented)})", represented)
        facts = MeetingFacts(
            snapshot.question_set,
            list(snapshot.participants),
            list(snapshot.notes),
            list(snapshot.decisions),
        )
        flags = [_item((" ! ", "reverse"), " ", plain(flag)) for flag in attention_flags(facts)]
        if flags:
            lines += _section("Let op", flags)
        show_text(self, Text("\n").join(lines[1:]))  # no blank line above the first section
