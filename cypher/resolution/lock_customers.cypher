// Lock customers and read what resolution needs: age, survivor (for aliases) and the
// keep-apart sides their records are on. Params: $ids (sorted customer ids).
UNWIND $ids AS id
MATCH (c:Customer {id: id})
SET c._lock = true
REMOVE c._lock
WITH c,
     [(c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->() | s.id][0] AS survivor
RETURN c.id AS id,
       c.created_at AS created_at,
       coalesce(survivor, c.id) AS survivor,
       [(c)<-[:BELONGS_TO]-(:Record)<-[a:APART]-(d:Decision) | {decision: d.id, side: a.side}]
         AS apart
