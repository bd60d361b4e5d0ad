"""Pairwise precision, recall and F1 of a clustering against the ground truth.

A pair is two source rows. Predicted pairs are rows in the same predicted cluster, true
pairs rows of the same true entity. Counting is done per cluster (``n·(n-1)/2``), never by
listing pairs, so a large cluster costs nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PairScore:
    """Pair counts and the scores derived from them; a score is ``None`` when undefined."""

    true_positive: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float | None:
        return self.true_positive / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.true_positive / self.actual if self.actual else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def false_positive(self) -> int:
        return self.predicted - self.true_positive

    @property
    def false_negative(self) -> int:
        return self.actual - self.true_positive


def _pairs(sizes: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pair_score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairScore:
    """Score ``predicted`` (row → cluster) against ``truth`` (row → entity).

    Both must label exactly the same rows: a row missing from one side is a bug in the
    caller, not a miss, and raises :class:`ValueError`.
    """
    if predicted.keys() != truth.keys():
        missing = len(truth.keys() - predicted.keys())
        extra = len(predicted.keys() - truth.keys())
        raise ValueError(f"rows differ: {missing} without a prediction, {extra} not labelled")
    both = Counter((predicted[row], truth[row]) for row in truth)
    return PairScore(
        true_positive=_pairs(both),
        predicted=_pairs(Counter(predicted.values())),
        actual=_pairs(Counter(truth.values())),
    )


def ratio(value: float | None, baseline: float | None) -> float | None:
    """``value / baseline``, or ``None`` when either is undefined or the baseline is 0."""
    if value is None or not baseline:
        return None
    return value / baseline
