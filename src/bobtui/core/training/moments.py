"""What a feedback report is made of: moments (to the second since the meeting started) and
figures, each with the reason it is, or is not, a point for the debrief."""

from dataclasses import dataclass
from datetime import datetime, timedelta


def stopwatch(seconds: int) -> str:
    """Seconds since the start as 0:12:05."""
    hours, rest = divmod(max(0, seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def duration(span: timedelta) -> str:
    """A span in Dutch to the second: "12 min 5 s"."""
    minutes, seconds = divmod(max(0, round(span.total_seconds())), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def minutes_seconds(span: timedelta) -> str:
    """A span as 8:05 (minutes:seconds), for a table cell."""
    minutes, seconds = divmod(max(0, round(span.total_seconds())), 60)
    return f"{minutes}:{seconds:02d}"


def short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass(frozen=True)
class Moment:
    """Something recorded or shown in the rehearsal, and when."""

    at: datetime
    seconds: int
    """Since the meeting started."""
    what: str

    @property
    def clock(self) -> str:
        return stopwatch(self.seconds)


@dataclass(frozen=True)
class Figure:
    """One item of the report: a measure, whether it is a point for the debrief and why, and
    the evidence (the moments it was computed from)."""

    key: str
    """Stable across reports, for comparing two rehearsals."""
    label: str
    value: str
    attention: bool
    reason: str
    moments: tuple[Moment, ...] = ()
    measure: float | None = None
    """Lower is better; None when it cannot be compared (see ``compare_reports``)."""


@dataclass(frozen=True)
class Stopwatch:
    """Turns a moment of the meeting into a :class:`Moment`."""

    start: datetime

    def __call__(self, at: datetime, what: str) -> Moment:
        return Moment(at, max(0, round((at - self.start).total_seconds())), what)
