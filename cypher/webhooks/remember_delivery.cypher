// Remember a webhook delivery's replay keys (delivery ids and body digest), in the same
// write transaction as the ingest of its record. `known` counts keys an earlier delivery
// already left: MERGE on the unique key waits for a concurrent transaction holding the same
// key to commit (then the key is known) or roll back (then this one creates it).
UNWIND $keys AS key
MERGE (d:WebhookDelivery {key: key})
  ON CREATE SET
    d.provider = $provider,
    d.topic = $topic,
    d.received_at = $now,
    d.attempt = $attempt
RETURN count(d) - count(CASE WHEN d.attempt = $attempt THEN 1 END) AS known
