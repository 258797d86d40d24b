"""Coverage that is earned: a question counts by what was recorded on it, as the meeting screen
counts it (``session/coverage.py``): notes, safety scores, parked ideas, judgements and
decisions filed under it (the question on screen when they were recorded), the chair's mark, or
a form that answers it (the evaluation, the phase of gefaseerde ketenzorg; mapped in the
practice case). Keywords give no credit here. Every question carries its evidence."""

from dataclasses import dataclass

from bobtui.core.domain.vocabulary import Coverage
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.cases import PracticeCase
from bobtui.core.training.moments import Figure, Moment, Stopwatch, short


@dataclass(frozen=True)
class QuestionResult:
    """One question of the leidraad: covered or not, and on what evidence."""

    question_id: str
    text: str
    phase: str
    core: bool
    status: Coverage
    evidence: tuple[Moment, ...]
    reason: str
    expected_facts: tuple[str, ...] = ()
    """The case's key facts this question should bring up and did not."""

    @property
    def open_core(self) -> bool:
        """A core question nothing was recorded on, passed over or not reached."""
        return self.core and self.status is not Coverage.BESPROKEN


def _form_answers(
    snapshot: MeetingSnapshot, case: PracticeCase, at: Stopwatch
) -> dict[str, Moment]:
    """Questions answered through a form: the evaluation and the phase of ketenzorg."""
    meeting = snapshot.meeting
    when = meeting.closed_at or snapshot.taken_at
    answers: dict[str, Moment] = {}
    if meeting.evaluation_date is not None:
        for question_id in case.answers.evaluatie:
            answers[question_id] = at(
                when, f"evaluatie vastgelegd: {meeting.evaluation_date:%d-%m-%Y}"
            )
    if meeting.chain_care_phase is not None and not snapshot.chain_care_carried:
        for question_id in case.answers.ketenzorgfase:
            answers[question_id] = at(
                when, f"fase van ketenzorg vastgelegd: {meeting.chain_care_phase.label}"
            )
    return answers


def question_results(
    snapshot: MeetingSnapshot,
    case: PracticeCase,
    at: Stopwatch,
    missed_facts: dict[str, list[str]],
) -> list[QuestionResult]:
    """Every question with its status and evidence; ``missed_facts``: per question id the
    key facts mapped to it that did not come up."""
    forms = _form_answers(snapshot, case, at)
    results = []
    for guide in snapshot.question_set.phases:
        for question in guide.questions():
            qid = question.id
            evidence = [
                at(n.created_at, f"notitie ({n.kind.value}): {short(n.text)}")
                for n in snapshot.notes
                if n.question_id == qid
            ]
            evidence += [
                at(s.created_at, f"veiligheidsscore {s.score} van {short(s.respondent, 30)}")
                for s in snapshot.safety_scores
                if s.question_id == qid
            ]
            evidence += [
                at(i.created_at, f"geparkeerd: {short(i.text)}")
                for i in snapshot.parked_ideas
                if i.question_id == qid
            ]
            evidence += [
                at(j.created_at, f"oordeel ({j.kind.value}): {short(j.text)}")
                for j in snapshot.judgements
                if j.question_id == qid
            ]
            evidence += [
                at(d.created_at, f"besluit: {short(d.action)} ({short(d.owner_person, 30)})")
                for d in snapshot.decisions
                if d.question_id == qid
            ]
            if qid in forms:
                evidence.append(forms[qid])
            evidence.sort(key=lambda m: m.at)
            status = snapshot.coverage[qid]
            if evidence:
                status = Coverage.BESPROKEN
                reason = f"{len(evidence)} keer iets vastgelegd bij deze vraag"
            elif status is Coverage.BESPROKEN:
                # The chair's mark, or a judgement or decision from before they kept their
                # question: counted, but nothing to show for it.
                reason = "als besproken gemarkeerd; geen vastlegging aan deze vraag gekoppeld"
            elif status is Coverage.OVERGESLAGEN:
                reason = "overgeslagen: verder gegaan zonder iets vast te leggen"
            else:
                reason = "niets vastgelegd bij deze vraag"
            results.append(
                QuestionResult(
                    qid,
                    question.text,
                    guide.phase.value,
                    question.core,
                    status,
                    tuple(evidence),
                    reason,
                    tuple(missed_facts.get(qid, ())),
                )
            )
    return results


def coverage_figures(snapshot: MeetingSnapshot, results: list[QuestionResult]) -> list[Figure]:
    figures = []
    for guide in snapshot.question_set.phases:
        mine = [r for r in results if r.phase == guide.phase.value]
        discussed = [r for r in mine if r.status is Coverage.BESPROKEN]
        skipped = [r for r in mine if r.status is Coverage.OVERGESLAGEN]
        open_core = [r for r in mine if r.open_core]
        value = f"{len(discussed)} van {len(mine)}"
        passed = f" {len(skipped)} overgeslagen." if skipped else ""
        if open_core:
            value += f"; {len(open_core)} kernvragen open"
            reason = "Kernvragen zonder iets vastgelegd: " + "; ".join(
                short(r.text, 50) for r in open_core
            )
        else:
            reason = "Bij elke kernvraag is iets vastgelegd." if mine else "Geen vragen."
        reason += passed
        figures.append(
            Figure(
                f"vragen-{guide.phase.value}",
                f"Vragen in {guide.phase.value}",
                value,
                bool(open_core),
                reason,
                tuple(m for r in discussed for m in r.evidence[:1]),
                float(len(open_core)),
            )
        )
    return figures
