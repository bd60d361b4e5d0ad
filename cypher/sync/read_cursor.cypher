// The cursor of one sync stream. Params: $id ('provider:account:stream').
MATCH (s:SyncCursor {id: $id})
RETURN s.status AS status, s.position AS position, s.run_since AS run_since,
       s.run_started AS run_started, s.watermark AS watermark
