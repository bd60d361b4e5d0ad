// Customers reached by identifiers (read only; generic identifiers reach nobody).
// Params: $keys (identifier keys).
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
WHERE NOT i.generic
MATCH (i)<-[:HAS]-(:Record)-[:BELONGS_TO]->(c:Customer)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
RETURN DISTINCT i.key AS key, i.kind AS kind, i.masked AS masked, coalesce(s, c).id AS customer
