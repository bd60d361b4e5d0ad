// The most recently touched import files (ImportCheckpoint nodes), newest first.
// Params: $limit.
MATCH (k:ImportCheckpoint)
RETURN k.id AS id, k.path AS path, k.provider AS provider, k.format AS format,
       k.size AS size, k.last_row AS last_row, k.status AS status,
       k.started_at AS started_at, k.updated_at AS updated_at
ORDER BY k.updated_at DESC, k.id
LIMIT $limit
