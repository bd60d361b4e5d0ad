// Identifiers that stop linking (too many records, or newly blocklisted).
// Params: $rows [{key, reason}].
UNWIND $rows AS row
MATCH (i:Identifier {key: row.key})
SET i.generic = true, i.generic_reason = row.reason
