// An assign decision names the record and the customer it joins. Params: $decision, $key,
// $customer.
MATCH (d:Decision {id: $decision}), (r:Record {key: $key}), (c:Customer {id: $customer})
CREATE (d)-[:ASSIGNS]->(r)
CREATE (d)-[:TO]->(c)
