"""The gentle flags on the meeting screen, worked out by the core: the client not yet heard, the
child's perspective not yet asked, a number that looks like a BSN, an absent client."""

from dataclasses import replace
from datetime import UTC, datetime

from bobtui.core.domain.records import NoteRecord, ParticipantRecord
from bobtui.core.domain.vocabulary import NoteKind, Phase, Presence
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session.attention import MeetingFacts, attention_flags


def test_attention_flags(example_set: QuestionSet) -> None:
    now = datetime.now(UTC)

    def person(pid: int, client: bool, presence: Presence = Presence.AANWEZIG) -> ParticipantRecord:
        return ParticipantRecord(
            pid, 1, pid, f"p{pid}", "", "", None, presence, client, False, False
        )

    def note(question: str, speaker: int | None = None) -> NoteRecord:
        return NoteRecord(
            1, 1, NoteKind.FEIT, "x", Phase.BEELDVORMING, question, speaker, False, now, now
        )

    people = [person(1, True), person(2, False)]
    flags = attention_flags(MeetingFacts(example_set, people, [note("vb-aanleiding", 2)], []))
    assert flags == ["De cliënt is nog niet gehoord."]  # the example set has no child question
    assert attention_flags(MeetingFacts(example_set, people, [note("vb-aanleiding", 1)], [])) == []
    assert attention_flags(MeetingFacts(example_set, people, [note("vb-eigen-kijk")], [])) == []
    with_bsn = [note("vb-aanleiding", 1), replace(note("vb-aanleiding"), text="BSN 111222333")]
    assert attention_flags(MeetingFacts(example_set, people, with_bsn, [])) == [
        "Er staat een nummer in dat op een BSN lijkt; haal het weg."
    ]
    absent = [person(1, True, Presence.AFWEZIG)]
    assert "afwezig" in attention_flags(MeetingFacts(example_set, absent, [], []))[0]


def test_child_perspective_flag_on_the_richest_set() -> None:
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    now = datetime.now(UTC)
    mother = ParticipantRecord(
        1, 1, 0, "Moeder", "", "", None, Presence.AANWEZIG, True, False, False
    )
    heard = NoteRecord(
        1, 1, NoteKind.FEIT, "x", Phase.BEELDVORMING, "hg-b-aanleiding", 1, False, now, now
    )
    child = NoteRecord(
        2, 1, NoteKind.FEIT, "y", Phase.BEELDVORMING, "hg-b-kind-gesproken", None, False, now, now
    )
    facts = MeetingFacts(question_set, [mother], [heard], [])
    assert attention_flags(facts) == ["Het perspectief van het kind is nog niet gevraagd."]
    assert attention_flags(MeetingFacts(question_set, [mother], [heard, child], [])) == []
