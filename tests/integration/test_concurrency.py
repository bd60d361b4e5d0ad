"""Parallel ingests touching the same identifiers: no duplicates, no split-brain customers."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import pytest
from neo4j import Driver

from graph_identity.config import Policy
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe

PEOPLE = 40
RECORDS_PER_PERSON = 6
THREADS = 8


def people_records(seed: int) -> list[RecordIn]:
    """Several records per person, each carrying a random part of the person's identifiers."""
    rng = random.Random(seed)
    records = []
    for person in range(PEOPLE):
        emails = [f"p{person}.a@example.com", f"p{person}.b@example.org"]
        phones = [f"+1512555{person:04d}"[:12], f"+1737555{person:04d}"[:12]]
        for index in range(RECORDS_PER_PERSON):
            records.append(
                RecordIn(
                    provider=rng.choice(["shopify", "qbo", "loyalty", "woocommerce"]),
                    external_id=f"p{person}-r{index}",
                    emails=rng.sample(emails, k=1),
                    phones=[phones[index % 2]] if index % 3 else [],
                )
            )
    return records


def partition(driver: Driver) -> set[frozenset[str]]:
    rows, _, _ = driver.execute_query(
        "MATCH (r:Record)-[:BELONGS_TO]->(c:Customer) RETURN c.id AS c, collect(r.key) AS keys"
    )
    return {frozenset(row["keys"]) for row in rows}


def oracle(records: list[RecordIn], service: IdentityService) -> set[frozenset[str]]:
    graph = nx.Graph()
    for record in records:
        normalized = service.normalize(record)
        graph.add_node(normalized.key)
        for identifier in normalized.linking_identifiers:
            graph.add_edge(normalized.key, identifier.key)
    return {
        frozenset(
            node for node in component if ":" in node and not node.startswith(("email:", "phone:"))
        )
        for component in nx.connected_components(graph)
    }


@pytest.mark.parametrize("grouped_singles", [False, True], ids=["batches", "grouped-singles"])
def test_eight_threads_give_the_sequential_answer(
    graph: Driver,
    make_service: Callable[..., IdentityService],
    neo4j_connection,
    grouped_singles: bool,
) -> None:
    """Each thread sends batches, or (grouped-singles) its records one by one through group
    commit, so concurrent single-record writes share transactions."""
    service = make_service(policy=Policy.CONNECTED, chunk_size=10)
    records = people_records(seed=7)
    service.ingest_batch(records)
    sequential = partition(graph)
    assert sequential == oracle(records, service)

    wipe(graph, neo4j_connection.database)
    rng = random.Random(11)
    slices = []
    for thread in range(THREADS):
        chosen = [
            r for i, r in enumerate(records) if i % THREADS in (thread, (thread + 1) % THREADS)
        ]
        rng.shuffle(chosen)
        slices.append(chosen)
    with ThreadPoolExecutor(THREADS) as pool:
        if grouped_singles:
            assert service.group_commit is not None
            for results in pool.map(lambda s: [service.ingest(r) for r in s], slices):
                assert len(results) == len(records) * 2 // THREADS
        else:
            outcomes = list(pool.map(service.ingest_batch, slices))
            assert all(not o.rejected for o in outcomes)
    assert partition(graph) == sequential
    duplicates, _, _ = graph.execute_query(
        "MATCH (i:Identifier) WITH i.key AS key, count(*) AS n WHERE n > 1 RETURN count(key) AS d"
    )
    assert duplicates[0]["d"] == 0
    memberships, _, _ = graph.execute_query(
        "MATCH (r:Record) RETURN max(COUNT { (r)-[:BELONGS_TO]->() }) AS most, "
        "min(COUNT { (r)-[:BELONGS_TO]->() }) AS least, count(r) AS records"
    )
    assert memberships[0].data() == {"most": 1, "least": 1, "records": len(records)}
