// Provider coverage: for each provider, how many records it holds, how many active
// customers have at least one record there, and how many customers are known ONLY there
// (no record at any other provider). Held records (waiting for a decision) count as
// records but reach no customer.
// Columns: provider, records, customers, only_here; by provider.
// Paste first: nothing (no parameters).
MATCH (r:Record)
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
WITH r.provider AS provider, count(r) AS records, collect(DISTINCT c) AS customers
RETURN provider,
       records,
       size(customers) AS customers,
       size([c IN customers
             WHERE NOT EXISTS {
               (c)<-[:BELONGS_TO]-(o:Record) WHERE o.provider <> provider
             }]) AS only_here
ORDER BY provider
