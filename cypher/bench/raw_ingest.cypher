// Benchmark baseline only: the nodes and edges an ingest leaves (customers, records and their
// properties, identifiers with their labels, links with provenance, orders), written with
// plain UNWIND MERGE and no resolution: no locks, no reads, no conflicts, no history. Each
// row names the customer the engine chose, so both runs end with the same graph.
// Params: $rows [{key, customer, observed, record: {...}, identifiers: [{key, kind,
// node: {...}, link: {...}}], orders: [{key, node: {...}}]}], $now. As in the engine, a
// missing observed time means now.
UNWIND $rows AS row
MERGE (r:Record {key: row.key})
SET r += row.record,
    r.first_seen = coalesce(row.observed, $now),
    r.last_seen = coalesce(row.observed, $now)
WITH r, row
CALL (r, row) {
  WITH r, row WHERE row.customer IS NOT NULL
  MERGE (c:Customer {id: row.customer})
    ON CREATE SET c.created_at = $now, c.status = 'active'
  MERGE (r)-[b:BELONGS_TO]->(c)
    ON CREATE SET b.since = $now
}
CALL (r, row) {
  UNWIND row.identifiers AS identifier
  MERGE (i:Identifier {key: identifier.key})
    ON CREATE SET i += identifier.node, i.created_at = $now
  FOREACH (_ IN CASE WHEN identifier.kind = 'email' THEN [1] ELSE [] END | SET i:Email)
  FOREACH (_ IN CASE WHEN identifier.kind = 'phone' THEN [1] ELSE [] END | SET i:Phone)
  FOREACH (_ IN CASE WHEN identifier.kind = 'address' THEN [1] ELSE [] END | SET i:AddressHash)
  MERGE (r)-[h:HAS]->(i)
    ON CREATE SET h += identifier.link,
                  h.first_seen = coalesce(row.observed, $now),
                  h.last_seen = coalesce(row.observed, $now)
}
CALL (r, row) {
  UNWIND row.orders AS o
  MERGE (order:Order {key: o.key})
  SET order += o.node
  MERGE (r)-[:PLACED]->(order)
}
