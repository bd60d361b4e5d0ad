// Lock a conflict and read what a decision needs. Params: $id.
MATCH (x:Conflict {id: $id})
SET x._lock = true
REMOVE x._lock
WITH x, [(x)-[:CONCERNS]->(r:Record) | r][0] AS r
RETURN x.status AS status,
       r.key AS record,
       [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS record_customer,
       [(x)-[:CANDIDATE]->(c:Customer) |
          coalesce([(c)-[:MERGED_INTO*1..]->(s) WHERE NOT (s)-[:MERGED_INTO]->() | s.id][0], c.id)
       ] AS candidates
