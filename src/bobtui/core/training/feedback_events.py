"""Safety scores and events: which roster members gave a safety score and which were not
asked; for each of the case's events when it came, how long the chair took to respond and what
was recorded after it, and what the trainer did with it."""

from datetime import datetime, timedelta

from bobtui.core.domain.vocabulary import Presence
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.events import EventState
from bobtui.core.training.moments import Figure, Moment, Stopwatch, duration, short

RESPONSE_MINUTES = 5
RESPONSE_WINDOW = timedelta(minutes=RESPONSE_MINUTES)
"""What was recorded this long after an event counts as the response to it."""


def safety_figure(snapshot: MeetingSnapshot, at: Stopwatch) -> Figure:
    roster = [p for p in snapshot.participants if p.presence is not Presence.AFWEZIG]
    scored_ids = {s.participant_id for s in snapshot.safety_scores}
    scored_names = {s.respondent.strip().lower() for s in snapshot.safety_scores}
    asked = [p for p in roster if p.id in scored_ids or p.name.strip().lower() in scored_names]
    not_asked = [p for p in roster if p not in asked]
    clients_missing = [p for p in not_asked if p.is_client]
    if not snapshot.safety_scores:
        reason = "Niemand is om een veiligheidsscore gevraagd."
    elif not_asked:
        reason = "Niet gevraagd: " + ", ".join(short(p.name, 30) for p in not_asked)
    else:
        reason = "Iedereen aan tafel gaf een score."
    return Figure(
        "veiligheidsscores",
        "Veiligheidsscores gevraagd",
        f"{len(asked)} van {len(roster)}",
        not snapshot.safety_scores or bool(clients_missing),
        reason,
        tuple(
            at(s.created_at, f"veiligheidsscore {s.score} van {short(s.respondent, 30)}")
            for s in snapshot.safety_scores
        ),
        float(len(not_asked)),
    )


def recorded(snapshot: MeetingSnapshot) -> list[tuple[datetime, str]]:
    """Everything the chair recorded, in order."""
    records = [(n.created_at, f"notitie ({n.kind.value}): {short(n.text)}") for n in snapshot.notes]
    records += [(s.created_at, f"veiligheidsscore {s.score}") for s in snapshot.safety_scores]
    records += [(j.created_at, f"oordeel: {short(j.text)}") for j in snapshot.judgements]
    records += [(d.created_at, f"besluit: {short(d.action)}") for d in snapshot.decisions]
    records += [(i.created_at, f"geparkeerd: {short(i.text)}") for i in snapshot.parked_ideas]
    records += [(started, "time-out") for started, _ in snapshot.time_outs]
    records += [
        (started, f"{phase.label} begint") for phase, started in snapshot.phase_started_at.items()
    ]
    return sorted(records, key=lambda r: r[0])


def event_figures(
    snapshot: MeetingSnapshot, states: list[EventState], at: Stopwatch
) -> list[Figure]:
    records = recorded(snapshot)
    figures = []
    for state in states:
        label = f"Gebeurtenis {state.index + 1} ({short(state.event.role or 'trainer', 22)})"
        trainer = f" Trainer: {state.delays}× uitgesteld." if state.delays else ""
        if state.shown_at is None:
            status = "overgeslagen door de trainer" if state.skipped else "niet gekomen"
            figures.append(
                Figure(
                    f"gebeurtenis-{state.index}",
                    label,
                    status,
                    False,
                    f"{short(state.event.text, 50)} {status.capitalize()} "
                    f"({state.event.trigger}).{trainer}",
                )
            )
            continue
        shown = state.shown_at
        after = [(when, what) for when, what in records if shown <= when < shown + RESPONSE_WINDOW]
        came = at(shown, f"gebeurtenis: {short(state.event.text)}")
        if state.by_trainer:
            trainer += " Door de trainer gestart."
        if after:
            response = after[0][0] - shown
            value = f"om {came.clock}; reactie na {duration(response)}"
            reason = (
                f"{short(state.event.text, 50)} Eerste reactie na {duration(response)}; "
                f"{len(after)} keer iets vastgelegd in de {RESPONSE_MINUTES} minuten erna."
            )
        else:
            response = None
            value = f"om {came.clock}; niets vastgelegd erna"
            reason = (
                f"{short(state.event.text, 50)} Niets vastgelegd in de "
                f"{RESPONSE_MINUTES} minuten erna."
            )
        moments: list[Moment] = [came, *(at(when, what) for when, what in after)]
        figures.append(
            Figure(
                f"gebeurtenis-{state.index}",
                label,
                value,
                not after,
                reason + trainer,
                tuple(moments),
                response.total_seconds() if response is not None else None,
            )
        )
    return figures
