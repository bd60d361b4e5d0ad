// Identifiers that stop linking (too many records or people, or newly blocklisted); the open
// conflicts they alone bridged have nothing left to decide and close.
// Params: $rows [{key, reason}], $now.
UNWIND $rows AS row
MATCH (i:Identifier {key: row.key})
SET i.generic = true, i.generic_reason = row.reason
WITH DISTINCT i
MATCH (x:Conflict {status: 'open'})-[:BRIDGED_BY]->(i)
WHERE NOT EXISTS { (x)-[:BRIDGED_BY]->(other:Identifier) WHERE NOT other.generic }
SET x.status = 'resolved', x.resolved_at = $now,
    x.resolution = 'its bridging identifiers turned generic'
