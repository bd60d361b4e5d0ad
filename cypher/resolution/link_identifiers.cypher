// Live links record → identifier with provenance. Params: $rows [{record, identifier,
// provider, rule, observed}].
// observed arrives as UTC ISO text ending in 'Z' (graph_identity/store/wire_time.py); a
// LOCAL DATETIME last_seen of an older graph compares as UTC and is rewritten as DATETIME.
UNWIND $rows AS wire
WITH wire {.*, observed: datetime(wire.observed)} AS row
MATCH (r:Record {key: row.record}), (i:Identifier {key: row.identifier})
MERGE (r)-[h:HAS]->(i)
  ON CREATE SET h.provider = row.provider, h.rule = row.rule, h.first_seen = coalesce(row.observed, $now)
SET h.last_seen = CASE WHEN h.last_seen IS NULL THEN coalesce(row.observed, $now)
                       WHEN coalesce(row.observed, $now) > datetime({datetime: h.last_seen, timezone: 'UTC'})
                       THEN coalesce(row.observed, $now)
                       ELSE datetime({datetime: h.last_seen, timezone: 'UTC'}) END,
    h.rule = row.rule
