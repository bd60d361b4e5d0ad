// Lock the records of a chunk (existing ones) and read their current state.
// Params: $keys (sorted record keys).
UNWIND $keys AS key
OPTIONAL MATCH (r:Record {key: key})
OPTIONAL MATCH (t:Tombstone {key: key})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r._lock = true REMOVE r._lock)
WITH key, r, t,
     [(r)<-[:CONCERNS]-(x:Conflict) WHERE x.status = 'open' | x][0] AS conflict
RETURN key,
       r IS NOT NULL AS exists,
       r.fingerprint AS fingerprint,
       r.partial_fingerprints AS partial_fingerprints,
       r.status AS status,
       [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS customer,
       [(r)-[:HAS]->(i:Identifier) | i.key] AS identifiers,
       t IS NOT NULL AND NOT coalesce(t.replay_allowed, false) AS erased,
       conflict.id AS open_conflict,
       [(conflict)-[:CANDIDATE]->(c:Customer) | c.id] AS open_conflict_candidates
