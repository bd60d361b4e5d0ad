"""Why two records are not one customer, strongest reason first.

Erased (a tombstone), a keep-apart decision, an open conflict, a chain only through generic
identifiers, a chain only through identifiers shared by records that contradict (names or
dates of birth: a household's phone, a family mailbox, a father and son at one address), an
assign decision that broke a chain, no chain at all — and ``unexplained`` for a live chain
that nothing on record accounts for (data the engine did not write). No reason names a
record's name or date of birth: they only decide whether an identifier ties.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from graph_identity.explain.models import (
    ConflictInfo,
    DecisionInfo,
    Hop,
    IdentifierView,
    ReasonCode,
    TombstoneInfo,
    WhyNot,
)
from graph_identity.explain.sentences import (
    conflict_text,
    customer_label,
    day,
    decision_phrase,
    identifier_phrase,
)
from graph_identity.explain.subgraph import Subgraph
from graph_identity.resolution.ties import Contradiction, contradiction


def why_not(
    subgraph: Subgraph, a: str, b: str, tombstones: dict[str, TombstoneInfo], path: list[Hop]
) -> WhyNot:
    """The reason ``a`` and ``b`` are not one customer; ``path`` is the chain found, if any."""
    erased = [key for key in dict.fromkeys((a, b)) if key not in subgraph.records]
    if erased:
        return _erased(erased, tombstones)
    records = subgraph.records
    labels = f"{customer_label(records[a], a)} and {customer_label(records[b], b)}"
    decision = _keep_apart(subgraph, a, b)
    if decision is not None:
        return WhyNot(
            code=ReasonCode.KEEP_APART,
            text=f"{labels} are kept apart by {decision_phrase(decision)}.",
            decision=decision.ref(),
        )
    conflict = _open_conflict(subgraph, a, b, path)
    if conflict is not None:
        return WhyNot(
            code=ReasonCode.OPEN_CONFLICT,
            text=f"{labels} are not one customer yet: {conflict_text(conflict)}",
            conflict_id=conflict.id,
        )
    generic = [hop for hop in path if hop.generic]
    if generic:
        identifiers = [
            subgraph.identifiers[str(hop.identifier)]
            for hop in {hop.identifier: hop for hop in generic}.values()
        ]
        return WhyNot(
            code=ReasonCode.GENERIC_IDENTIFIER_ONLY,
            text=f"{labels} are different customers: they are connected only through "
            + "; ".join(identifier_phrase(i) for i in identifiers)
            + ", and a generic identifier links no one.",
            identifiers=identifiers,
        )
    contradicted = _contradicted(subgraph, path)
    if contradicted:
        reasons = sorted({str(reason) for _, reason in contradicted})
        identifiers = list({i.id: i for i, _ in contradicted}.values())
        return WhyNot(
            code=ReasonCode.SHARED_BY_CONTRADICTING_RECORDS,
            text=f"{labels} are different customers: they are connected only through "
            + "; ".join(identifier_phrase(i) for i in identifiers)
            + f", shared by records whose {' and whose '.join(reasons)}, so it is taken for "
            "a place or a shared mailbox, not one person.",
            identifiers=identifiers,
        )
    if path:
        return _live_chain(subgraph, labels, path)
    return WhyNot(
        code=ReasonCode.DIFFERENT_CUSTOMERS_NO_PATH,
        text=f"{labels} are different customers: no current shared identifier or merge "
        "decision connects them.",
    )


def _erased(keys: list[str], tombstones: dict[str, TombstoneInfo]) -> WhyNot:
    parts = [f"{key} was erased on {day(tombstones[key].erased_at)}" for key in keys]
    return WhyNot(
        code=ReasonCode.ERASED,
        text=" and ".join(parts) + "; nothing about an erased record is kept, "
        "so it belongs to no customer.",
        erased=keys,
    )


def _sides(subgraph: Subgraph, decision: DecisionInfo, key: str) -> set[str]:
    """The keep-apart sides ``key``'s customer is on (its conflict's record: a side too)."""
    customer = subgraph.records[key].customer_id

    def together(other: str) -> bool:
        record = subgraph.records.get(other)
        return other == key or (
            customer is not None and record is not None and record.customer_id == customer
        )

    sides = {side for side, keys in decision.apart.items() if any(map(together, keys))}
    if decision.concerns is not None and together(decision.concerns):
        sides.add("conflict record")
    return sides


def _keep_apart(subgraph: Subgraph, a: str, b: str) -> DecisionInfo | None:
    for decision in subgraph.decisions.values():
        if decision.kind != "keep_apart":
            continue
        sides_a, sides_b = _sides(subgraph, decision, a), _sides(subgraph, decision, b)
        if sides_a and sides_b and not sides_a & sides_b:
            return decision
    return None


def _open_conflict(subgraph: Subgraph, a: str, b: str, path: Sequence[Hop]) -> ConflictInfo | None:
    """A conflict holding ``a`` or ``b``, else one between their customers, else one holding
    a record on the chain between them."""
    customers = {subgraph.records[a].customer_id, subgraph.records[b].customer_id}
    on_path = {end.record for hop in path for end in hop.ends}
    tests: tuple[Callable[[ConflictInfo], bool], ...] = (
        lambda k: k.record in (a, b),
        lambda k: None not in customers and customers <= set(k.candidates),
        lambda k: k.record in on_path,
    )
    for test in tests:
        for conflict in subgraph.conflicts:
            if test(conflict):
                return conflict
    return None


def _contradicted(
    subgraph: Subgraph, path: list[Hop]
) -> list[tuple[IdentifierView, Contradiction]]:
    """The identifiers of the hops that do not tie, with what contradicts between the ends."""
    evidence = subgraph.evidence
    found = []
    for hop in path:
        if hop.identifier is None:
            continue
        reason = contradiction(evidence[hop.from_record], evidence[hop.to_record])
        if reason is not None:
            found.append((subgraph.identifiers[hop.identifier], reason))
    return found


def _live_chain(subgraph: Subgraph, labels: str, path: list[Hop]) -> WhyNot:
    on_path = {end.record for hop in path for end in hop.ends}
    for decision in subgraph.decisions.values():
        assigned = [key for key in decision.assigns if key in on_path]
        if decision.kind == "assign" and assigned:
            return WhyNot(
                code=ReasonCode.ASSIGNED,
                text=f"{labels} are different customers: {decision_phrase(decision)} put "
                f"{assigned[0]} in customer {', '.join(decision.to_customers)}, so the chain "
                "through it does not join them.",
                decision=decision.ref(),
            )
    return WhyNot(
        code=ReasonCode.UNEXPLAINED,
        text=f"{labels} are different customers although a chain connects them; no "
        "decision or open conflict on record explains it.",
    )
