// Keep each written record's CONTRADICTS edges current: records that share a live identifier
// with it but whose names or dates of birth contradict its own (decided in
// graph_identity/resolution/ties.py). Neo4j Browser queries follow identifiers only between
// records without such an edge, so they draw the ties the service made and no others.
// New records get theirs in create_records.cypher.
// Params: $keys (the written records that existed), $rows [{record, other, reason}], $now.
CALL () {
  UNWIND $keys AS key
  MATCH (:Record {key: key})-[old:CONTRADICTS]-(:Record)
  DELETE old
}
CALL () {
  UNWIND $rows AS row
  MATCH (a:Record {key: row.record}), (b:Record {key: row.other})
  MERGE (a)-[c:CONTRADICTS]-(b)
    ON CREATE SET c.reason = row.reason, c.since = $now
}
