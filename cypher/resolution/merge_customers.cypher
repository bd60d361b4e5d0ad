// Merge customers into survivors: records move, the loser stays as an alias, an event is
// kept. Params: $rows [{from, into, event_id, reason, decision_id}], $now.
UNWIND $rows AS row
MATCH (loser:Customer {id: row.from}), (survivor:Customer {id: row.into})
CALL (loser, survivor, row) {
  MATCH (r:Record)-[b:BELONGS_TO]->(loser)
  DELETE b
  MERGE (r)-[nb:BELONGS_TO]->(survivor)
    ON CREATE SET nb.since = $now
}
SET loser.status = 'merged'
MERGE (loser)-[m:MERGED_INTO]->(survivor)
  ON CREATE SET m.at = $now, m.event_id = row.event_id
CREATE (e:Event {id: row.event_id, kind: 'merge', at: $now, reason: row.reason,
                 from_ids: [row.from], to_ids: [row.into], decision_id: row.decision_id})
CREATE (e)-[:FROM]->(loser)
CREATE (e)-[:TO]->(survivor)
