"""Plain sentences for people. Identifiers appear masked only; never a canonical address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from graph_identity.explain.models import (
    Chain,
    ConflictInfo,
    CustomerExplanation,
    DecisionRef,
    EventInfo,
    Hop,
    HopEnd,
    IdentifierView,
    PairExplanation,
    RecordView,
)


def day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "an unknown date"


def decision_phrase(decision: DecisionRef) -> str:
    """``keep_apart decision dec_1 (alice, 2024-05-01: “…”)``."""
    return (
        f"{decision.kind} decision {decision.id} "
        f"({decision.actor}, {day(decision.at)}: “{decision.reason}”)"
    )


def identifier_phrase(identifier: IdentifierView) -> str:
    generic = f" (generic: {identifier.generic_reason})" if identifier.generic else ""
    return f"{identifier.kind} {identifier.masked}{generic}"


def _seen(end: HopEnd) -> str:
    text = f"{end.provider or 'an unknown provider'} since {day(end.first_seen)}"
    if end.last_seen and end.first_seen and end.last_seen.date() != end.first_seen.date():
        text += f" (last {day(end.last_seen)})"
    return text


def _provenance(hop: Hop) -> str:
    return "seen by " + ", ".join(_seen(end) for end in hop.ends)


def _by_decision(decision: DecisionRef) -> str:
    verb = "were joined by" if decision.kind == "merge" else "were put together by"
    return f"{verb} {decision_phrase(decision)}"


def hop_clause(hop: Hop) -> str:
    """``a and b share phone +1 512 *** **42 (seen by shopify since …, qbo since …)``."""
    if hop.decision is not None:
        return f"{hop.from_record} and {hop.to_record} {_by_decision(hop.decision)}"
    generic = f", which is generic: {hop.generic_reason}" if hop.generic else ""
    return (
        f"{hop.from_record} and {hop.to_record} share {hop.kind} {hop.masked}{generic} "
        f"({_provenance(hop)})"
    )


def chain_text(opening: str, hops: Sequence[Hop]) -> str:
    """One hop: ``<opening> because both have …``; several: ``<opening> through N links: …``."""
    if len(hops) == 1:
        (hop,) = hops
        if hop.decision is not None:
            return f"{opening} because they {_by_decision(hop.decision)}."
        return f"{opening} because both have {hop.kind} {hop.masked} ({_provenance(hop)})."
    clauses = "; ".join(hop_clause(hop) for hop in hops)
    return f"{opening} through {len(hops)} links: {clauses}."


def pair_text(explanation: PairExplanation) -> str:
    """The sentence for a pair: why one customer, or the why-not reason."""
    if explanation.reason is not None:
        return explanation.reason.text
    if explanation.a == explanation.b:
        return f"{explanation.a} is one record, of customer {explanation.customer_a}."
    if not explanation.path:
        return (
            f"{explanation.a} and {explanation.b} are both in customer "
            f"{explanation.customer_a}, but no current chain ties them."
        )
    return chain_text(f"{explanation.a} and {explanation.b} are one customer", explanation.path)


def customer_label(record: RecordView, key: str) -> str:
    if record.customer_id is None:
        return f"{key} (held, in no customer)"
    return f"{key} (customer {record.customer_id})"


def conflict_text(conflict: ConflictInfo) -> str:
    about = f" about {conflict.record}" if conflict.record else ""
    return (
        f"conflict {conflict.id}{about} (opened {day(conflict.opened_at)}) waits for a human "
        f"decision between customers {', '.join(conflict.candidates)}."
    )


def event_text(event: EventInfo) -> str:
    verb = "merged into" if event.kind == "merge" else "split into"
    return (
        f"On {day(event.at)}, {', '.join(event.from_ids)} {verb} {', '.join(event.to_ids)}"
        f" ({event.reason or 'no reason recorded'}; event {event.id})."
    )


def _chain_line(chain: Chain, root: str) -> str:
    if chain.tie == "oldest":
        return f"{chain.record} is the oldest record."
    if chain.tie == "assigned":
        return f"{chain.record} was assigned to this customer by decision {chain.decision_id}."
    if chain.tie == "unconnected" or chain.hop is None:
        return f"{chain.record} is not tied to {root} by any current chain."
    if chain.depth == 1:
        return chain_text(f"{chain.record} is tied to {root}", [chain.hop])
    return (
        f"{chain.record} is tied to {root} through {chain.parent} ({chain.depth} links): "
        f"{hop_clause(chain.hop)}."
    )


def customer_text(explanation: CustomerExplanation) -> list[str]:
    """Sentences for a customer: who it is, each record's chain, decisions, history, conflicts."""
    requested = (
        f" (asked as {explanation.requested_id}, merged into it)"
        if explanation.requested_id
        else ""
    )
    providers = sorted({r.provider for r in explanation.records})
    lines = [
        f"Customer {explanation.customer_id}{requested} has {len(explanation.records)} "
        f"record(s) from {', '.join(providers) or 'no provider'}."
    ]
    if explanation.oldest_record:
        lines += [_chain_line(c, explanation.oldest_record) for c in explanation.chains]
    lines += [f"Decision: {decision_phrase(d)}." for d in explanation.decisions]
    lines += [event_text(e) for e in explanation.events]
    lines += [f"Open {conflict_text(c)}" for c in explanation.open_conflicts]
    return lines
