// Health: how many active customers have 1, 2, 3, … records. A long tail of huge customers
// is a sign of an identifier that should be generic.
// Columns: size (records per customer), customers; by size.
// Paste first: nothing (no parameters).
MATCH (c:Customer {status: 'active'})
WITH c, COUNT { (c)<-[:BELONGS_TO]-(:Record) } AS size
WHERE size > 0
RETURN size, count(c) AS customers
ORDER BY size
