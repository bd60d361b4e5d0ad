"""The Markdown tables of the quality benchmark."""

from __future__ import annotations

from dataclasses import dataclass

from bench.quality.metrics import PairScore, ratio
from bench.quality.misses import MissReport


@dataclass(frozen=True, slots=True)
class MethodResult:
    method: str
    score: PairScore | None
    """``None`` when the method failed to run (``failure`` says why)."""
    seconds: float = 0.0
    conflicts: str = ""
    generic: str = ""
    held: str = ""
    failure: str = ""


def number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _ratios(score: PairScore, baseline: MethodResult | None) -> str:
    if baseline is None or baseline.score is None:
        return "n/a"
    other = baseline.score
    parts = (
        ratio(score.precision, other.precision),
        ratio(score.recall, other.recall),
        ratio(score.f1, other.f1),
    )
    return " / ".join(number(p, 2) for p in parts)


def score_rows(name: str, results: list[MethodResult]) -> list[str]:
    """Rows of the main table; ratios are against union-find and splink's probabilistic model
    on the same data set."""
    baselines = {r.method: r for r in results}
    union, splink = baselines.get("union-find (networkx)"), baselines.get("splink probabilistic")
    rows = []
    for result in results:
        if result.score is None:
            rows.append(f"| {name} | {result.method} | failed: {result.failure} |||||||||")
            continue
        s = result.score
        rows.append(
            f"| {name} | {result.method} | {number(s.precision)} | {number(s.recall)} | "
            f"{number(s.f1)} | {_ratios(s, union)} | {_ratios(s, splink)} | "
            f"{s.false_positive:,} | {s.false_negative:,} | {result.conflicts} | "
            f"{result.generic} | {result.held} | {result.seconds:.1f} |"
        )
    return rows


SCORE_HEADER = (
    "| data set | method | precision | recall | F1 | P / R / F1 ÷ union-find "
    "| P / R / F1 ÷ splink probabilistic | wrong pairs | missed pairs | conflicts | generic ids "
    "| held records | seconds |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def miss_rows(name: str, report: MissReport, total_true: int) -> list[str]:
    rows = []
    for reason, count in report.by_reason.most_common():
        rows.append(f"| {name} | missed | {reason} | {count:,} | {count / total_true:.1%} |")
    for shared, count in report.wrong_by_shared.most_common():
        rows.append(f"| {name} | wrong | shares {shared} | {count:,} | |")
    return rows


MISS_HEADER = (
    "| data set | pair | how the two rows' identifiers compare | pairs | of true pairs |\n"
    "|---|---|---|---|---|"
)


def detail_line(name: str, report: MissReport) -> str:
    """Email typo share and address parts that differ, for the data sets that have them."""
    notes = []
    differing_emails = sum(n for r, n in report.by_reason.items() if "email differs" in r)
    if differing_emails:
        notes.append(
            f"{report.email_typos:,} of {differing_emails:,} missed pairs with two different "
            f"emails are within 2 edits of each other (typos)"
        )
    if report.address_parts:
        parts = ", ".join(f"{part} {n:,}" for part, n in report.address_parts.most_common())
        notes.append(f"where both addresses exist but differ, the differing parts: {parts}")
        alone = sum(report.address_only_part.values())
        only = ", ".join(f"{part} {n:,}" for part, n in report.address_only_part.most_common())
        notes.append(f"{alone:,} of those pairs differ in one part only ({only or 'none'})")
    return f"- {name}: " + "; ".join(notes) + "." if notes else ""
