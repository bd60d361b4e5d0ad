// Let an erased record be ingested again. Params: $key. Returns nothing when not erased.
MATCH (t:Tombstone {key: $key})
SET t.replay_allowed = true
RETURN t.key AS key
