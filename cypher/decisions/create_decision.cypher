// Store a human decision and close its conflict. Params: $id, $kind, $actor, $reason, $at,
// $conflict_id.
MATCH (x:Conflict {id: $conflict_id})
CREATE (d:Decision {id: $id, kind: $kind, actor: $actor, reason: $reason, at: $at,
                    conflict_id: $conflict_id})
CREATE (d)-[:DECIDES]->(x)
SET x.status = 'resolved', x.resolved_at = $at, x.resolution = $kind
