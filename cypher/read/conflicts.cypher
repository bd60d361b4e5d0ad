// Conflicts, newest first, optionally by status. Params: $status (or null), $skip, $limit.
MATCH (x:Conflict)
WHERE $status IS NULL OR x.status = $status
WITH x ORDER BY x.opened_at DESC, x.id SKIP $skip LIMIT $limit
RETURN x.id AS id, x.status AS status, x.reason AS reason, x.opened_at AS opened_at,
       x.resolved_at AS resolved_at,
       [(x)-[:CONCERNS]->(r:Record) | r.key][0] AS record,
       [(x)-[:CANDIDATE]->(c:Customer) |
          coalesce([(c)-[:MERGED_INTO*1..]->(s) WHERE NOT (s)-[:MERGED_INTO]->() | s.id][0], c.id)
       ] AS customer_ids,
       [(x)-[:BRIDGED_BY]->(i:Identifier) | {kind: i.kind, masked: i.masked}] AS identifiers,
       [(d:Decision)-[:DECIDES]->(x) | d {.*}][0] AS decision
