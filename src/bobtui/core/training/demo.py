"""A clearly fictional demo case: a family in a domestic-violence casusoverleg.

It lives in its own store (``paths.demo_store_path``), never among real meetings. The latest
meeting is half-way through beeldvorming, with an earlier meeting whose open actions were
reviewed first.
"""

from datetime import UTC, datetime, time, timedelta

from bobtui.core.config.settings import Settings
from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    DecisionStatus,
    Domain,
    JudgementKind,
    Likelihood,
    NoteKind,
    Presence,
    Priority,
)
from bobtui.core.questions.sets import Catalog, QuestionSet
from bobtui.core.session import Clock, MeetingSession, utc_now
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.meetings import find_meeting_id

DEMO_LEIDRAAD = "huiselijk-geweld-kindveiligheid"
DEMO_CASE_CODE = "DEMO-HG-0001"


class _StepClock:
    """A clock the demo moves by hand, so its meetings have a believable timeline."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


_ROSTER = [
    # name or role label, organisation, role, domain, flags
    ("Moeder (fictief)", "", "ouder", None, {"is_client": True}),
    ("Vader (fictief)", "", "ouder", None, {"is_client": True}),
    ("R. Jansen", "Wijkteam Oost", "casusregisseur", Domain.ZORG, {}),
    ("M. de Boer", "Veilig Thuis", "medewerker onderzoek", Domain.ZORG, {}),
    ("Wijkagent Oost", "Politie", "wijkagent", Domain.STRAF, {}),
    ("K. Visser", "Reclassering Nederland", "reclasseringswerker", Domain.STRAF, {}),
    ("S. Bakker", "Jeugd-GGZ", "behandelaar", Domain.ZORG, {"speaks_for_child": True}),
    ("A. Smit", "Gemeente", "beleidsadviseur veiligheid", Domain.BESTUUR, {}),
    ("P. de Vries", "Zorg- en Veiligheidshuis", "procesregisseur", None, {}),
]

_EARLIER_NOTES = [
    (NoteKind.FEIT, "Drie politiemeldingen van ruzie met geweld in het afgelopen halfjaar."),
    (NoteKind.ZORG, "De oudste (fictief, 9 jaar) is stil op school en komt vaak te laat."),
    (NoteKind.KRACHT, "Moeder zoekt zelf hulp en houdt contact met het wijkteam."),
]

# The meeting in progress, question by question through beeldvorming:
# (question id, [(note kind, text, roster position or None)], safety score or None)
_Note = tuple[NoteKind, str, int | None]
_Score = tuple[str, int, str, int]
_CURRENT_MEETING: list[tuple[str, list[_Note], _Score | None]] = [
    (
        "hg-b-aanleiding",
        [
            (
                NoteKind.FEIT,
                "Vorige week opnieuw een melding: vader was onder invloed en dreigde.",
                4,
            ),
            (NoteKind.ZORG, "De kinderen waren thuis tijdens het incident.", 3),
            (NoteKind.AANNAME, "Het lijkt erop dat de spanning oploopt rond geldzorgen.", 2),
        ],
        None,
    ),
    (
        "hg-b-veiligheid-per-kind",
        [
            (
                NoteKind.FEIT,
                "De jongste (fictief, 4 jaar) gaat drie dagen per week naar de opvang.",
                2,
            ),
            (
                NoteKind.ZORG,
                "De oudste (fictief, 9 jaar) slaapt slecht en wil niet alleen thuis zijn.",
                6,
            ),
        ],
        None,
    ),
    (
        "hg-b-kijk-ouders",
        [
            (NoteKind.KRACHT, "Moeder wil dat de kinderen veilig zijn en werkt mee.", 0),
            (NoteKind.FEIT, "Vader zegt dat hij de training wil afmaken.", 1),
        ],
        None,
    ),
    (
        "hg-b-patroon-geweld",
        [
            (NoteKind.ZORG, "Het geweld neemt in ernst toe volgens de meldingen.", 3),
            (NoteKind.FEIT, "Vier meldingen in een jaar, steeds in het weekend.", 4),
        ],
        None,
    ),
    (
        "hg-b-achtergrond",
        [
            (NoteKind.AANNAME, "Mogelijk drinkt vader meer sinds hij zijn werk kwijt is.", 5),
        ],
        None,
    ),
    (
        "hg-b-kind-gesproken",
        [
            (
                NoteKind.FEIT,
                "De oudste vertelde de behandelaar dat hij bang is als papa boos is.",
                6,
            ),
            (NoteKind.INFORMATIEGAT, "Niemand heeft de jongste zelf gesproken.", None),
        ],
        None,
    ),
    ("hg-b-cijfer-client", [], ("Moeder (fictief)", 4, "Als vader in de training zit.", 0)),
    ("hg-b-cijfer-partners", [], ("Veilig Thuis", 3, "Een ondertekend veiligheidsplan.", 3)),
]


def _add_roster(session: MeetingSession) -> None:
    for name, organisation, role, domain, flags in _ROSTER:
        session.add_participant(
            name,
            organisation=organisation,
            role=role,
            domain=domain,
            presence=Presence.AANWEZIG,
            is_client=flags.get("is_client", False),
            speaks_for_child=flags.get("speaks_for_child", False),
        )


def build_demo(store: Store, question_set: QuestionSet, now: datetime) -> int:
    """Fill ``store`` with the demo case; return the id of the meeting in progress.

    The meeting in progress began 40 minutes before ``now``; the earlier one three weeks before.
    """
    today = now.astimezone().date()
    earlier_day = today - timedelta(days=21)
    clock = _StepClock(datetime.combine(earlier_day, time(9, 0), tzinfo=UTC))
    earlier = MeetingSession.create(
        store,
        question_set,
        case_code=DEMO_CASE_CODE,
        held_on=earlier_day,
        location="Zorg- en Veiligheidshuis (fictief)",
        reason="Fictieve oefencasus: herhaald huiselijk geweld in een gezin met twee kinderen.",
        clock=clock,
    ).item
    _add_roster(earlier)
    earlier.start()
    roster = earlier.participants()
    for kind, text in _EARLIER_NOTES:
        clock.advance(6)
        earlier.record_note(kind, text)
    earlier.record_safety_score(
        "Moeder (fictief)",
        3,
        "Als er een plan ligt waar vader zich aan houdt.",
        participant_id=roster[0].id,
    )
    earlier.record_safety_score(
        "Veilig Thuis",
        2,
        "Als de kinderen niet meer bij ruzies zijn.",
        participant_id=roster[3].id,
    )
    # Said in confidence: kept out of every export unless included on purpose.
    earlier.record_note(
        NoteKind.ZORG,
        "Moeder vertelde apart dat zij overweegt met de kinderen naar haar zus te gaan.",
        participant_id=roster[0].id,
        confidential=True,
    )
    # A solution proposed while the picture was still forming: parked for besluitvorming.
    idea = earlier.park_idea(
        "Vader tijdelijk een huisverbod opleggen", participant_id=roster[4].id
    ).item
    clock.advance(10)
    earlier.next_phase()
    earlier.record_judgement(
        JudgementKind.RISICO,
        "Herhaling van geweld waar de kinderen bij zijn.",
        likelihood=Likelihood.HOOG,
    )
    earlier.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
    clock.advance(15)
    earlier.next_phase()
    plan = earlier.record_decision(
        "Veiligheidsplan opstellen met beide ouders",
        owner_person="M. de Boer",
        owner_organisation="Veilig Thuis",
        deadline=earlier_day + timedelta(days=14),
        priority=Priority.HOOG,
        chain_care_phase=ChainCarePhase.VEILIGHEID,
    ).item
    training = earlier.record_decision(
        "Vader aanmelden voor een agressieregulatietraining",
        owner_person="K. Visser",
        owner_organisation="Reclassering Nederland",
        deadline=earlier_day + timedelta(days=28),
        chain_care_phase=ChainCarePhase.RISICOGESTUURDE_ZORG,
    ).item
    school = earlier.record_decision(
        "Schoolbeeld van de oudste opvragen bij de intern begeleider",
        owner_person="R. Jansen",
        owner_organisation="Wijkteam Oost",
        deadline=earlier_day + timedelta(days=7),
        priority=Priority.HOOG,
    ).item
    earlier.drop_parked_idea(idea.id)  # the plan with both parents goes first
    earlier.set_evaluation(
        evaluation_date=today, next_meeting_on=today, client_informed_by="R. Jansen (wijkteam)"
    )
    clock.advance(20)
    earlier.close()

    clock.now = now - timedelta(minutes=40)
    current = MeetingSession.create(
        store,
        question_set,
        case_code=DEMO_CASE_CODE,
        held_on=today,
        location="Zorg- en Veiligheidshuis (fictief)",
        reason="Fictieve oefencasus: evaluatie na drie weken en een nieuwe melding.",
        clock=clock,
    ).item
    _add_roster(current)
    participants = current.participants()
    clock.advance(2)
    current.review_carried_over(plan.id, DecisionStatus.GEDAAN, "Plan besproken met beide ouders.")
    current.review_carried_over(training.id, DecisionStatus.OPEN, "Wachtlijst; loopt door.")
    current.review_carried_over(
        school.id, DecisionStatus.OPEN, "Nog niet gelukt: de school was met vakantie."
    )
    clock.advance(3)
    current.start()
    for question_id, notes, score in _CURRENT_MEETING:
        clock.advance(1)
        current.go_to_question(question_id)
        for kind, text, speaker in notes:
            clock.advance(2)
            speaker_id = participants[speaker].id if speaker is not None else None
            current.record_note(kind, text, participant_id=speaker_id)
        if score is not None:
            respondent, value, raise_it, speaker = score
            clock.advance(2)
            current.record_safety_score(
                respondent, value, raise_it, participant_id=participants[speaker].id
            )
    current.suspend()
    return current.meeting_id


def open_demo(
    catalog: Catalog, *, settings: Settings, reset: bool = False, clock: Clock = utc_now
) -> tuple[Store, int]:
    """Open the demo store, creating (or with ``reset`` re-creating) the demo case.

    ``clock`` says when "now" is, so the screen pictures come out the same every time."""
    path = settings.paths.demo_store
    if reset:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    store = open_store(sqlite_url(path), settings, backups=False)  # made anew on --reset
    try:
        return store, find_meeting_id(store, DEMO_CASE_CODE)
    except NotFound:
        pass
    return store, build_demo(store, catalog.get(DEMO_LEIDRAAD), clock())
