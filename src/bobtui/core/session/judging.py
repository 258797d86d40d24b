"""Safety scores and judgements: how safe it is now, and the key problems, risks and dilemmas
the meeting sees; and the phase of gefaseerde ketenzorg the family is in."""

from typing import Any

from sqlmodel import col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import NotFound, RuleViolation
from bobtui.core.domain.records import JudgementRecord, SafetyScoreRecord, Saved, to_record
from bobtui.core.domain.vocabulary import ChainCarePhase, JudgementKind, Likelihood
from bobtui.core.session._base import _required
from bobtui.core.session.coverage import CoverageMixin
from bobtui.core.store.tables import Judgement, MeetingEvent, SafetyScore

_CHAIN_CARE_SET = "meeting.chain_care_phase_set"


def _check_score(respondent: str, score: int) -> None:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise RuleViolation("Een veiligheidsscore is een geheel getal van 0 tot en met 10.")
    if not _required(respondent):
        raise RuleViolation("Vermeld wie de veiligheidsscore geeft.")


class JudgingMixin(CoverageMixin):
    """Scores and judgements of one meeting."""

    def record_safety_score(
        self,
        respondent: str,
        score: int,
        what_would_raise_it: str = "",
        *,
        participant_id: int | None = None,
    ) -> Saved[SafetyScoreRecord]:
        """Record a 0–10 answer to 'how safe is it now?' and what would raise it by one point.

        Filed on the question this session shows."""
        _check_score(respondent, score)
        position = self.position()
        with self._write("safetyscore.recorded", "safetyscore") as (db, changed):
            self._running_meeting(db)
            row = SafetyScore(
                meeting_id=self.meeting_id,
                participant_id=participant_id,
                respondent=respondent.strip(),
                score=score,
                what_would_raise_it=what_would_raise_it.strip(),
                question_id=position.question.id if position else None,
                created_at=self._clock(),
            )
            db.add(row)
            db.flush()
            changed.append(row.id)
        return Saved(
            to_record(SafetyScoreRecord, row), bsn_warnings(respondent, what_would_raise_it)
        )

    def edit_safety_score(
        self, score_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> Saved[SafetyScoreRecord]:
        """Change who gave a score, the score, or what would raise it.

        ``expected_version``: the version the change was made on (refused with
        ``EditConflict``, changing nothing, when the score was changed since)."""
        current = next((s for s in self.safety_scores() if s.id == score_id), None)
        if current is None:
            raise NotFound(f"Veiligheidsscore {score_id} hoort niet bij dit overleg.")
        _check_score(
            changes.get("respondent", current.respondent), changes.get("score", current.score)
        )
        return self._update(
            SafetyScore, SafetyScoreRecord, score_id, changes, "Veiligheidsscore", expected_version
        )

    def delete_safety_score(self, score_id: int) -> None:
        self._delete(SafetyScore, score_id, "Veiligheidsscore")

    def safety_scores(self) -> list[SafetyScoreRecord]:
        return self._list(SafetyScoreRecord, SafetyScore, col(SafetyScore.created_at))

    def record_judgement(
        self, kind: JudgementKind, text: str, *, likelihood: Likelihood | None = None
    ) -> Saved[JudgementRecord]:
        """Record a key problem, a risk (with its likelihood) or a dilemma.

        Filed on the question this session shows: it counts as discussed by it."""
        if not _required(text):
            raise RuleViolation("Een oordeel mag niet leeg zijn.")
        if likelihood is not None and kind != JudgementKind.RISICO:
            raise RuleViolation("Alleen een risico heeft een kans.")
        position = self.position()
        with self._write("judgement.recorded", "judgement") as (db, changed):
            self._running_meeting(db)
            row = Judgement(
                meeting_id=self.meeting_id,
                kind=JudgementKind(kind),
                text=text.strip(),
                likelihood=likelihood,
                question_id=position.question.id if position else None,
                created_at=self._clock(),
            )
            db.add(row)
            db.flush()
            changed.append(row.id)
        return Saved(to_record(JudgementRecord, row), bsn_warnings(text))

    def edit_judgement(
        self, judgement_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> Saved[JudgementRecord]:
        """Change a judgement's kind, text or likelihood; ``expected_version`` as for
        :meth:`edit_safety_score`."""
        return self._update(
            Judgement, JudgementRecord, judgement_id, changes, "Oordeel", expected_version
        )

    def delete_judgement(self, judgement_id: int) -> None:
        self._delete(Judgement, judgement_id, "Oordeel")

    def judgements(self) -> list[JudgementRecord]:
        return self._list(JudgementRecord, Judgement, col(Judgement.created_at))

    def set_chain_care_phase(self, phase: ChainCarePhase | None) -> None:
        """The phase of gefaseerde ketenzorg the family is in, as judged at this meeting
        (setting the phase it started with confirms it)."""
        with self._write(_CHAIN_CARE_SET, "meeting") as (db, changed):
            meeting = self._editable_meeting(db)
            meeting.chain_care_phase = phase
            changed.append(meeting.id)

    def chain_care_phase_carried(self) -> bool:
        """Whether the meeting's phase of gefaseerde ketenzorg is still the one it started
        with from the last meeting on the case: nobody set it at this meeting yet."""
        with self._reading() as db:
            if self._meeting(db).chain_care_phase is None:
                return False
            set_here = db.exec(
                select(MeetingEvent.id)
                .where(
                    MeetingEvent.meeting_id == self.meeting_id,
                    MeetingEvent.action == _CHAIN_CARE_SET,
                )
                .limit(1)
            ).first()
            return set_here is None
