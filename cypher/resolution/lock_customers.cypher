// Lock customers and read what resolution needs: age, survivor (for aliases), the
// keep-apart sides their records are on and their records' names and dates of birth (a
// bridge merges customers only where nothing on them contradicts); then re-read the current
// customer of the given records (those linked to the chunk's locked identifiers), since a
// merge or split committed before the lock may have moved them. One row of two lists.
// Params: $ids (sorted customer ids), $records (record keys).
CALL () {
  UNWIND $ids AS id
  MATCH (c:Customer {id: id})
  SET c._lock = true
  REMOVE c._lock
  WITH c,
       [(c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->() | s.id][0]
         AS survivor
  RETURN collect({
    id: c.id,
    created_at: c.created_at,
    survivor: coalesce(survivor, c.id),
    apart: [(c)<-[:BELONGS_TO]-(:Record)<-[a:APART]-(d:Decision) |
            {decision: d.id, side: a.side}],
    evidence: [(c)<-[:BELONGS_TO]-(r:Record) WHERE r.first_name IS NOT NULL
                 OR r.last_name IS NOT NULL OR r.birth_date IS NOT NULL |
               [r.key, r.first_name, r.last_name, r.birth_date]]
  }) AS customers
}
CALL () {
  UNWIND $records AS key
  MATCH (r:Record {key: key})
  RETURN collect({record: key, customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0]})
    AS records
}
RETURN customers, records
