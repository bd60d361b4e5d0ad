// Close conflicts that new data or a decision settled. Params: $rows [{id, reason}], $now.
// replan=skip: a statistics change never replans this live-path statement mid-traffic
// (docs/scaling.md, "Query plans").
CYPHER replan=skip
UNWIND $rows AS row
MATCH (x:Conflict {id: row.id, status: 'open'})
SET x.status = 'resolved', x.resolved_at = $now, x.resolution = row.reason
