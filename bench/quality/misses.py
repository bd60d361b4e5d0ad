"""Why pairs were missed or wrongly joined, in counts: never the personal values themselves.

A missed pair (same entity, different predicted clusters) is described by how the two rows'
identifiers compare, kind by kind: ``same``, ``differs`` or ``missing``. For differing values
the analysis also says how close they were (emails: edit distance; addresses: which parts of
the canonical ``name|street|city|region|postal|country`` string differ), which separates
typos from genuinely different values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from bench.quality.resolve import ALONE
from graph_identity.identifiers import Identifier

ADDRESS_PARTS = ("name", "street", "city", "region", "postal", "country")
TYPO_DISTANCE = 2


@dataclass
class MissReport:
    missed_pairs: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    email_typos: int = 0
    address_parts: Counter[str] = field(default_factory=Counter)
    address_only_part: Counter[str] = field(default_factory=Counter)
    wrong_pairs: int = 0
    wrong_by_shared: Counter[str] = field(default_factory=Counter)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _by_kind(identifiers: Iterable[Identifier]) -> dict[str, Identifier]:
    return {str(i.kind): i for i in identifiers}


def _compare(left: Identifier | None, right: Identifier | None) -> str:
    if left is None or right is None:
        return "missing"
    return "same" if left.value == right.value else "differs"


NOT_LINKING = (
    "same but not linking (replaced on its record, generic, or a phone under different names)"
)


def _pairs_of(groups: Mapping[str, list[str]]) -> Iterable[tuple[str, str]]:
    for members in groups.values():
        yield from combinations(members, 2)


def _group(labels: Mapping[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for row, label in labels.items():
        groups[label].append(row)
    return groups


def analyse(
    clusters: Mapping[str, str],
    truth: Mapping[str, str],
    identifiers: Mapping[str, tuple[Identifier, ...]],
    records: Mapping[str, str],
    kinds: Iterable[str],
) -> MissReport:
    """Describe every missed and every wrong pair of ``clusters`` against ``truth``.

    ``records`` maps a row to its record key (rows of one provider id share a record).
    """
    kinds = tuple(kinds)
    report = MissReport()
    for a, b in _pairs_of(_group(truth)):
        if clusters[a] == clusters[b]:
            continue
        report.missed_pairs += 1
        left, right = _by_kind(identifiers[a]), _by_kind(identifiers[b])
        if clusters[a].startswith(ALONE) or clusters[b].startswith(ALONE):
            report.by_reason["a record is held (ambiguous)"] += 1
            continue
        status = {kind: _compare(left.get(kind), right.get(kind)) for kind in kinds}
        described = (
            f"{kind} {NOT_LINKING if state == 'same' else state}" for kind, state in status.items()
        )
        report.by_reason[", ".join(described)] += 1
        if status.get("email") == "differs":
            distance = edit_distance(left["email"].value, right["email"].value)
            report.email_typos += distance <= TYPO_DISTANCE
        if status.get("address") == "differs":
            parts = zip(
                ADDRESS_PARTS,
                str(left["address"].canonical).split("|"),
                str(right["address"].canonical).split("|"),
                strict=True,
            )
            differing = [name for name, x, y in parts if x != y]
            report.address_parts.update(differing)
            if len(differing) == 1:
                report.address_only_part[differing[0]] += 1
    for a, b in _pairs_of(_group(clusters)):
        if truth[a] == truth[b]:
            continue
        report.wrong_pairs += 1
        left, right = _by_kind(identifiers[a]), _by_kind(identifiers[b])
        shared = [k for k in kinds if _compare(left.get(k), right.get(k)) == "same"]
        if records[a] == records[b]:
            shared.insert(0, "provider id")
        report.wrong_by_shared[" + ".join(shared) or "only through other records"] += 1
    return report
