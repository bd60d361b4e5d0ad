// The current customer of every record of the given providers (bench/quality.py reads its
// predicted clusters here). A held record (ambiguous, waiting for a decision) has none.
MATCH (r:Record)
WHERE r.provider IN $providers
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
RETURN r.key AS record, c.id AS customer
