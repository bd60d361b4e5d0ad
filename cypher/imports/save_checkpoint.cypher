// Record the last committed row of an import file. Params: $id (the file identity),
// $path, $provider, $format, $size, $last_row, $status ('running' | 'done'), $now.
MERGE (k:ImportCheckpoint {id: $id})
  ON CREATE SET k.started_at = $now
SET k.path = $path, k.provider = $provider, k.format = $format, k.size = $size,
    k.last_row = $last_row, k.status = $status, k.updated_at = $now
