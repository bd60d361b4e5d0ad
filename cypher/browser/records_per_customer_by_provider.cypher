// Health: for each provider, how many of its records each customer has on average (above 1
// means the provider keeps duplicates: POS email-only and phone-only records, guest
// checkouts) and the most any one customer has.
// Columns: provider, customers, records, mean, max; by provider.
// Paste first: nothing (no parameters).
MATCH (r:Record)-[:BELONGS_TO]->(c:Customer {status: 'active'})
WITH r.provider AS provider, c, count(r) AS n
RETURN provider,
       count(c) AS customers,
       sum(n) AS records,
       round(avg(n), 3) AS mean,
       max(n) AS max
ORDER BY provider
