// The most recently touched pull-sync streams (SyncCursor nodes), newest first. The page
// position is left out: it is the provider's opaque paging token. Params: $limit.
MATCH (s:SyncCursor)
RETURN s.provider AS provider, s.account AS account, s.stream AS stream, s.status AS status,
       s.run_started AS run_started, s.watermark AS watermark, s.updated_at AS updated_at
ORDER BY s.updated_at DESC, s.id
LIMIT $limit
