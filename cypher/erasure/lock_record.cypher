// Lock a record before erasing it. Params: $key.
MATCH (r:Record {key: $key})
SET r._lock = true
REMOVE r._lock
RETURN [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS customer
