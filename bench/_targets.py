"""What every bench script shares: percentiles, and its targets with the closing count.

Each script checks its figures with :meth:`Targets.check` as it goes and ends with
:meth:`Targets.report`, whose last line ``bench: N/M targets met`` shows a regression at a glance.
"""

import math


def percentile(values: list[float], share: float) -> float:
    """The value ``share`` of the way up ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Targets:
    """The targets of one bench script, each met or missed."""

    def __init__(self) -> None:
        self.results: list[tuple[str, bool]] = []

    def check(
        self, label: str, value: float, limit: float, unit: str, *, at_least: bool = False
    ) -> bool:
        """``value`` against ``limit`` (at most, or ``at_least``); prints one line."""
        met = value >= limit if at_least else value <= limit
        if math.isnan(value):
            met = False
        sign = ">=" if at_least else "<="
        verdict = "met" if met else "MISSED"
        print(f"  target: {label} {value:.2f}{unit} {sign} {limit:g}{unit}  {verdict}")
        self.results.append((label, met))
        return met

    def report(self) -> None:
        """The closing lines: what was missed, then ``bench: N/M targets met``."""
        missed = [label for label, met in self.results if not met]
        if missed:
            print(f"\nmissed: {'; '.join(missed)}")
        met = sum(met for _, met in self.results)
        print(f"bench: {met}/{len(self.results)} targets met")
