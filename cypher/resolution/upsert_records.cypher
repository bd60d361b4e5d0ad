// Create or update records and set their one current customer (none while held).
// Params: $rows [{key, provider, external_id, first_name, last_name, birth_date, customer_code,
// marketing_consent, source_created_at, source_updated_at, fingerprint, partial, status,
// customer, observed}], $now. A missing observed time means now.
// Timestamps arrive as UTC ISO text ending in 'Z' (graph_identity/store/wire_time.py) and
// are stored as DATETIME; a LOCAL DATETIME last_seen of an older graph compares as UTC.
UNWIND $rows AS wire
WITH wire {.*,
  source_created_at: datetime(wire.source_created_at),
  source_updated_at: datetime(wire.source_updated_at),
  observed: datetime(wire.observed)
} AS row
MERGE (r:Record {key: row.key})
  ON CREATE SET r.provider = row.provider, r.external_id = row.external_id,
                r.first_seen = coalesce(row.observed, $now)
// A partial view (an order naming its customer) fills gaps and never erases stored values.
SET r.first_name = CASE WHEN row.partial THEN coalesce(row.first_name, r.first_name)
                        ELSE row.first_name END,
    r.last_name = CASE WHEN row.partial THEN coalesce(row.last_name, r.last_name)
                       ELSE row.last_name END,
    r.birth_date = CASE WHEN row.partial THEN coalesce(row.birth_date, r.birth_date)
                        ELSE row.birth_date END,
    r.customer_code = CASE WHEN row.partial THEN coalesce(row.customer_code, r.customer_code)
                           ELSE row.customer_code END,
    r.marketing_consent = CASE WHEN row.partial
                               THEN coalesce(row.marketing_consent, r.marketing_consent)
                               ELSE row.marketing_consent END,
    r.source_created_at = CASE WHEN row.partial
                               THEN coalesce(r.source_created_at, row.source_created_at)
                               ELSE row.source_created_at END,
    r.source_updated_at = CASE WHEN row.partial THEN r.source_updated_at
                               ELSE row.source_updated_at END,
    r.fingerprint = CASE WHEN row.partial THEN r.fingerprint ELSE row.fingerprint END,
    r.partial_fingerprints = CASE WHEN row.partial
                                  THEN coalesce(r.partial_fingerprints, []) + row.fingerprint
                                  ELSE [] END,
    r.status = row.status,
    r.last_seen = CASE WHEN r.last_seen IS NULL THEN coalesce(row.observed, $now)
                       WHEN coalesce(row.observed, $now) > datetime({datetime: r.last_seen, timezone: 'UTC'})
                       THEN coalesce(row.observed, $now)
                       ELSE datetime({datetime: r.last_seen, timezone: 'UTC'}) END
WITH r, row
CALL (r, row) {
  MATCH (r)-[b:BELONGS_TO]->(old:Customer)
  WHERE row.customer IS NULL OR old.id <> row.customer
  DELETE b
}
CALL (r, row) {
  WITH r, row WHERE row.customer IS NOT NULL
  MATCH (c:Customer {id: row.customer})
  MERGE (r)-[b:BELONGS_TO]->(c)
    ON CREATE SET b.since = $now
}
