// Customers left without records (their last record was erased). Params: $ids.
// replan=skip: a statistics change never replans this live-path statement mid-traffic
// (docs/scaling.md, "Query plans").
CYPHER replan=skip
UNWIND $ids AS id
MATCH (c:Customer {id: id})
WHERE NOT EXISTS { (c)<-[:BELONGS_TO]-(:Record) }
SET c.status = 'empty'
