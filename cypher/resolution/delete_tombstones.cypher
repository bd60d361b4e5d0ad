// Records explicitly re-allowed after erasure are ingested again: their tombstones go.
// Params: $keys.
// replan=skip: a statistics change never replans this live-path statement mid-traffic
// (docs/scaling.md, "Query plans").
CYPHER replan=skip
UNWIND $keys AS key
MATCH (t:Tombstone {key: key})
DELETE t
