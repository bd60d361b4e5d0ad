// New records with their links, customer and orders in one pass (the bulk-load path).
// Params: $rows [{key, provider, external_id, first_name, last_name, birth_date, customer_code,
// marketing_consent, source_created_at, source_updated_at, fingerprint, partial, status,
// customer, observed, links: [{identifier, provider, rule, observed}],
// orders: [{key, order_id, number, total, currency, created_at, channel}],
// contradicts: [{other, reason}]}]. ``contradicts`` names the records that share an
// identifier with it but contradict it (see record_contradictions.cypher): a new record has
// no old edges to replace, so its edges are written here, in the same pass.
// Timestamps arrive as UTC ISO text ending in 'Z' (graph_identity/store/wire_time.py) and
// are stored as DATETIME.
UNWIND $rows AS wire
WITH wire {.*,
  source_created_at: datetime(wire.source_created_at),
  source_updated_at: datetime(wire.source_updated_at),
  observed: datetime(wire.observed),
  links: [l IN wire.links | l {.*, observed: datetime(l.observed)}],
  orders: [o IN wire.orders | o {.*, created_at: datetime(o.created_at)}]
} AS row
CREATE (r:Record {
  key: row.key, provider: row.provider, external_id: row.external_id,
  first_name: row.first_name, last_name: row.last_name, birth_date: row.birth_date,
  customer_code: row.customer_code,
  marketing_consent: row.marketing_consent, source_created_at: row.source_created_at,
  source_updated_at: row.source_updated_at, status: row.status,
  first_seen: coalesce(row.observed, $now), last_seen: coalesce(row.observed, $now),
  fingerprint: CASE WHEN row.partial THEN null ELSE row.fingerprint END,
  partial_fingerprints: CASE WHEN row.partial THEN [row.fingerprint] ELSE [] END
})
WITH r, row
CALL (r, row) {
  WITH r, row WHERE row.customer IS NOT NULL
  MATCH (c:Customer {id: row.customer})
  CREATE (r)-[:BELONGS_TO {since: $now}]->(c)
}
CALL (r, row) {
  UNWIND row.links AS link
  MATCH (i:Identifier {key: link.identifier})
  CREATE (r)-[:HAS {provider: link.provider, rule: link.rule,
                    first_seen: coalesce(link.observed, $now), last_seen: coalesce(link.observed, $now)}]->(i)
}
CALL (r, row) {
  UNWIND row.orders AS o
  MERGE (order:Order {key: o.key})
  SET order.order_id = o.order_id, order.number = o.number, order.total = o.total,
      order.currency = o.currency, order.created_at = o.created_at, order.channel = o.channel
  CREATE (r)-[:PLACED]->(order)
}
CALL (r, row) {
  UNWIND row.contradicts AS contradicted
  MATCH (other:Record {key: contradicted.other})
  CREATE (r)-[:CONTRADICTS {reason: contradicted.reason, since: $now}]->(other)
}
