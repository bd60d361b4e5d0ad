// Customers known to provider A but not to provider B (e.g. Amazon buyers never seen in
// the Shopify store): active customers with a record at $provider_a and none at
// $provider_b. Columns: customer_id, records_at_a (keys), providers (all of the
// customer's providers); by customer id, at most $limit rows.
// Paste first (demo values):
// :param provider_a => 'amazon'
// :param provider_b => 'shopify'
// :param limit => 100
MATCH (c:Customer {status: 'active'})<-[:BELONGS_TO]-(r:Record {provider: $provider_a})
WHERE NOT EXISTS { (c)<-[:BELONGS_TO]-(:Record {provider: $provider_b}) }
WITH c, collect(r.key) AS records_at_a
ORDER BY c.id
LIMIT $limit
RETURN c.id AS customer_id,
       records_at_a,
       COLLECT {
         MATCH (c)<-[:BELONGS_TO]-(o:Record)
         RETURN DISTINCT o.provider AS p ORDER BY p
       } AS providers
