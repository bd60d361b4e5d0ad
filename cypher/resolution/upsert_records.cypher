// Create or update records and set their one current customer (none while held).
// Params: $rows [{key, provider, external_id, first_name, last_name, customer_code,
// marketing_consent, source_created_at, source_updated_at, fingerprint, status, customer,
// observed, now}].
UNWIND $rows AS row
MERGE (r:Record {key: row.key})
  ON CREATE SET r.provider = row.provider, r.external_id = row.external_id,
                r.first_seen = row.observed
SET r.first_name = row.first_name,
    r.last_name = row.last_name,
    r.customer_code = row.customer_code,
    r.marketing_consent = row.marketing_consent,
    r.source_created_at = row.source_created_at,
    r.source_updated_at = row.source_updated_at,
    r.fingerprint = row.fingerprint,
    r.status = row.status,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.observed > r.last_seen
                       THEN row.observed ELSE r.last_seen END
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
    ON CREATE SET b.since = row.now
}
