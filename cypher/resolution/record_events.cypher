// Merge/split history events. Params: $rows [{id, kind, reason, from_ids, to_ids}], $now.
UNWIND $rows AS row
CREATE (e:Event {id: row.id, kind: row.kind, at: $now, reason: row.reason,
                 from_ids: row.from_ids, to_ids: row.to_ids})
WITH e, row
CALL (e, row) {
  UNWIND row.from_ids AS id
  MATCH (c:Customer {id: id})
  CREATE (e)-[:FROM]->(c)
}
CALL (e, row) {
  UNWIND row.to_ids AS id
  MATCH (c:Customer {id: id})
  CREATE (e)-[:TO]->(c)
}
