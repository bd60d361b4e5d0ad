"""The review queue settled by a reviewer who knows the truth, through the decision API.

A Conflict is the engine asking a person, not a lost link: what the business ends with is the
graph after its people settle the queue. This reviewer settles every open conflict as a
person who knew the labels would, through :meth:`IdentityService.decide` (what the console and
``POST /v1/conflicts/{id}/decision`` call): ``merge`` when every candidate customer is the
record's person, ``assign`` when one is, ``keep_apart`` when none is. A customer is the person
most of its records belong to. Deciding one conflict can settle others, so the queue is read
again until it is empty or a pass decides nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from bench.quality.datasets import LabelledSet
from graph_identity.decisions import DecisionIn
from graph_identity.errors import InvalidDecision, NotFound
from graph_identity.results import ConflictView
from graph_identity.service import IdentityService

REVIEWER = "quality bench reviewer"
MAX_PASSES = 10
PAGE = 1_000


@dataclass(frozen=True, slots=True)
class Review:
    decisions: Counter[str]
    """Decisions taken, by kind (merge, assign, keep_apart)."""
    still_open: int


def _person(service: IdentityService, customer_id: str, entity_of: Mapping[str, str]) -> str:
    records = service.customer(customer_id).records
    people = Counter(entity_of[key] for key in records if key in entity_of)
    return people.most_common(1)[0][0] if people else ""


def _decision(
    service: IdentityService, conflict: ConflictView, entity_of: Mapping[str, str]
) -> DecisionIn:
    person = entity_of.get(conflict.record)
    same = [c for c in conflict.customer_ids if _person(service, c, entity_of) == person]
    reason = "truth label"
    if same and len(same) == len(conflict.customer_ids):
        return DecisionIn(decision="merge", actor=REVIEWER, reason=reason)
    if same:
        return DecisionIn(decision="assign", actor=REVIEWER, reason=reason, customer_id=same[0])
    return DecisionIn(decision="keep_apart", actor=REVIEWER, reason=reason)


def settle_by_truth(service: IdentityService, labelled: LabelledSet) -> Review:
    """Decide every open conflict as the labels say; the decisions taken."""
    entity_of = {row.record_key: row.entity for row in labelled.rows}
    taken: Counter[str] = Counter()
    for _ in range(MAX_PASSES):
        queue = service.conflicts("open", limit=PAGE)
        decided = 0
        for conflict in queue:
            decision = _decision(service, conflict, entity_of)
            try:
                service.decide(conflict.id, decision)
            except (InvalidDecision, NotFound):
                continue  # an earlier decision of this pass settled or changed it
            taken[decision.decision] += 1
            decided += 1
        if not queue or not decided:
            break
    return Review(taken, len(service.conflicts("open", limit=PAGE)))
