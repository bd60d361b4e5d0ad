// Record where a sync stream got to, after the page's records committed. Params: $id,
// $provider, $account, $stream, $status ('running' | 'done'), $position (the next page to
// fetch, null when done), $run_since (the lower bound the run fetches from), $run_started,
// $watermark (where the next incremental run starts), $now.
MERGE (s:SyncCursor {id: $id})
  ON CREATE SET s.created_at = $now
SET s.provider = $provider, s.account = $account, s.stream = $stream, s.status = $status,
    s.position = $position, s.run_since = $run_since, s.run_started = $run_started,
    s.watermark = $watermark, s.updated_at = $now
