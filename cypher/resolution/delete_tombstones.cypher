// Records explicitly re-allowed after erasure are ingested again: their tombstones go.
// Params: $keys.
UNWIND $keys AS key
MATCH (t:Tombstone {key: key})
DELETE t
