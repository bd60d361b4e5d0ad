// Open conflicts, oldest first: the held record whose identifiers reach several customers,
// the candidate customers, and the identifiers that bridge them (masked values only).
// Columns: conflict, record, candidates, bridged_by (kind and masked value), and the
// graph (conflict, record, candidates, bridging identifiers) for the Browser view.
// Paste first:
// :param limit => 25
MATCH (x:Conflict {status: 'open'})
WITH x ORDER BY x.opened_at, x.id LIMIT $limit
MATCH (x)-[concerns:CONCERNS]->(r:Record)
RETURN x.id AS conflict,
       r.key AS record,
       toString(x.opened_at) AS opened_at,
       [(x)-[:CANDIDATE]->(c:Customer) | c.id] AS candidates,
       [(x)-[:BRIDGED_BY]->(i:Identifier) | i.kind + ' ' + i.masked] AS bridged_by,
       x, concerns, r,
       [p = (x)-[:CANDIDATE]->(:Customer) | p] AS candidate_paths,
       [p = (x)-[:BRIDGED_BY]->(:Identifier)<-[:HAS]-(:Record)-[:BELONGS_TO]->(:Customer)
          | p] AS bridges
