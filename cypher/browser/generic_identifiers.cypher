// Generic identifiers (blocklisted, or on more records than the per-kind limit) and what
// they touch: the records that carry them and those records' customers. They never link
// records, so each touched record usually belongs to a different customer.
// Columns: kind, masked, reason, records (how many carry it), customers (how many distinct
// customers those records belong to), and up to $sample paths identifier <- record ->
// customer for the Browser view.
// Paste first:
// :param sample => 10
MATCH (i:Identifier)
WHERE i.generic
WITH i,
     COLLECT {
       MATCH (i)<-[:HAS]-(:Record)-[:BELONGS_TO]->(c:Customer)
       RETURN DISTINCT c.id
     } AS customer_ids
RETURN i.kind AS kind,
       i.masked AS masked,
       i.generic_reason AS reason,
       COUNT { (i)<-[:HAS]-(:Record) } AS records,
       size(customer_ids) AS customers,
       [p = (i)<-[:HAS]-(:Record)-[:BELONGS_TO]->(:Customer) | p][..$sample] AS touches
ORDER BY records DESC, kind, masked
