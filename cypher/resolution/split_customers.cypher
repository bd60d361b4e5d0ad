// Split: move a disconnected part of a customer to a new customer. Params: $rows
// [{customer, new_customer, records}], $now.
UNWIND $rows AS row
MATCH (old:Customer {id: row.customer})
CREATE (n:Customer {id: row.new_customer, created_at: $now, status: 'active'})
WITH old, n, row
CALL (old, n, row) {
  UNWIND row.records AS key
  MATCH (r:Record {key: key})-[b:BELONGS_TO]->(old)
  DELETE b
  CREATE (r)-[:BELONGS_TO {since: $now}]->(n)
}
