"""Deciding, record by record, what a chunk does to the graph — without touching it.

The planner sees a :class:`Snapshot` (the locked part of the graph), applies the resolution
contract of DESIGN.md to each record in order, keeps its own view of the graph up to date as
it goes (so records of one chunk see each other exactly as if ingested one by one), and
returns a :class:`Plan`: rows for the writer plus one result per record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import combinations

from graph_identity.config import Policy, Settings
from graph_identity.identifiers import Identifier, NormalizedRecord
from graph_identity.resolution.fingerprint import fingerprint
from graph_identity.resolution.ids import new_id
from graph_identity.resolution.snapshot import CustomerState, RecordState, Snapshot
from graph_identity.resolution.ties import (
    NO_EVIDENCE,
    Evidence,
    contradiction,
    distinct_people,
    tie,
)
from graph_identity.results import Action, IngestResult, MatchedIdentifier
from graph_identity.store.wire_time import wire_time

GENERIC_BY_COUNT = "too_many_records"
GENERIC_BY_PEOPLE = "too_many_people"
MERGE_REASONS: dict[Policy, str] = {
    Policy.STRICT: "records share identifiers and nothing on them contradicts",
    Policy.CONNECTED: "records share identifiers (connected policy)",
    Policy.REVIEW_ALL_BRIDGES: "records share identifiers",
}
PEOPLE_CHECKED_KINDS = frozenset({"email", "phone"})
"""Kinds that turn generic when carried by too many people (an address hash holds the
recipient's name, so people at one address already have different hashes)."""


@dataclass
class Plan:
    results: list[IngestResult] = field(default_factory=list)
    new_customers: list[dict[str, object]] = field(default_factory=list)
    merges: list[dict[str, object]] = field(default_factory=list)
    created: list[dict[str, object]] = field(default_factory=list)
    records: list[dict[str, object]] = field(default_factory=list)
    links: list[dict[str, object]] = field(default_factory=list)
    unlinks: list[dict[str, object]] = field(default_factory=list)
    orders: list[dict[str, object]] = field(default_factory=list)
    conflicts: list[dict[str, object]] = field(default_factory=list)
    closed_conflicts: list[dict[str, object]] = field(default_factory=list)
    generic: list[dict[str, object]] = field(default_factory=list)
    split_checks: set[str] = field(default_factory=set)
    contradictions: list[dict[str, object]] = field(default_factory=list)
    contradiction_checked: set[str] = field(default_factory=set)
    """Existing records whose CONTRADICTS edges are rewritten (``contradictions`` holds the
    new ones); a new record's edges travel in its ``created`` row."""
    now: datetime | None = None
    moved_to: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannerConfig:
    policy: Policy
    limits: dict[str, int]
    max_people: int = 3

    @classmethod
    def from_settings(cls, settings: Settings) -> PlannerConfig:
        return cls(
            policy=settings.policy,
            limits={kind: settings.limit_for(kind) for kind in ("email", "phone", "address")},
            max_people=settings.max_people_per_identifier,
        )


@lru_cache(maxsize=65_536)
def _matched_one(kind: str, masked: str) -> MatchedIdentifier:
    """Results are frozen, so one instance per masked identifier is shared (validating a
    new one for every record cost a tenth of planning)."""
    return MatchedIdentifier(kind=kind, masked=masked)


def _matched(identifiers: list[Identifier]) -> list[MatchedIdentifier]:
    return [_matched_one(i.kind.value, i.masked) for i in identifiers]


class Planner:
    """Plans one chunk. ``plan`` may be called once per record, in input order."""

    def __init__(self, snapshot: Snapshot, config: PlannerConfig, now: datetime) -> None:
        self.snapshot = snapshot
        self.config = config
        self.now = now
        self.plan = Plan(now=now)
        self._merged_into: dict[str, str] = {}

    def survivor(self, customer_id: str) -> str:
        seen = set()
        current = customer_id
        while True:
            state = self.snapshot.customers.get(current)
            if state is not None and state.survivor != current:
                current = state.survivor
            elif current in self._merged_into:
                current = self._merged_into[current]
            else:
                return current
            if current in seen:
                return current
            seen.add(current)

    def oldest(self, customer_ids: set[str]) -> str:
        return min(customer_ids, key=lambda c: (self.snapshot.customers[c].created_at, c))

    def kept_apart(self, customer_ids: set[str]) -> bool:
        for first, second in combinations(sorted(customer_ids), 2):
            a = self.snapshot.customers[first].apart
            b = self.snapshot.customers[second].apart
            for decision, side in a:
                if any(d == decision and s != side for d, s in b):
                    return True
        return False

    def plan_record(self, record: NormalizedRecord) -> IngestResult:
        state = self.snapshot.records.setdefault(record.key, RecordState(key=record.key))
        print_ = fingerprint(record)
        seen = state.partial_fingerprints if record.partial else {state.fingerprint}
        if state.exists and print_ in seen:
            customer = self.survivor(state.customer) if state.customer else None
            result = IngestResult(
                record=record.key,
                customer_id=customer,
                action=Action.AMBIGUOUS if customer is None else Action.UNCHANGED,
                conflict_id=state.open_conflict,
                candidates=sorted({self.survivor(c) for c in state.open_conflict_candidates}),
            )
            self.plan.results.append(result)
            return result
        stored = _stored_evidence(record, state)
        evidence = Evidence.of(*stored)
        linking = self._linking_identifiers(record, evidence)
        current = self.survivor(state.customer) if state.customer else None
        reached: dict[str, list[Identifier]] = {}
        contested: dict[str, list[Identifier]] = {}
        contradicted: dict[str, str] = {}
        for identifier in linking:
            known = self.snapshot.identifiers[identifier.key]
            for other, customer in known.links.items():
                if other == record.key:
                    continue
                verdict = tie(
                    str(identifier.kind), evidence, known.evidence.get(other, NO_EVIDENCE)
                )
                if verdict.contradiction is not None:
                    contradicted.setdefault(other, str(verdict.contradiction))
                if customer is None:
                    continue
                if verdict.ties:
                    reached.setdefault(self.survivor(customer), []).append(identifier)
                elif verdict.conflict:
                    contested.setdefault(self.survivor(customer), []).append(identifier)
        if record.partial and current is not None:
            reached.setdefault(current, [])
        result = self._decide(record, state, current, reached, contested, linking, evidence)
        contradicts = [
            {"other": other, "reason": reason} for other, reason in sorted(contradicted.items())
        ]
        if state.exists:
            self.plan.contradiction_checked.add(record.key)
            self.plan.contradictions.extend({"record": record.key, **c} for c in contradicts)
        self._record_writes(record, state, result, print_, stored, evidence, contradicts)
        self.plan.results.append(result)
        return result

    def _linking_identifiers(
        self, record: NormalizedRecord, evidence: Evidence
    ) -> list[Identifier]:
        linking = []
        for identifier in record.identifiers:
            known = self.snapshot.identifiers[identifier.key]
            if known.generic or identifier.generic:
                continue
            kind = str(identifier.kind)
            others = [key for key in known.links if key != record.key]
            reason = None
            if len(others) >= self.config.limits[kind]:
                reason = GENERIC_BY_COUNT
            elif kind in PEOPLE_CHECKED_KINDS and len(others) >= self.config.max_people:
                holders = [evidence, *(known.evidence.get(k, NO_EVIDENCE) for k in others)]
                if distinct_people(holders) > self.config.max_people:
                    reason = GENERIC_BY_PEOPLE
            if reason is not None:
                known.generic = True
                known.generic_reason = reason
                self.plan.generic.append({"key": identifier.key, "reason": reason})
                self.plan.split_checks |= {c for c in known.links.values() if c}
                continue
            linking.append(identifier)
        return linking

    def _bridge_blocked(
        self, record_key: str, candidates: set[str], evidence: Evidence
    ) -> str | None:
        """Why a record reaching ``candidates`` may not merge them, or None (it merges)."""
        if self.kept_apart(candidates):
            return "a keep-apart decision separates these customers"
        if self.config.policy is Policy.CONNECTED:
            return None
        if self.config.policy is Policy.REVIEW_ALL_BRIDGES:
            return "every bridge is reviewed (policy review_all_bridges)"
        groups = [[evidence]] + [
            [e for key, e in self.snapshot.customers[c].evidence.items() if key != record_key]
            for c in sorted(candidates)
        ]
        for index, group in enumerate(groups):
            for later in groups[index + 1 :]:
                for a in group:
                    for b in later:
                        found = contradiction(a, b)
                        if found is not None:
                            return str(found)
        return None

    def _decide(
        self,
        record: NormalizedRecord,
        state: RecordState,
        current: str | None,
        reached: dict[str, list[Identifier]],
        contested: dict[str, list[Identifier]],
        linking: list[Identifier],
        evidence: Evidence,
    ) -> IngestResult:
        candidates = set(reached)
        if len(candidates) >= 2:
            blocked = self._bridge_blocked(record.key, candidates, evidence)
            if blocked is not None:
                return self._ambiguous(record, state, current, candidates, reached, blocked)
            customer = self.oldest(candidates)
            for other in sorted(candidates - {customer}):
                self._merge(other, customer)
            action, matched = Action.MERGED, linking
        elif candidates:
            (customer,) = candidates
            action = Action.UPDATED if customer == current else Action.LINKED
            matched = reached[customer]
        elif current is not None:
            customer, action, matched = current, Action.UPDATED, []
        else:
            customer = new_id("cus")
            self.snapshot.customers[customer] = CustomerState(
                id=customer, created_at=self.now, survivor=customer
            )
            self.plan.new_customers.append({"id": customer})
            action, matched = Action.CREATED, []
        self._leave(state, current, customer)
        disputed = {
            c: found
            for c, found in contested.items()
            if c != customer and not self.kept_apart({c, customer})
        }
        if not disputed:
            self._close_open_conflict(state)
            return IngestResult(
                record=record.key,
                customer_id=customer,
                action=action,
                matched_by=_matched(_unique(matched)),
            )
        contenders = set(disputed) | {customer}
        bridging = _unique([i for found in disputed.values() for i in found])
        reason = "an email is shared by people whose names or dates of birth contradict"
        conflict_id = self._open_conflict(record, state, contenders, bridging, reason)
        return IngestResult(
            record=record.key,
            customer_id=customer,
            action=Action.AMBIGUOUS,
            matched_by=_matched(_unique(matched)),
            candidates=sorted(contenders),
            conflict_id=conflict_id,
        )

    def _ambiguous(
        self,
        record: NormalizedRecord,
        state: RecordState,
        current: str | None,
        candidates: set[str],
        reached: dict[str, list[Identifier]],
        reason: str,
    ) -> IngestResult:
        bridging = _unique([i for found in reached.values() for i in found])
        conflict_id = self._open_conflict(record, state, candidates, bridging, reason)
        state.customer = current
        return IngestResult(
            record=record.key,
            customer_id=current,
            action=Action.AMBIGUOUS,
            matched_by=_matched(bridging),
            candidates=sorted(candidates),
            conflict_id=conflict_id,
        )

    def _open_conflict(
        self,
        record: NormalizedRecord,
        state: RecordState,
        candidates: set[str],
        bridging: list[Identifier],
        reason: str,
    ) -> str:
        """The record's open conflict over ``candidates`` (kept when it is the same one)."""
        known = {self.survivor(c) for c in state.open_conflict_candidates}
        if state.open_conflict and known == candidates:
            return state.open_conflict
        self._close_open_conflict(state)
        conflict_id = new_id("cfl")
        self.plan.conflicts.append(
            {
                "id": conflict_id,
                "record": record.key,
                "candidates": sorted(candidates),
                "identifiers": [i.key for i in bridging],
                "reason": reason,
            }
        )
        state.open_conflict = conflict_id
        state.open_conflict_candidates = frozenset(candidates)
        return conflict_id

    def _close_open_conflict(self, state: RecordState) -> None:
        if state.open_conflict:
            self.plan.closed_conflicts.append(
                {"id": state.open_conflict, "reason": "superseded by new data"}
            )
            state.open_conflict = None
            state.open_conflict_candidates = frozenset()

    def _leave(self, state: RecordState, current: str | None, customer: str) -> None:
        """The record goes to ``customer``; its old customer may have split or emptied."""
        if current is not None and current != customer:
            self.plan.split_checks.add(current)
            self.plan.moved_to[current] = customer
        state.customer = customer

    def _merge(self, loser: str, survivor: str) -> None:
        self._merged_into[loser] = survivor
        self.plan.merges.append(
            {
                "from": loser,
                "into": survivor,
                "event_id": new_id("evt"),
                "reason": MERGE_REASONS[self.config.policy],
            }
        )
        survivor_state = self.snapshot.customers.get(survivor)
        loser_state = self.snapshot.customers.get(loser)
        if survivor_state is not None and loser_state is not None:
            survivor_state.evidence.update(loser_state.evidence)
        for identifier in self.snapshot.identifiers.values():
            for key, customer in identifier.links.items():
                if customer == loser:
                    identifier.links[key] = survivor
        for record in self.snapshot.records.values():
            if record.customer == loser:
                record.customer = survivor

    def _record_writes(
        self,
        record: NormalizedRecord,
        state: RecordState,
        result: IngestResult,
        print_: str,
        stored: tuple[str | None, str | None, str | None],
        evidence: Evidence,
        contradicts: list[dict[str, str]],
    ) -> None:
        """``stored``: the record's first name, last name and date of birth once written;
        ``contradicts``: the records it contradicts, written with it when it is new."""
        new_keys = {i.key for i in record.identifiers}
        if record.partial:
            new_keys |= state.identifiers
        removed = state.identifiers - new_keys
        reidentified = state.exists and evidence != Evidence.of(
            state.first_name, state.last_name, state.birth_date
        )
        if (removed or reidentified) and state.customer:
            self.plan.split_checks.add(state.customer)
        observed = wire_time(record.updated_at)
        row: dict[str, object] = {
            "key": record.key,
            "provider": record.provider,
            "external_id": record.external_id,
            "first_name": record.first_name,
            "last_name": record.last_name,
            "birth_date": record.birth_date,
            "customer_code": record.customer_code,
            "marketing_consent": record.marketing_consent,
            "source_created_at": wire_time(record.created_at),
            "source_updated_at": wire_time(record.updated_at),
            "fingerprint": print_,
            "partial": record.partial,
            "status": "held" if result.customer_id is None else "active",
            "customer": result.customer_id,
            "observed": observed,
        }
        links: list[dict[str, object]] = [
            {
                "record": record.key,
                "identifier": i.key,
                "provider": record.provider,
                "rule": i.rule,
                "observed": observed,
            }
            for i in record.identifiers
        ]
        orders: list[dict[str, object]] = [
            {
                "record": record.key,
                "key": o.key,
                "order_id": o.order_id,
                "number": o.number,
                "total": str(o.total) if o.total is not None else None,
                "currency": o.currency,
                "created_at": wire_time(o.created_at),
                "channel": o.channel,
            }
            for o in record.orders
        ]
        if state.exists:
            self.plan.records.append(row)
            self.plan.links.extend(links)
            self.plan.orders.extend(orders)
            self.plan.unlinks.extend(
                {"record": record.key, "identifier": key} for key in sorted(removed)
            )
        else:
            self.plan.created.append(
                {**row, "links": links, "orders": orders, "contradicts": contradicts}
            )
        for key in new_keys:
            known = self.snapshot.identifiers[key]
            known.links[record.key] = result.customer_id
            known.evidence[record.key] = evidence
        for key in removed:
            stale = self.snapshot.identifiers.get(key)
            if stale is not None:
                stale.links.pop(record.key, None)
                stale.evidence.pop(record.key, None)
        if result.customer_id is not None and result.customer_id in self.snapshot.customers:
            self.snapshot.customers[result.customer_id].evidence[record.key] = evidence
        state.exists = True
        state.first_name, state.last_name, state.birth_date = stored
        if record.partial:
            state.partial_fingerprints |= {print_}
        else:
            state.fingerprint = print_
            state.partial_fingerprints = frozenset()
        state.identifiers = frozenset(new_keys)
        state.status = "held" if result.customer_id is None else "active"

    def finish(self) -> Plan:
        """Point every row at the final survivors (merges later in the chunk included)."""
        for row in self.plan.records + self.plan.created:
            if row["customer"] is not None:
                row["customer"] = self.survivor(str(row["customer"]))
        for row in self.plan.merges:
            row["into"] = self.survivor(str(row["into"]))
        self.plan.split_checks = {self.survivor(c) for c in self.plan.split_checks}
        self.plan.moved_to = {old: self.survivor(new) for old, new in self.plan.moved_to.items()}
        return self.plan


def _stored_evidence(
    record: NormalizedRecord, state: RecordState
) -> tuple[str | None, str | None, str | None]:
    """First name, last name and date of birth as the record will have them once written: a
    partial view of an existing record only fills gaps (as ``upsert_records`` does)."""
    if record.partial and state.exists:
        return (
            record.first_name if record.first_name is not None else state.first_name,
            record.last_name if record.last_name is not None else state.last_name,
            record.birth_date if record.birth_date is not None else state.birth_date,
        )
    return record.first_name, record.last_name, record.birth_date


def _unique(identifiers: list[Identifier]) -> list[Identifier]:
    seen: dict[str, Identifier] = {}
    for identifier in identifiers:
        seen.setdefault(identifier.key, identifier)
    return list(seen.values())
