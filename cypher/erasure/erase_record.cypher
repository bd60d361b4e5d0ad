// Erase a record: its personal data, links, orders and the identifiers nobody else uses;
// close its conflicts; leave a tombstone so a replay is refused. Params: $key, $at.
MATCH (r:Record {key: $key})
OPTIONAL MATCH (x:Conflict {status: 'open'})-[:CONCERNS]->(r)
SET x.status = 'resolved', x.resolved_at = $at, x.resolution = 'record erased'
WITH DISTINCT r
CALL (r) {
  OPTIONAL MATCH (r)-[:PLACED]->(o:Order)
  WHERE NOT EXISTS { (o)<-[:PLACED]-(other:Record) WHERE other <> r }
  DETACH DELETE o
}
WITH r, [(r)-[:HAS|HAD]->(i:Identifier) | i] AS identifiers
DETACH DELETE r
WITH DISTINCT identifiers
CALL (identifiers) {
  UNWIND identifiers AS i
  WITH DISTINCT i
  WHERE NOT EXISTS { (i)<-[:HAS|HAD]-(:Record) }
  DETACH DELETE i
  RETURN count(*) AS removed
}
MERGE (t:Tombstone {key: $key})
SET t.erased_at = $at, t.replay_allowed = false
RETURN removed
