"""The "What the figures say" sentences, computed from the run's scores.

Every sentence here is derived from the figures of the same run, so the generated section
never carries a reading a later run contradicts. Why the figures are what they are (how the
data sets were made, what the engine's rules do) is written by hand once, in its own
section of docs/benchmarks.md, outside the generated block.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.quality.report import MethodResult, number

STRICT = "graph-identity, strict"
REVIEW_ALL_BRIDGES = "graph-identity, review_all_bridges"
CONNECTED = "graph-identity, connected"
UNION_FIND = "union-find (networkx)"
SPLINK_PROBABILISTIC = "splink probabilistic"
SPLINK_DETERMINISTIC = "splink deterministic"
ENGINE_DEFAULTS = (STRICT, REVIEW_ALL_BRIDGES, CONNECTED)
"""The engine runs with the default settings (variants override some)."""

SetResults = tuple[str, Sequence[MethodResult]]
"""A data set's name and its methods' results, in table order."""


def _by_method(results: Sequence[MethodResult]) -> dict[str, MethodResult]:
    return {r.method: r for r in results if r.score is not None}


def _listing(items: list[str], none: str) -> str:
    return "; ".join(items) if items else none


def _counted(sets: Sequence[SetResults], column: str) -> list[str]:
    """``set (policy) n`` for each default engine run whose ``column`` count is not 0."""
    found = []
    for name, results in sets:
        for method, result in _by_method(results).items():
            value = getattr(result, column)
            if method in ENGINE_DEFAULTS and value not in ("", "0"):
                found.append(f"{name} ({method.removeprefix('graph-identity, ')}) {value}")
    return found


def engine_events(sets: Sequence[SetResults]) -> str:
    conflicts = _counted(sets, "conflicts")
    generic = _counted(sets, "generic")
    held = _counted(sets, "held")
    return (
        "- **Conflicts, generic identifiers, held records** (engine, default settings): "
        f"conflicts opened: {_listing(conflicts, 'none on any set')}; identifiers turned "
        f"generic: {_listing(generic, 'none on any set')}; records held: "
        f"{_listing(held, 'none on any set')}."
    )


def wrong_pairs(sets: Sequence[SetResults], engine: bool) -> list[str]:
    """``set: method n (precision p)`` for each run that joined a wrong pair."""
    found = []
    for name, results in sets:
        for result in results:
            if result.score is None or result.method.startswith("graph-identity") != engine:
                continue
            if result.score.false_positive:
                found.append(
                    f"{name}: {result.method} {result.score.false_positive:,} "
                    f"(precision {number(result.score.precision)})"
                )
    return found


def precision(sets: Sequence[SetResults]) -> str:
    engine = wrong_pairs(sets, engine=True)
    baselines = wrong_pairs(sets, engine=False)
    return (
        "- **Wrong pairs.** Engine runs: "
        f"{_listing(engine, 'none on any set, under either policy or variant')}. "
        f"Baselines: {_listing(baselines, 'none on any set')}."
    )


def _same_score(a: MethodResult, b: MethodResult) -> bool:
    assert a.score is not None and b.score is not None
    return (a.score.true_positive, a.score.predicted) == (b.score.true_positive, b.score.predicted)


def same_as(sets: Sequence[SetResults], method: str, other: str) -> tuple[list[str], list[str]]:
    """The sets where ``method`` and ``other`` score the same pairs, and where they differ."""
    same, different = [], []
    for name, results in sets:
        by_method = _by_method(results)
        if method in by_method and other in by_method:
            (same if _same_score(by_method[method], by_method[other]) else different).append(name)
    return same, different


def against_union_find(sets: Sequence[SetResults]) -> str:
    same, different = same_as(sets, STRICT, UNION_FIND)
    deterministic_same, deterministic_different = same_as(sets, SPLINK_DETERMINISTIC, UNION_FIND)
    if not deterministic_same and not deterministic_different:
        deterministic = "splink's deterministic linking did not run"
    elif not deterministic_different:
        deterministic = (
            "splink's deterministic linking predicts exactly union-find's pairs on every set "
            "(the same exact keys, clustered the same way)"
        )
    else:
        deterministic = (
            "splink's deterministic linking predicts other pairs than union-find on: "
            + ", ".join(deterministic_different)
        )
    return (
        "- **Engine (strict) against union-find on the same identifiers.** The same predicted "
        f"pairs on: {_listing(same, 'no set')}; other pairs on: "
        f"{_listing(different, 'no set')}. And {deterministic}."
    )


def _pr(result: MethodResult) -> str:
    assert result.score is not None
    return f"recall {number(result.score.recall)} at precision {number(result.score.precision)}"


def _more(difference: int, noun: str) -> str:
    if difference == 0:
        return f"as many {noun}"
    return f"{abs(difference):,} {'more' if difference > 0 else 'fewer'} {noun}"


def against_splink(sets: Sequence[SetResults]) -> str:
    lines, more, fewer = [], 0, 0
    for name, results in sets:
        by_method = _by_method(results)
        splink, strict = by_method.get(SPLINK_PROBABILISTIC), by_method.get(STRICT)
        if splink is None or strict is None:
            continue
        assert splink.score is not None and strict.score is not None
        found = splink.score.true_positive - strict.score.true_positive
        more += found > 0
        fewer += found < 0
        wrong = splink.score.false_positive - strict.score.false_positive
        lines.append(
            f"  - {name}: splink {_pr(splink)}, engine {_pr(strict)}; splink finds "
            f"{_more(found, 'true pairs')} and joins {_more(wrong, 'wrong pairs')}."
        )
    if not lines:
        return "- **Against splink's probabilistic model:** it did not run."
    return (
        "- **Engine (strict) against splink's probabilistic model.** splink finds more true "
        f"pairs on {more} of {len(lines)} sets and fewer on {fewer}:\n" + "\n".join(lines)
    )


def reading(sets: Sequence[SetResults]) -> str:
    """The bullets, in the order of the questions a reader asks."""
    return "\n".join(
        (
            "What the figures say (sentences computed from the tables above):",
            "",
            engine_events(sets),
            precision(sets),
            against_union_find(sets),
            against_splink(sets),
        )
    )
