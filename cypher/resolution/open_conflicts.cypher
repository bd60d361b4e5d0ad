// Open conflicts: a record whose identifiers reach several customers that it may not merge,
// or an email shared with a customer whose names or dates of birth contradict the record's.
// Params: $rows [{id, record, candidates, identifiers, reason}], $now.
UNWIND $rows AS row
MATCH (r:Record {key: row.record})
CREATE (x:Conflict {id: row.id, status: 'open', opened_at: $now, reason: row.reason})
CREATE (x)-[:CONCERNS]->(r)
WITH x, row
CALL (x, row) {
  UNWIND row.candidates AS candidate
  MATCH (c:Customer {id: candidate})
  CREATE (x)-[:CANDIDATE]->(c)
}
CALL (x, row) {
  UNWIND row.identifiers AS identifier
  MATCH (i:Identifier {key: identifier})
  CREATE (x)-[:BRIDGED_BY]->(i)
}
