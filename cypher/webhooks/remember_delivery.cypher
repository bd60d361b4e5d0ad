// Remember webhook deliveries' replay keys (delivery ids and body digests), in the same
// write transaction as the ingest of their records: one delivery, or every delivery of a
// group commit at once. For each delivery, `known` counts keys an earlier delivery already
// left (one earlier in the same list included): MERGE on the unique key waits for a
// concurrent transaction holding the same key to commit (then the key is known) or roll
// back (then this one creates it).
// Params: $deliveries [{index, keys (sorted), provider, topic, attempt}], $now.
UNWIND $deliveries AS delivery
CALL (delivery) {
  UNWIND delivery.keys AS key
  MERGE (d:WebhookDelivery {key: key})
    ON CREATE SET
      d.provider = delivery.provider,
      d.topic = delivery.topic,
      d.received_at = $now,
      d.attempt = delivery.attempt
  RETURN count(d) - count(CASE WHEN d.attempt = delivery.attempt THEN 1 END) AS known
}
RETURN delivery.index AS index, known
