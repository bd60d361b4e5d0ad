// Live links record → identifier with provenance. Params: $rows [{record, identifier,
// provider, rule, observed}].
// observed arrives as ISO text (graph_identity/store/wire_time.py).
UNWIND $rows AS wire
WITH wire {.*, observed: CASE WHEN wire.observed ENDS WITH 'Z' THEN datetime(wire.observed) ELSE localdatetime(wire.observed) END} AS row
MATCH (r:Record {key: row.record}), (i:Identifier {key: row.identifier})
MERGE (r)-[h:HAS]->(i)
  ON CREATE SET h.provider = row.provider, h.rule = row.rule, h.first_seen = coalesce(row.observed, $now)
SET h.last_seen = CASE WHEN h.last_seen IS NULL OR coalesce(row.observed, $now) > h.last_seen
                       THEN coalesce(row.observed, $now) ELSE h.last_seen END,
    h.rule = row.rule
