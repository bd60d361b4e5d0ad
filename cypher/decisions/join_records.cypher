// A merge decision joins every record of the merged customer (a human-made link).
// Params: $decision, $customer.
MATCH (d:Decision {id: $decision}), (c:Customer {id: $customer})<-[:BELONGS_TO]-(r:Record)
CREATE (d)-[:JOINS]->(r)
