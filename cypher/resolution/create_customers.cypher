// New customers, all created now. Params: $rows [{id}], $now.
// replan=skip: a statistics change never replans this live-path statement mid-traffic
// (docs/scaling.md, "Query plans").
CYPHER replan=skip
UNWIND $rows AS row
CREATE (:Customer {id: row.id, created_at: $now, status: 'active'})
