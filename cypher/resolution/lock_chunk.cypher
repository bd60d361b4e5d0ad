// Lock the records of a chunk, then create missing identifier nodes and lock them all, and
// read what resolution needs, as one row of two lists.
// Params: $keys (sorted record keys), $identifiers (sorted by key: key, kind, value, masked,
// canonical, generic, generic_reason, records: the keys of the chunk's records carrying it),
// $now.
// Only records that exist or were erased, and only identifiers that are generic or linked,
// are returned: every other one is new to the graph, and its state is known from the input.
// An identifier carried only by erased records (a refused replay) is neither created nor
// read: a refused record writes nothing. A generic identifier's links are not returned: it
// links nothing. Names and dates of birth are read because they decide whether a shared
// identifier ties two records (graph_identity/resolution/ties.py).
CALL () {
  UNWIND $keys AS key
  OPTIONAL MATCH (r:Record {key: key})
  OPTIONAL MATCH (t:Tombstone {key: key})
  WITH key, r, t WHERE r IS NOT NULL OR t IS NOT NULL
  FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r._lock = true REMOVE r._lock)
  WITH key, r, t,
       [(r)<-[:CONCERNS]-(x:Conflict) WHERE x.status = 'open' | x][0] AS conflict
  RETURN collect({
    key: key,
    exists: r IS NOT NULL,
    first_name: r.first_name,
    last_name: r.last_name,
    birth_date: r.birth_date,
    fingerprint: r.fingerprint,
    partial_fingerprints: r.partial_fingerprints,
    status: r.status,
    customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0],
    identifiers: [(r)-[:HAS]->(i:Identifier) | i.key],
    erased: t IS NOT NULL AND NOT coalesce(t.replay_allowed, false),
    replay: t IS NOT NULL AND coalesce(t.replay_allowed, false),
    open_conflict: conflict.id,
    open_conflict_candidates: [(conflict)-[:CANDIDATE]->(c:Customer) | c.id]
  }) AS records
}
CALL (records) {
  WITH [r IN records WHERE r.erased | r.key] AS refused
  UNWIND [row IN $identifiers WHERE any(k IN row.records WHERE NOT k IN refused)] AS row
  MERGE (i:Identifier {key: row.key})
    ON CREATE SET i.kind = row.kind, i.value = row.value, i.masked = row.masked,
                  i.canonical = row.canonical, i.generic = row.generic,
                  i.generic_reason = row.generic_reason, i.created_at = $now
  FOREACH (_ IN CASE WHEN row.kind = 'email' THEN [1] ELSE [] END | SET i:Email)
  FOREACH (_ IN CASE WHEN row.kind = 'phone' THEN [1] ELSE [] END | SET i:Phone)
  FOREACH (_ IN CASE WHEN row.kind = 'address' THEN [1] ELSE [] END | SET i:AddressHash)
  FOREACH (_ IN CASE WHEN row.generic AND NOT i.generic THEN [1] ELSE [] END |
    SET i.generic = true, i.generic_reason = row.generic_reason)
  SET i._lock = true
  REMOVE i._lock
  WITH i,
       CASE WHEN i.generic THEN []
            ELSE [(i)<-[:HAS]-(r:Record) |
                  {record: r.key, first_name: r.first_name, last_name: r.last_name,
                   birth_date: r.birth_date,
                   customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0]}]
       END AS links
  WHERE i.generic OR size(links) > 0
  RETURN collect({key: i.key, generic: i.generic, generic_reason: i.generic_reason,
                  links: links}) AS identifiers
}
RETURN records, identifiers
