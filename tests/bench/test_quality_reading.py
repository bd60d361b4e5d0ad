"""The quality report's reading is computed from the figures, so it follows them."""

from __future__ import annotations

from bench.quality.metrics import PairScore
from bench.quality.reading import SetResults, reading
from bench.quality.report import MethodResult


def result(method: str, tp: int, predicted: int, actual: int, **counts: str) -> MethodResult:
    return MethodResult(method, PairScore(tp, predicted, actual), **counts)


def engine(method: str, tp: int, predicted: int, actual: int, conflicts: str = "0") -> MethodResult:
    return result(method, tp, predicted, actual, conflicts=conflicts, generic="0", held="0")


def sets(strict_tp: int, strict_predicted: int, conflicts: str) -> list[SetResults]:
    return [
        (
            "A",
            [
                engine("graph-identity, strict", strict_tp, strict_predicted, 10, conflicts),
                engine("graph-identity, connected", 5, 5, 10),
                result("union-find (networkx)", 5, 5, 10),
                result("splink probabilistic", 9, 10, 10),
                result("splink deterministic", 5, 5, 10),
            ],
        ),
        (
            "B",
            [
                engine("graph-identity, strict", 4, 4, 4),
                engine("graph-identity, connected", 4, 4, 4),
                result("union-find (networkx)", 4, 6, 4),
                result("splink probabilistic", 3, 3, 4),
                MethodResult(
                    "splink deterministic", None, failure="splink environment unavailable"
                ),
            ],
        ),
    ]


def test_sentences_follow_the_figures() -> None:
    text = reading(sets(5, 5, "0"))
    assert "conflicts opened: none on any set" in text
    assert "Engine runs: none on any set" in text
    assert "B: union-find (networkx) 2 (precision 0.667)" in text
    assert "A: splink probabilistic 1 (precision 0.900)" in text
    assert "The same predicted pairs on: A; other pairs on: B." in text
    assert "predicts exactly union-find's pairs on every set" in text
    assert "splink finds more true pairs on 1 of 2 sets and fewer on 1" in text
    assert "A: splink recall 0.900 at precision 0.900, engine recall 0.500" in text
    assert "splink finds 4 more true pairs and joins 1 more wrong pairs" in text
    assert (
        "B: splink recall 0.750" in text
        and "finds 1 fewer true pairs and joins as many wrong pairs" in text
    )


def test_other_figures_other_sentences() -> None:
    text = reading(sets(5, 7, "3"))
    assert "conflicts opened: A (strict) 3" in text
    assert "Engine runs: A: graph-identity, strict 2 (precision 0.714)" in text
    assert "The same predicted pairs on: no set; other pairs on: A; B." in text
