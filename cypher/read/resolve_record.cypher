// A record's customer, or the candidates of its open conflict while it is held.
// Params: $key.
MATCH (r:Record {key: $key})
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
RETURN coalesce(s, c).id AS customer,
       [(x:Conflict {status: 'open'})-[:CONCERNS]->(r) | [(x)-[:CANDIDATE]->(k) | k.id]][0]
         AS candidates
