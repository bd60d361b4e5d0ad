// The most recently touched pull-sync cursors (SyncCursor nodes), newest first, with
// whatever properties the sync stored. Params: $limit.
MATCH (s:SyncCursor)
RETURN properties(s) AS properties
ORDER BY coalesce(s.updated_at, s.last_run_at, s.created_at) DESC
LIMIT $limit
