// Put a record into one customer (its only membership). Params: $key, $customer, $at.
MATCH (r:Record {key: $key}), (c:Customer {id: $customer})
CALL (r, c) {
  MATCH (r)-[b:BELONGS_TO]->(old:Customer)
  WHERE old <> c
  DELETE b
}
MERGE (r)-[b:BELONGS_TO]->(c)
  ON CREATE SET b.since = $at
SET r.status = 'active'
