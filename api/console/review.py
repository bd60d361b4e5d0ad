"""The review queue's cards: each open conflict with its candidates side by side, what
bridges them, why it was held for a person, and a picture of the subgraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from graph_identity.config import Policy
from graph_identity.errors import NotFound
from graph_identity.resolution.names import name_key, names_agree
from graph_identity.results import ConflictView, Customer
from graph_identity.service import IdentityService

from .masking import ShownValue, shown_values
from .picture import Picture, picture

PAGE_SIZE = 5


@dataclass(frozen=True)
class Candidate:
    customer: Customer
    values: list[ShownValue]

    @property
    def name(self) -> str:
        parts = [p for p in (self.customer.first_name, self.customer.last_name) if p]
        return " ".join(parts) or "(no name)"


@dataclass(frozen=True)
class ConflictCard:
    conflict: ConflictView
    candidates: list[Candidate]
    why: list[str]
    picture: Picture


@dataclass(frozen=True)
class QueuePage:
    cards: list[ConflictCard]
    open_total: int
    page: int
    pages: int


def _name(customer: Customer) -> str | None:
    return name_key(customer.first_name, customer.last_name)


def why_held(policy: Policy, conflict: ConflictView, customers: list[Customer]) -> list[str]:
    """Why the record was held for a person rather than merged: the reason the engine
    stored with the conflict, when it stores one, then what the candidates show."""
    stored = getattr(conflict, "reason", None)
    reasons = [f"The engine held it: {stored}."] if stored else []
    for customer in customers:
        for decision in customer.decisions:
            if decision.kind == "keep_apart":
                reasons.append(
                    f"{customer.id} carries keep-apart decision {decision.id} by "
                    f"{decision.actor} ({decision.at.date().isoformat()}): "
                    f"“{decision.reason}”."
                )
    for a, b in combinations(customers, 2):
        if not stored and not names_agree(_name(a), _name(b)):
            reasons.append(f"The names of {a.id} and {b.id} disagree: maybe two people.")
    if len({c.id for c in customers}) < 2:
        reasons.append("The candidates have since become one customer.")
    if not reasons:
        reasons.append(f"Held for a person's review under the {policy.value} policy.")
    return reasons


def card(service: IdentityService, conflict: ConflictView) -> ConflictCard:
    customers: list[Customer] = []
    explanations = []
    for customer_id in conflict.customer_ids:
        try:
            customers.append(service.customer(customer_id))
            explanations.append(service.explain_customer(customer_id))
        except NotFound:
            continue
    return ConflictCard(
        conflict=conflict,
        candidates=[Candidate(c, shown_values(c)) for c in customers],
        why=why_held(service.settings.policy, conflict, customers),
        picture=picture(conflict, explanations),
    )


def queue_page(service: IdentityService, page: int) -> QueuePage:
    """Open conflicts, oldest first, ``PAGE_SIZE`` to a page (the library lists newest
    first, so a page is read from the far end and reversed)."""
    total = service.open_conflict_count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    end = total - (page - 1) * PAGE_SIZE
    start = max(0, end - PAGE_SIZE)
    listed = service.conflicts("open", limit=max(1, end - start), offset=start) if end > 0 else []
    return QueuePage(
        cards=[card(service, conflict) for conflict in reversed(listed)],
        open_total=total,
        page=page,
        pages=pages,
    )
