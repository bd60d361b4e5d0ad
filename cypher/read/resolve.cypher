// One round trip per lookup: the customer of a record (or, while the record is held, the
// candidates of its open conflict) and the customers its identifiers reach. Read only;
// generic identifiers reach nobody. One row.
// Params: $record (a record key, or null), $keys (identifier keys).
CALL () {
  OPTIONAL MATCH (r:Record {key: $record})
  OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
  OPTIONAL MATCH (c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
  RETURN coalesce(s, c).id AS record_customer,
         [(x:Conflict {status: 'open'})-[:CONCERNS]->(r) | [(x)-[:CANDIDATE]->(k) | k.id]][0]
           AS held_candidates
}
CALL () {
  UNWIND $keys AS key
  MATCH (i:Identifier {key: key})
  WHERE NOT i.generic
  MATCH (i)<-[:HAS]-(:Record)-[:BELONGS_TO]->(c:Customer)
  OPTIONAL MATCH (c)-[:MERGED_INTO*1..]->(s:Customer) WHERE NOT (s)-[:MERGED_INTO]->()
  WITH DISTINCT i, coalesce(s, c).id AS customer
  RETURN collect({kind: i.kind, masked: i.masked, customer: customer}) AS reached
}
RETURN record_customer, held_candidates, reached
