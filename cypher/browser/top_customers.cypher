// The customers with the most records: where one person's data is most scattered (or where
// an over-eager link glued people together — check the biggest ones first).
// Columns: customer_id, records, providers (distinct, sorted), identifiers (live, distinct),
// orders; largest first.
// Paste first:
// :param limit => 10
MATCH (c:Customer {status: 'active'})<-[:BELONGS_TO]-(r:Record)
WITH c, count(r) AS records, collect(DISTINCT r.provider) AS providers
ORDER BY records DESC, c.id
LIMIT $limit
RETURN c.id AS customer_id,
       records,
       COLLECT { UNWIND providers AS p RETURN p ORDER BY p } AS providers,
       size(COLLECT {
         MATCH (c)<-[:BELONGS_TO]-(:Record)-[:HAS]->(i:Identifier)
         RETURN DISTINCT i
       }) AS identifiers,
       COUNT { (c)<-[:BELONGS_TO]-(:Record)-[:PLACED]->(:Order) } AS orders
