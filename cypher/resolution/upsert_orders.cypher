// Orders of records. Params: $rows [{record, key, order_id, number, total, currency,
// created_at, channel}].
// created_at arrives as UTC ISO text ending in 'Z' (graph_identity/store/wire_time.py).
UNWIND $rows AS wire
WITH wire {.*, created_at: datetime(wire.created_at)} AS row
MATCH (r:Record {key: row.record})
MERGE (o:Order {key: row.key})
SET o.order_id = row.order_id, o.number = row.number, o.total = row.total,
    o.currency = row.currency, o.created_at = row.created_at, o.channel = row.channel
MERGE (r)-[:PLACED]->(o)
